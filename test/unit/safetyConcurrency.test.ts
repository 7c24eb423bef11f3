/**
 * Two writers of one study file at the same moment (two VS Code windows, VS Code and the CLI):
 * real Node processes open the same study, add their own codings (and codes) to the same
 * transcript and coder, and save at one signal. Every side's records must be in the files after.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn } from 'child_process';
import type { ChildProcessWithoutNullStreams } from 'child_process';
import * as readline from 'readline';
import fc from 'fast-check';
import { serializeCodingFile } from '../../src/core/serialize';
import { StudyStore } from '../../src/core/store';
import { MemoryFileSystem } from '../../src/core/port';
import type { FileStat } from '../../src/core/port';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { smallStudyFs } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

const RACER = path.join(__dirname, 'fixtures', 'saveRacer.js');

/** A racer process and its answers, one line each. */
class Racer {
  private readonly answers: string[] = [];
  private readonly waiting: Array<{ resolve: (line: string) => void; reject: (e: Error) => void }> = [];
  private readonly child: ChildProcessWithoutNullStreams;
  stderr = '';

  constructor() {
    this.child = spawn(process.execPath, [RACER], { stdio: 'pipe' });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      const w = this.waiting.shift();
      if (w) {
        w.resolve(line);
      } else {
        this.answers.push(line);
      }
    });
    this.child.once('exit', (code) => {
      for (const w of this.waiting.splice(0)) {
        w.reject(new Error(`racer exited (${code}): ${this.stderr}`));
      }
    });
  }

  send(line: string): void {
    this.child.stdin.write(line + '\n');
  }

  next(): Promise<string> {
    const a = this.answers.shift();
    if (a !== undefined) {
      return Promise.resolve(a);
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async ask(line: string): Promise<string> {
    this.send(line);
    return this.next();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.send('exit');
      this.child.stdin.end();
    });
  }
}

function writeStudy(root: string): void {
  for (const [rel, f] of smallStudyFs().files) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), f.data);
  }
}

interface Outcome {
  ok: boolean;
  error?: string;
  dirty: boolean;
}

/** Runs one round: every racer prepares, then all save at once. Returns their outcomes. */
async function round(racers: Racer[], root: string, name: string, count: number, withCode: boolean): Promise<Outcome[]> {
  const ready = await Promise.all(racers.map((r, i) => r.ask(`prepare ${root} ${name}r${i} ${count} ${withCode ? 1 : 0}`)));
  assert.deepStrictEqual(
    ready,
    racers.map(() => 'ready'),
    ready.join('\n'),
  );
  const outcomes = racers.map((r) => r.next());
  for (const r of racers) {
    r.send('go');
  }
  return (await Promise.all(outcomes)).map((line) => JSON.parse(line) as Outcome);
}

function idsIn(root: string, rel: string): Set<string> {
  const data = JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as {
    codings?: Array<{ id: string }>;
    codes?: Array<{ id: string }>;
  };
  return new Set([...(data.codings ?? []), ...(data.codes ?? [])].map((c) => c.id));
}

