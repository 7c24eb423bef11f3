/**
 * `npm run bench`: every measure on the generated large study, with a baseline measured in the same
 * run, median and p95 of repeated runs, and the goal. Prints a table and writes JSON.
 * Reported, never asserted: performance is not a test verdict.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { applyCodes } from '../../src/core/coding';
import { LineIndex, highlightSpans } from '../../src/core/highlights';
import { makeAnchor, reanchorAll } from '../../src/core/anchor';
import type { Coding } from '../../src/core/model';
import type { Study } from '../../src/core/study';
import { LARGE, generateCorpus, rng } from './generate';

export interface Row {
  /** Stable name of the measure across study sizes (the --scale table's rows). */
  readonly id?: string;
  readonly measure: string;
  readonly median: number;
  readonly p95: number;
  readonly unit: string;
  readonly baseline?: { readonly name: string; readonly median: number };
  readonly goal: string;
  readonly met?: boolean;
  readonly note?: string;
}

export function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { median: q(0.5), p95: q(0.95) };
}

export async function time(
  runs: number,
  fn: () => unknown | Promise<unknown>,
  setup?: () => unknown | Promise<unknown>,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (setup) {
      await setup();
    }
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      out.push(...listFiles(p));
    } else {
      out.push(p);
    }
  }
  return out;
}

type Measure = (ctx: Context) => Promise<Row | Row[]>;
interface Context {
  readonly dir: string;
  study: Study;
  store: StudyStore;
  readonly rows: Row[];
  jsonBytes: number;
}

