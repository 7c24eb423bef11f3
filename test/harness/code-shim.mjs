#!/usr/bin/env node
// A stand-in "VS Code executable" so that @vscode/test-electron's
//   runTests({ vscodeExecutablePath: 'test/harness/code-shim', ... })
// works unchanged. It accepts the desktop CLI flags runTests passes
//   --extensionDevelopmentPath=<p> (repeatable), --extensionTestsPath=<p>, <folder>, --locale=<l>
// and runs the tests inside the Node extension host of a fresh code-server (see code-server.mjs).
// Exit code = test result. Desktop-only flags (--no-sandbox, --disable-gpu-sandbox, --disable-updates,
// --skip-welcome, --skip-release-notes, --disable-workspace-trust, --disable-extensions,
// --user-data-dir, --extensions-dir, ...) are accepted and ignored: every run gets its own
// throw-away user-data and extensions dirs under .runs/.
//
// Environment (set by run-host-tests.mjs, all optional):
//   CODEBOOM_FOLDER_URI      open this URI (e.g. memfs:/study) instead of the folder
//   CODEBOOM_VSIX            install this .vsix first (e.g. the memfs test extension)
//   CODEBOOM_RUN_BASE        use this folder as the run folder instead of a fresh .runs/host-XXXXXX
//   CODEBOOM_HOST_TIMEOUT_MS give up after this many ms (default 300000)
//   CODEBOOM_SHIM_PIDFILE    write {"shim":pid,"server":pgid} here so a caller can kill everything
import fs from 'node:fs';
import path from 'node:path';
import { runExtensionTests } from './code-server.mjs';

const VALUE_FLAGS = new Set([
  'extensionDevelopmentPath',
  'extensionTestsPath',
  'locale',
  'user-data-dir',
  'extensions-dir',
  'log',
  'profile',
  'folder-uri',
  'file-uri',
  'inspect-extensions',
  'inspect-brk-extensions',
  'crash-reporter-directory',
  'logsPath',
  'sync',
]);

function parseArgs(argv) {
  const o = { devPaths: [], folder: undefined, testsPath: undefined, locale: undefined, version: false, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(a);
    if (!m) {
      o.folder ??= a;
      continue;
    }
    const [, k, v0] = m;
    const v = v0 !== undefined ? v0 : VALUE_FLAGS.has(k) ? argv[++i] : undefined;
    if (k === 'extensionDevelopmentPath') o.devPaths.push(v);
    else if (k === 'extensionTestsPath') o.testsPath = v;
    else if (k === 'locale') o.locale = v;
    else if (k === 'folder-uri' && v?.startsWith('file://')) o.folder ??= decodeURIComponent(new URL(v).pathname);
    else if (k === 'version' || k === 'v') o.version = true;
    else o.ignored.push(a);
  }
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.version) {
    process.stdout.write('1.139.1\ncodeboom-code-server-shim\nx64\n');
    return 0;
  }
  if (!o.testsPath) {
    process.stderr.write('code-shim: only test runs are supported (need --extensionTestsPath=...)\n');
    return 2;
  }
  const pidFile = process.env.CODEBOOM_SHIM_PIDFILE;
  const write = (obj) => {
    if (pidFile) fs.writeFileSync(pidFile, JSON.stringify(obj));
  };
  write({ shim: process.pid });
  let server;
  const onSignal = async (sig) => {
    process.stderr.write(`code-shim: ${sig}, stopping\n`);
    await server?.stop().catch(() => {});
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return runExtensionTests({
    extensionDevelopmentPath: o.devPaths,
    extensionTestsPath: o.testsPath,
    folder: o.folder ? path.resolve(o.folder) : undefined,
    locale: o.locale,
    extensionDevelopmentKind: process.env.CODEBOOM_EXTENSION_KIND || undefined,
    folderUri: process.env.CODEBOOM_FOLDER_URI || undefined,
    vsix: process.env.CODEBOOM_VSIX || undefined,
    runDir: process.env.CODEBOOM_RUN_BASE || undefined,
    timeoutMs: Number(process.env.CODEBOOM_HOST_TIMEOUT_MS) || 300000,
    onStarted: (s) => {
      server = s;
      write({ shim: process.pid, server: s.pid });
    },
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('code-shim:', e?.stack || e);
    process.exit(1);
  },
);
