import * as fc from 'fast-check';
import * as assert from 'assert';
import { Study } from '../../src/core/study';
import type { Coding } from '../../src/core/model';
import { makeAnchor } from '../../src/core/anchor';
import { TRANSCRIPT_A, offsetOf, smallProject } from './helpers';

const DOC = 'transcripts/A-1.md';
function coding(id: string, quote: string, codes: string[]): Coding {
  const [s, e] = offsetOf(TRANSCRIPT_A, quote);
  return { id, doc: DOC, coder: 'eva', codes, ...makeAnchor(TRANSCRIPT_A, s, e), created: '2020-10-06T10:00:00.000Z' };
}

describe('study model', () => {
  it('indexes codings by document and by code and fires one event per transaction', () => {
    const study = new Study(smallProject());
    const events: unknown[] = [];
    study.onDidChange((e) => events.push(e));
    study.transact('code', [
      { kind: 'addCoding', coding: coding('a', 'geen mandaat', ['mandaat']) },
      { kind: 'addCoding', coding: coding('b', 'middelen', ['middelen', 'hier']) },
    ]);
    assert.strictEqual(events.length, 1);
    assert.deepStrictEqual(
      study.codingsOf(DOC).map((c) => c.id),
      ['a', 'b'],
    );
    assert.deepStrictEqual(
      study.codingsWithCode('hier').map((c) => c.id),
      ['b'],
    );
    assert.deepStrictEqual(study.subtree('hier'), ['hier', 'mandaat', 'middelen']);
    assert.deepStrictEqual(
      study.codingsAt(DOC, offsetOf(TRANSCRIPT_A, 'mandaat')[0]).map((c) => c.id),
      ['a'],
    );
  });

  it('applies a transaction all or nothing', () => {
    const study = new Study(smallProject());
    assert.throws(() =>
      study.transact('bad', [
        { kind: 'addCoding', coding: coding('a', 'geen mandaat', ['mandaat']) },
        { kind: 'addCoding', coding: coding('b', 'middelen', ['no-such-code']) },
      ]),
    );
    assert.strictEqual(study.codingCount, 0);
    assert.strictEqual(study.canUndo, false);
  });

  it('undoes and redoes codings, code edits, moves and links', () => {
    const study = new Study(smallProject());
    study.transact('code', [{ kind: 'addCoding', coding: coding('a', 'geen mandaat', ['mandaat']) }]);
    study.transact('memo', [{ kind: 'updateCoding', id: 'a', patch: { memo: 'belangrijk' } }]);
    study.transact('rename', [{ kind: 'updateCode', id: 'mandaat', patch: { name: 'mandaat en eigenaarschap' } }]);
    study.transact('move', [{ kind: 'updateCode', id: 'mandaat', patch: { parent: null } }]);
    study.transact('unlink', [{ kind: 'removeLink', code: 'mandaat', factor: 'f-rollen' }]);
    assert.strictEqual(study.code('mandaat')!.parent, undefined);
    assert.deepStrictEqual(study.factorsOf('mandaat'), ['f-coord']);
    assert.strictEqual(study.undo(), 'unlink');
    assert.strictEqual(study.undo(), 'move');
    assert.strictEqual(study.code('mandaat')!.parent, 'hier');
    assert.strictEqual(study.undo(), 'rename');
    assert.strictEqual(study.code('mandaat')!.name, 'mandaat');
    assert.strictEqual(study.undo(), 'memo');
    assert.strictEqual(study.coding('a')!.memo, undefined);
    assert.strictEqual(study.undo(), 'code');
    assert.strictEqual(study.codingCount, 0);
    assert.strictEqual(study.redo(), 'code');
    assert.strictEqual(study.redo(), 'memo');
    assert.strictEqual(study.coding('a')!.memo, 'belangrijk');
  });

  it('refuses to delete a code that is still used, and to move a code under its own child', () => {
    const study = new Study(smallProject());
    study.transact('code', [{ kind: 'addCoding', coding: coding('a', 'geen mandaat', ['vertrouwen']) }]);
    assert.throws(() => study.transact('del', [{ kind: 'removeCode', id: 'vertrouwen' }]), /still used/);
    assert.throws(() => study.transact('mv', [{ kind: 'updateCode', id: 'hier', patch: { parent: 'mandaat' } }]), /under itself/);
  });

  it('moves codings through live edits, orphans deleted ones, and moves offsets kept for undo', () => {
    const study = new Study(smallProject());
    study.transact('code', [{ kind: 'addCoding', coding: coding('a', 'geen mandaat', ['mandaat']) }]);
    study.transact('code', [{ kind: 'addCoding', coding: coding('b', 'middelen', ['middelen']) }]);
    study.transact('uncode', [{ kind: 'removeCoding', id: 'b' }]);
    const at = offsetOf(TRANSCRIPT_A, 'geen mandaat')[0];
    // Type 5 characters before everything, then delete "geen mandaat" entirely.
    study.applyTextEdits(DOC, [{ start: 0, end: 0, newLength: 5 }]);
    assert.strictEqual(study.coding('a')!.start, at + 5);
    const r = study.applyTextEdits(DOC, [{ start: at + 5, end: at + 5 + 'geen mandaat'.length, newLength: 0 }]);
    assert.deepStrictEqual(
      r.orphaned.map((c) => c.id),
      ['a'],
    );
    assert.strictEqual(study.coding('a')!.orphaned, true);
    study.undo();
    const restored = study.coding('b')!;
    assert.strictEqual(restored.start, offsetOf(TRANSCRIPT_A, 'middelen')[0] + 5 - 'geen mandaat'.length);
  });
});

