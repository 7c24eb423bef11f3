/**
 * Reading and writing the zip container of a .qdpx, defensively. Archives come from other people:
 * entry names that would escape a folder (`../`, absolute paths, drive letters) refuse the whole
 * archive, encrypted entries are refused, and inflated sizes are counted while inflating (the
 * sizes an archive declares can lie), so a zip bomb stops at the limit instead of filling memory.
 * The central directory is read here; fflate does the inflating (streaming) and the writing.
 */
import { Inflate, zipSync } from 'fflate';
import { RefiError } from './errors';
import { normalizeStudyPath } from '../paths';

export interface ZipLimits {
  /** Bytes inflated from the whole archive, all entries together. */
  readonly maxTotalBytes: number;
  /** Bytes of one inflated entry. */
  readonly maxEntryBytes: number;
  readonly maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntryBytes: 512 * 1024 * 1024,
  maxEntries: 50_000,
};

export interface ZipEntry {
  /** Name with forward slashes, as stored. */
  readonly name: string;
  readonly directory: boolean;
  readonly method: number;
  readonly compressedSize: number;
  /** As declared by the archive; checked against what inflating really yields. */
  readonly declaredSize: number;
  readonly crc: number;
  readonly localHeaderOffset: number;
}

const INPUT_CHUNK = 16 * 1024;

export class ZipReader {
  readonly entries: readonly ZipEntry[];
  private inflated = 0;

  constructor(
    private readonly data: Uint8Array,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.entries = readCentralDirectory(data, limits);
  }

  /** Entries that are files (not folders). */
  get files(): ZipEntry[] {
    return this.entries.filter((e) => !e.directory);
  }

  /** Finds a file entry by exact name, else case-insensitively. */
  find(name: string): ZipEntry | undefined {
    const files = this.files;
    return files.find((e) => e.name === name) ?? files.find((e) => e.name.toLowerCase() === name.toLowerCase());
  }

  /** Inflates one entry, counting bytes as they come out. */
  read(entry: ZipEntry): Uint8Array {
    const d = this.data;
    const at = entry.localHeaderOffset;
    if (at + 30 > d.length || u32(d, at) !== 0x04034b50) {
      throw new RefiError(`The archive is damaged: no local header for "${entry.name}".`);
    }
    const start = at + 30 + u16(d, at + 26) + u16(d, at + 28);
    const end = start + entry.compressedSize;
    if (end > d.length) {
      throw new RefiError(`The archive is damaged: "${entry.name}" runs past its end.`);
    }
    const compressed = d.subarray(start, end);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const take = (chunk: Uint8Array): void => {
      size += chunk.length;
      if (size > this.limits.maxEntryBytes) {
        throw new RefiError(
          `"${entry.name}" inflates to more than ${formatBytes(this.limits.maxEntryBytes)}; the archive is refused (a zip bomb or far larger than a QDA project).`,
        );
      }
      if (this.inflated + size > this.limits.maxTotalBytes) {
        throw new RefiError(
          `The archive inflates to more than ${formatBytes(this.limits.maxTotalBytes)} (at "${entry.name}"); it is refused (a zip bomb or far larger than a QDA project).`,
        );
      }
      if (size > entry.declaredSize) {
        throw new RefiError(
          `"${entry.name}" inflates to more than the ${entry.declaredSize} bytes its archive declares; the archive is refused.`,
        );
      }
      if (chunk.length) {
        chunks.push(chunk);
      }
    };
    if (entry.method === 0) {
      take(compressed);
    } else if (entry.method === 8) {
      const inflater = new Inflate((chunk) => take(chunk));
      try {
        if (compressed.length === 0) {
          inflater.push(new Uint8Array(0), true);
        }
        for (let i = 0; i < compressed.length; i += INPUT_CHUNK) {
          inflater.push(compressed.subarray(i, i + INPUT_CHUNK), i + INPUT_CHUNK >= compressed.length);
        }
      } catch (e) {
        if (e instanceof RefiError) {
          throw e;
        }
        throw new RefiError(`The archive is damaged: "${entry.name}" cannot be inflated (${e instanceof Error ? e.message : String(e)}).`);
      }
    } else {
      throw new RefiError(`"${entry.name}" uses zip compression method ${entry.method}, which is not supported (only stored and deflate).`);
    }
    if (size !== entry.declaredSize) {
      throw new RefiError(`The archive is damaged: "${entry.name}" has ${size} bytes, not the ${entry.declaredSize} it declares.`);
    }
    this.inflated += size;
    const out = new Uint8Array(size);
    let pos = 0;
    for (const c of chunks) {
      out.set(c, pos);
      pos += c.length;
    }
    if (crc32(out) !== entry.crc) {
      throw new RefiError(`The archive is damaged: "${entry.name}" fails its checksum.`);
    }
    return out;
  }
}

/** True when the bytes start like a zip archive. */
export function looksLikeZip(data: Uint8Array): boolean {
  return data.length >= 4 && u32(data, 0) === 0x04034b50;
}

