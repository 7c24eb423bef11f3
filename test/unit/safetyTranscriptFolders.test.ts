/**
 * A codeboom.json changed on disk that lists other transcript folders brings the transcripts of
 * those folders in (and takes those of dropped folders out), whatever order the watcher reports
 * the files of a git pull in.
 */
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { serializeProject } from '../../src/core/serialize';
import { smallProject, smallStudyFs } from './helpers';

describe('data safety: transcript folders changed on disk', () => {
  it('takes in the transcripts of a folder added to codeboom.json, even when they arrived before it', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    // git pull: a new folder with a transcript (reported first), then codeboom.json listing it.
    fs.set('focusgroepen/FG-1.md', '---\ncase: NDS\nrespondent: Focusgroep 1\n---\n\nWe delen weinig.\n');
    assert.strictEqual((await store.fileChanged('focusgroepen/FG-1.md')).kind, 'ignored');
    fs.set('codeboom.json', serializeProject({ ...smallProject(), transcriptFolders: ['focusgroepen', 'transcripts'] }));
    await store.fileChanged('codeboom.json');
    assert.deepStrictEqual(
      study.documents.map((d) => d.path),
      ['focusgroepen/FG-1.md', 'transcripts/A-1.md', 'transcripts/D-1.md'],
    );
    assert.strictEqual(study.respondentOf('focusgroepen/FG-1.md'), 'Focusgroep 1');
    assert.strictEqual(store.text('focusgroepen/FG-1.md'), '---\ncase: NDS\nrespondent: Focusgroep 1\n---\n\nWe delen weinig.\n');
    // And a folder dropped from the list takes its transcripts out.
    fs.set('codeboom.json', serializeProject({ ...smallProject(), transcriptFolders: ['focusgroepen'] }));
    await store.fileChanged('codeboom.json');
    assert.deepStrictEqual(
      study.documents.map((d) => d.path),
      ['focusgroepen/FG-1.md'],
    );
  });
});
