/**
 * `codeboom import transcripts` and `codeboom import qdpx` on files made here (a real .docx, a
 * Teams .vtt, an .srt with CRLF, a Windows-1252 .txt): what is made, what is refused, the exit code.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync, zipSync } from 'fflate';
import { run } from './cliRun';
import { makeDocx } from './docxFixture';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-import-'));

/** A new study: codeboom.json and an empty transcripts folder. */
function newStudy(): string {
  const dir = tmp();
  fs.mkdirSync(path.join(dir, 'transcripts'));
  fs.writeFileSync(
    path.join(dir, 'codeboom.json'),
    JSON.stringify({ schemaVersion: 1, name: 'Nieuw', transcriptFolders: ['transcripts'] }),
  );
  return dir;
}

const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Jan de Vries>Hoe wordt kennis gedeeld?</v>

00:00:05.000 --> 00:00:09.500
<v Piet Jansen>Er is geen mandaat om besluiten te nemen.</v>
`;

const SRT =
  '1\r\n00:00:01,000 --> 00:00:03,000\r\nInterviewer: Vertel eens.\r\n\r\n2\r\n00:00:04,000 --> 00:00:08,000\r\nRespondent: Het vertrouwen is groot.\r\n';

describe('CLI import transcripts', () => {
  it('makes Markdown transcripts of .docx, .vtt and .srt; speakers mapped to pseudonyms; front matter from the options', async () => {
    const study = newStudy();
    const src = tmp();
    fs.writeFileSync(path.join(src, 'interview.docx'), makeDocx(['Interviewer: Hoe gaat het?', 'Respondent: Goed, dank u.']));
    fs.writeFileSync(path.join(src, 'teams.vtt'), VTT);
    fs.writeFileSync(path.join(src, 'zoom.srt'), SRT);
    const before = fs.readFileSync(path.join(src, 'teams.vtt'));
    const files = ['interview.docx', 'teams.vtt', 'zoom.srt'].map((f) => path.join(src, f));
    const r = await run(
      'import',
      'transcripts',
      ...files,
      '--study',
      study,
      '--case',
      'NDS',
      '--respondent',
      'Respondent A',
      '--speaker',
      'Jan de Vries=Interviewer',
      '--speaker',
      'Piet Jansen=Respondent A',
    );
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.err, /3 transcripts made, 0 refused/);
    const made = fs.readdirSync(path.join(study, 'transcripts')).sort();
    assert.strictEqual(made.length, 3, made.join(', '));
    const texts = made.map((f) => fs.readFileSync(path.join(study, 'transcripts', f), 'utf8'));
    const vtt = texts.find((t) => t.includes('mandaat'))!;
    assert.match(vtt, /^---\n/);
    assert.match(vtt, /case: NDS/);
    assert.match(vtt, /\*\*Respondent A:\*\* \[00:00:05\] Er is geen mandaat/);
    assert.match(vtt, /\*\*Interviewer:\*\* \[00:00:01\]/);
    assert.ok(!vtt.includes('Piet Jansen') && !vtt.includes('Jan de Vries'), 'the real names are not written');
    assert.ok(
      texts.some((t) => t.includes('Goed, dank u.')),
      'the .docx text',
    );
    assert.ok(
      texts.some((t) => t.includes('Het vertrouwen is groot.')),
      'the .srt text',
    );
    assert.deepStrictEqual(fs.readFileSync(path.join(src, 'teams.vtt')), before, 'the original is untouched');
    // The study opens with them.
    const v = await run('validate', study);
    assert.strictEqual(v.code, 0, v.err);
    assert.match(v.out, /3 transcripts/);
    // A second import of the same file gets a free name, never overwrites.
    const again = await run('import', 'transcripts', files[1], '--study', study);
    assert.strictEqual(again.code, 0, again.err);
    assert.strictEqual(fs.readdirSync(path.join(study, 'transcripts')).length, 4);
  });

  it('refuses a Windows-1252 .txt and an unsupported file with the reason, makes the rest, exits 1', async () => {
    const study = newStudy();
    const src = tmp();
    fs.writeFileSync(
      path.join(src, 'oud.txt'),
      Buffer.from([0x49, 0x3a, 0x20, 0x63, 0x6f, 0xf6, 0x72, 0x64, 0x69, 0x6e, 0x61, 0x74, 0x69, 0x65, 0x0a]),
    );
    fs.writeFileSync(path.join(src, 'notes.odt'), 'PK');
    fs.writeFileSync(path.join(src, 'ok.vtt'), VTT);
    const r = await run('import', 'transcripts', ...['oud.txt', 'notes.odt', 'ok.vtt'].map((f) => path.join(src, f)), '--study', study);
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.err, /refused: .*oud\.txt: it is not UTF-8 text/);
    assert.match(r.err, /refused: .*notes\.odt: /);
    assert.match(r.err, /1 transcript made, 2 refused/);
    assert.strictEqual(fs.readdirSync(path.join(study, 'transcripts')).length, 1);
  });

  it('usage errors exit 2: no files, a bad --speaker, an unknown --folder', async () => {
    const study = newStudy();
    assert.strictEqual((await run('import', 'transcripts', '--study', study)).code, 2);
    const vtt = path.join(tmp(), 'a.vtt');
    fs.writeFileSync(vtt, VTT);
    const bad = await run('import', 'transcripts', vtt, '--study', study, '--speaker', 'Jan');
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /--speaker "Jan": write it as "raw name=pseudonym"/);
    assert.strictEqual((await run('import', 'transcripts', vtt, '--study', study, '--folder', 'elders')).code, 2);
    assert.strictEqual((await run('import', 'nothing')).code, 2);
  });

  it('help import (and import --help) lists the three imports', async () => {
    const r = await run('help', 'import');
    assert.strictEqual(r.code, 0);
    for (const what of ['transcripts', 'qdpx', 'qdc']) {
      assert.match(r.out, new RegExp(`^codeboom import ${what} `, 'm'));
    }
    assert.strictEqual((await run('import', '--help')).out, r.out);
  });
});

describe('CLI import qdpx', () => {
  it('imports the sample study’s own .qdpx into a new folder (exit 0), refuses a folder that is not empty', async () => {
    const qdpx = path.join(tmp(), 'kennisdeling.qdpx');
    const e = await run('export', 'qdpx', SAMPLE, '--out', qdpx, '--date', '2024-05-01T12:00:00');
    assert.strictEqual(e.code, 0, e.err);
    const into = path.join(tmp(), 'new-study');
    const r = await run('import', 'qdpx', qdpx, '--into', into);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /imported kennisdeling\.qdpx .*: 31 codes, 14 transcripts, 346 codings/);
    const v = await run('validate', into);
    assert.strictEqual(v.code, 0, v.err);
    const again = await run('import', 'qdpx', qdpx, '--into', into);
    assert.strictEqual(again.code, 1);
    assert.match(again.err, /not empty/);
  });

  it('exits 1 and says what was lost when a source’s text is missing from the archive', async () => {
    const qdpx = path.join(tmp(), 'kennisdeling.qdpx');
    assert.strictEqual((await run('export', 'qdpx', SAMPLE, '--out', qdpx, '--date', '2024-05-01T12:00:00')).code, 0);
    const entries = unzipSync(new Uint8Array(fs.readFileSync(qdpx)));
    const source = Object.keys(entries).find((k) => k.startsWith('sources/') && k.endsWith('.txt'))!;
    delete entries[source];
    const broken = path.join(tmp(), 'broken.qdpx');
    fs.writeFileSync(broken, zipSync(entries));
    const r = await run('import', 'qdpx', broken, '--into', path.join(tmp(), 'study'));
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.err, /not imported: /);
    assert.match(r.err, /lost: 1 sources, [1-9]\d* codings/);
  });
});

describe('CLI import qdc', () => {
  let qdc: string;
  before(async () => {
    qdc = path.join(tmp(), 'kennisdeling.qdc');
    assert.strictEqual((await run('export', 'qdc', SAMPLE, '--out', qdc)).code, 0);
  });

  it('into a new study: every code added; the links to factors the study lacks are lost: said, exit 1', async () => {
    const study = newStudy();
    const r = await run('import', 'qdc', qdc, '--study', study);
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.out, /imported the codebook kennisdeling\.qdc: 31 new codes, 0 matched, 0 links/);
    assert.match(r.err, /lost: /);
    const json = JSON.parse(fs.readFileSync(path.join(study, 'codeboom.json'), 'utf8'));
    assert.strictEqual(json.codes.length, 31);
    assert.strictEqual((await run('validate', study)).code, 0);
  });

  it('into the study it came from: every code matched by GUID, nothing lost, exit 0, codeboom.json unchanged', async () => {
    const study = tmp();
    fs.cpSync(SAMPLE, study, { recursive: true });
    const before = fs.readFileSync(path.join(study, 'codeboom.json'), 'utf8');
    const r = await run('import', 'qdc', qdc, '--study', study);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /0 new codes, 31 matched/);
    assert.strictEqual(fs.readFileSync(path.join(study, 'codeboom.json'), 'utf8'), before);
  });
});

describe('codeboom import codebook / factors (spreadsheets)', () => {
  it('a Dutch CSV codebook: new codes under their parents, known paths matched, a bad row refused with its number and exit 1', async () => {
    const study = newStudy();
    const csv = [
      'Pad;Definitie;Kleur;Polariteit',
      'hiërarchie;Bevoegdheden in de lijn.;#4e79a7;belemmerend',
      'hiërarchie › mandaat;Wie mag besluiten.;;belemmerend',
      'vertrouwen;;#59a14f;stimulerend',
      'hiërarchie › mandaat;;;',
      'ruimte;;paars;',
    ].join('\n');
    const file = path.join(tmp(), 'codeboek.csv');
    fs.writeFileSync(file, csv);
    const r = await run('import', 'codebook', file, '--study', study);
    assert.strictEqual(r.code, 1, 'a refused row gives exit 1');
    assert.match(r.out, /imported codebook from codeboek\.csv: 3 added/);
    assert.match(r.err, /refused: row 6: /);
    const json = JSON.parse(fs.readFileSync(path.join(study, 'codeboom.json'), 'utf8'));
    const byName = new Map(json.codes.map((c: { name: string }) => [c.name, c]));
    const mandaat = byName.get('mandaat') as { parent: string; definition: string; polarity: string };
    assert.strictEqual(mandaat.parent, (byName.get('hiërarchie') as { id: string }).id);
    assert.strictEqual(mandaat.definition, 'Wie mag besluiten.');
    assert.strictEqual((byName.get('vertrouwen') as { polarity: string }).polarity, 'stimulerend');
    // Again: everything is matched, nothing added.
    const again = await run('import', 'codebook', file, '--study', study);
    assert.match(again.out, /0 added, 3 matched/);
  });

  it('literature factors from a CSV into the study’s catalogues', async () => {
    const study = newStudy();
    const file = path.join(tmp(), 'factoren.csv');
    fs.writeFileSync(file, 'Categorie,Factor,Auteurs\nOrganisatorische factoren,Duidelijkheid van rollen,Yang & Maxwell 2011\n');
    const r = await run('import', 'factors', file, '--study', study);
    assert.strictEqual(r.code, 0, r.err);
    const json = JSON.parse(fs.readFileSync(path.join(study, 'codeboom.json'), 'utf8'));
    const factors = json.catalogues.flatMap((c: { categories: { factors: { name: string }[] }[] }) =>
      c.categories.flatMap((cat) => cat.factors.map((f) => f.name)),
    );
    assert.deepStrictEqual(factors, ['Duidelijkheid van rollen']);
  });

  it('a file that is not a spreadsheet is a usage error', async () => {
    const r = await run('import', 'codebook', 'codes.docx', '--study', newStudy());
    assert.strictEqual(r.code, 2);
  });
});
