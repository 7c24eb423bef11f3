/**
 * A transcript that is missing (deleted, moved, not pulled yet) loses none of its codings: they are
 * kept in memory and on disk, reported, and found again when the transcript is back.
 */
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { serializeCodingFile } from '../../src/core/serialize';
import { TRANSCRIPT_A, TRANSCRIPT_D, smallStudyFs } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

const D = 'transcripts/D-1.md';
const D_EVA = '.codeboom/codings/transcripts/D-1.md.eva.json';

function twoFiles(): Record<string, string> {
  const onD = { ...codingOn('Quantum is complex en abstract', ['complex'], 'd1', 'eva', TRANSCRIPT_D), doc: D };
  return {
    [EVA]: serializeCodingFile(DOC, 'eva', [
      codingOn('geen mandaat', ['mandaat'], 'a1'),
      codingOn('middelen en capaciteit', ['middelen'], 'a2'),
    ]),
    [D_EVA]: serializeCodingFile(D, 'eva', [onD]),
  };
}

describe('data safety: a missing transcript', () => {
  it('closed: the study opens writable, keeps the codings of a missing transcript and reports them', async () => {
    const fs = smallStudyFs(twoFiles());
    fs.files.delete(DOC);
    const onDisk = fs.text(EVA);
    const { store, study, problems, missing } = await StudyStore.open(fs);
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(study.readOnly, false);
    assert.deepStrictEqual(missing, [{ doc: DOC, codings: 2 }]);
    assert.deepStrictEqual([...study.allCodings()].map((c) => c.id).sort(), ['a1', 'a2', 'd1']);
    // Work goes on elsewhere; the missing transcript's codings file is left as it is.
    study.transact('memo', [{ kind: 'updateCoding', id: 'd1', patch: { memo: 'x' } }]);
    await store.save();
    assert.strictEqual(fs.text(EVA), onDisk);
    // The transcript comes back: its codings are where they were.
    fs.set(DOC, TRANSCRIPT_A);
    const back = await StudyStore.open(fs);
    assert.deepStrictEqual(back.missing, []);
    assert.deepStrictEqual(
      back.study.codingsOf(DOC).map((c) => [c.id, !!c.orphaned]),
      [
        ['a1', false],
        ['a2', false],
      ],
    );
  });

  it('open: a transcript deleted on disk keeps its codings through saves and reopening, and they come back with it', async () => {
    const fs = smallStudyFs(twoFiles());
    const { store, study } = await StudyStore.open(fs);
    fs.files.delete(DOC);
    const change = await store.fileChanged(DOC);
    assert.deepStrictEqual(change, { kind: 'removed', missing: { doc: DOC, codings: 2 }, warnings: [] });
    assert.strictEqual(study.codingCount, 3);
    // A coding of the deleted transcript changed before the deletion is still saved.
    study.transact('memo', [{ kind: 'updateCoding', id: 'a1', patch: { memo: 'kept' } }]);
    await store.save();
    const reopened = await StudyStore.open(fs);
    assert.deepStrictEqual(reopened.problems, []);
    assert.strictEqual(reopened.study.readOnly, false);
    assert.strictEqual(reopened.study.coding('a1')!.memo, 'kept');
    assert.strictEqual(reopened.study.codingCount, 3);
    fs.set(DOC, TRANSCRIPT_A);
    await store.fileChanged(DOC);
    assert.ok(study.document(DOC));
    assert.deepStrictEqual(
      study.codingsOf(DOC).map((c) => [c.id, !!c.orphaned]),
      [
        ['a1', false],
        ['a2', false],
      ],
    );
  });
});
