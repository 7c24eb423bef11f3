// Import transcripts (issue 14 §1) in a real extension host: the command with arguments (no dialogs)
// turns a Teams .vtt, a CRLF .srt and a real .docx into transcripts of the study, refuses a
// Windows-1252 .txt, an empty file and an .odt with their reasons, never overwrites, never touches
// the originals, and the study sees the new transcripts with their case and respondent.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, readText, until, workspaceRoot } from './util';
import type { ImportSummary } from '../../src/transcripts';
import { makeDocx } from '../unit/docxFixture';

const VTT = [
  'WEBVTT',
  '',
  '00:00:03.120 --> 00:00:06.480',
  '<v Jan de Vries>Dank u wel dat u tijd wilt maken.</v>',
  '',
  '00:00:06.480 --> 00:00:08.000',
  '<v Jan de Vries>Mag ik het gesprek opnemen?</v>',
  '',
  '00:00:09.250 --> 00:41:12.900',
  '<v Piet Jansen>Ja hoor, dat is prima.</v>',
  '',
].join('\n');

const SRT = [
  '1',
  '00:00:01,000 --> 00:00:04,000',
  'Interviewer: Goedemorgen.',
  '',
  '2',
  '00:00:04,500 --> 00:00:07,250',
  'Respondent: Goedemorgen.',
  '',
].join('\r\n');