const measures: Record<string, Measure> = {
  async open(ctx) {
    const jsonFiles = listFiles(path.join(ctx.dir, '.codeboom')).concat(path.join(ctx.dir, 'codeboom.json'));
    const mdFiles = listFiles(path.join(ctx.dir, 'transcripts'));
    const bytes = jsonFiles.reduce((n, f) => n + fs.statSync(f).size, 0);
    ctx.jsonBytes = bytes;
    // The honest baseline: the same files read synchronously and parsed, in this process. Reading them
    // through 600 promises (the old baseline) is itself 2–4× slower, and flattered open by as much.
    const readSync = () => {
      for (const f of mdFiles) {
        fs.readFileSync(f, 'utf8');
      }
      for (const f of jsonFiles) {
        JSON.parse(fs.readFileSync(f, 'utf8'));
      }
    };
    // The same read and parse keeping what it read until the next one, as open keeps the study: what
    // keeping costs the garbage collector (copying survivors out of the young generation), with no
    // validation, index or model at all. Printed beside open as the floor of any open that keeps the
    // parsed records; not the goal's baseline.
    let kept: unknown[] = [];
    const readSyncKeep = () => {
      const out: unknown[] = [];
      for (const f of mdFiles) {
        out.push(fs.readFileSync(f, 'utf8'));
      }
      for (const f of jsonFiles) {
        out.push(JSON.parse(fs.readFileSync(f, 'utf8')));
      }
      kept = out;
    };
    const readAsync = async () => {
      await Promise.all(mdFiles.map((f) => fs.promises.readFile(f, 'utf8')));
      const texts = await Promise.all(jsonFiles.map((f) => fs.promises.readFile(f, 'utf8')));
      for (const t of texts) {
        JSON.parse(t);
      }
    };
    const baseline: number[] = [];
    const asyncBaseline: number[] = [];
    const keepBaseline: number[] = [];
    const samples: number[] = [];
    const load = os.loadavg()[0];
    // Interleaved, so that a busy moment of the machine hits all three alike.
    for (let i = 0; i < 7; i++) {
      baseline.push(...(await time(1, readSync)));
      asyncBaseline.push(...(await time(1, readAsync)));
      keepBaseline.push(...(await time(1, readSyncKeep)));
      samples.push(
        ...(await time(1, async () => {
          const opened = await StudyStore.open(new NodeFileSystem(ctx.dir));
          ctx.study = opened.study;
          ctx.store = opened.store;
        })),
      );
    }
    const keptFiles = kept.length;
    kept = [];
    const s = stats(samples);
    const b = stats(baseline);
    const k = stats(keepBaseline).median;
    return {
      id: 'open',
      measure: `open study (read + parse + validate + index; ${(bytes / 1e6).toFixed(1)} MB JSON, ${mdFiles.length} transcripts)`,
      ...s,
      unit: 'ms',
      baseline: { name: 'read same files synchronously + JSON.parse', median: b.median },
      goal: '≤ 2× baseline',
      met: s.median <= 2 * b.median,
      note:
        `read + JSON.parse keeping what was read (${keptFiles} files; the price of survival, no validation): ${k.toFixed(1)} ms = ` +
        `${(k / b.median).toFixed(2)}× the baseline; asynchronous read (600 promises) + JSON.parse: ` +
        `${stats(asyncBaseline).median.toFixed(1)} ms; load average ${load.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`,
    };
  },

  async codeSelection(ctx) {
    const doc = 'transcripts/T000.md';
    const text = ctx.store.text(doc)!;
    const lines = new LineIndex(text);
    const code = ctx.study.codes[ctx.study.codes.length - 1].id;
    const r = rng(7);
    let n = 0;
    const samples = await time(200, () => {
      const start = 200 + Math.floor(r() * (text.length - 400));
      ctx.study.transact('bench', applyCodes(ctx.study, doc, text, [{ start, end: start + 80 }], [code], 'bench'));
      const spans = highlightSpans(ctx.study, ctx.study.codingsOf(doc));
      for (const list of spans.byColor.values()) {
        for (const [s, e] of list) {
          n += lines.positionAt(s).line + lines.positionAt(e).line;
        }
      }
    });
    for (let i = 0; i < 200; i++) {
      ctx.study.undo();
    }
    ctx.study.dirtyPartitions.clear();
    const s = stats(samples);
    return {
      id: 'codeSelection',
      measure: `code a selection on a transcript with ${ctx.study.codingsOf(doc).length} codings (model + decoration ranges)`,
      ...s,
      unit: 'ms',
      goal: 'p95 < 16 ms',
      met: s.p95 < 16,
      note: n > 0 ? undefined : 'no ranges',
    };
  },

  async reanchor(ctx) {
    const doc = 'transcripts/T000.md';
    const text = ctx.store.text(doc)!;
    const words = text.split(/\s+/).length;
    const codings = ctx.study.codingsOf(doc).slice(0, 1000);
    // An external edit: a paragraph inserted at 10 %, 20 typo fixes spread over the text, one passage deleted.
    let edited =
      text.slice(0, Math.floor(text.length * 0.1)) +
      '\n\n**Interviewer:** Een nieuwe vraag die later is toegevoegd.\n\n' +
      text.slice(Math.floor(text.length * 0.1));
    const r = rng(11);
    for (let i = 0; i < 20; i++) {
      const at = Math.floor(r() * edited.length);
      edited = edited.slice(0, at) + edited[at + 1] + edited[at] + edited.slice(at + 2);
    }
    const cut = Math.floor(edited.length * 0.6);
    edited = edited.slice(0, cut) + edited.slice(cut + 500);
    let report = reanchorAll(edited, codings);
    const baseline = await time(10, () => codings.map((c) => edited.indexOf(c.quote)));
    const samples = await time(10, () => {
      report = reanchorAll(edited, codings);
    });
    const s = stats(samples);
    return {
      id: 'reanchor',
      measure: `re-anchor ${codings.length} codings after an external edit of a ${words.toLocaleString('en')}-word transcript`,
      ...s,
      unit: 'ms',
      baseline: { name: 'indexOf of every quote', median: stats(baseline).median },
      goal: '< 50 ms',
      met: s.median < 50,
      note: `unchanged ${report.unchanged}, moved ${report.moved}, fuzzy ${report.fuzzy}, orphaned ${report.orphaned}`,
    };
  },

  async save(ctx) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-bench-save-'));
    fs.cpSync(ctx.dir, tmp, { recursive: true });
    const opened = await StudyStore.open(new NodeFileSystem(tmp));
    const doc = 'transcripts/T010.md';
    const text = opened.store.text(doc)!;
    const code = opened.study.codes[299].id;
    let written: string[] = [];
    let i = 0;
    const samples = await time(
      30,
      async () => {
        written = (await opened.store.save()).written;
      },
      () => {
        const start = 300 + i++ * 97;
        opened.study.transact('bench', applyCodes(opened.study, doc, text, [{ start, end: start + 60 }], [code], 'eva'));
      },
    );
    fs.rmSync(tmp, { recursive: true, force: true });
    const s = stats(samples);
    return {
      id: 'save',
      measure: 'save after one coding operation (atomic write)',
      ...s,
      unit: 'ms',
      goal: '< 10 ms, one small file',
      met: s.p95 < 10 && written.length === 1,
      note: `files written: ${written.length} (${written.join(', ')})`,
    };
  },

  async heap(ctx) {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const used = process.memoryUsage().heapUsed / 1e6;
    const json = ctx.jsonBytes / 1e6;
    return {
      id: 'heap',
      measure: `heap used with the study loaded (${ctx.study.codingCount.toLocaleString('en')} codings, transcripts' text included)`,
      median: used,
      p95: used,
      unit: 'MB',
      baseline: { name: 'size of the JSON files', median: json },
      goal: '≤ 3× JSON size',
      met: used <= 3 * json,
      note: gc ? undefined : 'run with --expose-gc for a settled number',
    };
  },
};

