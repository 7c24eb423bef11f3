// Runs inside the real extension host (npm run bench): reads Codeboom's activation timings and
// writes them as benchmark rows to $CODEBOOM_BENCH_OUT. Not a test: nothing is asserted.
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { CodeboomApi } from '../../../src/extension';
import { importBatchRows } from './importBatch';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<CodeboomApi>('codeboom.codeboom')!;
  const api = await ext.activate();
  await api.ready;
  const study = api.service.study;
  const rows = [
    {
      measure: 'extension activation in the real extension host (activate() → return)',
      median: api.activationMs,
      p95: api.activationMs,
      unit: 'ms',
      goal: '< 100 ms',
      met: api.activationMs < 100,
    },
    {
      measure: `activation → study loaded and decorated (${study?.documents.length ?? 0} transcripts, ${study?.codingCount ?? 0} codings)`,
      median: api.timings.readyMs ?? NaN,
      p95: api.timings.readyMs ?? NaN,
      unit: 'ms',
      goal: 'report',
    },
    ...(await importBatchRows(api)),
  ];
  const out = process.env.CODEBOOM_BENCH_OUT;
  if (out) {
    fs.writeFileSync(out, JSON.stringify(rows));
  }
  console.log(JSON.stringify(rows));
  console.log('host: 1 passed, 0 failed');
}
