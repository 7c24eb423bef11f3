// npm run bench: production bundle size, activation in the real extension host on the large
// study, then every core measure (test/bench/bench.ts) — one table, and test-results/bench.json.
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
const dir = path.resolve(process.env.CODEBOOM_BENCH_DIR ?? '.runs/bench/large');
if (!fs.existsSync(path.join(dir, 'codeboom.json'))) {
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
fs.writeFileSync(extra, JSON.stringify(rows));
run('node', ['--expose-gc', 'out/test/bench/bench.js'], { env: { ...process.env, CODEBOOM_BENCH_EXTRA: extra, CODEBOOM_BENCH_DIR: dir } });
fs.rmSync(extra, { force: true });
fs.rmSync(hostOut, { force: true });
