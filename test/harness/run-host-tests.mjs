#!/usr/bin/env node
// npm run test:host — mocha suites (out/test/host/**/*.test.js) inside the extension host of a
// real VS Code 1.139 (code-server), through @vscode/test-electron's unchanged runTests() pointed
// at test/harness/code-shim. Compile first: npm run build && npm run compile-tests.
//
// usage: node test/harness/run-host-tests.mjs [options]
//   --fixture <name|path>            study copied to a fresh temp folder and opened as the workspace
//                                    (name = test/fixtures/<name>; default test/fixtures/basic, else sample/kennisdeling)
//   --extensionDevelopmentPath <p>   extension under test (default: repo root)
//   --tests <p>                      extensionTestsPath (default: out/test/host/index.js)
//   --locale <l>                     VS Code display language, e.g. nl
//   --grep <re>                      only tests whose full title matches (env CODEBOOM_TEST_GREP)
//   --timeout <s>                    kill everything and fail after this many seconds (default 300)
//   --keep                           keep the run folder and the workspace copy even when green
//   --web                            run in the browser's web worker extension host instead of the Node one:
//                                    the extension's "browser" entry (dist/web/extension.js) and the web
//                                    suite (test/host/web/index.ts, bundled here to out/test/host-web/index.js)
//   --memfs                          with --web (implied): the study is served from memory by the test extension
//                                    test/fixtures/memfs-extension (a virtual file system, as on github.dev) and
//                                    the workspace is memfs:/<study name>
// Env for the extension host: CODEBOOM_TEST_WORKSPACE (the workspace copy), CODEBOOM_TEST_FIXTURE
// (the source study), CODEBOOM_REPO. Exit code 0 only if tests ran and none failed.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { REPO, HARNESS_DIR, makeRunDir, copyWorkspace, ensureHost } from './code-server.mjs';
import { prepareMemfsExtension } from './memfs.mjs';

const require = createRequire(import.meta.url);
const t0 = Date.now();
const log = (...a) => console.error('[test:host]', ...a);

const { values: opt } = parseArgs({
  options: {
    fixture: { type: 'string' },
    extensionDevelopmentPath: { type: 'string' },
    tests: { type: 'string' },
    locale: { type: 'string' },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    web: { type: 'boolean', default: false },
    memfs: { type: 'boolean', default: false },
  },
});
if (opt.memfs) opt.web = true;

function resolveFixture(v) {
  if (!v) {
    const basic = path.join(REPO, 'test', 'fixtures', 'basic');
    return fs.existsSync(basic) ? basic : path.join(REPO, 'sample', 'kennisdeling');
  }
  for (const c of [path.resolve(v), path.join(REPO, v), path.join(REPO, 'test', 'fixtures', v)]) {
    if (fs.existsSync(c) && fs.statSync(c).isDirectory()) return c;
  }
  throw new Error(`fixture not found: ${v} (looked in ., repo root and test/fixtures/)`);
}

/** Warn when a test/host/**\/*.ts is newer than its compiled .js (forgot npm run compile-tests?). */
function warnIfStale(testsPath) {
  const srcRoot = path.join(REPO, 'test', 'host');
  const outRoot = path.join(REPO, 'out', 'test', 'host');
  if (!path.resolve(testsPath).startsWith(outRoot + path.sep) || !fs.existsSync(srcRoot)) return;
  const stale = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        const js = path.join(outRoot, path.relative(srcRoot, f)).replace(/\.ts$/, '.js');
        if (!fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(f).mtimeMs) stale.push(path.relative(REPO, f));
      }
    }
  };
  walk(srcRoot);
  if (stale.length) log(`warning: not compiled or stale (run npm run compile-tests): ${stale.join(', ')}`);
}

/** Bundles the web suite (grep baked in: the web worker has no process.env) and returns its path. */
async function buildWebSuite() {
  const esbuild = await import('esbuild');
  const { webTestBuild } = await import('../../scripts/build-web.mjs');
  const outfile = path.join(REPO, 'out', 'test', 'host-web', 'index.js');
  const cwd = process.cwd();
  process.chdir(REPO);
  try {
    await esbuild.build(webTestBuild({ bundle: true, sourcemap: 'inline', logLevel: 'warning' }, { outfile, grep: opt.grep ?? '' }));
  } finally {
    process.chdir(cwd);
  }
  return outfile;
}

