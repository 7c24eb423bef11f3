/**
 * An orphan keeps only the place where its text was; found there again, it gets its length back.
 */
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { serializeCodingFile } from '../../src/core/serialize';
import type { Coding } from '../../src/core/model';
import { reanchor } from '../../src/core/anchor';
import { TRANSCRIPT_A, offsetOf, smallStudyFs } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

describe('data safety: re-anchoring orphans', () => {
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
});
