/**
 * Adding codes at the end of the codebook goes in place (linear in a transaction of thousands, the
 * speed is measured in `npm run bench`): the study must read as one built from its codebook afresh,
 * lists handed out before must stay as they were, and undo must take every code back.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { Study } from '../../src/core/study';
import type { Operation } from '../../src/core/study';
import type { Code } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';

const BASE: Code[] = [
  { id: 'a', name: 'A', color: '#111111' },
  { id: 'a1', name: 'A1', color: '#111111', parent: 'a' },
];

function treeOf(study: Study): string[] {
  return study.treeOrder().map(({ code, depth }) => `${depth}:${code.id}<${code.parent ?? ''}`);
}

describe('codes added in one transaction (core/study insertCode)', () => {
  it('give the tree a study built from the same codebook has, and undo takes them all back (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ parent: fc.nat(40), index: fc.option(fc.nat(40), { nil: undefined }) }), { minLength: 1, maxLength: 30 }),
        (specs) => {
          const study = new Study({ ...emptyProject('codes'), codes: BASE });
          const before = study.codes;
          const snapshot = [...before];
          const ids = BASE.map((c) => c.id);
          const ops: Operation[] = specs.map((s, i) => {
            const id = `n${i}`;
            const parent = s.parent < ids.length ? ids[s.parent] : undefined;
            ids.push(id);
            return { kind: 'addCode', code: { id, name: id, color: '#222222', ...(parent ? { parent } : {}) }, index: s.index };
          });
          study.transact('add', ops);
          assert.deepStrictEqual(before, snapshot, 'a list handed out before is not changed');
          assert.strictEqual(study.codes.length, BASE.length + specs.length);
          const fresh = new Study({ ...emptyProject('codes'), codes: [...study.codes] });
          assert.deepStrictEqual(treeOf(study), treeOf(fresh));
          for (const c of study.codes) {
            assert.strictEqual(study.depthOf(c.id), fresh.depthOf(c.id), c.id);
            assert.deepStrictEqual(study.subtree(c.id), fresh.subtree(c.id), c.id);
          }
          study.undo();
          assert.deepStrictEqual(study.codes, BASE);
          assert.deepStrictEqual(treeOf(study), treeOf(new Study({ ...emptyProject('codes'), codes: BASE })));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('adds 5,000 codes in one transaction, each under the one before it where asked', () => {
    const study = new Study({ ...emptyProject('codes'), codes: BASE });
    const ops: Operation[] = Array.from({ length: 5000 }, (_, i) => ({
      kind: 'addCode' as const,
      code: { id: `k${i}`, name: `K${i}`, color: '#333333', ...(i % 10 === 0 ? {} : { parent: `k${i - 1}` }) },
    }));
    study.transact('import', ops);
    assert.strictEqual(study.codes.length, 5002);
    assert.strictEqual(study.depthOf('k9'), 9);
    assert.strictEqual(study.depthOf('k10'), 0);
    assert.deepStrictEqual(
      study.children('k3').map((c) => c.id),
      ['k4'],
    );
    assert.ok(study.projectDirty);
  });
});