describe('Import transcripts (real extension host)', () => {
  const sources = vscode.Uri.joinPath(workspaceRoot(), '..', `import-sources-${Date.now()}`);
  const made: string[] = [];

  after(async () => {
    const { service } = await api();
    await vscode.workspace.fs.delete(sources, { recursive: true }).then(undefined, () => undefined);
    for (const path of made) {
      await vscode.workspace.fs.delete(service.uriOf(path)).then(undefined, () => undefined);
    }
    await until('the imported transcripts to leave the study', () => made.every((p) => !service.study?.document(p)) || undefined, 10000);
  });

  it('imports .vtt, .srt and .docx with arguments, refuses the rest with reasons, and the study sees them', async () => {
    const { service } = await api();
    const files: Record<string, Uint8Array> = {
      'teams 2024-03-15.vtt': new TextEncoder().encode(VTT),
      'gesprek.srt': new TextEncoder().encode(SRT),
      'Interview Piet.docx': makeDocx(['Interviewer: Hoe begon het?', 'Respondent: Met een bijeenkomst.']),
      'oud.txt': Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'leeg.txt': new Uint8Array(0),
      'notities.odt': new TextEncoder().encode('PK'),
    };
    const uris: vscode.Uri[] = [];
    for (const [name, bytes] of Object.entries(files)) {
      const uri = vscode.Uri.joinPath(sources, name);
      await vscode.workspace.fs.writeFile(uri, bytes);
      uris.push(uri);
    }
    const summary = await vscode.commands.executeCommand<ImportSummary>('codeboom.importTranscripts', {
      files: uris,
      case: 'NDS',
      respondent: 'Respondent Z',
      interview: 1,
      speakers: { 'Jan de Vries': 'Interviewer', 'Piet Jansen': 'Respondent Z', Respondent: 'Respondent Z' },
      open: false,
    });
    assert.ok(summary, 'a summary');
    for (const m of summary.made) made.push(m.path);
    assert.deepStrictEqual(
      summary.made.map((m) => [m.source, m.path]),
      [
        ['teams 2024-03-15.vtt', 'transcripts/Respondent Z-1.md'],
        ['gesprek.srt', 'transcripts/Respondent Z-1-2.md'],
        ['Interview Piet.docx', 'transcripts/Respondent Z-1-3.md'],
      ],
    );
    assert.deepStrictEqual(
      summary.refused.map((r) => [r.source, r.reason]),
      [
        ['oud.txt', 'notUtf8'],
        ['leeg.txt', 'empty'],
        ['notities.odt', 'unsupported'],
      ],
    );
    assert.ok(summary.refused[0].message.includes('UTF-8'), summary.refused[0].message);

    const vtt = await readText(service.uriOf('transcripts/Respondent Z-1.md'));
    assert.ok(
      vtt.startsWith(
        '---\ntitle: Interview Respondent Z – conversation 1\ncase: NDS\nrespondent: Respondent Z\ninterview: 1\ndate: 2024-03-15\nduration_minutes: 41\n---\n',
      ),
      vtt,
    );
    assert.ok(
      vtt.includes(
        '\n**Interviewer:** [00:00:03] Dank u wel dat u tijd wilt maken. Mag ik het gesprek opnemen?\n\n**Respondent Z:** [00:00:09] Ja hoor, dat is prima.\n',
      ),
      vtt,
    );
    assert.ok(!vtt.includes('Jan de Vries') && !vtt.includes('Piet Jansen'));
    const docx = await readText(service.uriOf('transcripts/Respondent Z-1-3.md'));
    assert.ok(docx.includes('**Interviewer:** Hoe begon het?\n\n**Respondent Z:** Met een bijeenkomst.\n'), docx);

    // The study's watcher picks them up, with the front matter's case and respondent.
    for (const path of made) {
      await until(`the study to see ${path}`, () => service.study?.document(path), 10000);
      assert.strictEqual(service.study!.caseOf(path), 'NDS');
      assert.strictEqual(service.study!.respondentOf(path), 'Respondent Z');
    }
    // The originals are untouched.
    for (const uri of uris) {
      assert.deepStrictEqual(new Uint8Array(await vscode.workspace.fs.readFile(uri)), files[uri.path.slice(uri.path.lastIndexOf('/') + 1)]);
    }
  });

  it('never overwrites an existing transcript: a second import of the same file gets a free name', async () => {
    const { service } = await api();
    const uri = vscode.Uri.joinPath(sources, 'teams 2024-03-15.vtt');
    const before = await readText(service.uriOf('transcripts/Respondent Z-1.md'));
    const summary = await vscode.commands.executeCommand<ImportSummary>('codeboom.importTranscripts', {
      files: [uri],
      respondent: 'Respondent Z',
      interview: 1,
      open: false,
    });
    for (const m of summary.made) made.push(m.path);
    assert.deepStrictEqual(
      summary.made.map((m) => m.path),
      ['transcripts/Respondent Z-1-4.md'],
    );
    assert.strictEqual(await readText(service.uriOf('transcripts/Respondent Z-1.md')), before);
    // Unmapped speakers keep the names the file gives.
    assert.ok((await readText(service.uriOf('transcripts/Respondent Z-1-4.md'))).includes('**Jan de Vries:** [00:00:03]'));
  });

  it('imports a batch of 30 files in order, one transcript each, with free names and one summary', async () => {
    const { service } = await api();
    const uris: vscode.Uri[] = [];
    for (let i = 0; i < 30; i++) {
      const uri = vscode.Uri.joinPath(sources, 'batch', `gesprek ${String(i).padStart(2, '0')}.${['vtt', 'srt', 'txt'][i % 3]}`);
      const text = i % 3 === 0 ? VTT : i % 3 === 1 ? SRT : `Interviewer: Vraag ${i}?\n\nRespondent: Antwoord ${i}.\n`;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      uris.push(uri);
    }
    const summary = await vscode.commands.executeCommand<ImportSummary>('codeboom.importTranscripts', {
      files: uris,
      respondent: 'Respondent B',
      interview: 7,
      speakers: { Respondent: 'Respondent B' },
      open: false,
    });
    for (const m of summary.made) made.push(m.path);
    assert.deepStrictEqual(summary.refused, []);
    assert.deepStrictEqual(
      summary.made.map((m) => m.source),
      uris.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)),
    );
    assert.strictEqual(new Set(summary.made.map((m) => m.path)).size, 30, 'thirty distinct transcripts');
    const last = await readText(service.uriOf(summary.made[29].path));
    assert.ok(last.includes('**Respondent B:** Antwoord 29.'), last);
    for (const path of made) {
      await until(`the study to see ${path}`, () => service.study?.document(path), 10000);
    }
  });
});