/** Writes a zip (deflated; a fixed timestamp keeps two exports of the same study identical). */
export function writeZip(files: ReadonlyArray<readonly [string, Uint8Array]>, mtime = new Date('2000-01-01T00:00:00Z')): Uint8Array {
  const input: Record<string, [Uint8Array, { level: 6; mtime: Date }]> = {};
  for (const [name, data] of files) {
    input[name] = [data, { level: 6, mtime }];
  }
  return zipSync(input);
}

/** Checks an entry name: a relative path that stays inside the folder it is extracted to. */
export function checkEntryName(name: string): void {
  // Zip tools on Windows write backslashes: those are separators here. Then the study path rule,
  // and stricter: no ".." at all, not even one that stays inside.
  const n = name.replace(/\\/g, '/');
  const rule = normalizeStudyPath(n, { allowRoot: true });
  const problem = !rule.ok ? rule.reason : n.split('/').some((part) => part === '..') ? 'climbs out of its folder with ".."' : undefined;
  if (problem) {
    throw new RefiError(`The archive is refused: entry "${name}" ${problem}, so it would land outside the target folder.`);
  }
}

function readCentralDirectory(d: Uint8Array, limits: ZipLimits): ZipEntry[] {
  let eocd = -1;
  for (let i = d.length - 22; i >= Math.max(0, d.length - 22 - 65535); i--) {
    if (u32(d, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new RefiError('This is not a zip archive (no end of central directory); a .qdpx file is a zip.');
  }
  let count = u16(d, eocd + 10);
  let cdOffset = u32(d, eocd + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && u32(d, eocd - 20) === 0x07064b50) {
    const z64 = Number(u64(d, eocd - 20 + 8));
    if (z64 + 56 > d.length || u32(d, z64) !== 0x06064b50) {
      throw new RefiError('The archive is damaged: bad ZIP64 end of central directory.');
    }
    count = Number(u64(d, z64 + 32));
    cdOffset = Number(u64(d, z64 + 48));
  }
  if (count > limits.maxEntries) {
    throw new RefiError(
      `The archive has ${count} entries, more than the ${limits.maxEntries} a QDA project can sensibly have; it is refused.`,
    );
  }
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > d.length || u32(d, p) !== 0x02014b50) {
      throw new RefiError('The archive is damaged: its central directory is cut short.');
    }
    const flags = u16(d, p + 8);
    const method = u16(d, p + 10);
    const crc = u32(d, p + 16);
    let compressedSize = u32(d, p + 20);
    let declaredSize = u32(d, p + 24);
    const nameLength = u16(d, p + 28);
    const extraLength = u16(d, p + 30);
    const commentLength = u16(d, p + 32);
    let localHeaderOffset = u32(d, p + 42);
    const name = decoder.decode(d.subarray(p + 46, p + 46 + nameLength));
    // ZIP64: sizes and offset set to 0xffffffff live in the extra field 0x0001, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = u16(d, e);
      const len = u16(d, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (declaredSize === 0xffffffff) {
          declaredSize = Number(u64(d, q));
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(u64(d, q));
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) {
          localHeaderOffset = Number(u64(d, q));
        }
      }
      e += 4 + len;
    }
    checkEntryName(name);
    if (flags & 1) {
      throw new RefiError(`The archive is encrypted ("${name}"); export it again without a password.`);
    }
    const normalized = name.replace(/\\/g, '/');
    entries.push({
      name: normalized,
      directory: normalized.endsWith('/'),
      method,
      compressedSize,
      declaredSize,
      crc,
      localHeaderOffset,
    });
    p = extraEnd + commentLength;
  }
  checkNoOverlap(d, entries, cdOffset);
  return entries;
}

/**
 * Every entry's local header and stream must lie apart from every other's and before the central
 * directory. Entries that share or nest one compressed stream would each inflate it again (a zip
 * bomb that stays small on disk): the archive is refused before anything is inflated.
 */
function checkNoOverlap(d: Uint8Array, entries: readonly ZipEntry[], cdOffset: number): void {
  const spans = entries.map((e) => {
    const at = e.localHeaderOffset;
    if (at + 30 > d.length || u32(d, at) !== 0x04034b50) {
      throw new RefiError(`The archive is damaged: no local header for "${e.name}".`);
    }
    return { e, start: at, end: at + 30 + u16(d, at + 26) + u16(d, at + 28) + e.compressedSize };
  });
  spans.sort((a, b) => a.start - b.start);
  for (let i = 0; i < spans.length; i++) {
    const next = spans[i + 1];
    if (next && next.start < spans[i].end) {
      throw new RefiError(
        `The archive is refused: its entries "${spans[i].e.name}" and "${next.e.name}" overlap (they share compressed data, a trick of zip bombs).`,
      );
    }
    if (spans[i].end > cdOffset) {
      throw new RefiError(`The archive is refused: entry "${spans[i].e.name}" overlaps its central directory.`);
    }
  }
}

function u16(d: Uint8Array, i: number): number {
  return d[i] | (d[i + 1] << 8);
}

function u32(d: Uint8Array, i: number): number {
  return (d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (d[i + 3] << 24)) >>> 0;
}

function u64(d: Uint8Array, i: number): bigint {
  return BigInt(u32(d, i)) | (BigInt(u32(d, i + 4)) << 32n);
}

let crcTable: Int32Array | undefined;

export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) {
    crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ -1) >>> 0;
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} bytes`;
}