describe('data safety: concurrent saves of one study file', function () {
  this.timeout(300000);
  const RACERS = 3;
  let root: string;
  let racers: Racer[];

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-race-'));
    writeStudy(root);
    racers = Array.from({ length: RACERS }, () => new Racer());
  });

  after(async () => {
    await Promise.all(racers.map((r) => r.stop()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  function check(outcomes: Outcome[], name: string, count: number, withCode: boolean, base: readonly string[]): void {
    for (const o of outcomes) {
      assert.ok(o.ok && !o.dirty, `${name}: ${JSON.stringify(o)}`);
    }
    const ids = idsIn(root, EVA);
    const missing = [...base, ...racers.flatMap((_, i) => Array.from({ length: count }, (_x, n) => `${name}r${i}-${n}`))].filter(
      (id) => !ids.has(id),
    );
    assert.deepStrictEqual(missing.slice(0, 10), [], `${name}: ${missing.length} codings lost`);
    if (withCode) {
      const codes = idsIn(root, 'codeboom.json');
      assert.deepStrictEqual(
        racers.map((_, i) => `code-${name}r${i}`).filter((id) => !codes.has(id)),
        [],
        `${name}: codes lost from codeboom.json`,
      );
    }
  }

  it('60 rounds of small files: every coding and code of every process is saved', async () => {
    for (let n = 0; n < 60; n++) {
      // Every other round starts without a codings file, the others with a small one.
      const base = n % 2 === 0 ? [] : [codingOn('geen mandaat', ['mandaat'], `base${n}`)];
      fs.rmSync(path.join(root, EVA), { force: true });
      if (base.length > 0) {
        fs.writeFileSync(path.join(root, EVA), serializeCodingFile(DOC, 'eva', base));
      }
      const name = `s${n}`;
      const withCode = n % 3 === 0;
      check(
        await round(racers, root, name, 3, withCode),
        name,
        3,
        withCode,
        base.map((c) => c.id),
      );
    }
  });

  it('a large codings file (20,000 codings): every coding of every process is saved', async () => {
    for (let n = 0; n < 3; n++) {
      const base = Array.from({ length: 20000 }, (_, i) => codingOn('geen mandaat', ['mandaat'], `big${i}`));
      fs.writeFileSync(path.join(root, EVA), serializeCodingFile(DOC, 'eva', base));
      const name = `L${n}`;
      check(
        await round(racers, root, name, 5, n === 0),
        name,
        5,
        n === 0,
        base.map((c) => c.id),
      );
    }
  });
});

/** A memory file system whose every operation takes a random number of turns, so that concurrent saves interleave. */
class JitteryFileSystem extends MemoryFileSystem {
  constructor(
    initial: MemoryFileSystem,
    private readonly turns: () => number,
  ) {
    super(Object.fromEntries([...initial.files].map(([k, v]) => [k, v.data])));
  }
  private async jitter(): Promise<void> {
    for (let i = this.turns(); i > 0; i--) {
      await new Promise<void>((r) => setImmediate(r));
    }
  }
  override async stat(p: string): Promise<FileStat | undefined> {
    await this.jitter();
    return super.stat(p);
  }
  override async readFile(p: string): Promise<Uint8Array> {
    await this.jitter();
    return super.readFile(p);
  }
  override async writeFileAtomic(p: string, data: Uint8Array): Promise<void> {
    await this.jitter();
    return super.writeFileAtomic(p, data);
  }
}

describe('data safety: concurrent saves in one process (stores sharing a file system)', () => {
  it('property: whatever the interleaving, the saved file is the base minus what anyone removed plus what everyone added', async () => {
    const baseIds = ['b0', 'b1', 'b2', 'b3'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ adds: fc.integer({ min: 0, max: 3 }), removes: fc.subarray(baseIds) }), { minLength: 2, maxLength: 4 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 3 })),
        fc.boolean(),
        async (writers, turns, withCode) => {
          const initial = smallStudyFs({
            [EVA]: serializeCodingFile(
              DOC,
              'eva',
              baseIds.map((id) => codingOn('geen mandaat', ['mandaat'], id)),
            ),
          });
          const fs = new JitteryFileSystem(initial, () => turns.next().value as number);
          const stores = await Promise.all(writers.map(() => StudyStore.open(fs)));
          writers.forEach((w, i) => {
            stores[i].study.transact('code', [
              ...(withCode ? [{ kind: 'addCode' as const, code: { id: `code${i}`, name: `code ${i}`, color: '#4e79a7' } }] : []),
              ...Array.from({ length: w.adds }, (_, n) => ({
                kind: 'addCoding' as const,
                coding: codingOn('vertrouwen tussen', ['vertrouwen'], `w${i}-${n}`),
              })),
              ...w.removes.map((id) => ({ kind: 'removeCoding' as const, id })),
            ]);
          });
          await Promise.all(stores.map((s) => s.store.save()));
          const removed = new Set(writers.flatMap((w) => w.removes));
          const expected = [
            ...baseIds.filter((id) => !removed.has(id)),
            ...writers.flatMap((w, i) => Array.from({ length: w.adds }, (_, n) => `w${i}-${n}`)),
          ].sort();
          const saved = JSON.parse(fs.text(EVA) ?? '{"codings":[]}') as { codings: Array<{ id: string }> };
          assert.deepStrictEqual(saved.codings.map((c) => c.id).sort(), expected);
          if (withCode) {
            const codes = new Set((JSON.parse(fs.text('codeboom.json')!) as { codes: Array<{ id: string }> }).codes.map((c) => c.id));
            assert.deepStrictEqual(
              writers.map((_, i) => `code${i}`).filter((id) => !codes.has(id)),
              [],
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a save that cannot get the lock in time reports it and keeps the codings pending', async () => {
    const fs = smallStudyFs();
    fs.lockWaitMs = 50;
    const { store, study } = await StudyStore.open(fs);
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('vertrouwen tussen', ['vertrouwen'], 'mine') }]);
    const held = await fs.lock(EVA);
    await assert.rejects(store.save(), (e: Error) => e.message.includes(EVA) && /being saved by another writer/.test(e.message));
    assert.strictEqual(store.isDirty, true);
    assert.strictEqual(fs.text(EVA), undefined);
    await held.release();
    await store.save();
    assert.deepStrictEqual(
      (await StudyStore.open(fs)).study.codingsOf(DOC).map((c) => c.id),
      ['mine'],
    );
  });
});

