/**
 * Pending codebook edits are merged with a codeboom.json changed on disk, never dropped, and never
 * leave a codings file using a code the project lacks.
 */
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { serializeCodingFile, serializeProject } from '../../src/core/serialize';
import { smallProject, smallStudyFs } from './helpers';
import { DOC, EVA, PausingFileSystem, codingOn } from './safetyHelpers';

describe('data safety: codeboom.json changed on disk with codebook edits pending', () => {
  it('keeps pending codebook edits when codeboom.json changed on disk before the save, and both sides are written', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    // We add a code, use it at once, and rename another.
    study.transact('code with a new code', [
      { kind: 'addCode', code: { id: 'nieuw', name: 'nieuw', color: '#000000', parent: 'hier' } },
      { kind: 'addCoding', coding: codingOn('geen mandaat', ['nieuw'], 'one') },
    ]);
    study.transact('rename', [{ kind: 'updateCode', id: 'vertrouwen', patch: { name: 'onderling vertrouwen' } }]);
    // Before the debounced save: a colleague's codebook arrives with a new code, a changed definition and a link less.
    const p = smallProject();
    const theirs = {
      ...p,
      codes: [
        ...p.codes.map((c) => (c.id === 'middelen' ? { ...c, definition: 'Geld en tijd.' } : c)),
        { id: 'extern', name: 'extern', color: '#111111' },
      ],
      links: [{ code: 'mandaat', factor: 'f-rollen' }],
    };
    fs.set('codeboom.json', serializeProject(theirs));
    const { merged } = await store.save();
    assert.deepStrictEqual(merged, ['codeboom.json']);
    const reopened = await StudyStore.open(fs);
    assert.deepStrictEqual(reopened.problems, [], 'the codings file only uses codes of the project file');
    const s2 = reopened.study;
    assert.strictEqual(s2.code('nieuw')?.parent, 'hier', 'our new code');
    assert.strictEqual(s2.code('vertrouwen')?.name, 'onderling vertrouwen', 'our rename');
    assert.ok(s2.code('extern'), 'their new code');
    assert.strictEqual(s2.code('middelen')?.definition, 'Geld en tijd.', 'their definition');
    assert.deepStrictEqual(s2.factorsOf('mandaat'), ['f-rollen'], 'their unlink');
    assert.deepStrictEqual(
      s2.codingsOf(DOC).map((c) => c.codes),
      [['nieuw']],
    );
  });

  it('merges a codeboom.json changed on disk into pending codebook edits when the watcher reports it first', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    study.transact('add', [{ kind: 'addCode', code: { id: 'nieuw', name: 'nieuw', color: '#000000' } }]);
    const p = smallProject();
    fs.set('codeboom.json', serializeProject({ ...p, codes: [...p.codes, { id: 'extern', name: 'extern', color: '#111111' }] }));
    assert.strictEqual((await store.fileChanged('codeboom.json')).kind, 'project');
    assert.ok(study.code('nieuw') && study.code('extern'));
    assert.strictEqual(store.isDirty, true, 'our code is not on disk yet');
    await store.save();
    const reopened = await StudyStore.open(fs);
    assert.ok(reopened.study.code('nieuw') && reopened.study.code('extern'));
  });

  it('merge: a code they deleted stays while our codings use it; no parent, link or cycle points nowhere', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('middelen', ['middelen'], 'one') }]);
    // We move vertrouwen under complex; they move complex under vertrouwen, delete hier and middelen
    // (and mandaat with its links).
    study.transact('move', [{ kind: 'updateCode', id: 'vertrouwen', patch: { parent: 'complex' } }]);
    const p = smallProject();
    const theirCodes = p.codes
      .filter((c) => c.id === 'vertrouwen' || c.id === 'complex')
      .map((c) => (c.id === 'complex' ? { ...c, parent: 'vertrouwen' } : c));
    fs.set('codeboom.json', serializeProject({ ...p, codes: theirCodes, links: [] }));
    await store.save();
    const reopened = await StudyStore.open(fs);
    assert.deepStrictEqual(reopened.problems, []);
    assert.ok(reopened.study.code('middelen'), 'still used by a coding');
    assert.strictEqual(reopened.study.code('middelen')!.parent, undefined, 'its parent is gone');
    assert.strictEqual(reopened.study.code('mandaat'), undefined, 'deleted on their side, unused');
    assert.deepStrictEqual(reopened.study.links, []);
  });

  it('reports codings whose codes a codeboom.json changed on disk no longer has, and turns read-only', async () => {
    const fs = smallStudyFs({ [EVA]: serializeCodingFile(DOC, 'eva', [codingOn('middelen', ['middelen'], 'one')]) });
    const { store, study } = await StudyStore.open(fs);
    const p = smallProject();
    fs.set('codeboom.json', serializeProject({ ...p, codes: p.codes.filter((c) => c.id !== 'middelen') }));
    await assert.rejects(store.fileChanged('codeboom.json'), (e: Error & { problems?: Array<{ file: string; path: unknown[] }> }) => {
      assert.deepStrictEqual(
        e.problems?.map((x) => [x.file, x.path.join('.')]),
        [[EVA, 'codings.0.codes.0']],
      );
      return true;
    });
    assert.strictEqual(study.readOnly, true, 'nothing is written until it is sorted out');
  });

  it('a code added while codeboom.json is being written is saved too', async () => {
    const fs = new PausingFileSystem(Object.fromEntries([...smallStudyFs().files].map(([k, v]) => [k, v.data])));
    const { store, study } = await StudyStore.open(fs);
    study.transact('rename', [{ kind: 'updateCode', id: 'complex', patch: { name: 'complex' } }]);
    fs.on('write', 'codeboom.json', () =>
      study.transact('add', [{ kind: 'addCode', code: { id: 'nieuw', name: 'nieuw', color: '#000000' } }]),
    );
    await store.save();
    assert.strictEqual(store.isDirty, true, 'what changed during the write is still to be saved');
    await store.save();
    const reopened = await StudyStore.open(fs);
    assert.strictEqual(reopened.study.code('complex')?.name, 'complex');
    assert.ok(reopened.study.code('nieuw'));
  });
});
