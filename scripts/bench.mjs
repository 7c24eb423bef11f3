// npm run bench: production bundle size, activation in the real extension host on the large
// study, then every core measure (test/bench/bench.ts) — one table, and test-results/bench.json.
// npm run bench -- --scale: the core measures on generated studies of 10k, 50k and 200k codings,
// each in its own process with its baselines measured in the same run, as one table per size and
// one scaling table (test-results/bench-scale.json). No bundle or extension-host rows.
import { spawnSync } from 'node:child_process';
import { cleanNpmEnv } from '../test/harness/clean-env.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`[bench] ${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
};
run('npm', ['run', '-s', 'build', '--', '--production']);
run('npm', ['run', '-s', 'compile-tests']);
const scale = process.argv.includes('--scale');
const dir = path.resolve(process.env.CODEBOOM_BENCH_DIR ?? '.runs/bench/large');
if (!scale && !fs.existsSync(path.join(dir, 'codeboom.json'))) {
  run('node', ['out/test/bench/generate.js', '--out', dir]);
}
// The SQLite baseline (better-sqlite3@12, a native module) is installed once outside the clone,
// never as a dependency of Codeboom.
const deps = path.join(os.homedir(), '.cache', 'codeboom-bench');
if (!fs.existsSync(path.join(deps, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))) {
  console.log('[bench] installing better-sqlite3@12 for the SQLite baseline into ' + deps + ' (once, ~2 min)');
  fs.mkdirSync(deps, { recursive: true });
  fs.writeFileSync(path.join(deps, 'package.json'), '{"private":true}');
  spawnSync('npm', ['install', '--no-audit', '--no-fund', '--dangerously-allow-all-scripts', 'better-sqlite3@12'], {
    cwd: deps,
    stdio: 'inherit',
    env: { ...cleanNpmEnv(), npm_config_dangerously_allow_all_scripts: 'true' },
  });
}
if (scale) {
  runScale();
  process.exit(0);
}
const extra = path.join(os.tmpdir(), `codeboom-bench-${process.pid}.json`);
const rows = [];
const size = fs.statSync('dist/extension.js').size / 1024;
rows.push({
  measure: 'extension bundle size (production, dist/extension.js)',
  median: size,
  p95: size,
  unit: 'KB',
  goal: '< 1.5 MB',
  met: size < 1536,
});
const hostOut = path.join(os.tmpdir(), `codeboom-bench-host-${process.pid}.json`);
const host = spawnSync(
  'node',
  ['test/harness/run-host-tests.mjs', '--fixture', dir, '--tests', 'out/test/bench/host/index.js', '--timeout', '600'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CODEBOOM_BENCH_OUT: hostOut },
  },
);
if (fs.existsSync(hostOut)) {
  rows.push(...JSON.parse(fs.readFileSync(hostOut, 'utf8')));
} else {
  console.error('[bench] the extension host run gave no timings:\n' + String(host.stdout).slice(-2000));
}
// The matrix panel's page in headless Chromium (test/bench/webview.mjs), in a process of its own.
const webviewOut = path.join(os.tmpdir(), `codeboom-bench-webview-${process.pid}.json`);
const webview = spawnSync('node', ['test/bench/webview.mjs', webviewOut], { stdio: ['ignore', 'pipe', 'inherit'] });
if (fs.existsSync(webviewOut)) {
  rows.push(...JSON.parse(fs.readFileSync(webviewOut, 'utf8')));
  fs.rmSync(webviewOut, { force: true });
} else {
  console.error('[bench] the webview run gave no timings:\n' + String(webview.stdout).slice(-2000));
}
fs.writeFileSync(extra, JSON.stringify(rows));
run('node', ['--expose-gc', 'out/test/bench/bench.js'], { env: { ...process.env, CODEBOOM_BENCH_EXTRA: extra, CODEBOOM_BENCH_DIR: dir } });
fs.rmSync(extra, { force: true });
fs.rmSync(hostOut, { force: true });

function runScale() {
  const sizes = [10_000, 50_000, 200_000];
  const results = [];
  for (const n of sizes) {
    const d = path.resolve(`.runs/bench/scale-${n / 1000}k`);
    if (!fs.existsSync(path.join(d, 'codeboom.json'))) {
      run('node', ['out/test/bench/generate.js', '--out', d, '--codings', String(n)]);
    }
    const json = path.resolve(`test-results/bench-${n / 1000}k.json`);
    console.log(`\n[bench] ${n.toLocaleString('en')} codings`);
    run('node', ['--expose-gc', 'out/test/bench/bench.js'], {
      env: { ...process.env, CODEBOOM_BENCH_DIR: d, CODEBOOM_BENCH_JSON: json },
    });
    results.push({ codings: n, rows: JSON.parse(fs.readFileSync(json, 'utf8')).rows });
  }
  const ids = [...new Set(results.flatMap((r) => r.rows.filter((row) => row.id).map((row) => row.id)))];
  const fmt = (v, unit) => `${v.toFixed(unit === 'MB' ? 1 : 2)} ${unit}`;
  const cell = (row) => {
    if (!row) {
      return '';
    }
    const base = row.baseline ? ` (${fmt(row.baseline.median, row.unit)}, ${(row.median / row.baseline.median).toFixed(2)}×)` : '';
    return `${fmt(row.median, row.unit)}${base}${row.met === undefined ? '' : row.met ? ' ✓' : ' ✗'}`;
  };
  const head = ['measure (baseline of the same run, ratio)', ...sizes.map((n) => `${n / 1000}k codings`), 'goal'];
  const lines = [head, head.map(() => '---')];
  for (const id of ids) {
    const rows = results.map((r) => r.rows.find((row) => row.id === id));
    const first = rows.find(Boolean);
    const baseName = first.baseline ? ` [baseline: ${first.baseline.name}]` : '';
    lines.push([`${id}${baseName}`, ...rows.map(cell), first.goal]);
  }
  console.log('\nScaling (median; ✓ goal met, ✗ not met)\n');
  console.log(lines.map((c) => `| ${c.join(' | ')} |`).join('\n'));
  fs.writeFileSync(path.resolve('test-results/bench-scale.json'), JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
}
