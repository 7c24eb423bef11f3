import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { MemoryFileSystem } from '../../src/core/port';
import type { Coding } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';
import { makeAnchor } from '../../src/core/anchor';
import { serializeCodingFile, serializeProject } from '../../src/core/serialize';
import { StudyStore } from '../../src/core/store';
import type { Study } from '../../src/core/study';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import {
  RefiError,
  codebookDepth,
  exportCodebook,
  exportProject,
  guidOf,
  importProject,
  planCodebookImport,
  readCodebook,
  selectionGuid,
} from '../../src/core/refi';
import type { ImportReport } from '../../src/core/refi';
import { smallStudyFs } from './helpers';

const REPO = path.resolve(__dirname, '../../..');
const REFERENCE = path.resolve(REPO, '../shared/reference');
const REFI = path.join(REFERENCE, 'refi');
const SAMPLE = path.join(REPO, 'sample/kennisdeling');
const NOW = '2024-05-01T12:00:00.000Z';

function skipWithoutReference(ctx: Mocha.Context): void {
  if (!fs.existsSync(path.join(REFI, 'samples'))) {
    console.log(`      (skipped: the REFI-QDA reference material is not at ${REFI})`);
    ctx.skip();
  }
}

// ---------- independent readings of the XML (regular expressions, not the importer's parser) ----------

function unzipSample(file: string): { qde: string; entries: Record<string, Uint8Array> } {
  const entries = unzipSync(new Uint8Array(fs.readFileSync(path.join(REFI, 'samples', file))));
  const qdeName = Object.keys(entries).find((n) => /\.qde$/i.test(n))!;
  return { qde: strFromU8(entries[qdeName]), entries };
}

function countTag(xml: string, tag: string): number {
  return (xml.match(new RegExp(`<${tag}[\\s/>]`, 'g')) ?? []).length;
}

/** Deepest nesting of <Code> elements, by scanning open, self-closing and closing tags. */
function codeDepth(xml: string): number {
  let depth = 0;
  let max = 0;
  for (const m of xml.matchAll(/<Code(?=[\s/>])[^>]*?(\/?)>|<\/Code>/g)) {
    if (m[0].startsWith('</')) {
      depth--;
    } else {
      max = Math.max(max, depth + 1);
      if (m[1] !== '/') {
        depth++;
      }
    }
  }
  return max;
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function namesOf(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\s[^>]*?\\bname="([^"]*)"`, 'g'))].map((m) => xmlUnescape(m[1]));
}

async function importInto(bytes: Uint8Array): Promise<{ report: ImportReport; study: Study; store: StudyStore; fs: MemoryFileSystem }> {
  const mem = new MemoryFileSystem();
  const report = await importProject(bytes, mem, { now: NOW });
  const opened = await StudyStore.open(mem);
  assert.deepStrictEqual(opened.problems, [], 'the imported study has no problems');
  assert.deepStrictEqual(opened.reanchored, [], 'every imported coding sits exactly on its quote');
  return { report, study: opened.study, store: opened.store, fs: mem };
}

async function importSample(file: string) {
  return importInto(new Uint8Array(fs.readFileSync(path.join(REFI, 'samples', file))));
}

function studyDepth(study: Study): number {
  return Math.max(0, ...study.codes.map((c) => study.depthOf(c.id) + 1));
}

function xmllint(xsd: string, xml: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-refi-'));
  const file = path.join(dir, 'doc.xml');
  fs.writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', path.join(REFI, xsd), file], { stdio: 'pipe' });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    assert.fail(`xmllint --schema ${xsd} rejects the export:\n${err.stderr?.toString().slice(0, 3000) ?? err.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function openSample(): Promise<{ study: Study; store: StudyStore }> {
  const opened = await StudyStore.open(new NodeFileSystem(SAMPLE));
  return { study: opened.study, store: opened.store };
}

