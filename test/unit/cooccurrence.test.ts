/**
 * Co-occurrence (code × code on overlapping passages, src/core/matrix/count.ts) against the
 * drill-down (src/core/matrix/drillDown.ts), which finds each cell's codings pair by pair: on random
 * studies (codings with one to three codes, overlapping or not, several transcripts, respondents and
 * coders), every cell's count of codings equals the drill-down's list, and its count of transcripts
 * and respondents those of the list; with and without filters, top-level rows and the code tree.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { Study } from '../../src/core/study';
import type { Code, Coding, TranscriptDocument } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';
import type { MatrixOptions } from '../../src/core/matrix';
import { MatrixIndex, cellCodings, computeMatrix } from '../../src/core/matrix';

const CODES: Code[] = [
  { id: 'a', name: 'A', color: '#111111', polarity: 'belemmerend' },
  { id: 'a1', name: 'A1', color: '#111111', parent: 'a' },
  { id: 'a2', name: 'A2', color: '#111111', parent: 'a' },
  { id: 'a21', name: 'A21', color: '#111111', parent: 'a2' },
  { id: 'b', name: 'B', color: '#222222', polarity: 'stimulerend' },
  { id: 'b1', name: 'B1', color: '#222222', parent: 'b' },
  { id: 'c', name: 'C', color: '#333333' },
];
const DOCS = ['t/one.md', 't/two.md', 't/three.md'];
const RESPONDENTS = ['R1', 'R2', 'R1'];

function documents(): TranscriptDocument[] {
  return DOCS.map((path, i) => ({
    path,
    attributes: { case: i === 2 ? 'Q' : 'N', respondent: RESPONDENTS[i] },
    bodyStart: 0,
    length: 400,
    title: path,
  }));
}

const codingArb = fc.record({
  doc: fc.nat(DOCS.length - 1),
  coder: fc.constantFrom('eva', 'sam'),
  codes: fc.uniqueArray(fc.nat(CODES.length - 1), { minLength: 1, maxLength: 3 }),
  start: fc.nat(300),
  len: fc.integer({ min: 1, max: 60 }),
});

const optionsArb: fc.Arbitrary<MatrixOptions> = fc.record({
  rows: fc.constantFrom('top' as const, 'tree' as const),
  columns: fc.constant({ kind: 'code' as const }),
  measure: fc.constant('codings' as const),
  filters: fc.constantFrom({}, { coders: ['eva'] }, { cases: ['N'] }, { polarity: ['belemmerend'] }),
});

describe('co-occurrence equals the pair-by-pair drill-down', () => {
  it('every cell: codings, transcripts and respondents of its drill-down list', () => {
    fc.assert(
      fc.property(fc.array(codingArb, { maxLength: 40 }), optionsArb, (specs, options) => {
        const codings: Coding[] = specs.map((s, i) => ({
          id: `k${i}`,
          doc: DOCS[s.doc],
          coder: s.coder,
          codes: s.codes.map((c) => CODES[c].id),
          start: s.start,
          end: s.start + s.len,
          quote: '',
          prefix: '',
          suffix: '',
          created: '2021-01-01T00:00:00Z',
        }));
        const study = new Study({ ...emptyProject('cooc'), codes: CODES }, documents(), codings);
        const index = new MatrixIndex(study);
        const byId = new Map(codings.map((c) => [c.id, c]));
        const m = computeMatrix(index, options);
        const docs = computeMatrix(index, { ...options, measure: 'transcripts' });
        const resps = computeMatrix(index, { ...options, measure: 'respondents' });
        m.rows.forEach((r, i) =>
          m.columns.forEach((col, j) => {
            const list = cellCodings(index, options, r.code, col.key).map((id) => byId.get(id)!);
            const at = `${r.code} × ${col.key}`;
            assert.strictEqual(m.values[i * m.columns.length + j], list.length, at);
            assert.strictEqual(docs.values[i * m.columns.length + j], new Set(list.map((c) => c.doc)).size, at);
            const respondents = new Set(list.map((c) => RESPONDENTS[DOCS.indexOf(c.doc)]));
            assert.strictEqual(resps.values[i * m.columns.length + j], respondents.size, at);
          }),
        );
      }),
      { numRuns: 200 },
    );
  });
});
