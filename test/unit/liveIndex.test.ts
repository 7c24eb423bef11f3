/**
 * The live matrix index (src/core/matrix/liveIndex.ts): after any sequence of coding operations
 * (add, remove, recode, move, orphan, several transcripts at once, undo, redo), the index kept up to
 * date from the study's change events equals a fresh build — its arrays, and every matrix computed
 * from it for several options, with caches filled in between so a stale one would show.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { Study } from '../../src/core/study';
import type { Operation } from '../../src/core/study';
import type { Code, Coding, TranscriptDocument } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';
import type { MatrixOptions } from '../../src/core/matrix';
import { MatrixIndex, computeMatrix, updateMatrixIndex } from '../../src/core/matrix';

const CODES: Code[] = [
  { id: 'a', name: 'A', color: '#111111', polarity: 'belemmerend' },
  { id: 'a1', name: 'A1', color: '#111111', parent: 'a' },
  { id: 'a2', name: 'A2', color: '#111111', parent: 'a', origin: 'in-vivo' },
  { id: 'b', name: 'B', color: '#222222', polarity: 'stimulerend' },
  { id: 'b1', name: 'B1', color: '#222222', parent: 'b' },
  { id: 'c', name: 'C', color: '#333333' },
];
const DOCS = ['t/one.md', 't/two.md', 't/three.md', 't/four.md'];
const ALL_DOCS = [...DOCS, 't/missing.md'];
const CODERS = ['eva', 'sam', 'kim'];

function documents(): TranscriptDocument[] {
  const attrs: Array<Record<string, string>> = [
    { case: 'NDS', respondent: 'R2' },
    { case: 'NDS', respondent: 'R1' },
    { case: 'QIHR', respondent: 'R2' },
    { case: 'QIHR' },
  ];
  return DOCS.map((path, i) => ({ path, attributes: attrs[i], bodyStart: 0, length: 1000, title: path }));
}

const OPTIONS: MatrixOptions[] = [
  { rows: 'tree', columns: { kind: 'case' }, measure: 'codings' },
  { rows: 'top', columns: { kind: 'respondent' }, measure: 'transcripts' },
  { rows: 'tree', columns: { kind: 'transcript' }, measure: 'respondents' },
  { rows: 'tree', columns: { kind: 'code' }, measure: 'codings' },
  { rows: 'tree', columns: { kind: 'attribute', key: 'case' }, measure: 'rowPercent', filters: { coders: ['eva'] } },
  { rows: 'top', columns: { kind: 'case' }, measure: 'columnPercent', filters: { polarity: ['belemmerend'], cases: ['NDS'] } },
];

type Step =
  | { kind: 'add'; doc: number; coder: number; codes: number[]; start: number; len: number; also?: number }
  | { kind: 'bulk'; doc: number; n: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'recode'; pick: number; codes: number[] }
  | { kind: 'move'; pick: number; start: number; len: number }
  | { kind: 'orphan'; pick: number; orphaned: boolean }
  | { kind: 'undo' }
  | { kind: 'redo' };

const codeList = fc.uniqueArray(fc.nat(CODES.length - 1), { minLength: 1, maxLength: 3 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    doc: fc.nat(ALL_DOCS.length - 1),
    coder: fc.nat(CODERS.length - 1),
    codes: codeList,
    start: fc.nat(900),
    len: fc.nat(80),
    also: fc.option(fc.nat(ALL_DOCS.length - 1), { nil: undefined }),
  }),
  // Many codings at once (a paste, an import): more than the live index splices one by one.
  fc.record({ kind: fc.constant('bulk' as const), doc: fc.nat(ALL_DOCS.length - 1), n: fc.integer({ min: 5, max: 14 }) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('recode' as const), pick: fc.nat(), codes: codeList }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), start: fc.nat(900), len: fc.nat(80) }),
  fc.record({ kind: fc.constant('orphan' as const), pick: fc.nat(), orphaned: fc.boolean() }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const }),
);

let serial = 0;
function coding(doc: string, coder: string, codes: string[], start: number, len: number): Coding {
  return {
    id: `c${serial++}`,
    doc,
    coder,
    codes,
    start,
    end: start + len,
    quote: 'x',
    prefix: '',
    suffix: '',
    created: '2021-01-01T00:00:00Z',
  };
}

function operations(study: Study, s: Step): Operation[] | undefined {
  const all = [...study.allCodings()].sort((x, y) => (x.id < y.id ? -1 : 1));
  const picked = 'pick' in s && all.length > 0 ? all[s.pick % all.length] : undefined;
  switch (s.kind) {
    case 'add': {
      const make = (doc: number) =>
        coding(
          ALL_DOCS[doc],
          CODERS[s.coder],
          s.codes.map((i) => CODES[i].id),
          s.start,
          s.len,
        );
      const ops: Operation[] = [{ kind: 'addCoding', coding: make(s.doc) }];
      if (s.also !== undefined) {
        ops.push({ kind: 'addCoding', coding: make(s.also) });
      }
      return ops;
    }
    case 'bulk':
      return Array.from({ length: s.n }, (_, i) => ({
        kind: 'addCoding' as const,
        coding: coding(ALL_DOCS[s.doc], CODERS[i % 2], [CODES[i % CODES.length].id], 37 * i, 10 + i),
      }));
    case 'remove':
      return picked && [{ kind: 'removeCoding', id: picked.id }];
    case 'recode':
      return picked && [{ kind: 'updateCoding', id: picked.id, patch: { codes: s.codes.map((i) => CODES[i].id) } }];
    case 'move':
      return picked && [{ kind: 'updateCoding', id: picked.id, patch: { start: s.start, end: s.start + s.len } }];
    case 'orphan':
      return picked && [{ kind: 'updateCoding', id: picked.id, patch: { orphaned: s.orphaned || undefined } }];
    default:
      return undefined;
  }
}

function sameIndex(live: MatrixIndex, fresh: MatrixIndex, trail: string): void {
  assert.deepStrictEqual(live.codingIds, fresh.codingIds, trail);
  for (const key of ['cDoc', 'cCoder', 'cStart', 'cEnd', 'cCodesStart', 'cCodes'] as const) {
    assert.deepStrictEqual([...live[key]], [...fresh[key]], `${key} after ${trail}`);
  }
  assert.deepStrictEqual(live.coders, fresh.coders, trail);
  assert.strictEqual(live.uncounted, fresh.uncounted, trail);
  for (const o of OPTIONS) {
    assert.deepStrictEqual(computeMatrix(live, o), computeMatrix(fresh, o), `${JSON.stringify(o)} after ${trail}`);
  }
}

describe('live matrix index (core/matrix/liveIndex)', () => {
  it('equals a fresh build after any sequence of coding operations', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const project = { ...emptyProject('live'), codes: CODES, coders: [{ id: 'eva' }] };
        const initial = [coding(DOCS[0], 'eva', ['a1'], 10, 20), coding(DOCS[1], 'sam', ['b1', 'c'], 40, 5)];
        const study = new Study(project, documents(), initial);
        let live = new MatrixIndex(study);
        let updated = 0;
        study.onDidChange((change) => {
          if (updateMatrixIndex(live, change)) {
            updated++;
          } else {
            live = new MatrixIndex(study);
          }
        });
        const trail: string[] = [];
        for (const s of steps) {
          // Fill the caches (prepared rows, overlaps) so that one left stale would show.
          OPTIONS.forEach((o) => computeMatrix(live, o));
          const ops = operations(study, s);
          trail.push(s.kind);
          try {
            if (s.kind === 'undo') {
              study.undo();
            } else if (s.kind === 'redo') {
              study.redo();
            } else if (ops) {
              study.transact(s.kind, ops);
            }
          } catch {
            // Refused (an invalid operation): the study is unchanged, and so must the index be.
          }
          sameIndex(live, new MatrixIndex(study), trail.join(', '));
        }
        return updated >= 0;
      }),
      { numRuns: 150 },
    );
  });
});
