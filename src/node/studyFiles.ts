/**
 * Writing study files safely on a local disk, shared by the CLI's file port, the extension's (for
 * `file:` URIs) and the exports: atomic replacement that respects a read-only file, an exclusive
 * lock for a read–merge–write, and removal of what a killed writer left behind.
 */
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StudyFileError } from '../core/schema';
import type { FileLock } from '../core/port';

/** A lock whose holder is dead, or that its holder has not refreshed for this long, is taken over. */
export const LOCK_STALE_MS = 30_000;
/** How often a holder refreshes its lock file's time. */
const LOCK_REFRESH_MS = 5_000;
/** How long a save waits for another writer's lock before it gives up (and reports it). */
export const LOCK_WAIT_MS = 15_000;
/** A temporary file of a dead process is removed once it is this old (a writer on another machine may still be busy)… */
const TEMP_DEAD_MS = 60_000;
/** …and any temporary file of ours once it is this old. */
const TEMP_ABANDONED_MS = 24 * 60 * 60 * 1000;

/** Our temporary files: `.<name>.<pid>.<time and a random tail, base 36>.tmp`, beside the file they replace. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.([0-9a-z]+)\.tmp$/;

let counter = 0;

/** The temporary file a write of `target` goes through (unique within and between processes). */
export function temporaryPath(target: string): string {
  const tail = `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${tail}.tmp`);
}

function refused(file: string, message: string): StudyFileError {
  return new StudyFileError([{ file, path: [], message }]);
}

/** A file's permission bits, or undefined when it does not exist (any other error is thrown). */
async function modeOf(target: string): Promise<number | undefined> {
  try {
    return (await fsp.stat(target)).mode & 0o7777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw e;
  }
}

/**
 * Replaces a file atomically: a temporary file beside it, then a rename over it. A file that is
 * read-only on disk is not replaced (a rename ignores its mode): that is refused with an error
 * naming `display`. The new file keeps the old one's mode. The temporary file never outlives a failure.
 */
export async function writeFileAtomicAt(target: string, data: Uint8Array, display: string = target): Promise<void> {
  await fsp.mkdir(path.dirname(target), { recursive: true });
  // One stat: a read-only file (by its mode bits; root can write anything, so EACCES is not enough)
  // is refused, a writable one keeps its mode.
  const mode = await modeOf(target);
  if (mode !== undefined && (mode & 0o222) === 0) {
    throw refused(
      display,
      'is read-only on disk, so it was not overwritten; nothing was written and the changes are kept unsaved. Make the file writable (chmod u+w, or untick "Read-only" in its properties) and save again',
    );
  }
  const tmp = temporaryPath(target);
  try {
    await fsp.writeFile(tmp, data, mode !== undefined ? { mode } : {});
    await fsp.rename(tmp, target);
  } catch (e) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Holder {
  readonly pid?: number;
  readonly host?: string;
  readonly token?: string;
  readonly mtime: number;
}

async function holderOf(lockPath: string): Promise<Holder | undefined> {
  try {
    const [text, s] = await Promise.all([fsp.readFile(lockPath, 'utf8'), fsp.stat(lockPath)]);
    let info: Partial<Holder> = {};
    try {
      info = JSON.parse(text) as Partial<Holder>;
    } catch {
      // Being written by its holder right now: only its age counts.
    }
    return { pid: info.pid, host: info.host, token: info.token, mtime: s.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw e;
  }
}

function stale(h: Holder): boolean {
  return Date.now() - h.mtime > LOCK_STALE_MS || (h.host === os.hostname() && typeof h.pid === 'number' && !alive(h.pid));
}

/** Takes a stale lock away; puts it back when it turns out to be a new holder's (two takers at once). */
async function breakLock(lockPath: string, seen: Holder): Promise<void> {
  const aside = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.stale`;
  try {
    await fsp.rename(lockPath, aside);
  } catch {
    return; // someone else took it away first
  }
  const taken = await holderOf(aside);
  if (taken && taken.token !== seen.token) {
    await fsp.link(aside, lockPath).catch(() => undefined);
  }
  await fsp.rm(aside, { force: true });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The lock file of a study file: `.<name>.lock` beside it. */
export function lockPathOf(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.lock`);
}

/**
 * Takes the exclusive lock of a study file for a read–merge–write: creates `.<name>.lock` beside
 * it (O_EXCL), waiting while a live writer holds it. A lock whose process is dead (same machine)
 * or that was not refreshed for {@link LOCK_STALE_MS} is taken over. After `waitMs` it gives up
 * with an error naming the file and the holder.
 */
export async function lockFile(target: string, display: string = target, waitMs: number = LOCK_WAIT_MS): Promise<FileLock> {
  const lockPath = lockPathOf(target);
  await fsp.mkdir(path.dirname(target), { recursive: true });
  const token = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const deadline = Date.now() + waitMs;
  let delay = 2;
  for (;;) {
    try {
      const handle = await fsp.open(lockPath, 'wx');
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, host: os.hostname(), token, since: new Date().toISOString() }));
      } finally {
        await handle.close();
      }
      const refresh = setInterval(() => {
        const now = new Date();
        void fsp.utimes(lockPath, now, now).catch(() => undefined);
      }, LOCK_REFRESH_MS);
      refresh.unref();
      return {
        release: async () => {
          clearInterval(refresh);
          // Only our own lock: had it been taken over as stale, the file is another writer's now.
          const h = await holderOf(lockPath).catch(() => undefined);
          if (h?.token === token) {
            await fsp.rm(lockPath, { force: true });
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw e;
      }
    }
    const holder = await holderOf(lockPath);
    if (holder && stale(holder)) {
      await breakLock(lockPath, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder?.pid !== undefined ? `process ${holder.pid}${holder.host ? ` on ${holder.host}` : ''}` : 'another program';
      throw refused(
        display,
        `is being saved by ${who} (lock file ${path.basename(lockPath)} beside it); nothing was written and the changes are kept unsaved. Save again in a moment; if no Codeboom window or codeboom command is running, delete the lock file`,
      );
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
}

/**
 * Removes the temporary files a killed or failed writer left in a folder (our own naming pattern
 * only): those of a dead process once a minute old, any of ours once a day old. Returns their names.
 */
export async function removeLeftovers(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) {
      continue;
    }
    const file = path.join(folder, name);
    const s = await fsp.stat(file).catch(() => undefined);
    if (!s?.isFile()) {
      continue;
    }
    const age = Date.now() - s.mtimeMs;
    const pid = Number(m[2]);
    if (age > TEMP_ABANDONED_MS || (age > TEMP_DEAD_MS && pid !== process.pid && !alive(pid))) {
      await fsp.rm(file, { force: true });
      removed.push(name);
    }
  }
  return removed;
}
