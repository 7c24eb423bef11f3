// Dutch and English: every string the extension shows goes through vscode.l10n.t and has a Dutch
// translation; the manifest's strings (package.nls.json) have one in package.nls.nl.json.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getL10nJson } from '@vscode/l10n-dev';

const REPO = path.resolve(__dirname, '../../..');

type Bundle = Record<string, string | { message: string; comment: string[] }>;

function readJson<T>(rel: string): T {
  return JSON.parse(fs.readFileSync(path.join(REPO, rel), 'utf8')) as T;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? sourceFiles(path.join(dir, e.name))
        : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')
          ? [path.join(dir, e.name)]
          : [],
    )
    .sort();
}

function messageOf(v: Bundle[string]): string {
  return typeof v === 'string' ? v : v.message;
}

/** The {0}, {1}, … of a message, sorted (a translation may reorder them, not drop or add one). */
function placeholders(text: string): string[] {
  return (text.match(/\{\d+\}/g) ?? []).sort();
}

/** What a manifest string must keep in every language: placeholders, command links, `code`. */
function invariants(text: string): string[] {
  return [...placeholders(text), ...(text.match(/\(command:[^)\s]+\)/g) ?? []).sort(), ...(text.match(/`[^`]+`/g) ?? []).sort()];
}

function differences(a: readonly string[], b: readonly string[]): { missing: string[]; extra: string[] } {
  const bs = new Set(b);
  const as = new Set(a);
  return { missing: a.filter((k) => !bs.has(k)), extra: b.filter((k) => !as.has(k)) };
}

describe('localisation: English and Dutch', function () {
  this.timeout(60000);

  let generated: Bundle;
  let base: Bundle;
  let dutch: Record<string, string>;

  before(async () => {
    const files = sourceFiles(path.join(REPO, 'src')).map((f) => ({ contents: fs.readFileSync(f, 'utf8'), extension: path.extname(f) }));
    generated = (await getL10nJson(files)) as Bundle;
    base = readJson<Bundle>('l10n/bundle.l10n.json');
    dutch = readJson<Record<string, string>>('l10n/bundle.l10n.nl.json');
  });

  it('l10n/bundle.l10n.json is what `npm run l10n` extracts from every vscode.l10n.t call in src/', () => {
    const d = differences(Object.keys(generated).sort(), Object.keys(base).sort());
    assert.ok(Object.keys(generated).length > 100, `${Object.keys(generated).length} strings extracted`);
    assert.deepStrictEqual(
      d,
      { missing: [], extra: [] },
      'run `npm run l10n`: missing = in src/ but not in the bundle, extra = in the bundle but no longer in src/',
    );
    for (const [k, v] of Object.entries(generated)) {
      assert.deepStrictEqual(base[k], v, k);
    }
  });

  it('every string of the bundle has a Dutch translation with the same placeholders', () => {
    const d = differences(Object.keys(base), Object.keys(dutch));
    assert.deepStrictEqual(d.missing, [], 'no Dutch translation in l10n/bundle.l10n.nl.json');
    assert.deepStrictEqual(d.extra, [], 'translated in l10n/bundle.l10n.nl.json but no longer in the base bundle');
    for (const [key, value] of Object.entries(base)) {
      const nl = dutch[key];
      assert.strictEqual(typeof nl, 'string', key);
      assert.ok(nl.trim().length > 0, `empty Dutch translation of “${key}”`);
      assert.deepStrictEqual(placeholders(nl), placeholders(messageOf(value)), `placeholders of “${key}” → “${nl}”`);
      assert.strictEqual(/^\$\(/.test(nl), /^\$\(/.test(messageOf(value)), `codicon of “${key}”`);
    }
  });

  it('every key of package.nls.json has a Dutch translation in package.nls.nl.json, with the same links and placeholders', () => {
    const en = readJson<Record<string, string>>('package.nls.json');
    const nl = readJson<Record<string, string>>('package.nls.nl.json');
    assert.deepStrictEqual(
      differences(Object.keys(en), Object.keys(nl)),
      { missing: [], extra: [] },
      'missing = not translated, extra = no longer in package.nls.json',
    );
    for (const [key, text] of Object.entries(en)) {
      assert.ok(nl[key].trim().length > 0, `empty translation of ${key}`);
      assert.deepStrictEqual(invariants(nl[key]), invariants(text), key);
    }
  });

  it('every %key% of package.json is in package.nls.json', () => {
    const manifest = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
    const en = readJson<Record<string, string>>('package.nls.json');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(used.length > 50);
    assert.deepStrictEqual(
      used.filter((k) => !(k in en)),
      [],
    );
  });

  it('src/ calls vscode.l10n.t directly (an alias hides its strings from the extractor)', () => {
    const offenders: string[] = [];
    for (const f of sourceFiles(path.join(REPO, 'src'))) {
      const text = fs.readFileSync(f, 'utf8');
      text.split('\n').forEach((line, i) => {
        const code = /^\s*(\*|\/\/|\/\*)/.test(line) ? '' : line;
        if (/\bl10n\.t\b(?!\s*\()/.test(code) || /\bl10n\.t\(\s*[A-Za-z_$]/.test(code)) {
          offenders.push(`${path.relative(REPO, f)}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('every sentence of the core (reports, refusals, file errors) is said with a literal l10n.t, so the bundle has it and Dutch translates it', async () => {
    const coreFiles = sourceFiles(path.join(REPO, 'src/core'));
    const said = (await getL10nJson(
      coreFiles.map((f) => ({ contents: fs.readFileSync(f, 'utf8'), extension: path.extname(f) })),
    )) as Bundle;
    const templates = Object.keys(said);
    assert.ok(templates.length > 40, `${templates.length} core templates`);
    // A template handed over as data (a bare string to StudyError, to a `t` parameter) is invisible to `npm run l10n`.
    const unsaid: string[] = [];
    for (const f of coreFiles) {
      const text = fs.readFileSync(f, 'utf8');
      const rel = path.relative(REPO, f);
      for (const m of text.matchAll(/(?:(?<![.\w])t\(|new StudyError\()\s*['"`]/g)) {
        unsaid.push(`${rel}: ${text.slice(m.index, m.index + 60)}`);
      }
    }
    assert.deepStrictEqual(unsaid, [], "say core templates with l10n.t('…') (import * as l10n from '@vscode/l10n')");
    assert.deepStrictEqual(
      templates.filter((t) => !(t in base)),
      [],
      'run npm run l10n',
    );
    assert.deepStrictEqual(
      templates.filter((t) => typeof dutch[t] !== 'string' || dutch[t].trim() === ''),
      [],
      'translate these in l10n/bundle.l10n.nl.json',
    );
  });

  it('the Dutch uses the researchers’ vocabulary', () => {
    const nl = Object.values(dutch).join('\n');
    for (const word of [
      'codeboom',
      'coderen',
      'citaat',
      'casus',
      'respondent',
      'belemmerend',
      'stimulerend',
      'neutraal',
      'literatuurfactor',
      'codeur',
      'overeenstemming',
    ]) {
      assert.ok(nl.toLowerCase().includes(word), word);
    }
    // one word for one thing
    for (const avoid of [/\bcitatie/i, /\bcase\b/i, /\bcodering\s*s\b/i, /\bcoder\b/]) {
      assert.ok(!avoid.test(nl), `${avoid} in ${nl.split('\n').find((l) => avoid.test(l))}`);
    }
  });
});
