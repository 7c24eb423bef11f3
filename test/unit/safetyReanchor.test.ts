/**
 * Re-anchoring: an orphan found again at its place gets its length back; a read-only study shows what it reports.
 */
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { serializeCodingFile } from '../../src/core/serialize';
import type { Coding } from '../../src/core/model';
import { reanchor } from '../../src/core/anchor';
import { TRANSCRIPT_A, offsetOf, smallStudyFs } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

describe('data safety: re-anchoring', () => {
  it('an orphan whose quote is back at its place is re-attached with its whole length', async () => {
    const [s] = offsetOf(TRANSCRIPT_A, 'geen mandaat');
    const orphan: Coding = { ...codingOn('geen mandaat', ['mandaat'], 'one'), start: s, end: s, orphaned: true };
    const fs = smallStudyFs({ [EVA]: serializeCodingFile(DOC, 'eva', [orphan]) });
    const { study } = await StudyStore.open(fs);
    const c = study.coding('one')!;
    assert.strictEqual(c.orphaned, undefined);
    assert.strictEqual(TRANSCRIPT_A.slice(c.start, c.end), 'geen mandaat');
    assert.deepStrictEqual(reanchor(TRANSCRIPT_A, orphan), { status: 'moved', start: s, end: s + 'geen mandaat'.length });
  });

  it('in a read-only study, what a re-anchoring reports is what the study shows, and nothing is written', async () => {
    const fs = smallStudyFs({
      [EVA]: serializeCodingFile(DOC, 'eva', [codingOn('middelen en capaciteit', ['middelen'], 'm')]),
      '.codeboom/codings/transcripts/D-1.md.eva.json': '{ "broken": ',
    });
    const { store, study } = await StudyStore.open(fs);
    assert.strictEqual(study.readOnly, true);
    // An editor holds an edited text (unsaved): the codings are shown where their text is there.
    const edited = TRANSCRIPT_A.replace('# Interview', '# Het interview');
    const summary = store.reanchorDocument(DOC, edited);
    assert.deepStrictEqual(summary, { doc: DOC, moved: 1, fuzzy: 0, orphaned: 0 });
    const m = study.coding('m')!;
    assert.strictEqual(edited.slice(m.start, m.end), 'middelen en capaciteit');
    fs.writes.length = 0;
    await store.save();
    assert.deepStrictEqual(fs.writes, []);
  });
});
