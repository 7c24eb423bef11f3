import * as assert from 'assert';
import fc from 'fast-check';
import { agreement, agreementMarkdown, lineAt } from '../../src/core/agreement';
import { alphaFamily } from '../../src/core/intercoder/family';
import { anchorOf, breakdownRows, shownPassages, transcriptLink } from '../../src/core/intercoder/breakdown';
import { teamMarkdown, teamTables } from '../../src/core/intercoder/team';
import { agreementTables } from '../../src/core/intercoder/sheets';
import { Study } from '../../src/core/study';
import type { Code, Coding, TranscriptDocument } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';

// Issue 22 §3: per transcript, where the coders diverge most, linked to the disagreeing passages.
const FRONT = '---\na: 1\n---\n';
const B = FRONT.length;
const BODY = Array.from({ length: 10 }, (_, i) => `line ${i} ${'x'.repeat(14)}`).join('\n'); // 10 lines of 21 chars + \n
const TEXT = FRONT + BODY;
const CODES: Code[] = [
  { id: 'D1', name: 'D1', color: '#000000' },
  { id: 's1', name: 's1', color: '#000000', parent: 'D1' },
  { id: 's2', name: 's2', color: '#000000', parent: 'D1' },
  { id: 'D2', name: 'D2', color: '#000000' },
];
let n = 0;
const c = (doc: string, coder: string, code: string, start: number, end: number): Coding => ({
  id: `b${++n}`,
  doc,
  coder,
  codes: [code],
  start: B + start,
  end: B + end,
  quote: '',
  prefix: '',
  suffix: '',
  created: 't',
});
const docOf = (path: string): TranscriptDocument => ({ path, attributes: {}, bodyStart: B, length: TEXT.length, title: path });
const studyOf = (docs: string[], codings: Coding[]): Study => new Study({ ...emptyProject('t'), codes: CODES }, docs.map(docOf), codings);
const text = (): string => TEXT;