describe('data safety: the lock file on disk', () => {
  let root: string;
  const lockFile = (): string => path.join(root, '.codeboom', 'codings', 'transcripts', '.A-1.md.eva.json.lock');

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-lock-'));
    writeStudy(root);
    fs.mkdirSync(path.dirname(lockFile()), { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  async function addAndSave(nfs: NodeFileSystem): Promise<{ store: StudyStore; saving: Promise<unknown> }> {
    const { store, study } = await StudyStore.open(nfs);
    study.transact('code', [{ kind: 'addCoding', coding: codingOn('vertrouwen tussen', ['vertrouwen'], 'mine') }]);
    return { store, saving: store.save() };
  }

  it("a live writer's lock: the save waits, then reports the file and the lock, and keeps the codings pending", async () => {
    fs.writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'other' }));
    const { store, saving } = await addAndSave(new NodeFileSystem(root, 200));
    await assert.rejects(
      saving,
      (e: Error) => e.message.includes(EVA) && e.message.includes(`process ${process.pid}`) && e.message.includes('.A-1.md.eva.json.lock'),
    );
    assert.strictEqual(store.isDirty, true);
    assert.ok(!fs.existsSync(path.join(root, EVA)), 'nothing written');
    assert.ok(fs.existsSync(lockFile()), 'the live lock is left alone');
    fs.rmSync(lockFile());
    await store.save();
    assert.strictEqual(store.isDirty, false);
    assert.ok(!fs.existsSync(lockFile()), 'our lock is released');
  });

  it('a lock left by a killed process (dead pid) is taken over at once', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await new Promise((r) => child.once('spawn', r));
    const pid = child.pid!;
    fs.writeFileSync(lockFile(), JSON.stringify({ pid, host: os.hostname(), token: 'dead' }));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const { store, saving } = await addAndSave(new NodeFileSystem(root, 2000));
    await saving;
    assert.strictEqual(store.isDirty, false);
    assert.ok(fs.existsSync(path.join(root, EVA)));
    assert.ok(!fs.existsSync(lockFile()));
  });

  it('a lock not refreshed for a long time (a writer on another machine that died) is taken over', async () => {
    fs.writeFileSync(lockFile(), JSON.stringify({ pid: 1, host: 'elsewhere', token: 'old' }));
    const old = new Date(Date.now() - 10 * 60 * 1000);
    fs.utimesSync(lockFile(), old, old);
    const { store, saving } = await addAndSave(new NodeFileSystem(root, 2000));
    await saving;
    assert.strictEqual(store.isDirty, false);
    assert.ok(!fs.existsSync(lockFile()));
  });
});