import { applyCodes, inVivoName, suggestCodes, trimSpan } from '../../src/core/coding';

describe('coding operations', () => {
  it('applies codes to several spans at once, trimming whitespace, without duplicating an existing coding', () => {
    const study = new Study(smallProject());
    const [s1, e1] = offsetOf(TRANSCRIPT_A, 'geen mandaat');
    const [s2, e2] = offsetOf(TRANSCRIPT_A, 'middelen en capaciteit');
    study.transact(
      'code',
      applyCodes(
        study,
        DOC,
        TRANSCRIPT_A,
        [
          { start: s1 - 1, end: e1 },
          { start: s2 - 1, end: e2 },
        ],
        ['mandaat'],
        'eva',
      ),
    );
    assert.deepStrictEqual(
      study.codingsOf(DOC).map((c) => c.quote),
      ['geen mandaat', 'middelen en capaciteit'],
    );
    const ops = applyCodes(study, DOC, TRANSCRIPT_A, [{ start: s1, end: e1 }], ['mandaat', 'hier'], 'eva');
    assert.deepStrictEqual(
      ops.map((o) => o.kind),
      ['updateCoding'],
    );
    study.transact('code', ops);
    assert.deepStrictEqual(study.codingsOf(DOC)[0].codes, ['mandaat', 'hier']);
    assert.deepStrictEqual(trimSpan('  ab  ', 0, 6), [2, 4]);
    const turn = '\n**Respondent A:** Ja. Geen mandaat.\n';
    assert.strictEqual(turn.slice(...trimSpan(turn, 0, turn.length)), 'Ja. Geen mandaat.', 'the speaker label is not part of the passage');
  });

  it('names in-vivo codes after the selected words', () => {
    assert.strictEqual(inVivoName('  “het netwerk is een eilandje”. '), 'het netwerk is een eilandje');
    // A long passage gives a few words, not the whole passage, and no dangling punctuation.
    assert.strictEqual(inVivoName('we hadden geen mandaat, dus we moesten steeds terug naar de wethouder'), 'we hadden geen mandaat');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const name = inVivoName(s);
        assert.ok(name.split(' ').length <= 5 && name === name.trim());
      }),
    );
  });

  it('suggests codes that share words with the selection', () => {
    const study = new Study(smallProject());
    const names = suggestCodes(study, 'Er is gewoon geen geld, geen capaciteit en geen mandaat.').map((c) => c.name);
    assert.deepStrictEqual(names.slice(0, 2), ['mandaat', 'middelen']);
  });
});
