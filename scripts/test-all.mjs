// npm test: every gate, in order, from a clean checkout. Installs the heavy test host (Node 24,
// code-server, chromium) into ~/.cache once when it is missing. Exits non-zero when any step fails.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  // The REFI-QDA unit tests validate exports with xmllint (Debian libxml2-utils), before the host is set up.
  [
    'xmllint (install once)',
    'bash',
    [
      '-c',
      'command -v xmllint >/dev/null || { S=; [ "$(id -u)" != 0 ] && S=sudo; $S apt-get update -qq && DEBIAN_FRONTEND=noninteractive $S apt-get install -y -qq --no-install-recommends libxml2-utils >/dev/null; }',
    ],
  ],
  ['unit', 'npm', ['run', '-s', 'test:unit']],
  ['build', 'npm', ['run', '-s', 'build']],
  ['test host (install once)', 'bash', ['test/harness/setup-host.sh']],
  // the matrix webview in headless chromium (installed by the step above) with a stand-in VS Code API
  ['webview', 'node', ['test/webview/run.mjs']],
  ['host', 'npm', ['run', '-s', 'test:host']],
  // the Dutch suite under VS Code's display language nl (stub language pack; compiled by the unit step)
  ['host (nl)', 'npm', ['run', '-s', 'test:host', '--', '--locale', 'nl', '--tests', 'out/test/host-nl/index.js']],
  // the browser build in VS Code's web worker extension host, on the study served from memory (memfs:/…,
  // a virtual file system as github.dev's): coding, tree, matrix and exports, 27 tests in under 2 minutes
  // (the whole web suite, 76 tests, every host test file that needs no Node: run-host-tests --memfs, ~4 min)
  [
    'host (web worker, memfs)',
    'npm',
    ['run', '-s', 'test:host', '--', '--memfs', '--grep', '^(highlight-to-code|in vivo|code tree|matrix panel|extension host kind)'],
  ],
  ['package', 'npm', ['run', '-s', 'package']],
  ['e2e', 'npm', ['run', '-s', 'test:e2e']],
  [
    'e2e (high contrast)',
    'npm',
    [
      'run',
      '-s',
      'test:e2e',
      '--',
      '--only',
      '08-high-contrast',
      '--out',
      'test-results/e2e-hc',
      '--setting',
      'workbench.colorTheme="Default High Contrast"',
    ],
  ],
  // the Dutch scenario (tree and walkthrough in Dutch); its own screenshot folder, as each run empties its folder
  ['e2e (nl)', 'npm', ['run', '-s', 'test:e2e', '--', '--locale', 'nl', '--only', '10-dutch', '--out', 'test-results/e2e-nl']],
  // Restricted Mode (workspace trust on, the folder not trusted): the study opens and codes
  [
    'e2e (restricted mode)',
    'npm',
    [
      'run',
      '-s',
      'test:e2e',
      '--',
      '--only',
      '11-restricted',
      '--out',
      'test-results/e2e-restricted',
      '--setting',
      'security.workspace.trust.enabled=true',
    ],
  ],
  // Codeboom in the web worker host on memfs:/…: name asked once, code a passage, the matrix counts it
  ['e2e (web worker, memfs)', 'npm', ['run', '-s', 'test:e2e', '--', '--only', '14-web', '--out', 'test-results/e2e-web']],
  ['demo', 'node', ['test/harness/check-demo.mjs']],
];

const only = process.argv.slice(2);
const results = [];
const t0 = Date.now();
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) {
    continue;
  }
  const t = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  results.push([name, ok, ((Date.now() - t) / 1000).toFixed(1)]);
  if (!ok) {
    break;
  }
}
console.log('\n=== summary ===');
for (const [name, ok, s] of results) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${s} s)`);
}
const failed = results.filter(([, ok]) => !ok).length;
const total = ((Date.now() - t0) / 1000).toFixed(0);
console.log(`all steps took ${total} s`);
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed || results.length === 0 ? 1 : 0);
