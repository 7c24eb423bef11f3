/**
 * What a write leaves on disk: a killed or failed writer's temporary file (up to the full file
 * size) is removed when the study is opened again; a study file that is read-only on disk is not
 * overwritten (a rename ignores its mode, and root can write anything, so the mode bits decide).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn } from 'child_process';
import { StudyStore } from '../../src/core/store';
import { serializeCodingFile } from '../../src/core/serialize';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { writeFileAtomicAt } from '../../src/node/studyFiles';
import { main } from '../../src/cli';
import { smallStudyFs } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

const STUDY_FILES = path.resolve(__dirname, '../../src/node/studyFiles.js');

function writeStudy(root: string, extra: Record<string, string> = {}): void {
  for (const [rel, f] of smallStudyFs(extra).files) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), f.data);
  }
}

const ageBy = (file: string, ms: number): void => {
  const t = new Date(Date.now() - ms);
  fs.utimesSync(file, t, t);
};

/** Starts a real writer that begins a write of `target` through our temporary file, then hangs; returns the temporary file and the process. */
async function hangingWriter(target: string): Promise<{ tmp: string; kill: () => Promise<void> }> {
  const script = `
    const fs = require('fs');
    const tmp = require(${JSON.stringify(STUDY_FILES)}).temporaryPath(${JSON.stringify(target)});
    const fd = fs.openSync(tmp, 'w');
    fs.writeSync(fd, Buffer.alloc(4 * 1024 * 1024, 120));
    process.stdout.write(tmp + '\\n');
    setInterval(() => fs.writeSync(fd, Buffer.alloc(1024, 120)), 5);`;
  const child = spawn(process.execPath, ['-e', script]);
  const tmp = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.endsWith('\n')) {
        resolve(out.trim());
      }
    });
    child.once('exit', (code) => reject(new Error(`writer exited ${code}`)));
  });
  return {
    tmp,
    kill: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('data safety: leftovers and read-only files on disk', function () {
  this.timeout(30000);
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-leftovers-'));
  });
  afterEach(() => {
    fs.chmodSync(root, 0o755);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('the temporary files of a writer killed mid-write are removed when the study is opened again; others are left alone', async () => {
    writeStudy(root, { [EVA]: serializeCodingFile(DOC, 'eva', [codingOn('geen mandaat', ['mandaat'], 'one')]) });
    const codings = await hangingWriter(path.join(root, EVA));
    const project = await hangingWriter(path.join(root, 'codeboom.json'));
    const live = await hangingWriter(path.join(root, '.codeboom', 'codings', 'transcripts', 'D-1.md.eva.json'));
    await codings.kill();
    await project.kill();
    assert.ok(fs.statSync(codings.tmp).size >= 4 * 1024 * 1024, 'the killed writer left its temporary file');
    ageBy(codings.tmp, 5 * 60 * 1000);
    ageBy(project.tmp, 5 * 60 * 1000);
    ageBy(live.tmp, 5 * 60 * 1000);
    const fresh = path.join(root, '.codeboom', 'codings', 'transcripts', `.A-1.md.eva.json.999999.zz.tmp`);
    fs.writeFileSync(fresh, 'a writer of another machine, just started');
    const notOurs = path.join(root, '.codeboom', 'codings', '.my-notes.tmp');
    fs.writeFileSync(notOurs, 'not ours');
    ageBy(notOurs, 5 * 60 * 1000);
    try {
      const { study } = await StudyStore.open(new NodeFileSystem(root));
      assert.deepStrictEqual(
        study.codingsOf(DOC).map((c) => c.id),
        ['one'],
      );
      assert.ok(!fs.existsSync(codings.tmp), 'killed writer’s codings temporary file removed');
      assert.ok(!fs.existsSync(project.tmp), 'killed writer’s temporary file beside codeboom.json removed');
      assert.ok(fs.existsSync(live.tmp), 'a live writer’s temporary file stays');
      assert.ok(fs.existsSync(fresh), 'a recent temporary file of an unknown process stays');
      assert.ok(fs.existsSync(notOurs), 'a file of another naming stays');
    } finally {
      await live.kill();
    }
  });

  it('a failed write leaves no temporary file', async () => {
    writeStudy(root);
    fs.mkdirSync(path.join(root, EVA), { recursive: true }); // a folder where the file goes: the rename fails
    const { store, study } = await StudyStore.open(new NodeFileSystem(root));
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('vertrouwen tussen', ['vertrouwen'], 'mine') }]);
    await assert.rejects(store.save());
    assert.strictEqual(store.isDirty, true);
    assert.deepStrictEqual(
      fs.readdirSync(path.dirname(path.join(root, EVA))).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  it('a codings file that is read-only on disk is not overwritten: the save names it, says how to fix it, and keeps the codings pending', async () => {
    const onDisk = serializeCodingFile(DOC, 'eva', [codingOn('geen mandaat', ['mandaat'], 'one')]);
    writeStudy(root, { [EVA]: onDisk });
    fs.chmodSync(path.join(root, EVA), 0o444);
    const { store, study } = await StudyStore.open(new NodeFileSystem(root));
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('vertrouwen tussen', ['vertrouwen'], 'mine') }]);
    await assert.rejects(
      store.save(),
      (e: Error) => e.message.includes(EVA) && /read-only/.test(e.message) && /chmod u\+w/.test(e.message),
    );
    assert.strictEqual(fs.readFileSync(path.join(root, EVA), 'utf8'), onDisk);
    assert.strictEqual(fs.statSync(path.join(root, EVA)).mode & 0o777, 0o444);
    assert.strictEqual(store.isDirty, true);
    fs.chmodSync(path.join(root, EVA), 0o644);
    await store.save();
    assert.deepStrictEqual(
      (await StudyStore.open(new NodeFileSystem(root))).study.codingsOf(DOC).map((c) => c.id),
      ['one', 'mine'],
    );
  });

  it('a read-only codeboom.json is not overwritten either; the codebook edit stays pending', async () => {
    writeStudy(root);
    const before = fs.readFileSync(path.join(root, 'codeboom.json'), 'utf8');
    fs.chmodSync(path.join(root, 'codeboom.json'), 0o444);
    const { store, study } = await StudyStore.open(new NodeFileSystem(root));
    study.transact('add code', [{ kind: 'addCode', code: { id: 'nieuw', name: 'nieuw', color: '#4e79a7' } }]);
    await assert.rejects(store.save(), (e: Error) => e.message.includes('codeboom.json') && /read-only/.test(e.message));
    assert.strictEqual(fs.readFileSync(path.join(root, 'codeboom.json'), 'utf8'), before);
    assert.strictEqual(study.projectDirty, true);
  });

  it('the shared atomic write (exports too) refuses a read-only target and keeps the mode of a writable one', async () => {
    const target = path.join(root, 'out', 'matrix.csv');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, 'old');
    fs.chmodSync(target, 0o444);
    await assert.rejects(writeFileAtomicAt(target, new TextEncoder().encode('new')), /read-only/);
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'old');
    fs.chmodSync(target, 0o600);
    await writeFileAtomicAt(target, new TextEncoder().encode('new'));
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'new');
    assert.strictEqual(fs.statSync(target).mode & 0o777, 0o600);
    assert.deepStrictEqual(fs.readdirSync(path.dirname(target)), ['matrix.csv']);
  });

  it('codeboom export --out refuses a read-only file and leaves no temporary file', async () => {
    writeStudy(root);
    const target = path.join(root, 'exports', 'codebook.csv');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, 'old');
    fs.chmodSync(target, 0o444);
    let err = '';
    const code = await main(['export', 'codebook', root, '--out', target, '--force'], {
      out: () => undefined,
      err: (t) => (err += t + '\n'),
    });
    assert.strictEqual(code, 3, err);
    assert.match(err, /read-only/);
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'old');
    assert.deepStrictEqual(fs.readdirSync(path.dirname(target)), ['codebook.csv']);
  });
});
