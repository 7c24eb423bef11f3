/**
 * A reloaded codeboom.json brings its links, and a deleted link stays deleted.
 */
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { parseProjectFile } from '../../src/core/schema';
import { serializeProject } from '../../src/core/serialize';
import { smallProject, smallStudyFs } from './helpers';

describe('data safety: links of the project file', () => {
  it('takes the links of a codeboom.json changed on disk, and does not write the old ones back', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    // A colleague unlinks mandaat from f-coord and pushes; we pull.
    const theirs = { ...smallProject(), links: [{ code: 'mandaat', factor: 'f-rollen' }] };
    fs.set('codeboom.json', serializeProject(theirs));
    assert.strictEqual((await store.fileChanged('codeboom.json')).kind, 'project');
    assert.deepStrictEqual(study.factorsOf('mandaat'), ['f-rollen']);
    // Our next codebook edit must not bring the old link back.
    study.transact('rename', [{ kind: 'updateCode', id: 'complex', patch: { name: 'complexiteit van de techniek' } }]);
    await store.save();
    const onDisk = parseProjectFile('codeboom.json', fs.text('codeboom.json')!);
    assert.ok(onDisk.ok);
    assert.deepStrictEqual(onDisk.value.links, [{ code: 'mandaat', factor: 'f-rollen' }]);
  });

  it('does not resurrect deleted links after the project info changed', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    study.updateProjectInfo({ description: 'Kennisdeling' });
    study.transact('unlink', [
      { kind: 'removeLink', code: 'mandaat', factor: 'f-rollen' },
      { kind: 'removeLink', code: 'mandaat', factor: 'f-coord' },
    ]);
    study.transact('delete', [{ kind: 'removeCode', id: 'mandaat' }]);
    study.transact('add', [{ kind: 'addCode', code: { id: 'nieuw', name: 'nieuw', color: '#000000' } }]);
    assert.deepStrictEqual(study.links, []);
    await store.save();
    const onDisk = parseProjectFile('codeboom.json', fs.text('codeboom.json')!);
    assert.ok(onDisk.ok, 'the written project file is valid');
    assert.deepStrictEqual(onDisk.value.links, []);
  });
});
