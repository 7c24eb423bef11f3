import * as assert from 'assert';
import { strToU8, zipSync } from 'fflate';
import { RefiError, ZipReader } from '../../src/core/refi';
import { crc32 } from '../../src/core/refi/zip';

/** One stored (uncompressed) entry as it sits in a zip: local header, name, data. */
function localEntry(name: string, data: Uint8Array): Uint8Array {
  const n = strToU8(name);
  const out = new Uint8Array(30 + n.length + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, 20, true);
  v.setUint32(14, crc32(data), true);
  v.setUint32(18, data.length, true);
  v.setUint32(22, data.length, true);
  v.setUint16(26, n.length, true);
  out.set(n, 30);
  out.set(data, 30 + n.length);
  return out;
}

function centralEntry(name: string, data: Uint8Array, offset: number): Uint8Array {
  const n = strToU8(name);
  const out = new Uint8Array(46 + n.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, 20, true);
  v.setUint32(16, crc32(data), true);
  v.setUint32(20, data.length, true);
  v.setUint32(24, data.length, true);
  v.setUint16(28, n.length, true);
  v.setUint32(42, offset, true);
  out.set(n, 46);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A zip assembled by hand: the local part as given, then a central directory of `entries`. */
function handZip(local: Uint8Array, entries: ReadonlyArray<{ name: string; data: Uint8Array; offset: number }>): Uint8Array {
  const cd = concat(entries.map((e) => centralEntry(e.name, e.data, e.offset)));
  const eocd = new Uint8Array(22);
  const v = new DataView(eocd.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, entries.length, true);
  v.setUint16(10, entries.length, true);
  v.setUint32(12, cd.length, true);
  v.setUint32(16, local.length, true);
  return concat([local, cd, eocd]);
}

describe('REFI-QDA zip: overlapping entries', () => {
  const QDE = strToU8('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>');

  it('reads a hand-made zip whose entries do not overlap (the builder is sound)', () => {
    const b = strToU8('hello');
    const first = localEntry('project.qde', QDE);
    const zip = handZip(concat([first, localEntry('sources/b.txt', b)]), [
      { name: 'project.qde', data: QDE, offset: 0 },
      { name: 'sources/b.txt', data: b, offset: first.length },
    ]);
    const reader = new ZipReader(zip);
    assert.deepStrictEqual(
      reader.files.map((e) => e.name),
      ['project.qde', 'sources/b.txt'],
    );
    assert.deepStrictEqual(reader.read(reader.find('sources/b.txt')!), b);
  });

  it('refuses, before inflating anything, two entries that share one local header and stream', () => {
    const zip = handZip(localEntry('project.qde', QDE), [
      { name: 'project.qde', data: QDE, offset: 0 },
      { name: 'sources/copy.qde', data: QDE, offset: 0 },
    ]);
    assert.throws(
      () => new ZipReader(zip),
      (e: unknown) =>
        e instanceof RefiError && /overlap/.test(e.message) && /project\.qde/.test(e.message) && /sources\/copy\.qde/.test(e.message),
    );
  });

  it('refuses an entry whose stream holds the next entry (overlapping local headers)', () => {
    const inner = localEntry('sources/b.txt', strToU8('hello'));
    const outerData = concat([inner, strToU8('tail')]);
    const outerHeaderLength = 30 + 'sources/a.txt'.length;
    const zip = handZip(concat([localEntry('project.qde', QDE), localEntry('sources/a.txt', outerData)]), [
      { name: 'project.qde', data: QDE, offset: 0 },
      { name: 'sources/a.txt', data: outerData, offset: 30 + 'project.qde'.length + QDE.length },
      { name: 'sources/b.txt', data: strToU8('hello'), offset: 30 + 'project.qde'.length + QDE.length + outerHeaderLength },
    ]);
    assert.throws(
      () => new ZipReader(zip),
      (e: unknown) => e instanceof RefiError && /overlap/.test(e.message) && /sources\/a\.txt/.test(e.message),
    );
  });

  it('still reads what fflate writes (data descriptors and all)', () => {
    const zip = zipSync({ 'project.qde': QDE, 'sources/a.txt': strToU8('a'), 'sources/b.txt': strToU8('b'.repeat(10_000)) });
    assert.strictEqual(new ZipReader(zip).files.length, 3);
  });
});