async function main() {
  const extensionDevelopmentPath = path.resolve(opt.extensionDevelopmentPath || REPO);
  const extensionTestsPath = opt.web
    ? await buildWebSuite()
    : path.resolve(opt.tests || path.join(REPO, 'out', 'test', 'host', 'index.js'));
  const testsFile = /\.[cm]?js$/.test(extensionTestsPath) ? extensionTestsPath : extensionTestsPath + '.js';
  if (!fs.existsSync(testsFile)) throw new Error(`${path.relative(REPO, testsFile)} missing — run npm run compile-tests first`);
  warnIfStale(testsFile);
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionDevelopmentPath, 'package.json'), 'utf8'));
  const entry = opt.web ? pkg.browser : pkg.main;
  if (entry && !fs.existsSync(path.join(extensionDevelopmentPath, entry))) {
    throw new Error(`${entry} missing in ${extensionDevelopmentPath} — run npm run build first`);
  }
  ensureHost(); // runs setup-host.sh once if the cache is missing (outside the timeout)

  const fixture = resolveFixture(opt.fixture);
  const workspace = copyWorkspace(fixture, 'codeboom-host-');
  const runDir = makeRunDir('host');
  const pidFile = path.join(runDir, 'shim.pid.json');
  const timeoutMs = Number(opt.timeout) * 1000;
  log(`fixture ${path.relative(REPO, fixture) || fixture} -> ${workspace}; run dir ${path.relative(REPO, runDir)}`);
  const memfs = opt.memfs ? prepareMemfsExtension(runDir, fixture) : undefined;
  if (memfs) log(`memfs: ${memfs.files} files of the study served from memory as ${memfs.folderUri}`);

  const shim = path.join(HARNESS_DIR, 'code-shim');
  try {
    fs.accessSync(shim, fs.constants.X_OK);
  } catch {
    fs.chmodSync(shim, 0o755);
  }

  // watch our own stdout for the runner's summary line (the shim's output is piped through it)
  let summary;
  const write = process.stdout.write.bind(process.stdout);
  let pending = '';
  process.stdout.write = (chunk, ...rest) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const l of lines) {
      const m = /^host: (\d+) passed, (\d+) failed\s*$/.exec(l);
      if (m) summary = { passed: +m[1], failed: +m[2] };
    }
    return write(chunk, ...rest);
  };

  // hard stop: the shim has its own timeout and cleans up; this catches a hung shim
  const killer = setTimeout(() => {
    log(`timeout after ${opt.timeout} s — killing the test host`);
    try {
      const { shim: shimPid, server } = JSON.parse(fs.readFileSync(pidFile, 'utf8'));
      if (server) {
        try {
          process.kill(-server, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      if (shimPid) {
        try {
          process.kill(shimPid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    } catch {
      /* shim not started */
    }
    process.exit(124);
  }, timeoutMs + 30000);

  const { runTests } = require('@vscode/test-electron');
  let code;
  try {
    code = await runTests({
      vscodeExecutablePath: shim,
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, ...(opt.locale ? [`--locale=${opt.locale}`] : [])],
      extensionTestsEnv: {
        CODEBOOM_TEST_WORKSPACE: workspace,
        CODEBOOM_TEST_FIXTURE: fixture,
        CODEBOOM_REPO: REPO,
        CODEBOOM_SHIM_NODE: process.execPath,
        CODEBOOM_RUN_BASE: runDir,
        CODEBOOM_SHIM_PIDFILE: pidFile,
        CODEBOOM_HOST_TIMEOUT_MS: String(timeoutMs),
        ...(opt.web ? { CODEBOOM_EXTENSION_KIND: 'web' } : {}),
        ...(memfs ? { CODEBOOM_FOLDER_URI: memfs.folderUri, CODEBOOM_VSIX: memfs.vsix } : {}),
        ...(opt.grep ? { CODEBOOM_TEST_GREP: opt.grep } : {}),
        ...(opt.keep ? { CODEBOOM_KEEP_RUNS: '1' } : {}),
      },
    });
  } catch (e) {
    code = typeof e?.code === 'number' && e.code !== 0 ? e.code : 1;
  } finally {
    clearTimeout(killer);
    process.stdout.write = write;
  }

  let ok = code === 0;
  if (ok && !summary) {
    ok = false;
    log('no "host: N passed, N failed" line from the runner');
  }
  if (ok && summary.passed === 0) {
    ok = false;
    log('0 tests ran');
  }
  if (ok && summary.failed > 0) ok = false;
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  log(`${ok ? 'PASS' : 'FAIL'} (${summary ? `${summary.passed} passed, ${summary.failed} failed` : 'no summary'}) in ${secs} s`);
  if (ok && !opt.keep) {
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    fs.rmSync(runDir, { recursive: true, force: true });
  } else {
    log(`kept: workspace ${workspace}, run dir ${runDir}`);
  }
  return ok ? 0 : 1;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    log(e?.message || e);
    process.exit(1);
  },
);
