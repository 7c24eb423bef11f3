// Counts are said with the right form: "1 transcript", "2 transcripts", never "transcript(s)".
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { NOUNS, counted, en, uncountedSentence } from '../../src/core/plural';
import { loadL10nBundle } from '../../src/node/l10nBundle';
import { uncountedNote } from '../../src/core/exports/tables';

const REPO = path.resolve(__dirname, '../../..');
const BUNDLES = ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.nl.json', 'package.nls.json', 'package.nls.nl.json'];

/** "(s)", "(en)", "(n)", "/problemen" and the like: a word that leaves its number open. */
const OPEN_PLURAL = /\p{L}\((?:s|es|en|n|ies)\)|\p{L}\/\p{L}+en\b/u;

describe('plurals', () => {
  afterEach(() => loadL10nBundle('en', REPO));

  it('no string of any bundle leaves its number open with “(s)” or “(en)”', () => {
    for (const file of BUNDLES) {
      const bundle = JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8')) as Record<string, string>;
      const open = Object.entries(bundle).filter(([k, v]) => OPEN_PLURAL.test(k) || OPEN_PLURAL.test(v));
      assert.deepStrictEqual(open, [], file);
    }
  });

  it('no string literal of the sources (the English-only CLI and REFI notes too) leaves its number open', () => {
    const open: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          walk(p);
        } else if (e.name.endsWith('.ts')) {
          // string and template literals only: comments may explain the rule
          for (const m of fs.readFileSync(p, 'utf8').matchAll(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g)) {
            // ("(n)" alone is a call in code: numbered(n))
            if (OPEN_PLURAL.test(m[0].replace(/\p{L}\(n\)/gu, ''))) {
              open.push(`${path.relative(REPO, p)}: ${m[0].slice(0, 80)}`);
            }
          }
        }
      }
    };
    walk(path.join(REPO, 'src'));
    assert.deepStrictEqual(open, []);
  });

  it('the check itself catches the open forms', () => {
    for (const s of ['coder(s)', '{0} problem(s) found', 'codering(en)', '{0} probleem/problemen']) {
      assert.ok(OPEN_PLURAL.test(s), s);
    }
    for (const s of ['(s) => s', '{0} codings (orphaned)', 'Codes (a–z)']) {
      assert.ok(!OPEN_PLURAL.test(s), s);
    }
  });

  for (const lang of ['en', 'nl']) {
    it(`one is singular and every other number plural, for every noun (${lang})`, () => {
      loadL10nBundle(lang, REPO);
      for (const noun of NOUNS) {
        const one = counted(1, noun);
        const two = counted(2, noun);
        assert.match(one, /^1 \S/, `${noun}: ${one}`);
        assert.notStrictEqual(one.slice(2), two.slice(2), `${noun}: the singular differs from the plural`);
        fc.assert(
          fc.property(
            fc.nat(1_000_000).filter((n) => n !== 1),
            (n) => counted(n, noun) === `${n} ${two.slice(2)}`,
          ),
        );
      }
      assert.notStrictEqual(uncountedSentence(1), uncountedSentence(2).replace('2', '1'));
      assert.ok(uncountedSentence(7).startsWith('7 '));
    });
  }

  it('speaks Dutch plurals from the Dutch bundle', () => {
    loadL10nBundle('nl', REPO);
    assert.strictEqual(counted(1, 'transcript'), '1 transcript');
    assert.strictEqual(counted(3, 'transcript'), '3 transcripten');
    assert.strictEqual(counted(0, 'coding'), '0 coderingen');
    assert.strictEqual(counted(1, 'case'), '1 casus');
  });

  it('the exports’ note on orphaned codings: singular for one, plural otherwise, none for none', () => {
    assert.deepStrictEqual(uncountedNote(0), []);
    assert.deepStrictEqual(uncountedNote(1), ['1 orphaned coding (text changed or transcript missing) is not counted.']);
    assert.deepStrictEqual(uncountedNote(4), ['4 orphaned codings (text changed or transcript missing) are not counted.']);
  });

  it('English-only texts say 1 code, 2 codes', () => {
    assert.strictEqual(en(1, 'code shares', 'codes share'), '1 code shares');
    assert.strictEqual(en(0, 'code shares', 'codes share'), '0 codes share');
    assert.strictEqual(en(12, 'code', 'codes'), '12 codes');
  });
});
