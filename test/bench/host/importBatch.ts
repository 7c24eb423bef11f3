// The 30-file transcript import (issue 14 §1) timed in the real extension host: ten one-hour Teams
// .vtt files, ten Word documents and ten plain-text transcripts through Import Transcripts with
// arguments, against the honest baseline of writing the same 30 finished transcripts with
// workspace.fs. The made transcripts are deleted again. Not a test: nothing is asserted.
import * as vscode from 'vscode';
import type { CodeboomApi } from '../../../src/extension';
import type { ImportSummary } from '../../../src/transcripts';
import { makeDocx } from '../../unit/docxFixture';

const SENTENCE = 'Dat hing echt af van het mandaat dat we van de gemeente kregen, en van de politieke druk op dat moment';

function stamp(seconds: number): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(Math.floor(seconds / 3600))}:${p(Math.floor(seconds / 60) % 60)}:${p(seconds % 60)}.000`;
}

/** A one-hour interview: 600 cues of about 20 words, two speakers taking turns every few cues. */
function vtt(): string {
  const lines = ['WEBVTT', ''];
  for (let i = 0; i < 600; i++) {
    const who = Math.floor(i / 3) % 2 === 0 ? 'Jan de Vries' : 'Piet Jansen';
    lines.push(`${stamp(i * 6)} --> ${stamp(i * 6 + 5)}`, `<v ${who}>${SENTENCE} (${i}).</v>`, '');
  }
  return lines.join('\n');
}

function turns(): string[] {
  return Array.from({ length: 400 }, (_, i) => `${i % 2 === 0 ? 'Interviewer' : 'Respondent'}: ${SENTENCE} (${i}).`);
}

export interface BenchRow {
  measure: string;
  median: number;
  p95: number;
  unit: string;
  goal: string;
  baseline?: { name: string; median: number };
  met?: boolean;
}

export async function importBatchRows(api: CodeboomApi): Promise<BenchRow[]> {
  const root = vscode.workspace.workspaceFolders![0].uri;
  const sources = vscode.Uri.joinPath(root, '..', `bench-import-${Date.now()}`);
  const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
  const files: vscode.Uri[] = [];
  let bytes = 0;
  for (let i = 0; i < 30; i++) {
    const kind = i % 3;
    const name = `interview-${i}.${['vtt', 'docx', 'txt'][kind]}`;
    const data = kind === 0 ? encode(vtt()) : kind === 1 ? makeDocx(turns()) : encode(turns().join('\n\n'));
    bytes += data.length;
    const uri = vscode.Uri.joinPath(sources, name);
    await vscode.workspace.fs.writeFile(uri, data);
    files.push(uri);
  }
  const t0 = performance.now();
  const summary = await vscode.commands.executeCommand<ImportSummary>('codeboom.importTranscripts', {
    files,
    case: 'NDS',
    speakers: { 'Jan de Vries': 'Interviewer', 'Piet Jansen': 'Respondent A', Respondent: 'Respondent A' },
    open: false,
  });
  const importMs = performance.now() - t0;
  const made = summary?.made ?? [];
  const texts = await Promise.all(made.map(async (m) => vscode.workspace.fs.readFile(api.service.uriOf(m.path))));
  const copies = made.map((m) => api.service.uriOf(m.path.replace(/\.md$/, '.baseline.md')));
  const t1 = performance.now();
  await Promise.all(copies.map((uri, i) => vscode.workspace.fs.writeFile(uri, texts[i])));
  const writeMs = performance.now() - t1;
  for (const uri of [...made.map((m) => api.service.uriOf(m.path)), ...copies]) {
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  }
  await vscode.workspace.fs.delete(sources, { recursive: true }).then(undefined, () => undefined);
  const mb = (bytes / 1e6).toFixed(1);
  return [
    {
      measure: `Import Transcripts: 30 files (10 one-hour .vtt, 10 .docx, 10 .txt; ${mb} MB) → ${made.length} transcripts, ${summary?.refused.length ?? '?'} refused`,
      median: importMs,
      p95: importMs,
      unit: 'ms',
      baseline: { name: 'write the same 30 finished transcripts with workspace.fs', median: writeMs },
      goal: 'report',
    },
  ];
}
