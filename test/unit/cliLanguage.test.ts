/**
 * Exports in the study's language: `language` in codeboom.json decides the headings of every
 * export (the CLI: English without it; --lang overrides it); the labels of a bundle are the labels
 * the core makes when it speaks that language.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as l10n from '@vscode/l10n';
import { run } from './cliRun';
import { DEFAULT_LABELS, exportLabels, labelsFromBundle } from '../../src/core/exports/labels';
import { parseProjectFile } from '../../src/core/schema';
import { serializeProject } from '../../src/core/serialize';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLE = path.join(ROOT, 'sample/kennisdeling');
const NL = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n/bundle.l10n.nl.json'), 'utf8')) as Record<string, string>;

/** A copy of the sample study with `language` set (undefined: removed). */
function sampleIn(language: string | undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-lang-'));
  fs.cpSync(SAMPLE, dir, { recursive: true });
  const file = path.join(dir, 'codeboom.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.writeFileSync(file, JSON.stringify({ ...json, language }, null, 2));
  return dir;
}

const DUTCH_SYNTHESIS = /\| Empirische factor \| Polariteit \| Empirisch patroon \| Herkomst van de factor \| Analyse \|/;
const ENGLISH_SYNTHESIS = /\| Empirical factor \| Polarity \| Empirical pattern \| Origin of the factor \| Analysis \|/;

describe('exports in the study’s language (codeboom.json "language")', () => {
  const dirs: string[] = [];
  const study = (language: string | undefined): string => {
    const dir = sampleIn(language);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('a Dutch study gets Dutch headings from the CLI in every export; --lang en overrides it', async () => {
    const dir = study('nl');
    const synthesis = await run('export', 'synthesis', dir);
    assert.strictEqual(synthesis.code, 0, synthesis.err);
    assert.match(synthesis.out, DUTCH_SYNTHESIS);
    const matrix = await run('export', 'matrix', dir, '--format', 'md');
    assert.match(matrix.out, /Kolommen: Casussen · Maat: Coderingen/);
    const respondents = await run('export', 'respondents', dir);
    assert.match(respondents.out, /\| Respondent \| Functie en organisatie \|/);
    const english = await run('export', 'synthesis', dir, '--lang', 'en');
    assert.match(english.out, ENGLISH_SYNTHESIS);
  });

  it('a study without a language, or in English, gets English; --lang nl overrides it', async () => {
    assert.match((await run('export', 'synthesis', study(undefined))).out, ENGLISH_SYNTHESIS);
    const en = study('en');
    assert.match((await run('export', 'synthesis', en)).out, ENGLISH_SYNTHESIS);
    assert.match((await run('export', 'synthesis', en, '--lang', 'nl')).out, DUTCH_SYNTHESIS);
    // and the run after a Dutch study is English again
    await run('export', 'synthesis', study('nl'));
    assert.match((await run('export', 'synthesis', SAMPLE)).out, ENGLISH_SYNTHESIS);
  });

  it('a language Codeboom cannot write: a note, the export in English, exit 0', async () => {
    const r = await run('export', 'synthesis', study('fr'));
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.err, /note: codeboom\.json asks for language "fr"/);
    assert.match(r.out, ENGLISH_SYNTHESIS);
  });

  it('codeboom.json: language is a language code, kept when written', () => {
    const base = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'codeboom.json'), 'utf8'));
    const parsed = parseProjectFile('codeboom.json', JSON.stringify({ ...base, language: 'nl' }));
    assert.ok(parsed.ok);
    assert.strictEqual(parsed.value.language, 'nl');
    assert.strictEqual(JSON.parse(serializeProject(parsed.value)).language, 'nl');
    const bad = parseProjectFile('codeboom.json', JSON.stringify({ ...base, language: 'Dutch!' }));
    assert.ok(!bad.ok);
    assert.deepStrictEqual(bad.problems[0].path, ['language']);
  });

  it('the labels of a bundle are the labels the core makes in that language (the extension’s study language)', () => {
    assert.deepStrictEqual(labelsFromBundle({}), DEFAULT_LABELS);
    l10n.config({ contents: NL });
    try {
      assert.deepStrictEqual(labelsFromBundle(NL), exportLabels());
      assert.strictEqual(labelsFromBundle(NL).empiricalFactor, 'Empirische factor');
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
