// NVivo exports a text source often as a Word document only (richTextPath, no plain text). With a
// .docx reader (mammoth, outside the core) the import reads its text and places the codings; the
// positions may count one character between paragraphs, which quoted selection names reveal. Without
// a reader the source is reported, never dropped silently; a selection whose quote is not at its
// position is named in a warning.
import * as assert from 'assert';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { MemoryFileSystem } from '../../src/core/port';
import { StudyStore } from '../../src/core/store';
import { importProject } from '../../src/core/refi';
import { readDocxWithMammoth } from '../../src/platform/docxText';
import { makeDocx } from './docxFixture';

const G = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PARAGRAPHS = [
  'Interviewer: Hoe wordt kennis gedeeld?',
  'Respondent A: Er is geen mandaat om besluiten te nemen.',
  'Interviewer: En het vertrouwen?',
  'Respondent A: Het vertrouwen tussen de leden is groot.',
];

/** A .qdpx whose one source is only a .docx; selections counted over the paragraphs joined by `sep`. */
function nvivoArchive(sep: string, quotes: string[], named = true): Uint8Array {
  const counted = PARAGRAPHS.join(sep);
  const selections = quotes
    .map((q, i) => {
      const s = [...counted.slice(0, counted.indexOf(q))].length;
      const e = s + [...q].length;
      return `<PlainTextSelection guid="${G(100 + i)}" name="${named ? q : `Selection ${i + 1}`}" startPosition="${s}" endPosition="${e}"><Coding guid="${G(200 + i)}"><CodeRef targetGUID="${G(1)}"/></Coding></PlainTextSelection>`;
    })
    .join('');
  const qde = `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="NVivo">
    <CodeBook><Codes><Code guid="${G(1)}" name="mandaat" isCodable="true"/></Codes></CodeBook>
    <Sources><TextSource guid="${G(90)}" name="Interview A.docx" richTextPath="internal://${G(90)}.docx">${selections}</TextSource></Sources></Project>`;
  return zipSync({ 'project.qde': strToU8(qde), [`sources/${G(90)}.docx`]: makeDocx(PARAGRAPHS) });
}

async function imported(bytes: Uint8Array, withReader = true) {
  const mem = new MemoryFileSystem();
  const report = await importProject(bytes, mem, {
    now: '2024-05-01T12:00:00.000Z',
    ...(withReader ? { readDocx: readDocxWithMammoth } : {}),
  });
  const opened = await StudyStore.open(mem);
  const texts = [...opened.study.allCodings()].map((c) => opened.store.text(c.doc)!.slice(c.start, c.end));
  return { report, study: opened.study, texts };
}

describe('REFI-QDA import: sources that are only a Word document (NVivo)', () => {
  const QUOTES = ['geen mandaat om besluiten', 'vertrouwen tussen de leden'];

  for (const [sep, how] of [
    ['\n\n', 'as the text reads (a blank line between paragraphs)'],
    ['\n', 'with one character between paragraphs'],
  ] as const) {
    it(`imports the text and places the codings when positions count ${how}`, async () => {
      const { report, study, texts } = await imported(nvivoArchive(sep, QUOTES));
      assert.strictEqual(report.transcripts.length, 1);
      assert.strictEqual(study.documents.length, 1);
      assert.deepStrictEqual(texts.sort(), [...QUOTES].sort());
      assert.strictEqual(report.lost, false);
      assert.ok(
        report.warnings.some((w) => /read from its Word document/.test(w)),
        report.warnings.join('\n'),
      );
    });
  }

  it('without a .docx reader the source is reported as not imported, with its codings', async () => {
    const { report, study } = await imported(nvivoArchive('\n\n', QUOTES), false);
    assert.strictEqual(study.documents.length, 0);
    assert.strictEqual(report.lost, true);
    assert.strictEqual(report.skippedSources.length, 1);
    assert.match(report.skippedSources[0].reason, /rich text \(docx\)/);
    assert.strictEqual(report.skippedSources[0].codings, 2);
  });

  it('a selection whose quoted name is not at its position is named in a warning', async () => {
    // The second selection's name quotes a text that is not at its position.
    const files = unzipSync(nvivoArchive('\n\n', QUOTES));
    const qde = new TextDecoder()
      .decode(files['project.qde'])
      .replace('name="vertrouwen tussen de leden"', 'name="iets dat er niet staat"');
    const rebuilt = zipSync({ ...files, 'project.qde': strToU8(qde) });
    const { report } = await imported(rebuilt);
    assert.ok(
      report.warnings.some((w) => /1 coded passage does not start with the text its name quotes \(“iets dat er niet staat”\)/.test(w)),
      report.warnings.join('\n'),
    );
  });
});
