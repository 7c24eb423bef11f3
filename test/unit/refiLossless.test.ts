import * as assert from 'assert';
import { strToU8, zipSync } from 'fflate';
import { MemoryFileSystem } from '../../src/core/port';
import { StudyStore } from '../../src/core/store';
import type { Study } from '../../src/core/study';
import { RefiError, importProject, planCodebookImport, readCodebook } from '../../src/core/refi';
import type { ImportReport } from '../../src/core/refi';
import { smallStudyFs } from './helpers';

const NOW = '2024-05-01T12:00:00.000Z';
const G = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function project(inner: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="test">${inner}</Project>`;
}

function archive(qde: string, files: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({ 'project.qde': strToU8(qde), ...files });
}

async function importInto(bytes: Uint8Array): Promise<{ report: ImportReport; study: Study; mem: MemoryFileSystem }> {
  const mem = new MemoryFileSystem();
  const report = await importProject(bytes, mem, { now: NOW });
  const opened = await StudyStore.open(mem);
  assert.deepStrictEqual(opened.problems, []);
  assert.deepStrictEqual(opened.reanchored, []);
  return { report, study: opened.study, mem };
}

async function refused(bytes: Uint8Array, pattern: RegExp): Promise<void> {
  const mem = new MemoryFileSystem();
  await assert.rejects(importProject(bytes, mem, { now: NOW }), (e: unknown) => {
    assert.ok(e instanceof RefiError, String(e));
    assert.match(e.message, pattern);
    return true;
  });
  assert.strictEqual(mem.files.size, 0, 'nothing written');
}

const TEXT = 'We keep testing the new Testing protocol every week.\n';

function sel(n: number, quote: string, codes: number[], user?: number, shift = 0): string {
  const s = TEXT.indexOf(quote) + shift;
  const refs = codes.map((c, i) => `<Coding guid="${G(n * 10 + i + 1)}"><CodeRef targetGUID="${G(c)}"/></Coding>`).join('');
  return `<PlainTextSelection guid="${G(n)}" name="${quote}" startPosition="${s}" endPosition="${s + quote.length}"${
    user ? ` creatingUser="${G(user)}"` : ''
  }>${refs}</PlainTextSelection>`;
}

describe('REFI-QDA import: codes are told apart by GUID, never merged by name', () => {
  const codes = `<CodeBook><Codes>
    <Code guid="${G(1)}" name="Testing" isCodable="true"/>
    <Code guid="${G(2)}" name="testing" isCodable="true"/>
    <Code guid="${G(3)}" name="Parent" isCodable="true">
      <Code guid="${G(4)}" name="same" isCodable="true"/>
      <Code guid="${G(5)}" name="same" isCodable="true"/>
    </Code>
  </Codes></CodeBook>`;
  const qde = project(`${codes}<Sources><TextSource guid="${G(90)}" name="doc" plainTextPath="internal://doc.txt">
    ${sel(100, 'testing the new', [1])}${sel(200, 'Testing protocol', [2])}${sel(300, 'every week', [4, 5])}
  </TextSource></Sources>`);

  it('keeps sibling codes whose names differ only in case, or are equal, with their codings apart', async () => {
    const { report, study } = await importInto(archive(qde, { 'sources/doc.txt': strToU8(TEXT) }));
    assert.strictEqual(study.codes.length, 5);
    assert.strictEqual(report.codes, 5);
    assert.deepStrictEqual(
      study.codes.map((c) => [c.id, c.name]),
      [
        [G(1), 'Testing'],
        [G(2), 'testing'],
        [G(3), 'Parent'],
        [G(4), 'same'],
        [G(5), 'same'],
      ],
    );
    assert.deepStrictEqual(study.coding(G(100))!.codes, [G(1)]);
    assert.deepStrictEqual(study.coding(G(200))!.codes, [G(2)]);
    assert.deepStrictEqual(study.coding(G(300))!.codes, [G(4), G(5)]);
    // Said in the report, not silently.
    assert.ok(
      report.warnings.some((w) => /share a name/.test(w) && /Testing/.test(w) && /same/.test(w)),
      report.warnings.join('\n'),
    );
    assert.strictEqual(report.lost, false, 'nothing was lost');
  });

  it('imports a .qdc with same-name siblings as separate codes into a study', async () => {
    const { study } = await StudyStore.open(smallStudyFs());
    const before = study.codes.length;
    const plan = planCodebookImport(
      study,
      readCodebook(strToU8(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0">${codes.slice('<CodeBook>'.length)}`)),
    );
    study.transact('import', plan.ops);
    assert.strictEqual(plan.added, 5);
    assert.strictEqual(study.codes.length, before + 5);
    assert.deepStrictEqual([...plan.sameNameSiblings].sort(), ['Parent › same', 'Testing', 'testing'].sort());
  });

  it('merges into an existing codebook by name only when asked, and says which codes it matched by name', async () => {
    const { study } = await StudyStore.open(smallStudyFs());
    const existing = study.codes.find((c) => c.parent === undefined)!;
    const xml = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
      <Code guid="${G(1)}" name="${existing.name.toUpperCase()}" isCodable="true"/>
      <Code guid="${G(2)}" name="${existing.name}" isCodable="true"/>
    </Codes></CodeBook>`;
    const byName = planCodebookImport(study, readCodebook(strToU8(xml)));
    // The exact name claims the existing code; the other is added beside it (one code is never matched twice).
    assert.deepStrictEqual([byName.added, byName.matched], [1, 1]);
    assert.deepStrictEqual(byName.matchedByName, [existing.name]);
    assert.strictEqual(byName.codeIdOf.get(G(2)), existing.id);
    assert.notStrictEqual(byName.codeIdOf.get(G(1)), existing.id);
    const byGuidOnly = planCodebookImport(study, readCodebook(strToU8(xml)), { matchByName: false });
    assert.deepStrictEqual([byGuidOnly.added, byGuidOnly.matched, byGuidOnly.matchedByName.length], [2, 0, 0]);
  });
});

describe('REFI-QDA import: duplicated GUIDs are never guessed at', () => {
  const source = (inner: string, guid = G(90), file = 'doc.txt') =>
    `<TextSource guid="${guid}" name="${file}" plainTextPath="internal://${file}">${inner}</TextSource>`;
  const files = { 'sources/doc.txt': strToU8(TEXT), 'sources/other.txt': strToU8(TEXT) };

  it('refuses two users with one GUID, naming the GUID and both users', async () => {
    const qde = project(`<Users><User guid="${G(7)}" name="Ann"/><User guid="{${G(7).toUpperCase()}}" name="Bob"/></Users>
      <CodeBook><Codes><Code guid="${G(1)}" name="a" isCodable="true"/></Codes></CodeBook>
      <Sources>${source(sel(100, 'testing the new', [1], 7))}</Sources>`);
    await refused(archive(qde, files), new RegExp(`${G(7)}.*user.*"Ann".*"Bob"`, 'i'));
  });

  it('refuses two codes with one GUID', async () => {
    const qde = project(
      `<CodeBook><Codes><Code guid="${G(1)}" name="a" isCodable="true"><Code guid="${G(1)}" name="b" isCodable="true"/></Code></Codes></CodeBook>`,
    );
    await refused(archive(qde), new RegExp(`${G(1)}.*code.*"a".*"b"`, 'i'));
    assert.throws(
      () => readCodebook(strToU8(`<CodeBook><Codes><Code guid="${G(1)}" name="a"/><Code guid="${G(1)}" name="b"/></Codes></CodeBook>`)),
      (e: unknown) => e instanceof RefiError && e.message.includes(G(1)),
    );
  });

  it('refuses two sources with one GUID', async () => {
    const qde = project(`<Sources>${source('')}${source('', G(90), 'other.txt')}</Sources>`);
    await refused(archive(qde, files), new RegExp(`${G(90)}.*source.*"doc\\.txt".*"other\\.txt"`, 'i'));
  });

  it('imports two selections with one GUID as two codings, and says so', async () => {
    const qde = project(`<CodeBook><Codes><Code guid="${G(1)}" name="a" isCodable="true"/></Codes></CodeBook>
      <Sources>${source(sel(100, 'testing the new', [1]) + sel(100, 'every week', [1]))}</Sources>`);
    const { report, study } = await importInto(archive(qde, files));
    assert.deepStrictEqual([...study.allCodings()].map((c) => c.quote).sort(), ['every week', 'testing the new']);
    assert.ok(
      report.warnings.some((w) => w.includes(G(100)) && /selection/.test(w)),
      report.warnings.join('\n'),
    );
    assert.strictEqual(report.lost, false);
  });
});

describe('REFI-QDA import: a source whose positions count the BOM', () => {
  it('follows the quoted names when a tool counted the byte order mark of a source file', async () => {
    const body = 'The first sentence of this text.\nAnother sentence follows here.\n';
    const quotes = ['first sentence of', 'Another sentence'];
    const sels = quotes
      .map((q, i) => {
        const s = body.indexOf(q) + 1; // counted with the BOM as a character
        return `<PlainTextSelection guid="${G(100 + i)}" name="${q}" startPosition="${s}" endPosition="${s + q.length}"><Coding guid="${G(200 + i)}"><CodeRef targetGUID="${G(1)}"/></Coding></PlainTextSelection>`;
      })
      .join('');
    const qde = project(
      `<CodeBook><Codes><Code guid="${G(1)}" name="a" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="${G(90)}" name="doc" plainTextPath="internal://doc.txt">${sels}</TextSource></Sources>`,
    );
    const bytes = archive(qde, { 'sources/doc.txt': new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(body)]) });
    const { report, study, mem } = await importInto(bytes);
    assert.deepStrictEqual(
      [G(100), G(101)].map((g) => study.coding(g)!.quote),
      quotes,
    );
    assert.ok(
      report.warnings.some((w) => /byte order mark/.test(w)),
      report.warnings.join('\n'),
    );
    assert.strictEqual(mem.text('transcripts/doc.md'), body, 'the BOM itself is dropped');
  });

  it('keeps the standard counting for a BOM file whose positions do not count it', async () => {
    const body = 'The first sentence of this text.\n';
    const q = 'first sentence of';
    const s = body.indexOf(q);
    const qde = project(
      `<CodeBook><Codes><Code guid="${G(1)}" name="a" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="${G(90)}" name="doc" plainTextPath="internal://doc.txt"><PlainTextSelection guid="${G(100)}" name="${q}" startPosition="${s}" endPosition="${s + q.length}"><Coding guid="${G(200)}"><CodeRef targetGUID="${G(1)}"/></Coding></PlainTextSelection></TextSource></Sources>`,
    );
    const { report, study } = await importInto(archive(qde, { 'sources/doc.txt': new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(body)]) }));
    assert.strictEqual(study.coding(G(100))!.quote, q);
    assert.ok(!report.warnings.some((w) => /byte order mark/.test(w)));
  });
});

describe('REFI-QDA import report: whether anything was lost', () => {
  it('is false for a complete import and true, with counts, when sources, codings, sets or links stay behind', async () => {
    const clean = project(`<CodeBook><Codes><Code guid="${G(1)}" name="a" isCodable="true"/></Codes></CodeBook>
      <Sources><TextSource guid="${G(90)}" name="doc" plainTextPath="internal://doc.txt">${sel(100, 'testing the new', [1])}</TextSource></Sources>`);
    const ok = await importInto(archive(clean, { 'sources/doc.txt': strToU8(TEXT) }));
    assert.strictEqual(ok.report.lost, false);
    assert.deepStrictEqual(ok.report.notImported, {
      sources: 0,
      selections: 0,
      codings: 0,
      sets: 0,
      graphs: 0,
      links: 0,
      caseMemberships: 0,
    });

    const lossy = project(`<CodeBook><Codes><Code guid="${G(1)}" name="a" isCodable="true"/></Codes></CodeBook>
      <Cases><Case guid="${G(60)}" name="A"><SourceRef targetGUID="${G(90)}"/></Case><Case guid="${G(61)}" name="B"><SourceRef targetGUID="${G(90)}"/></Case></Cases>
      <Sources>
        <TextSource guid="${G(90)}" name="doc" plainTextPath="internal://doc.txt">${sel(100, 'testing the new', [1])}${sel(110, 'every week', [99])}
          <PlainTextSelection guid="${G(120)}" startPosition="5" endPosition="9999"><Coding guid="${G(121)}"><CodeRef targetGUID="${G(1)}"/></Coding></PlainTextSelection>
        </TextSource>
        <PDFSource guid="${G(91)}" name="paper.pdf" path="internal://p.pdf"><PDFSelection guid="${G(92)}" page="1" firstX="1" firstY="1" secondX="2" secondY="2"><Coding guid="${G(93)}"><CodeRef targetGUID="${G(1)}"/></Coding></PDFSelection></PDFSource>
      </Sources>
      <Sets><Set guid="${G(80)}" name="Favourites"><MemberCode targetGUID="${G(1)}"/></Set></Sets>
      <Links><Link guid="${G(81)}" originGUID="${G(1)}" targetGUID="${G(100)}"/></Links>`);
    const { report } = await importInto(archive(lossy, { 'sources/doc.txt': strToU8(TEXT) }));
    assert.strictEqual(report.lost, true);
    assert.deepStrictEqual(report.notImported, { sources: 1, selections: 1, codings: 3, sets: 1, graphs: 0, links: 1, caseMemberships: 1 });
  });
});

describe('REFI-QDA import: "factor: …" sets from other tools', () => {
  it('makes the factors a set names in the catalogue "Imported from REFI-QDA" and links its codes, saying so', async () => {
    const qde =
      project(`<CodeBook><Codes><Code guid="${G(1)}" name="a" isCodable="true"/><Code guid="${G(2)}" name="b" isCodable="true"/></Codes></CodeBook>
      <Sets><Set guid="${G(80)}" name="factor: Vertrouwen"><MemberCode targetGUID="${G(1)}"/><MemberCode targetGUID="${G(2)}"/></Set></Sets>`);
    const { report, study } = await importInto(archive(qde));
    assert.deepStrictEqual(
      study.catalogues.map((c) => [c.name, c.categories.flatMap((g) => g.factors.map((f) => f.name))]),
      [['Imported from REFI-QDA', ['Vertrouwen']]],
    );
    const factor = study.catalogues[0].categories[0].factors[0].id;
    assert.deepStrictEqual(
      study.links.map((l) => [l.code, l.factor]),
      [
        [G(1), factor],
        [G(2), factor],
      ],
    );
    assert.ok(
      report.warnings.some((w) => /Vertrouwen/.test(w) && /Imported from REFI-QDA/.test(w)),
      report.warnings.join('\n'),
    );
    assert.strictEqual(report.lost, false);
  });
});