export async function optionalMeasures(ctx: Context): Promise<Row[]> {
  const rows: Row[] = [];
  for (const file of ['./bench-matrix', './bench-tree', './bench-margin', './bench-suggest']) {
    const p = path.join(__dirname, file + '.js');
    if (fs.existsSync(p)) {
      const mod = (await import(p)) as { default: (c: { study: Study; dir: string }) => Promise<Row[]> };
      rows.push(...(await mod.default(ctx)));
    }
  }
  return rows;
}

export function formatTable(rows: readonly Row[]): string {
  const head = ['measure', 'median', 'p95', 'baseline (median)', 'ratio', 'goal', 'met'];
  const body = rows.map((r) => [
    r.measure + (r.note ? ` — ${r.note}` : ''),
    `${r.median.toFixed(r.unit === 'MB' || r.unit === 'KB' ? 1 : 2)} ${r.unit}`,
    `${r.p95.toFixed(r.unit === 'MB' || r.unit === 'KB' ? 1 : 2)} ${r.unit}`,
    r.baseline ? `${r.baseline.name}: ${r.baseline.median.toFixed(2)} ${r.unit}` : '',
    r.baseline ? `${(r.median / r.baseline.median).toFixed(2)}×` : '',
    r.goal,
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  return [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main(): Promise<void> {
  const dir = path.resolve(process.env.CODEBOOM_BENCH_DIR ?? '.runs/bench/large');
  if (!fs.existsSync(path.join(dir, 'codeboom.json')) || process.argv.includes('--regenerate')) {
    const t = Date.now();
    const g = generateCorpus({ ...LARGE, codings: Number(process.env.CODEBOOM_BENCH_CODINGS ?? LARGE.codings), out: dir });
    console.log(`generated the large study: ${g.docs.length} transcripts, ${g.codingCount} codings (${Date.now() - t} ms)`);
  }
  const ctx = { dir, rows: [] } as unknown as Context;
  const rows: Row[] = [];
  for (const [name, m] of Object.entries(measures)) {
    const r = await m(ctx);
    rows.push(...(Array.isArray(r) ? r : [r]));
    console.log(`  measured ${name}`);
  }
  rows.push(...(await optionalMeasures(ctx)));
  const extra = process.env.CODEBOOM_BENCH_EXTRA;
  if (extra && fs.existsSync(extra)) {
    rows.push(...(JSON.parse(fs.readFileSync(extra, 'utf8')) as Row[]));
  }
  const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`\nCodeboom benchmarks — ${new Date().toISOString().slice(0, 10)} — ${machine}\n`);
  console.log(formatTable(rows));
  const out = path.resolve(process.env.CODEBOOM_BENCH_JSON ?? 'test-results/bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2));
  console.log(`\nwritten ${path.relative(process.cwd(), out)}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

export type { Coding };
export { makeAnchor };