describe('agreement per transcript, with links to the disagreeing passages', () => {
  it('ranks the transcripts least agreement first, with the pair’s κ and the count of passages', () => {
    const study = studyOf(
      ['t/same.md', 't/apart.md'],
      [
        c('t/same.md', 'eva', 's1', 0, 40),
        c('t/same.md', 'sam', 's1', 0, 40),
        c('t/apart.md', 'eva', 's1', 0, 40),
        c('t/apart.md', 'sam', 's1', 20, 60),
        c('t/apart.md', 'sam', 's2', 100, 120),
      ],
    );
    const r = agreement(study, 'eva', 'sam', text);
    const rows = breakdownRows(r.family, r);
    assert.deepStrictEqual(
      rows.map((x) => x.doc),
      ['t/apart.md', 't/same.md'],
    );
    assert.strictEqual(rows[1].alpha.alpha, 1);
    assert.strictEqual(rows[1].passages, 0);
    // apart: s1 only eva 0–20, only sam 40–60; s2 only sam 100–120
    assert.strictEqual(rows[0].passages, 3);
    const apart = r.perDoc.find((p) => p.doc === 't/apart.md')!.figures;
    assert.deepStrictEqual([apart.both, apart.onlyA, apart.onlyB], [20, 20, 40]);
    // two coders, no missing values: the pair's α is the family's α per transcript
    assert.strictEqual(apart.alpha.toFixed(9), rows[0].alpha.alpha.toFixed(9));
    const md = agreementMarkdown(study, r, { base: '..' });
    assert.match(
      md,
      new RegExp(`\\| t/apart.md \\| [-0-9.]+ \\| [0-9.]+ % \\| [-0-9.]+ \\| \\[3 passages\\]\\(#${anchorOf('t/apart.md')}\\) \\|`),
    );
    assert.match(md, new RegExp(`<a id="${anchorOf('t/apart.md')}"></a>\\n\\n### t/apart.md\\n`));
    // each passage links to its line: offset 100 of the body is on line 1 + 3 (front matter) + 4
    assert.match(md, /\| \[8\]\(\.\.\/t\/apart\.md#L8\) \| s2 \| {2}\| x+ line 5 x+ \|/);
    assert.ok(!md.includes(`id="${anchorOf('t/same.md')}"`), 'no passages, no anchor');
    const sheets = agreementTables(study, r);
    const perDoc = sheets.find((t) => t.title === 'Per transcript')!;
    assert.deepStrictEqual(perDoc.rows[0].slice(-1), [3]);
    assert.deepStrictEqual(sheets.find((t) => t.title === 'Disagreements')!.header.slice(0, 3), ['Transcript', 'Line', 'Code']);
  });

  it('three coders: who applied a code and who did not, per passage; a missing coder is in neither list', () => {
    const study = studyOf(
      ['t/a.md', 't/b.md'],
      [
        c('t/a.md', 'eva', 's1', 0, 40),
        c('t/a.md', 'sam', 's1', 0, 20),
        c('t/a.md', 'lin', 's1', 0, 40),
        c('t/b.md', 'eva', 'D2', 0, 10),
        c('t/b.md', 'lin', 'D2', 5, 10),
      ],
    );
    const f = alphaFamily(study, { coders: ['eva', 'sam', 'lin'] });
    assert.deepStrictEqual(
      f.passages.map((p) => [p.doc, p.code, p.start - B, p.end - B, p.applied]),
      [
        ['t/a.md', 's1', 20, 40, ['eva', 'lin']],
        ['t/b.md', 'D2', 0, 5, ['eva']],
      ],
    );
    const md = teamMarkdown(study, f, text, { base: 'x y' });
    assert.match(md, /\| \[4\]\(x%20y\/t\/a\.md#L4\) \| s1 \| eva, lin \| sam \| /);
    assert.match(md, /\| \[4\]\(x%20y\/t\/b\.md#L4\) \| D2 \| eva \| lin \| line \|/);
    assert.match(md, /\| t\/b\.md \| [-0-9.]+ \| sam \| \[1 passage\]\(#passages-t-b-md\) \|/);
    const tables = teamTables(study, f, text);
    assert.deepStrictEqual(
      tables.map((t) => t.title),
      ['Domains', 'Per transcript', 'Per code', 'Transcripts', 'Rules', 'Disagreements'],
    );
  });

  it('the passages are exactly the characters where the coders present disagree (property)', () => {
    const coding = fc.record({
      coder: fc.constantFrom('eva', 'sam', 'lin'),
      code: fc.constantFrom('s1', 's2', 'D2'),
      start: fc.integer({ min: 0, max: 80 }),
      len: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(coding, { maxLength: 12 }), (list) => {
        const codings = list.map((x) => c('t/a.md', x.coder, x.code, x.start, x.start + x.len));
        const study = studyOf(['t/a.md'], codings);
        const coders = ['eva', 'sam', 'lin'];
        const f = alphaFamily(study, { coders });
        const present = coders.filter((k) => codings.some((x) => x.coder === k));
        for (const code of ['s1', 's2', 'D2']) {
          const expected: number[] = [];
          if (present.length >= 2) {
            for (let i = B; i < TEXT.length; i++) {
              const has = present.filter((k) => codings.some((x) => x.coder === k && x.codes[0] === code && x.start <= i && i < x.end));
              if (has.length > 0 && has.length < present.length) {
                expected.push(i);
              }
            }
          }
          const got = f.passages
            .filter((p) => p.code === code)
            .flatMap((p) => Array.from({ length: p.end - p.start }, (_, k) => p.start + k));
          assert.deepStrictEqual(got, expected, code);
        }
        // passages of one code never touch with the same coders (merged)
        for (const code of ['s1', 's2', 'D2']) {
          const ps = f.passages.filter((p) => p.code === code);
          for (let i = 1; i < ps.length; i++) {
            const [a, b] = [ps[i - 1], ps[i]];
            assert.ok(!(a.end === b.start && a.applied.join() === b.applied.join()), 'adjacent passages merged');
          }
        }
      }),
    );
  });

  it('lines and links: lineAt counts newlines before the offset; links encode each path part', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', 'é') }), fc.nat(), (s, k) => {
        const at = s.length ? k % s.length : 0;
        assert.strictEqual(lineAt(s, at), s.slice(0, at).split('\n').length);
      }),
    );
    assert.strictEqual(transcriptLink('interviews/Café 1.md', 3, { base: '../' }), '../interviews/Caf%C3%A9%201.md#L3');
    assert.strictEqual(transcriptLink('a.md', 1), 'a.md#L1');
    assert.strictEqual(anchorOf('Interviews/Café 1.md'), 'passages-interviews-caf-1-md');
    // shown passages leave out whitespace-only stretches
    const study = studyOf(['t/a.md'], [c('t/a.md', 'eva', 's1', 20, 22), c('t/a.md', 'sam', 's1', 0, 10)]);
    const spaces = FRONT + ' '.repeat(BODY.length);
    const f = alphaFamily(study, { coders: ['eva', 'sam'] });
    assert.strictEqual(f.passages.length, 2);
    assert.strictEqual(shownPassages(f, () => spaces).length, 0);
  });
});
