/**
 * "Missing" and "could not be read" are different answers: a file that cannot be stat'ed for
 * another reason (a network drive, a lock) must not be taken for deleted, or a save would merge it
 * away or a memo be created over it.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { StudyStore } from '../../src/core/store';
import { serializeCodingFile } from '../../src/core/serialize';
import type { FileStat } from '../../src/core/port';
import { MemoryFileSystem } from '../../src/core/port';
import { smallStudyFs } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

describe('data safety: missing files and unreadable ones', () => {
  it('NodeFileSystem: stat answers undefined for a missing file only, and throws otherwise', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-stat-'));
    try {
      fs.writeFileSync(path.join(root, 'a.json'), '{}');
      fs.symlinkSync('loop', path.join(root, 'loop'));
      const nfs = new NodeFileSystem(root);
      assert.ok(await nfs.stat('a.json'));
      assert.strictEqual(await nfs.stat('missing.json'), undefined);
      assert.strictEqual(await nfs.stat('a.json/child.json'), undefined, 'a file in place of a folder: missing too');
      await assert.rejects(nfs.stat('loop'), /ELOOP/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a codings file that cannot be read at save time is neither merged away nor overwritten', async () => {
    class FlakyFileSystem extends MemoryFileSystem {
      failing = false;
      override async stat(p: string): Promise<FileStat | undefined> {
        if (this.failing && p === EVA) {
          throw new Error('EIO: i/o error');
        }
        return super.stat(p);
      }
    }
    const flaky = new FlakyFileSystem(Object.fromEntries([...smallStudyFs().files].map(([k, v]) => [k, v.data])));
    const onDisk = serializeCodingFile(DOC, 'eva', [codingOn('geen mandaat', ['mandaat'], 'one')]);
    flaky.set(EVA, onDisk);
    const { store, study } = await StudyStore.open(flaky);
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('vertrouwen tussen', ['vertrouwen'], 'mine') }]);
    flaky.failing = true;
    await assert.rejects(store.save(), /EIO/);
    assert.strictEqual(flaky.text(EVA), onDisk);
    assert.strictEqual(store.isDirty, true);
    flaky.failing = false;
    await store.save();
    const reopened = await StudyStore.open(flaky);
    assert.deepStrictEqual(
      reopened.study.codingsOf(DOC).map((c) => c.id),
      ['one', 'mine'],
    );
  });
});
