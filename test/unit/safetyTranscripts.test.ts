/**
 * Front matter edited and saved in the editor reaches the study.
 */
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { TRANSCRIPT_A, smallStudyFs } from './helpers';
import { DOC } from './safetyHelpers';

describe('data safety: transcripts saved from the editor', () => {
  it('takes front matter saved from the editor', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    const edited = TRANSCRIPT_A.replace('case: NDS', 'case: QIHR');
    // The editor reported the text as it was typed; then it was saved and the watcher fires.
    store.setText(DOC, edited);
    fs.set(DOC, edited);
    await store.fileChanged(DOC);
    assert.strictEqual(study.caseOf(DOC), 'QIHR');
  });
});