async function assertRefused(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof RefiError, `a RefiError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

// ---------- real exports ----------

describe('REFI-QDA import of real exports (ATLAS.ti, NVivo, qc)', function () {
  before(function () {
    skipWithoutReference(this);
  });

  it('ATLAS.ti 23.2: a nested codebook and two users, no sources', async () => {
    const { qde } = unzipSample('atlasti-23.2-target.qdpx');
    const { report, study } = await importSample('atlasti-23.2-target.qdpx');
    assert.strictEqual(study.codes.length, countTag(qde, 'Code'));
    assert.strictEqual(study.codes.length, 3);
    assert.strictEqual(studyDepth(study), codeDepth(qde));
    assert.strictEqual(studyDepth(study), 2);
    assert.strictEqual(study.pathLabel(study.codes.find((c) => c.name.includes('19e4dce'))!.id), 'Commits › 2022-05-10T02:05:59Z 19e4dce');
    assert.strictEqual(study.codes[0].id, 'a182cd3a-d83c-4d8c-bc80-26d9103ec6d6', 'the REFI GUID is the code id');
    assert.deepStrictEqual(
      study.project.coders.map((c) => c.name),
      namesOf(qde, 'User'),
    );
    assert.strictEqual(study.name, 'target-atlas-project');
    assert.strictEqual(report.transcripts.length, countTag(qde, 'TextSource'));
    assert.strictEqual(study.codingCount, 0);
  });

  it('ATLAS.ti 8.4: Project.qde and Sources/ capitalised, source files absent, media reported by name, notes as memos', async () => {
    const { qde, entries } = unzipSample('atlasti-8.4-TestProject.qdpx');
    assert.ok(entries['Project.qde'] && !entries['project.qde'], 'the sample has the capitalised name');
    const { report, study, fs: mem } = await importSample('atlasti-8.4-TestProject.qdpx');
    assert.strictEqual(study.codes.length, countTag(qde, 'Code'));
    assert.strictEqual(study.codes.length, 14);
    assert.strictEqual(studyDepth(study), codeDepth(qde));
    const coke = study.codes.find((c) => c.name === 'Coke')!;
    assert.strictEqual(coke.color, '#966450');
    assert.strictEqual(coke.definition, 'the breakfast of champions');
    assert.ok(
      study.codes.some((c) => c.name === '"rushed"'),
      'entities in names are decoded',
    );
    // No text file is in the archive: every text source is reported, by name, and so is every medium.
    assert.strictEqual(report.transcripts.length, 0);
    const skipped = report.skippedSources;
    assert.deepStrictEqual(
      skipped
        .filter((s) => s.kind === 'text')
        .map((s) => s.name)
        .sort(),
      namesOf(qde, 'TextSource').sort(),
    );
    for (const [tag, kind] of [
      ['PDFSource', 'PDF'],
      ['PictureSource', 'picture'],
      ['AudioSource', 'audio'],
      ['VideoSource', 'video'],
    ] as const) {
      assert.deepStrictEqual(
        skipped
          .filter((s) => s.kind === kind)
          .map((s) => s.name)
          .sort(),
        namesOf(qde, tag).sort(),
        kind,
      );
    }
    assert.ok(skipped.some((s) => s.name === "Kellogg's Passion for Nutrition.pdf"));
    assert.strictEqual(
      skipped.reduce((n, s) => n + s.codings, 0),
      countTag(qde, 'Coding'),
      'every coding lost is counted with its source',
    );
    assert.strictEqual(study.codingCount, 0);
    assert.strictEqual(study.project.coders.length, countTag(qde, 'User'));
    assert.deepStrictEqual(
      study.project.coders.map((c) => c.name),
      ['ATLAS.ti', 'Friedrich Markgraf', 'Sebastian Petrausch'],
    );
    // Its two project notes become memo files (one has a Description and text, one only text).
    assert.strictEqual(report.memoFiles.length, countTag(qde, 'Note'));
    const plan = mem.text('.codeboom/memos/Research Plan.md')!;
    assert.match(plan, /day to day log about this amazing project/);
    assert.match(plan, /This is a great project by a dynamic team/);
    assert.match(mem.text('.codeboom/memos/My favorite Coke ad.md')!, /much better than the new Director’s cut/);
  });

  it('NVivo for Mac 15: a seven-level codebook with repeated names, empty plain text reported', async () => {
    const { qde, entries } = unzipSample('nvivo-mac-15-project.qdpx');
    assert.ok(entries['sources/.root'] !== undefined, 'the sample has the stray sources/.root');
    const { report, study } = await importSample('nvivo-mac-15-project.qdpx');
    assert.strictEqual(study.codes.length, countTag(qde, 'Code'));
    assert.strictEqual(study.codes.length, 262);
    assert.strictEqual(studyDepth(study), codeDepth(qde));
    assert.strictEqual(studyDepth(study), 7);
    // "programming" exists twice, under different parents: both are kept.
    const programming = study.codes.filter((c) => c.name === 'programming').map((c) => study.pathLabel(c.id, '/'));
    assert.deepStrictEqual(programming.sort(), [
      'rq1_definition/competencies/programming',
      'rq1_definition/framings/cs_as_programming/programming',
    ]);
    assert.strictEqual(study.codes.filter((c) => c.parent === undefined).length, 3);
    // Its two sources have a one-byte plain text (a line break) beside a docx: reported, not imported.
    assert.strictEqual(report.skippedSources.length, countTag(qde, 'TextSource'));
    assert.ok(report.skippedSources.every((s) => s.kind === 'text' && /plain text is empty/.test(s.reason)));
    assert.deepStrictEqual(
      study.project.coders.map((c) => [c.id, c.name]),
      [
        ['cp', 'chrisp'],
        ['c', 'cp'],
      ],
    );
  });

  it('qc 1.3.2: two transcripts, every selection and coding, at the exact code points', async () => {
    const { qde, entries } = unzipSample('qc-1.3.2-demo.qdpx');
    assert.ok(!qde.startsWith('<?xml'), 'the sample has no XML declaration');
    const { report, study, store } = await importSample('qc-1.3.2-demo.qdpx');
    assert.strictEqual(study.codes.length, countTag(qde, 'Code'));
    assert.strictEqual(studyDepth(study), codeDepth(qde));
    assert.deepStrictEqual(report.transcripts, ['transcripts/board_2017.md', 'transcripts/admin-1.md']);
    assert.strictEqual(countTag(qde, 'PlainTextSelection'), 158);
    assert.strictEqual(countTag(qde, 'Coding'), 205);
    assert.strictEqual(study.codingCount, countTag(qde, 'PlainTextSelection'), 'one coding per selection (one coder)');
    const applications = [...study.allCodings()].reduce((n, c) => n + c.codes.length, 0);
    assert.strictEqual(applications, countTag(qde, 'Coding'));
    assert.deepStrictEqual(study.coders(), ['cp']);
    // Each selection's text, cut from the source file by code points, is the imported coding's quote.
    const sources = new Map<string, string>();
    for (const m of qde.matchAll(/<TextSource plainTextPath="([^"]+)" guid="([^"]+)"/g)) {
      sources.set(m[2], strFromU8(entries[`sources/${m[1]}`]));
    }
    let checked = 0;
    for (const src of qde.split('<TextSource').slice(1)) {
      const guid = /guid="([^"]+)"/.exec(src)![1];
      const chars = Array.from(sources.get(guid)!);
      for (const m of src.matchAll(/<PlainTextSelection guid="([^"]+)"[^>]*startPosition="(\d+)" endPosition="(\d+)"/g)) {
        const coding = study.coding(m[1].toLowerCase())!;
        assert.ok(coding, `selection ${m[1]} imported under its GUID`);
        assert.strictEqual(coding.quote, chars.slice(Number(m[2]), Number(m[3])).join(''));
        assert.strictEqual(store.text(coding.doc)!.slice(coding.start, coding.end), coding.quote);
        checked++;
      }
    }
    assert.strictEqual(checked, 158);
    assert.match(store.text('transcripts/admin-1.md')!, /^Automation: {5}/, 'no front matter where there are no attributes');
  });

  it('imports the codebook of a .qdpx into a study, and matches it the second time', async () => {
    const { study } = await openSample();
    const before = study.codes.length;
    const codebook = readCodebook(new Uint8Array(fs.readFileSync(path.join(REFI, 'samples/nvivo-mac-15-project.qdpx'))), 'nvivo.qdpx');
    assert.strictEqual(codebookDepth(codebook.codes), 7);
    const plan = planCodebookImport(study, codebook);
    study.transact('import', plan.ops);
    assert.strictEqual(plan.added, 262);
    assert.strictEqual(study.codes.length, before + 262);
    assert.strictEqual(studyDepth(study), 7);
    const again = planCodebookImport(study, codebook);
    assert.strictEqual(again.added, 0);
    assert.strictEqual(again.matched, 262);
    study.undo();
    assert.strictEqual(study.codes.length, before);
  });
});

// ---------- export ----------

describe('REFI-QDA export of the sample study', function () {
  let study: Study;
  let store: StudyStore;
  before(async function () {
    skipWithoutReference(this);
    ({ study, store } = await openSample());
  });

  it('writes a .qdpx whose project.qde is valid against Project.xsd, with sources in UTF-8', async () => {
    const { bytes, xml, report } = await exportProject({ study, text: (d) => store.text(d), now: NOW });
    xmllint('Project.xsd', xml);
    const entries = unzipSync(bytes);
    assert.strictEqual(strFromU8(entries['project.qde']), xml);
    const sources = Object.keys(entries).filter((n) => n.startsWith('sources/'));
    assert.strictEqual(sources.length, study.documents.length);
    assert.strictEqual(countTag(xml, 'TextSource'), study.documents.length);
    const codings = [...study.allCodings()].filter((c) => !c.orphaned);
    assert.strictEqual(countTag(xml, 'PlainTextSelection'), codings.length);
    assert.strictEqual(
      countTag(xml, 'Coding'),
      codings.reduce((n, c) => n + c.codes.length, 0),
    );
    assert.strictEqual(countTag(xml, 'Code'), study.codes.length);
    assert.strictEqual(codeDepth(xml), studyDepth(study));
    assert.strictEqual(countTag(xml, 'User'), 2);
    assert.strictEqual(report.selections, codings.length);
    // Plain text in UTF-8 without BOM: the transcript's body, front matter left out.
    const a1 = study.document('transcripts/A-1.md')!;
    const file = /<TextSource guid="[^"]+" name="A-1" plainTextPath="internal:\/\/([^"]+)"/.exec(xml)![1];
    assert.notStrictEqual(entries[`sources/${file}`][0], 0xef);
    assert.strictEqual(Buffer.from(entries[`sources/${file}`]).toString('utf8'), store.text(a1.path)!.slice(a1.bodyStart));
    // Cases and variables from the front matter.
    assert.deepStrictEqual(
      namesOf(xml, 'Case').sort(),
      study
        .cases()
        .filter((c) => study.documents.some((d) => study.caseOf(d.path) === c))
        .sort(),
    );
    assert.ok(/<Variable guid="[^"]+" name="interview" typeOfVariable="Integer"\/>/.test(xml));
    assert.ok(/<Variable guid="[^"]+" name="date" typeOfVariable="Date"\/>/.test(xml));
  });

  it('keeps GUIDs stable: codes and selections carry their ids, and a second export is identical', async () => {
    const first = await exportProject({ study, text: (d) => store.text(d), now: NOW });
    const second = await exportProject({ study, text: (d) => store.text(d), now: NOW });
    assert.strictEqual(first.xml, second.xml);
    assert.deepStrictEqual(first.bytes, second.bytes);
    for (const c of study.codes) {
      assert.ok(first.xml.includes(`<Code guid="${c.id}" name="${c.name}"`), c.name);
    }
    const coding = [...study.allCodings()][0];
    assert.strictEqual(selectionGuid(coding), coding.id);
    assert.ok(first.xml.includes(`<PlainTextSelection guid="${coding.id}"`));
  });

  it('writes the codebook as a .qdc valid against Codebook.xsd', () => {
    const qdc = exportCodebook(study);
    xmllint('Codebook.xsd', qdc);
    assert.strictEqual(countTag(qdc, 'Code'), study.codes.length);
    assert.strictEqual(codeDepth(qdc), studyDepth(study));
    const mandaat = study.codes.find((c) => c.name === 'mandaat')!;
    assert.ok(qdc.includes(`name="mandaat" isCodable="true" color="${mandaat.color}"`));
    assert.ok(qdc.includes(`<Description>${mandaat.definition}</Description>`));
    // Re-importing it into the same study matches every code (by GUID) and adds nothing.
    const plan = planCodebookImport(study, readCodebook(strToU8(qdc)));
    assert.strictEqual(plan.added, 0);
    assert.strictEqual(plan.matched, study.codes.length);
    assert.deepStrictEqual(plan.ops, []);
  });

  it('export → import gives the same codes, codings (same quoted text), coders, memos and attributes', async () => {
    const progress: number[] = [];
    const memos = [
      {
        path: 'transcripts/A-1.md',
        text: '# Memo: Respondent A, interview 1\n\nTranscript: transcripts/A-1.md\n\nVeel over [[mandaat]].\n',
      },
      { path: 'journal.md', text: '# Journal: Kennisdeling\n\n## 2024-05-01\n\nTweede ronde gestart.\n' },
    ];
    const { bytes, xml } = await exportProject({ study, text: (d) => store.text(d), memos, now: NOW, onProgress: (f) => progress.push(f) });
    assert.strictEqual(progress[progress.length - 1], 1);
    xmllint('Project.xsd', xml);
    const back = await importInto(bytes);
    for (const m of memos) {
      assert.strictEqual(back.fs.text(`.codeboom/memos/${m.path}`), m.text, m.path);
    }
    assert.strictEqual(back.study.name, study.name);
    assert.strictEqual(back.study.project.description, study.project.description);
    assert.strictEqual(back.study.codes.length, study.codes.length);
    for (const c of study.codes) {
      const b = back.study.code(c.id);
      assert.ok(b, `code ${c.name} kept its id`);
      assert.deepStrictEqual(
        { name: b.name, parent: b.parent, color: b.color, definition: b.definition, memo: b.memo, polarity: b.polarity, origin: b.origin },
        { name: c.name, parent: c.parent, color: c.color, definition: c.definition, memo: c.memo, polarity: c.polarity, origin: c.origin },
      );
    }
    assert.deepStrictEqual(
      back.study.documents.map((d) => d.path),
      study.documents.map((d) => d.path),
    );
    for (const d of study.documents) {
      assert.deepStrictEqual(back.study.document(d.path)!.attributes, d.attributes, d.path);
      assert.strictEqual(back.store.text(d.path)!.slice(back.study.document(d.path)!.bodyStart), store.text(d.path)!.slice(d.bodyStart));
    }
    const codings = [...study.allCodings()];
    assert.strictEqual(back.study.codingCount, codings.length);
    for (const c of codings) {
      const b = back.study.coding(c.id)!;
      assert.ok(b, `coding ${c.id}`);
      assert.deepStrictEqual(
        { doc: b.doc, coder: b.coder, codes: [...b.codes].sort(), quote: b.quote, memo: b.memo, created: b.created },
        { doc: c.doc, coder: c.coder, codes: [...c.codes].sort(), quote: c.quote, memo: c.memo, created: c.created },
      );
    }
    assert.deepStrictEqual(back.study.project.coders, study.project.coders);
    assert.deepStrictEqual(back.study.cases().sort(), [...new Set(study.documents.map((d) => study.caseOf(d.path)!))].sort());
  });
});

// ---------- positions ----------

describe('REFI-QDA positions', () => {
  const BODY = '\r\n**R:** Dat was 😀 leuk.\r\nEn 👩‍👩‍👧 familie 🇳🇱, café.\r\nTot 𝄞 slot.\r\n';
  const TEXT = '---\r\ncase: X\r\nrespondent: R\r\ninterview: 1\r\n---\r\n' + BODY;
  const QUOTES = ['leuk', '👩‍👩‍👧 familie 🇳🇱', 'café.\r\nTot 𝄞', 'slot'];

  async function emojiStudy(): Promise<{ study: Study; store: StudyStore }> {
    const project = { ...emptyProject('Emoji'), transcriptFolders: ['t'], codes: [{ id: 'k1', name: 'één', color: '#4e79a7' }] };
    const codings: Coding[] = QUOTES.map((q, i) => {
      const s = TEXT.indexOf(q);
      return { id: `c${i}`, doc: 't/e.md', coder: 'eva', codes: ['k1'], ...makeAnchor(TEXT, s, s + q.length), created: NOW };
    });
    const mem = new MemoryFileSystem({
      'codeboom.json': serializeProject(project),
      't/e.md': TEXT,
      '.codeboom/codings/t/e.md.eva.json': serializeCodingFile('t/e.md', 'eva', codings),
    });
    const opened = await StudyStore.open(mem);
    assert.deepStrictEqual(opened.problems, []);
    return { study: opened.study, store: opened.store };
  }

  it('exports code points (not UTF-16 units) into a CRLF body, and imports them back exactly', async () => {
    const { study, store } = await emojiStudy();
    const { bytes, xml, sourceFiles } = await exportProject({ study, text: (d) => store.text(d), now: NOW });
    const body = [...sourceFiles.values()][0];
    assert.strictEqual(body, BODY, 'the body with its CRLF line breaks');
    const chars = Array.from(body);
    for (const c of study.allCodings()) {
      const m = new RegExp(`<PlainTextSelection guid="${guidOf('coding', c.id)}"[^>]*startPosition="(\\d+)" endPosition="(\\d+)"`).exec(
        xml,
      )!;
      assert.ok(m, c.id);
      assert.strictEqual(chars.slice(Number(m[1]), Number(m[2])).join(''), c.quote);
      assert.notStrictEqual(
        Number(m[1]),
        c.start - study.document('t/e.md')!.bodyStart,
        'code points differ from UTF-16 units after an emoji',
      );
    }
    const back = await importInto(bytes);
    const text = back.store.text('transcripts/e.md')!;
    const doc = back.study.document('transcripts/e.md')!;
    assert.strictEqual(text.slice(doc.bodyStart), BODY);
    assert.match(text, /^---\r\ncase: X\r\n/, 'front matter with the same line breaks');
    assert.deepStrictEqual(doc.attributes, { case: 'X', interview: 1, respondent: 'R' });
    assert.deepStrictEqual([...back.study.allCodings()].map((c) => c.quote).sort(), [...QUOTES].sort());
    const original = study.document('t/e.md')!;
    for (const c of back.study.allCodings()) {
      const o = [...study.allCodings()].find((x) => x.quote === c.quote)!;
      assert.strictEqual(c.start - doc.bodyStart, o.start - original.bodyStart, c.quote);
      assert.strictEqual(text.slice(c.start, c.end), c.quote);
    }
  });
});

// ---------- what real tools write ----------

const G = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function cp(text: string, needle: string): [number, number] {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  const s = Array.from(text.slice(0, i)).length;
  return [s, s + Array.from(needle).length];
}

describe('REFI-QDA import of what real tools write', () => {
  const ANN = '\uFEFFHello 👋 world.\r\nSecond line, with café.\r\nThird line.\r\n';
  const ANN_BODY = ANN.slice(1);
  const INLINE = 'Inline text 😀 here & there';

  function variantsProject(qdeName: string, sourcesFolder: string): Uint8Array {
    const [w0, w1] = cp(ANN_BODY, 'world');
    const [c0, c1] = cp(ANN_BODY, 'Second line, with café');
    const [i0, i1] = cp(INLINE, 'here & there');
    const qde = `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Variants &amp; more" origin="test" creatingUserGUID="{${G(1).toUpperCase()}}">
  <Users><User guid="{${G(1).toUpperCase()}}" name="Ann Smith"/></Users>
  <CodeBook><Codes>
    <Code guid="${G(10)}" name="Parent" isCodable="false" color="#F00"><Description>top</Description>
      <Code guid="${G(11)}" name="Child" isCodable="true"><NoteRef targetGUID="${G(50)}"/></Code>
    </Code>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="${G(20)}" name="age" typeOfVariable="Integer"/>
    <Variable guid="${G(21)}" name="gender" typeOfVariable="Text"/>
    <Variable guid="${G(22)}" name="interviewed" typeOfVariable="Date"/>
    <Variable guid="${G(23)}" name="consent" typeOfVariable="Boolean"/>
  </Variables>
  <Cases>
    <Case guid="${G(30)}" name="Ann"><Description>The first respondent</Description>
      <VariableValue><VariableRef targetGUID="${G(20)}"/><IntegerValue>42</IntegerValue></VariableValue>
      <SourceRef targetGUID="${G(40)}"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="${G(40)}" name="Interview Ann.docx" plainTextPath="internal://ANN.TXT" richTextPath="internal://ann.docx">
      <Description>Transcribed by Bob.</Description>
      <PlainTextSelection guid="${G(41)}" name="world" startPosition="${w0}" endPosition="${w1}" creatingUser="${G(1)}" creationDateTime="2019-03-01T10:00:00Z">
        <Description>memo in the Description</Description>
        <Coding guid="${G(42)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(11)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(43)}" name="Second line, with café" startPosition="${c0}" endPosition="${c1}">
        <Coding guid="${G(44)}"><CodeRef targetGUID="{${G(10).toUpperCase()}}"/></Coding>
        <Coding guid="${G(45)}"><CodeRef targetGUID="${G(11)}"/></Coding>
        <NoteRef targetGUID="${G(51)}"/>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(46)}" name="Third line" startPosition="${cp(ANN_BODY, 'Third line')[0]}" endPosition="${cp(ANN_BODY, 'Third line')[1]}">
        <Description>A quotation nobody coded.</Description>
      </PlainTextSelection>
      <VariableValue><VariableRef targetGUID="${G(21)}"/><TextValue>female</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="${G(22)}"/><DateValue>2019-02-28</DateValue></VariableValue>
      <VariableValue><VariableRef targetGUID="${G(23)}"/><BooleanValue>true</BooleanValue></VariableValue>
    </TextSource>
    <TextSource guid="${G(60)}" name="Field notes" plainTextPath="relative:///field%20notes/notes.txt"/>
    <TextSource guid="${G(61)}" name="Bare" plainTextPath="bare.txt"/>
    <TextSource guid="${G(62)}" name="Rich only" richTextPath="internal://rich.docx"/>
    <TextSource guid="${G(63)}" name="Missing" plainTextPath="internal://missing.txt"/>
    <TextSource guid="${G(64)}" name="Inline">
      <PlainTextContent>${INLINE.replace('&', '&amp;')}</PlainTextContent>
      <PlainTextSelection guid="${G(65)}" startPosition="${i0}" endPosition="${i1}"><Coding guid="${G(66)}"><CodeRef targetGUID="${G(10)}"/></Coding></PlainTextSelection>
    </TextSource>
    <PDFSource guid="${G(70)}" name="paper.pdf" path="internal://p.pdf">
      <PDFSelection guid="${G(71)}" page="1" firstX="1" firstY="1" secondX="2" secondY="2"><Coding guid="${G(72)}"><CodeRef targetGUID="${G(10)}"/></Coding></PDFSelection>
    </PDFSource>
    <AudioSource guid="${G(73)}" name="tape.m4a" path="relative:///tape.m4a"/>
  </Sources>
  <Notes>
    <Note guid="${G(50)}" name="About Child"><PlainTextContent>memo of the child code</PlainTextContent></Note>
    <Note guid="${G(51)}" name="On a quote"><PlainTextContent>memo as a note</PlainTextContent></Note>
    <Note guid="${G(52)}" name="Loose: thoughts"><Description>A loose memo.</Description></Note>
  </Notes>
  <Description>A project written the way real tools write them.</Description>
