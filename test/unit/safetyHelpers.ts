/** Shared by the data-safety tests (test/unit/safety*.test.ts). */
import { MemoryFileSystem } from '../../src/core/port';
import type { FileStat } from '../../src/core/port';
import type { Coding } from '../../src/core/model';
import { makeAnchor } from '../../src/core/anchor';
import { TRANSCRIPT_A, offsetOf } from './helpers';

export const DOC = 'transcripts/A-1.md';
export const EVA = '.codeboom/codings/transcripts/A-1.md.eva.json';

/** A coding as the editor makes one (keys in the order the coding commands write them). */
export function codingOn(quote: string, codes: string[], id: string, coder = 'eva', text = TRANSCRIPT_A): Coding {
  const [s, e] = offsetOf(text, quote);
  return { id, doc: DOC, coder, codes, ...makeAnchor(text, s, e), created: '2020-10-06T10:00:00.000Z' };
}

/** A memory file system that runs a hook once, in the middle of the next stat or write of a path. */
export class PausingFileSystem extends MemoryFileSystem {
  private hooks = new Map<string, () => void>();
  on(op: 'stat' | 'write', path: string, hook: () => void): void {
    this.hooks.set(`${op} ${path}`, hook);
  }
  private async pause(key: string): Promise<void> {
    const hook = this.hooks.get(key);
    if (hook) {
      this.hooks.delete(key);
      await Promise.resolve();
      hook();
    }
  }
  override async stat(path: string): Promise<FileStat | undefined> {
    await this.pause(`stat ${path}`);
    return super.stat(path);
  }
  override async writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    await this.pause(`write ${path}`);
    return super.writeFileAtomic(path, data);
  }
}
