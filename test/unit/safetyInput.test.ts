/** Input that must not silently lose meaning or crash the load: huge files, deep codebooks. */
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { MemoryFileSystem, maxOf } from '../../src/core/port';
import { emptyProject } from '../../src/core/model';
import type { Code, ProjectData } from '../../src/core/model';
import { serializeProject } from '../../src/core/serialize';
import { parseProjectFile } from '../../src/core/schema';
import { codeCounts } from '../../src/core/codebookOps';
import { statistics } from '../../src/cli';
import { TRANSCRIPT_A } from './helpers';
import { DOC, EVA } from './safetyHelpers';

function project(codes: Code[]): ProjectData {
  return { ...emptyProject('Groot'), transcriptFolders: ['transcripts'], codes };
}

/** A codings file of `n` codings, written as text directly (serializing 500,000 records through the model would test the serializer, not the load). */
function hugeCodingFile(n: number): string {
  const quote = 'mandaat';
  const start = TRANSCRIPT_A.indexOf(quote);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(`{"id":"c${i}","codes":["k"],"start":${start},"end":${start + quote.length},"quote":"${quote}","created":"2020-10-06T10:00:00.000Z"}`);
  }
  return `{"schemaVersion":1,"document":"${DOC}","coder":"eva","codings":[${parts.join(',')}]}`;
}

describe('safety: input size and depth', () => {
  it('loads 500,000 codings from one file (no spread of an unbounded array into a call)', async function () {
    this.timeout(120000);
    const fs = new MemoryFileSystem({
      'codeboom.json': serializeProject(project([{ id: 'k', name: 'k', color: '#4e79a7' }])),
      [DOC]: TRANSCRIPT_A,
      [EVA]: hugeCodingFile(500000),
    });
    const { study, problems } = await StudyStore.open(fs);
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(study.codingCount, 500000);
    assert.strictEqual(codeCounts(study).get('k')!.total, 500000);
  });

  it('opens, validates and counts a 20,000-deep code chain', async () => {
    const n = 20000;
    const codes: Code[] = Array.from({ length: n }, (_, i) => ({ id: `k${i}`, name: `k${i}`, color: '#4e79a7', ...(i > 0 ? { parent: `k${i - 1}` } : {}) }));
    const text = serializeProject(project(codes));
    assert.ok(parseProjectFile('codeboom.json', text).ok);
    const { study, problems } = await StudyStore.open(new MemoryFileSystem({ 'codeboom.json': text, [DOC]: TRANSCRIPT_A }));
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(study.depthOf(`k${n - 1}`), n - 1);
    assert.strictEqual(study.subtree('k0').length, n);
    assert.strictEqual(maxOf(study.codes.map((c) => study.depthOf(c.id)), 0), n - 1);
    assert.strictEqual(codeCounts(study).size, n);
  });

  it('finds the cycle in a 20,000-long parent loop, once per code in the loop', () => {
    const n = 20000;
    const codes: Code[] = Array.from({ length: n }, (_, i) => ({ id: `k${i}`, name: `k${i}`, color: '#4e79a7', parent: `k${(i + 1) % n}` }));
    const parsed = parseProjectFile('codeboom.json', serializeProject(project([...codes, { id: 'x', name: 'x', color: '#4e79a7', parent: 'k0' }])));
    assert.ok(!parsed.ok);
    assert.strictEqual(parsed.problems.length, n);
    assert.ok(parsed.problems.every((p) => /is its own ancestor/.test(p.message)));
  });

  it('opens a flat codebook of 100,000 codes', async () => {
    const n = 100000;
    const codes: Code[] = Array.from({ length: n }, (_, i) => ({ id: `k${i}`, name: `k${i}`, color: '#4e79a7' }));
    const { study, problems } = await StudyStore.open(new MemoryFileSystem({ 'codeboom.json': serializeProject(project(codes)), [DOC]: TRANSCRIPT_A }));
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(study.children(undefined).length, n);
    assert.strictEqual(statistics(study)['codebookDepth'], 1);
  });
});
