/**
 * Codings files changed or deleted on disk while edits are pending, and changes made while a save runs.
 */
import * as assert from 'assert';
import { StudyStore, mergeCodings } from '../../src/core/store';
import { serializeCodingFile } from '../../src/core/serialize';
import { TRANSCRIPT_A, TRANSCRIPT_D, smallStudyFs } from './helpers';
import { DOC, EVA, PausingFileSystem, codingOn } from './safetyHelpers';

describe('data safety: codings files changed on disk', () => {
  it('keeps unsaved codings dirty after merging them with a codings file changed on disk', async () => {
    const fs = smallStudyFs();
    fs.set(EVA, serializeCodingFile(DOC, 'eva', [codingOn('geen mandaat', ['mandaat'], 'one')]));
    const { store, study } = await StudyStore.open(fs);
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('vertrouwen tussen', ['vertrouwen'], 'mine') }]);
    // Before the debounced save runs, a git pull brings another coding into the same file.
    fs.set(
      EVA,
      serializeCodingFile(DOC, 'eva', [codingOn('geen mandaat', ['mandaat'], 'one'), codingOn('middelen', ['middelen'], 'theirs')]),
    );
    await store.fileChanged(EVA);
    assert.deepStrictEqual(
      study
        .codingsOf(DOC)
        .map((c) => c.id)
        .sort(),
      ['mine', 'one', 'theirs'],
    );
    assert.strictEqual(store.isDirty, true, 'our coding is not on disk yet');
    await store.save();
    const reopened = await StudyStore.open(fs);
    assert.deepStrictEqual(
      reopened.study
        .codingsOf(DOC)
        .map((c) => c.id)
        .sort(),
      ['mine', 'one', 'theirs'],
    );
  });

  it('keeps unsaved codings when their codings file is deleted on disk', async () => {
    const fs = smallStudyFs();
    fs.set(EVA, serializeCodingFile(DOC, 'eva', [codingOn('geen mandaat', ['mandaat'], 'one')]));
    const { store, study } = await StudyStore.open(fs);
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('vertrouwen tussen', ['vertrouwen'], 'mine') }]);
    fs.files.delete(EVA);
    assert.strictEqual((await store.fileChanged(EVA)).kind, 'removed');
    assert.deepStrictEqual(
      study.codingsOf(DOC).map((c) => c.id),
      ['mine'],
      'their deletion sticks, our new coding stays',
    );
    await store.save();
    const reopened = await StudyStore.open(fs);
    assert.deepStrictEqual(
      reopened.study.codingsOf(DOC).map((c) => c.id),
      ['mine'],
    );
  });

  it('a codings file deleted on disk before the save (git checkout) gets back only what we changed', async () => {
    const fs = smallStudyFs();
    fs.set(EVA, serializeCodingFile(DOC, 'eva', [codingOn('geen mandaat', ['mandaat'], 'one')]));
    const { store, study } = await StudyStore.open(fs);
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('vertrouwen tussen', ['vertrouwen'], 'mine') }]);
    fs.files.delete(EVA);
    await store.save();
    const reopened = await StudyStore.open(fs);
    assert.deepStrictEqual(
      reopened.study.codingsOf(DOC).map((c) => c.id),
      ['mine'],
      'their deletion sticks, our new coding stays',
    );
  });

  it('a coding made while its file is being read or written is saved too', async () => {
    const fs = new PausingFileSystem(Object.fromEntries([...smallStudyFs().files].map(([k, v]) => [k, v.data])));
    const { store, study } = await StudyStore.open(fs);
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('geen mandaat', ['mandaat'], 'one') }]);
    fs.on('stat', EVA, () => study.transact('code', [{ kind: 'addCoding', coding: codingOn('middelen', ['middelen'], 'two') }]));
    fs.on('write', EVA, () =>
      study.transact('code', [{ kind: 'addCoding', coding: codingOn('vertrouwen tussen', ['vertrouwen'], 'three') }]),
    );
    await store.save();
    assert.strictEqual(store.isDirty, true, 'what changed during the write is still to be saved');
    await store.save();
    const reopened = await StudyStore.open(fs);
    assert.deepStrictEqual(
      reopened.study.codingsOf(DOC).map((c) => c.id),
      ['one', 'two', 'three'],
    );
  });

  it('merge: a record we did not touch follows their change or deletion', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    study.transact('code', [
      { kind: 'addCoding', coding: codingOn('geen mandaat', ['mandaat'], 'one') },
      { kind: 'addCoding', coding: codingOn('middelen', ['middelen'], 'two') },
    ]);
    await store.save();
    // On disk: "one" was deleted and "two" got a memo (another machine of the same coder).
    const two = { ...study.coding('two')!, memo: 'van de laptop' };
    fs.set(EVA, serializeCodingFile(DOC, 'eva', [two]));
    // In memory, before the watcher reports it: a new coding in the same file.
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('vertrouwen tussen', ['vertrouwen'], 'three') }]);
    await store.save();
    const reopened = await StudyStore.open(fs);
    assert.deepStrictEqual(
      reopened.study.codingsOf(DOC).map((c) => [c.id, c.memo]),
      [
        ['two', 'van de laptop'],
        ['three', undefined],
      ],
    );
  });

  it('merge: when both changed one coding, each part comes from the side that changed it', () => {
    const base = codingOn('geen mandaat', ['mandaat'], 'x');
    const typed = 'Ja. ' + TRANSCRIPT_A;
    const ours = codingOn('geen mandaat', ['mandaat'], 'x', 'eva', typed); // moved by typing before it
    const theirs = { ...base, codes: ['mandaat', 'hier'], memo: 'zie ook D-1', modified: '2020-10-07T09:00:00.000Z' };
    assert.deepStrictEqual(mergeCodings([base], [ours], [theirs]), [
      { ...ours, codes: ['mandaat', 'hier'], memo: 'zie ook D-1', modified: '2020-10-07T09:00:00.000Z' },
    ]);
    const mine = { ...ours, memo: 'mijn memo' };
    assert.strictEqual(mergeCodings([base], [mine], [theirs])[0].memo, 'mijn memo', 'ours wins where both changed the same part');
  });

  it('a codings file broken on disk holds back only its own unsaved codings, not those of other files', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    const D = 'transcripts/D-1.md';
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('geen mandaat', ['mandaat'], 'a') }]);
    study.transact('code', [{ kind: 'addCoding', coding: { ...codingOn('Quantum', ['complex'], 'd', 'eva', TRANSCRIPT_D), doc: D } }]);
    fs.set(EVA, '{ "schemaVersion": 1, <<<<<<< HEAD');
    await assert.rejects(store.save(), (e: Error & { problems?: Array<{ file: string }> }) => e.problems?.[0]?.file === EVA);
    assert.ok(fs.text('.codeboom/codings/transcripts/D-1.md.eva.json')?.includes('"d"'), 'the other file is saved');
    assert.strictEqual(fs.text(EVA), '{ "schemaVersion": 1, <<<<<<< HEAD', 'the broken file is not overwritten');
    assert.strictEqual(store.isDirty, true, 'the coding of the broken file is still to be saved');
  });
});
