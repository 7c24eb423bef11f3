/**
 * A coding that undo or redo re-creates in a transcript changed outside the editor is found again
 * there, like the codings in the study, instead of landing on whatever text now has its old offsets.
 */
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { TRANSCRIPT_A, smallStudyFs } from './helpers';
import { DOC, codingOn } from './safetyHelpers';

describe('data safety: undo after a transcript changed on disk', () => {
  it('undo re-creates a deleted coding where its text is now, or as an orphan when the text is gone', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    study.transact('code', [
      { kind: 'addCoding', coding: codingOn('middelen en capaciteit', ['middelen'], 'm') },
      { kind: 'addCoding', coding: codingOn('En het vertrouwen?', ['vertrouwen'], 'q') },
    ]);
    study.transact('uncode', [
      { kind: 'removeCoding', id: 'm' },
      { kind: 'removeCoding', id: 'q' },
    ]);
    // git pull: a line at the top, and the interviewer's question deleted.
    const edited = TRANSCRIPT_A.replace('# Interview', '# Interview\n\nNagekeken door de respondent.').replace(
      '**Interviewer:** En het vertrouwen?\n\n',
      '',
    );
    fs.set(DOC, edited);
    await store.fileChanged(DOC);
    study.undo();
    const m = study.coding('m')!;
    assert.strictEqual(edited.slice(m.start, m.end), 'middelen en capaciteit');
    assert.strictEqual(m.orphaned, undefined);
    assert.strictEqual(study.coding('q')!.orphaned, true, 'its text is gone: an orphan, not a coding of other text');
  });
});
