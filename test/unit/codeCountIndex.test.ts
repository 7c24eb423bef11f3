/**
 * The code tree's counts kept up to date per transcript (src/core/codeCountIndex.ts, behind
 * codeCounts(study)): after any sequence of operations — codings added, removed, recoded, orphaned,
 * moved by text edits, replaced from disk; codes added, removed, moved under another parent,
 * reordered; transcripts removed and restored; undo and redo — they equal a fresh count of all
 * codings, read after every step so that a stale share would show.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { Study } from '../../src/core/study';
import type { Operation } from '../../src/core/study';
import type { Code, Coding, TranscriptDocument } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';
import { codeCounts } from '../../src/core/codebookOps';

const CODES: Code[] = [
  { id: 'a', name: 'A', color: '#111111' },
  { id: 'a1', name: 'A1', color: '#111111', parent: 'a' },
  { id: 'a11', name: 'A11', color: '#111111', parent: 'a1' },
  { id: 'a2', name: 'A2', color: '#111111', parent: 'a' },
  { id: 'b', name: 'B', color: '#222222' },
  { id: 'b1', name: 'B1', color: '#222222', parent: 'b' },
];
const NEW_CODES = ['n1', 'n2', 'n3'];
const DOCS = ['t/one.md', 't/two.md', 't/three.md'];
const ALL_DOCS = [...DOCS, 't/missing.md'];
const CODERS = ['eva', 'sam'];
const ALL_CODES = [...CODES.map((c) => c.id), ...NEW_CODES];

const documents = (paths: readonly string[]): TranscriptDocument[] =>
  paths.map((path) => ({ path, attributes: {}, bodyStart: 0, length: 1000, title: path }));

type Step =
  | { kind: 'add'; doc: number; coder: number; codes: number[]; start: number }
  | { kind: 'remove' | 'orphan' | 'unorphan'; pick: number }
  | { kind: 'recode'; pick: number; codes: number[] }
  | { kind: 'addCode'; code: number; parent: number }
  | { kind: 'removeCode' | 'moveCode'; code: number; index: number }
  | { kind: 'reparent'; code: number; parent: number }
  | { kind: 'edit'; doc: number; start: number; len: number }
  | { kind: 'dropDoc' | 'replace'; doc: number }
  | { kind: 'restoreDocs' | 'undo' | 'redo' };

const codes = fc.uniqueArray(fc.nat(ALL_CODES.length - 1), { minLength: 1, maxLength: 3 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), doc: fc.nat(3), coder: fc.nat(1), codes, start: fc.nat(900) }) },
  fc.record({ kind: fc.constantFrom('remove' as const, 'orphan' as const, 'unorphan' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('recode' as const), pick: fc.nat(), codes }),
  fc.record({ kind: fc.constant('addCode' as const), code: fc.nat(NEW_CODES.length - 1), parent: fc.nat(ALL_CODES.length) }),
  fc.record({ kind: fc.constantFrom('removeCode' as const, 'moveCode' as const), code: fc.nat(ALL_CODES.length - 1), index: fc.nat(8) }),
  fc.record({ kind: fc.constant('reparent' as const), code: fc.nat(ALL_CODES.length - 1), parent: fc.nat(ALL_CODES.length) }),
  fc.record({ kind: fc.constant('edit' as const), doc: fc.nat(2), start: fc.nat(900), len: fc.nat(300) }),
  fc.record({ kind: fc.constantFrom('dropDoc' as const, 'replace' as const), doc: fc.nat(2) }),
  fc.constantFrom({ kind: 'restoreDocs' as const }, { kind: 'undo' as const }, { kind: 'redo' as const }),
);

let serial = 0;
function coding(doc: string, coder: string, ids: string[], start: number): Coding {
  return {
    id: `c${serial++}`,
    doc,
    coder,
    codes: ids,
    start,
    end: start + 40,
    quote: 'x',
    prefix: '',
    suffix: '',
    created: '2021-01-01T00:00:00Z',
  };
}

function run(study: Study, s: Step): void {
  const all = [...study.allCodings()].sort((x, y) => (x.id < y.id ? -1 : 1));
  const picked = 'pick' in s && all.length > 0 ? all[s.pick % all.length] : undefined;
  const parentOf = (i: number) => (i < ALL_CODES.length ? ALL_CODES[i] : undefined);
  let ops: Operation[] | undefined;
  switch (s.kind) {
    case 'add':
      ops = [
        {
          kind: 'addCoding',
          coding: coding(
            ALL_DOCS[s.doc],
            CODERS[s.coder],
            s.codes.map((i) => ALL_CODES[i]),
            s.start,
          ),
        },
      ];
      break;
    case 'remove':
      ops = picked && [{ kind: 'removeCoding', id: picked.id }];
      break;
    case 'orphan':
    case 'unorphan':
      ops = picked && [{ kind: 'updateCoding', id: picked.id, patch: { orphaned: s.kind === 'orphan' || undefined } }];
      break;
    case 'recode':
      ops = picked && [{ kind: 'updateCoding', id: picked.id, patch: { codes: s.codes.map((i) => ALL_CODES[i]) } }];
      break;
    case 'addCode':
      ops = [{ kind: 'addCode', code: { id: NEW_CODES[s.code], name: NEW_CODES[s.code], color: '#333333', parent: parentOf(s.parent) } }];
      break;
    case 'removeCode':
      ops = [{ kind: 'removeCode', id: ALL_CODES[s.code] }];
      break;
    case 'moveCode':
      ops = [{ kind: 'moveCode', id: ALL_CODES[s.code], index: s.index }];
      break;
    case 'reparent':
      ops = [{ kind: 'updateCode', id: ALL_CODES[s.code], patch: { parent: parentOf(s.parent) ?? null } }];
      break;
    case 'edit':
      study.applyTextEdits(DOCS[s.doc], [{ start: s.start, end: s.start + s.len, newLength: 1 }]);
      return;
    case 'dropDoc':
      study.setDocuments(documents(study.documents.map((d) => d.path).filter((p) => p !== DOCS[s.doc])));
      return;
    case 'restoreDocs':
      study.setDocuments(documents(DOCS));
      return;
    case 'replace': {
      const kept = study.partitionCodings(DOCS[s.doc], 'eva').slice(1);
      study.replacePartition(DOCS[s.doc], 'eva', [...kept, coding(DOCS[s.doc], 'eva', ['a11', 'b'], 5)]);
      return;
    }
    case 'undo':
      study.undo();
      return;
    case 'redo':
      study.redo();
      return;
  }
  if (ops) {
    study.transact(s.kind, ops);
  }
}

describe('code tree counts kept up to date (core/codeCountIndex)', () => {
  it('equal a fresh count of all codings after any sequence of operations', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const project = { ...emptyProject('counts'), codes: CODES };
        const initial = [
          coding(DOCS[0], 'eva', ['a11'], 10),
          coding(DOCS[1], 'sam', ['a1', 'a11', 'b1'], 40),
          coding(ALL_DOCS[3], 'eva', ['a2'], 0),
        ];
        const study = new Study(project, documents(DOCS), initial);
        const trail: string[] = [];
        for (const s of steps) {
          trail.push(s.kind);
          try {
            run(study, s);
          } catch {
            // Refused (an invalid operation): the study is unchanged, and so must the counts be.
          }
          assert.deepStrictEqual(codeCounts(study), codeCounts(study, [...study.allCodings()]), trail.join(', '));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts a coding with a code and its subcode once in the subtree total, and orphans apart', () => {
    const study = new Study({ ...emptyProject('counts'), codes: CODES }, documents(DOCS), [
      coding(DOCS[0], 'eva', ['a1', 'a11'], 0),
      { ...coding(DOCS[0], 'eva', ['a2'], 50), orphaned: true },
    ]);
    const counts = codeCounts(study);
    assert.deepStrictEqual(counts.get('a'), { own: 0, total: 1, uncounted: 1 });
    assert.deepStrictEqual(counts.get('a1'), { own: 1, total: 1, uncounted: 0 });
    assert.deepStrictEqual(counts.get('a11'), { own: 1, total: 1, uncounted: 0 });
    study.transact('recode', [{ kind: 'updateCoding', id: study.codingsOf(DOCS[0])[0].id, patch: { codes: ['b1'] } }]);
    assert.deepStrictEqual(codeCounts(study).get('a'), { own: 0, total: 0, uncounted: 1 });
    assert.deepStrictEqual(codeCounts(study).get('b'), { own: 0, total: 1, uncounted: 0 });
  });
});
