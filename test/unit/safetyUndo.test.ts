/**
 * Offsets an undo or redo restores follow the typing, and a coding whose text is gone comes back as an orphan.
 */
import * as assert from 'assert';
import { makeAnchor } from '../../src/core/anchor';
import { Study } from '../../src/core/study';
import { TRANSCRIPT_A, offsetOf, smallProject } from './helpers';
import { DOC, codingOn } from './safetyHelpers';

describe('data safety: undo and redo after typing', () => {
  it('undo of a deletion whose text was deleted meanwhile brings the coding back as an orphan', () => {
    const study = new Study(smallProject());
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('geen mandaat', ['mandaat'], 'a') }]);
    study.transact('uncode', [{ kind: 'removeCoding', id: 'a' }]);
    const [s, e] = offsetOf(TRANSCRIPT_A, 'geen mandaat');
    study.applyTextEdits(DOC, [{ start: s - 3, end: e + 3, newLength: 0 }]);
    study.undo();
    const back = study.coding('a')!;
    assert.strictEqual(back.orphaned, true, 'its text is gone: it comes back as an orphan, not over other text');
  });

  it('redo of a re-attach lands where the passage is after typing before it', () => {
    const study = new Study(smallProject());
    const [s, e] = offsetOf(TRANSCRIPT_A, 'middelen en capaciteit');
    study.transact('code', [{ kind: 'addCoding', coding: { ...codingOn('geen mandaat', ['mandaat'], 'a'), orphaned: true } }]);
    study.transact('re-attach', [{ kind: 'updateCoding', id: 'a', patch: { ...makeAnchor(TRANSCRIPT_A, s, e), orphaned: undefined } }]);
    study.undo();
    study.applyTextEdits(DOC, [{ start: 0, end: 0, newLength: 4 }]);
    study.redo();
    const c = study.coding('a')!;
    assert.deepStrictEqual([c.start, c.end], [s + 4, e + 4]);
  });
});

describe('undo steps with an effect outside the records (pseudonymisation’s transcripts)', () => {
  it('undo and redo check the effect first (a refusal changes nothing, the step stays), then carry it out', () => {
    const study = new Study(smallProject());
    const log: string[] = [];
    let refuse = false;
    const effect = {
      check: (d: 'undo' | 'redo') => {
        if (refuse) {
          throw new Error(`refused ${d}`);
        }
      },
      apply: (d: 'undo' | 'redo') => log.push(d),
    };
    study.transact('pseudonymise', [{ kind: 'addCoding', coding: codingOn('geen mandaat', ['mandaat'], 'a') }], effect);
    refuse = true;
    assert.throws(() => study.undo(), /refused undo/);
    assert.ok(study.coding('a'), 'the step’s records are untouched');
    assert.strictEqual(study.undoLabel, 'pseudonymise', 'the step can still be undone');
    assert.deepStrictEqual(log, []);
    refuse = false;
    study.undo();
    assert.strictEqual(study.coding('a'), undefined);
    study.redo();
    assert.ok(study.coding('a'));
    assert.deepStrictEqual(log, ['undo', 'redo']);
  });
});
