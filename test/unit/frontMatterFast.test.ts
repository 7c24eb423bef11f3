/**
 * The plain front-matter reader (plainFrontMatter in src/core/frontMatter.ts) against the YAML parser:
 * on front matter built from plain words, numbers, dates and YAML's tricky tokens (null, booleans,
 * octal, hex, floats, quotes, comments, colons, tabs, CR, repeated keys), whenever it answers it must
 * give exactly what the parser gives; and it must answer for the front matter transcripts usually have.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { parseDocument } from 'yaml';
import { parseFrontMatter, plainFrontMatter } from '../../src/core/frontMatter';

const TOKENS = [
  'a',
  'Z',
  'x',
  'o',
  'e',
  'E',
  '0',
  '1',
  '7',
  '9',
  '-',
  '.',
  ',',
  '/',
  '_',
  ' ',
  '  ',
  ':',
  ': ',
  '#',
  ' #',
  '"',
  "'",
  '\t',
  '\r',
  '~',
  '+',
  'null',
  'True',
  'FALSE',
  'yes',
  'inf',
  '.inf',
  '.nan',
  '0x',
  '0o',
  'e5',
  '2021-01-01',
  '[',
  '{',
  '&',
  '*',
  '!',
  '|',
  '>',
  '%',
  '@',
  '`',
  '?',
  'é',
  '\u00a0',
];
const piece = fc.array(fc.constantFrom(...TOKENS), { minLength: 0, maxLength: 6 }).map((t) => t.join(''));
const word = fc.constantFrom(
  'NDS',
  'R01',
  'Beleid',
  'en',
  'a',
  'x',
  'e',
  'E',
  '0',
  '1',
  '12',
  '007',
  '1e3',
  '0x1F',
  '0o7',
  '1.5',
  '2021',
  '01',
  'null',
  'True',
  'no',
);
const glue = fc.constantFrom(' ', '-', '.', ',', '/', '_', '', ' - ');
const plainish = fc
  .tuple(word, fc.array(fc.tuple(glue, word), { maxLength: 3 }))
  .map(([w, rest]) => w + rest.map(([g, x]) => g + x).join(''));
const key = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('case', 'respondent', 'interview', 'date', 'title', 'null', 'true', 'x1', 'a_b', 'Case', 'e') },
  { weight: 1, arbitrary: piece },
);
const value = fc.oneof({ weight: 12, arbitrary: plainish }, { weight: 1, arbitrary: piece });
const line = fc.oneof(
  {
    weight: 24,
    arbitrary: fc.tuple(key, fc.constantFrom(': ', ': ', ': ', ':  ', ':', ' : ', ':\t'), value).map(([k, sep, v]) => k + sep + v),
  },
  { weight: 1, arbitrary: piece },
);
const block = fc.array(line, { minLength: 0, maxLength: 6 }).map((ls) => ls.join('\n'));

function parserReads(yamlText: string): unknown {
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  return doc.errors.length > 0 ? 'error' : doc.toJS();
}

describe('plain front matter, without the YAML parser', () => {
  it('gives what the YAML parser gives whenever it answers (property)', () => {
    let answered = 0;
    fc.assert(
      fc.property(block, (yamlText) => {
        const fast = plainFrontMatter(yamlText);
        if (fast !== undefined) {
          answered++;
          assert.deepStrictEqual(fast, parserReads(yamlText), JSON.stringify(yamlText));
        }
      }),
      { numRuns: 5000 },
    );
    assert.ok(answered > 200, `answered only ${answered} times`);
  });

  it('reads the usual front matter itself, with numbers and dates as the parser reads them', () => {
    const yamlText = 'case: NDS\nrespondent: R01\ninterview: 1\nfunction_type: Beleid en uitvoering\ndate: 2021-01-01';
    const fast = plainFrontMatter(yamlText);
    assert.deepStrictEqual(fast, {
      case: 'NDS',
      respondent: 'R01',
      interview: 1,
      function_type: 'Beleid en uitvoering',
      date: '2021-01-01',
    });
    assert.deepStrictEqual(fast, parserReads(yamlText));
    assert.deepStrictEqual(parseFrontMatter(`---\n${yamlText}\n---\nbody`).attributes, fast);
  });

  it('leaves to the parser what it does not read plainly', () => {
    for (const yamlText of [
      'case: "NDS"',
      'case: NDS # comment',
      'interview: 007',
      'a: true',
      'a: null',
      'a: 1.5',
      'a: x\na: y',
      'a: x\r',
      'a:\tb',
      '',
    ]) {
      assert.strictEqual(plainFrontMatter(yamlText), undefined, yamlText);
    }
  });
});