</Project>`;
    return zipSync({
      [qdeName]: strToU8(qde),
      [`${sourcesFolder}/ann.txt`]: strToU8(ANN),
      [`${sourcesFolder}/notes.txt`]: strToU8('Notes from the field.\n'),
      [`${sourcesFolder}/bare.txt`]: strToU8('A bare path.\n'),
      [`${sourcesFolder}/rich.docx`]: new Uint8Array([0x50, 0x4b, 3, 4]),
    });
  }

  for (const [qdeName, folder] of [
    ['Project.qde', 'Sources'],
    ['project.qde', 'sources'],
    ['My Study.qde', 'sources'],
  ] as const) {
    it(`reads ${qdeName} with ${folder}/: BOM, CRLF, emoji, path schemes, memos in Description and Notes, cases and variables`, async () => {
      const { report, study, store, fs: mem } = await importInto(variantsProject(qdeName, folder));
      assert.strictEqual(study.name, 'Variants & more');
      assert.strictEqual(study.project.description, 'A project written the way real tools write them.');
      assert.deepStrictEqual(report.transcripts, [
        'transcripts/Interview Ann.md',
        'transcripts/Field notes.md',
        'transcripts/Bare.md',
        'transcripts/Inline.md',
      ]);
      // Not imported, by name.
      assert.deepStrictEqual(
        report.skippedSources.map((s) => [s.name, s.kind, s.codings]),
        [
          ['Rich only', 'text', 0],
          ['Missing', 'text', 0],
          ['paper.pdf', 'PDF', 1],
          ['tape.m4a', 'audio', 0],
        ],
      );
      assert.match(report.skippedSources[0].reason, /rich text \(docx\)/);
      assert.match(report.skippedSources[1].reason, /not in the archive/);
      // Codes: hierarchy, colour (#F00 → #ff0000), description, memo from a note.
      const parent = study.code(G(10))!;
      const child = study.code(G(11))!;
      assert.deepStrictEqual(
        [parent.color, parent.definition, child.parent, child.memo],
        ['#ff0000', 'top', G(10), 'memo of the child code'],
      );
      // The transcript: front matter from the case and the variables, then the text without BOM, CRLF kept.
      const path = 'transcripts/Interview Ann.md';
      const text = store.text(path)!;
      const doc = study.document(path)!;
      assert.strictEqual(text.slice(doc.bodyStart), ANN_BODY);
      assert.deepStrictEqual(doc.attributes, { case: 'Ann', age: 42, gender: 'female', interviewed: '2019-02-28', consent: true });
      assert.deepStrictEqual(study.project.cases, [{ id: 'Ann', description: 'The first respondent' }]);
      // Codings at the right UTF-16 offsets of the whole file, front matter included.
      const world = study.coding(G(41))!;
      assert.strictEqual(world.quote, 'world');
      assert.strictEqual(world.start, doc.bodyStart + ANN_BODY.indexOf('world'));
      assert.strictEqual(world.memo, 'memo in the Description');
      assert.strictEqual(world.coder, 'ann-smith');
      assert.strictEqual(world.created, '2019-03-01T10:00:00.000Z');
      const second = study.coding(G(43))!;
      assert.strictEqual(second.quote, 'Second line, with café');
      assert.deepStrictEqual(second.codes, [G(10), G(11)]);
      assert.strictEqual(second.memo, 'memo as a note');
      assert.strictEqual(second.coder, 'ann-smith', 'no creatingUser: the project’s creating user');
      assert.strictEqual(study.coding(G(65))!.quote, 'here & there');
      assert.deepStrictEqual(study.project.coders, [{ id: 'ann-smith', name: 'Ann Smith' }]);
      // Memos: the transcript's (its description and the uncoded quotation), and the loose note.
      assert.deepStrictEqual(report.memoFiles, ['.codeboom/memos/transcripts/Interview Ann.md', '.codeboom/memos/Loose- thoughts.md']);
      const sourceMemo = mem.text('.codeboom/memos/transcripts/Interview Ann.md')!;
      assert.match(sourceMemo, /^# Memo: Interview Ann\.docx\n\nTranscript: transcripts\/Interview Ann\.md\n\n/);
      assert.match(sourceMemo, /Transcribed by Bob\./);
      assert.match(sourceMemo, /> Third line\n\nA quotation nobody coded\./);
      assert.strictEqual(mem.text('.codeboom/memos/Loose- thoughts.md'), 'A loose memo.\n');
      assert.ok(report.warnings.some((w) => /without codes/.test(w)));
    });
  }

  it('adjusts positions a tool counted with one character per CRLF line break, when the quoted names say so', async () => {
    const body = 'First line.\r\nSecond line here.\r\nThird line there.\r\n';
    const lf = body.replace(/\r\n/g, '\n');
    const sel = (n: number, quote: string) => {
      const s = lf.indexOf(quote);
      return `<PlainTextSelection guid="${G(n)}" name="${quote}" startPosition="${s}" endPosition="${s + quote.length}"><Coding guid="${G(n + 1)}"><CodeRef targetGUID="${G(1)}"/></Coding></PlainTextSelection>`;
    };
    const qde = `<Project xmlns="urn:QDA-XML:project:1.0" name="LF"><CodeBook><Codes><Code guid="${G(1)}" name="a" isCodable="true"/></Codes></CodeBook>
      <Sources><TextSource guid="${G(2)}" name="doc" plainTextPath="internal://doc.txt">${sel(10, 'Second line here')}${sel(20, 'Third line there')}</TextSource></Sources></Project>`;
    const { report, study } = await importInto(zipSync({ 'project.qde': strToU8(qde), 'sources/doc.txt': strToU8(body) }));
    assert.deepStrictEqual([...study.allCodings()].map((c) => c.quote).sort(), ['Second line here', 'Third line there']);
    assert.ok(
      report.warnings.some((w) => /line break/.test(w)),
      report.warnings.join('; '),
    );
  });

  it('imports into an empty folder only, writing the project file last', async () => {
    const bytes = variantsProject('project.qde', 'sources');
    await assertRefused(importProject(bytes, new MemoryFileSystem({ 'notes.md': 'mine' })), /not empty/);
    const mem = new MemoryFileSystem({ '.DS_Store': '' });
    const fractions: number[] = [];
    await importProject(bytes, mem, { onProgress: (f) => fractions.push(f) });
    assert.strictEqual(mem.writes[mem.writes.length - 1], 'codeboom.json');
    assert.ok(
      fractions.every((f, i) => i === 0 || f >= fractions[i - 1]),
      'progress only goes forward',
    );
    assert.strictEqual(fractions[fractions.length - 1], 1);
  });
});

// ---------- codebook import into a study ----------

describe('REFI-QDA codebook import', () => {
  const qdc = (extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti">
  <Codes>
    <Code guid="{${G(1).toUpperCase()}}" name="hiërarchie" isCodable="true" color="#123456"><Description>Lijn en verkokering.</Description>
      <Code guid="${G(2)}" name="mandaat" isCodable="true"/>
      <Code guid="${G(3)}" name="legitimiteit" isCodable="true" color="#ABC"><Description>Nieuw</Description>
        <Code guid="${G(4)}" name="draagvlak" isCodable="true"/>
      </Code>
    </Code>
    <Code guid="${guidOf('code', 'vertrouwen')}" name="Trust" isCodable="true" color="#000000"/>
    ${extra}
  </Codes>
  <Sets><Set guid="${G(9)}" name="polarity: stimulerend"><MemberCode guid="${G(3)}"/></Set></Sets>
</CodeBook>`;

  it('adds new codes with hierarchy, colours and descriptions, and matches existing ones by path or GUID', async () => {
    const { study } = await StudyStore.open(smallStudyFs());
    const plan = planCodebookImport(study, readCodebook(strToU8(qdc()), 'codes.qdc'));
    study.transact('import', plan.ops);
    assert.deepStrictEqual([plan.added, plan.matched], [2, 3]);
    assert.strictEqual(study.codes.length, 7);
    // Matched by path: hiërarchie (top level) and mandaat under it keep their ids; a missing definition is filled in.
    assert.strictEqual(study.code('hier')!.definition, 'Lijn en verkokering.');
    assert.strictEqual(study.code('hier')!.color, '#4e79a7', 'an existing code keeps its colour');
    assert.strictEqual(study.children('hier').filter((c) => c.name === 'mandaat').length, 1, 'not duplicated');
    // Matched by GUID although renamed: vertrouwen stays as it is.
    assert.strictEqual(study.code('vertrouwen')!.name, 'vertrouwen');
    assert.ok(!study.codes.some((c) => c.name === 'Trust'));
    // New codes: the REFI GUID as id, under the matched parent, with colour (#ABC → #aabbcc) and description.
    const leg = study.code(G(3))!;
    assert.deepStrictEqual(
      [leg.name, leg.parent, leg.color, leg.definition, leg.polarity],
      ['legitimiteit', 'hier', '#aabbcc', 'Nieuw', 'stimulerend'],
    );
    assert.strictEqual(study.pathLabel(G(4)), 'hiërarchie › legitimiteit › draagvlak');
    assert.match(study.code(G(4))!.color, /^#[0-9a-f]{6}$/);
    // A second import changes nothing.
    const again = planCodebookImport(study, readCodebook(strToU8(qdc()), 'codes.qdc'));
    assert.deepStrictEqual([again.added, again.matched, again.ops.length], [0, 5, 0]);
  });

  it('refuses a codebook with a DOCTYPE or entities, and XML that is not a codebook', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="${G(1)}" name="&x;" isCodable="true"/></Codes></CodeBook>`;
    assert.throws(
      () => readCodebook(strToU8(xxe), 'evil.qdc'),
      (e: unknown) => e instanceof RefiError && /DOCTYPE or ENTITY/.test(e.message),
    );
    const bomb = `<?xml version="1.0"?><CodeBook><!ENTITY a "aaaa"><Codes/></CodeBook>`;
    assert.throws(() => readCodebook(strToU8(bomb), 'bomb.qdc'), RefiError);
    assert.throws(() => readCodebook(strToU8('<html><body/></html>'), 'page.qdc'), /not a REFI-QDA codebook/);
    assert.throws(() => readCodebook(strToU8('<CodeBook><Codes>'), 'cut.qdc'), /not well-formed/);
  });
});

// ---------- hostile archives ----------

describe('REFI-QDA hostile archives', () => {
  const QDE = `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources><TextSource guid="${G(1)}" name="big" plainTextPath="internal://big.txt"/></Sources></Project>`;

  for (const name of ['../evil.txt', 'sources/../../evil.txt', '/etc/cron.d/evil', 'C:/Windows/evil.txt', '..\\evil.txt']) {
    it(`refuses an archive with the entry "${name}"`, async () => {
      const bytes = zipSync({ 'project.qde': strToU8(QDE), [name]: strToU8('x') });
      await assertRefused(importProject(bytes, new MemoryFileSystem()), /refused.*outside the target folder/);
    });
  }

  it('refuses a project.qde with external entities', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>`;
    const mem = new MemoryFileSystem();
    await assertRefused(importProject(zipSync({ 'project.qde': strToU8(xxe) }), mem), /DOCTYPE or ENTITY/);
    assert.strictEqual(mem.files.size, 0, 'nothing written');
  });

  it('stops inflating at the size limit (a zip bomb)', async () => {
    const bytes = zipSync({ 'project.qde': strToU8(QDE), 'sources/big.txt': new Uint8Array(8 * 1024 * 1024) });
    assert.ok(bytes.length < 100_000, 'highly compressible');
    const limits = { maxTotalBytes: 1024 * 1024, maxEntryBytes: 1024 * 1024, maxEntries: 100 };
    await assertRefused(importProject(bytes, new MemoryFileSystem(), { limits }), /inflates to more than 1 MiB/);
  });

  it('does not trust the sizes an archive declares', async () => {
    const big = strToU8(`<Project xmlns="urn:QDA-XML:project:1.0" name="p">${' '.repeat(4 * 1024 * 1024)}</Project>`);
    const bytes = zipSync({ 'project.qde': big });
    // Declare 100 bytes in the local header and the central directory.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    view.setUint32(22, 100, true);
    const cd = view.getUint32(bytes.length - 22 + 16, true);
    view.setUint32(cd + 24, 100, true);
    await assertRefused(importProject(bytes, new MemoryFileSystem()), /more than the 100 bytes its archive declares/);
  });

  it('refuses what is not a REFI-QDA project', async () => {
    await assertRefused(importProject(strToU8('plain text'), new MemoryFileSystem()), /not a zip archive/);
    await assertRefused(importProject(zipSync({ 'readme.txt': strToU8('hi') }), new MemoryFileSystem()), /no project\.qde/);
    await assertRefused(
      importProject(zipSync({ 'a.qde': strToU8(QDE), 'b.qde': strToU8(QDE) }), new MemoryFileSystem()),
      /several \.qde files/,
    );
    await assertRefused(
      importProject(zipSync({ 'project.qde': strToU8('<CodeBook/>') }), new MemoryFileSystem()),
      /not a REFI-QDA project/,
    );
  });
});
