#!/usr/bin/env node
// npm run test:e2e — end-to-end UI tests: installs dist/codeboom.vsix into a fresh code-server
// (VS Code 1.139 web workbench; no extensionDevelopmentPath), opens a temp copy of the sample
// study in Debian's headless chromium (playwright-core) and runs every scenario test/e2e/*.mjs in
// name order against that one server and page. Build first: npm run package.
//
// A scenario file exports `default` (or `run`): async function (ctx) where ctx is
//   { page, workspace, server, screenshot(name), runCommand(title), openFile(name) → its editor, codingCount(), waitForNotification(text),
//     clearNotifications(), resetUi(), locale, repo, log(...), folder (what the workbench opened: the
//     workspace path, or memfs:/<study> with --web), web }
// and throws to fail. Optional `export const timeout = <ms>` (default 120 s).
//
// usage: node test/harness/run-e2e.mjs [options]
//   --vsix <file>        extension to install (repeatable; default dist/codeboom.vsix)
//   --sample <dir>       study copied to a temp folder and opened (default sample/kennisdeling)
//   --scenarios <dir>    scenario folder (default test/e2e)
//   --only <text>        run only scenarios whose file name contains text (repeatable); scenarios
//                        that say `export const standalone = true` run only when named here
//   --setting <k=json>   a user setting for this run (repeatable), e.g. workbench.colorTheme="Default High Contrast"
//   --locale <l>         VS Code display language, e.g. nl
//   --out <dir>          screenshots (default test-results/e2e; emptied first)
//   --timeout <s>        kill everything and fail after this many seconds (default 300)
//   --keep               keep the run folder and workspace copy even when green
//   --web                Codeboom in the browser's web worker extension host (the user setting
//                        remote.extensionKind), on the study served from memory by the memfs test
//                        extension (test/fixtures/memfs-extension) as memfs:/<study>, a virtual file
//                        system as on github.dev. A scenario that says `export const web = true` needs it
//                        (and is standalone: it runs only when named with --only, and then sets --web).
// Prints `e2e: N passed, N failed`; exit code 0 only if at least one scenario ran and all passed.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { REPO, ensureHost, copyWorkspace, startCodeServer, launchBrowser, newPage, makeRunDir } from './code-server.mjs';
import { prepareMemfsExtension } from './memfs.mjs';

const t0 = Date.now();
const log = (...a) => console.log('[e2e]', ...a);
const secs = (t) => ((Date.now() - t) / 1000).toFixed(1) + ' s';

const { values: opt } = parseArgs({
  options: {
    vsix: { type: 'string', multiple: true },
    sample: { type: 'string' },
    scenarios: { type: 'string' },
    only: { type: 'string', multiple: true },
    setting: { type: 'string', multiple: true },
    locale: { type: 'string' },
    out: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    web: { type: 'boolean', default: false },
  },
});

// ---------- UI helpers handed to the scenarios ----------

/** Run a command from the Command Palette (F1) by its title, like a user. The palette lists the
 *  commands known when it opens, so while the extension host is still starting it is reopened
 *  until the command shows up (or `timeout` passes). */
/**
 * Opens a workspace file by its name with Quick Open and returns its editor. Clicks the row whose
 * label is exactly `name` (Enter would open the first row, which after earlier scenarios may be
 * "Respondent H-1.md" for H-1.md, a recent file or a backup such as A-1.md.eva.json); asks again
 * while the workbench's file watcher has not listed a file just written.
 */
async function openFile(page, name, { timeout = 30000 } = {}) {
  const input = page.locator('.quick-input-widget input');
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![^\\s/])`);
  const end = Date.now() + timeout;
  for (;;) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first();
    if (
      await row.waitFor({ state: 'visible', timeout: 5000 }).then(
        () => true,
        () => false,
      )
    ) {
      await row.click();
      break;
    }
    if (Date.now() > end) {
      throw new Error(`${name} not found by Quick Open`);
    }
  }
  const editor = page.locator(`.monaco-editor[data-uri$="/${encodeURIComponent(name)}"]`).first();
  await editor.waitFor({ state: 'visible', timeout });
  return editor;
}

/** The codings of the active transcript, from Codeboom's status bar item ("$(tag) N · $(person) coder"). */
async function codingCount(page) {
  const item = page
    .locator('.statusbar-item', { hasText: '·' })
    .filter({ has: page.locator('.codicon-tag') })
    .first();
  await item.waitFor({ state: 'visible', timeout: 30000 });
  const m = /(\d+)/.exec((await item.innerText()).replace(/\s+/g, ' '));
  return m ? Number(m[1]) : NaN;
}

async function runCommand(page, title, { timeout = 30000 } = {}) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  const end = Date.now() + timeout;
  for (;;) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 15000 });
    await input.fill('>' + title);
    try {
      await row.waitFor({ state: 'visible', timeout: Math.max(500, Math.min(3000, end - Date.now())) });
      break;
    } catch {
      if (Date.now() >= end) throw new Error(`command "${title}" not found in the Command Palette within ${timeout} ms`);
    }
  }
  // make sure the row is our command, not a fuzzy neighbour
  const label = (
    await row
      .locator('.label-name')
      .first()
      .innerText()
      .catch(() => '')
  )
    .replace(/\s+/g, ' ')
    .trim();
  if (label && !label.toLowerCase().includes(title.toLowerCase())) throw new Error(`palette row "${label}" is not "${title}"`);
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: 10000 }).catch(() => {});
}

/**
 * Wait for a notification containing `text` (string or RegExp). Looks for a toast first; in this
 * VS Code build info messages often do not pop up as toasts in headless chromium, so it then
 * opens the Notifications centre. Returns the message text.
 */
async function waitForNotification(page, text, { timeout = 20000, toastMs = 4000 } = {}) {
  const item = (root) => page.locator(`${root} .notification-list-item`, { hasText: text }).first();
  const toast = item('.notifications-toasts');
  const read = async (loc) => (await loc.locator('.notification-list-item-message').first().innerText()).trim();
  try {
    await toast.waitFor({ state: 'visible', timeout: toastMs });
    return await read(toast);
  } catch {
    /* not as a toast */
  }
  const center = item('.notifications-center');
  const end = Date.now() + timeout;
  while (true) {
    if (
      !(await page
        .locator('.notifications-center.visible')
        .isVisible()
        .catch(() => false))
    ) {
      await runCommand(page, 'Notifications: Show Notifications');
    }
    try {
      await center.waitFor({ state: 'visible', timeout: Math.min(3000, Math.max(500, end - Date.now())) });
      return await read(center);
    } catch {
      if (Date.now() > end) throw new Error(`no notification matching ${text} (toast or Notifications centre) within ${timeout} ms`);
    }
  }
}

/** Dismiss all notifications (toasts and centre). */
async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {});
  await page.keyboard.press('Escape').catch(() => {});
}

/** Close quick inputs, menus and the notifications centre between scenarios. */
async function resetUi(page) {
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
  if (
    await page
      .locator('.notifications-center.visible')
      .isVisible()
      .catch(() => false)
  ) {
    await runCommand(page, 'Notifications: Hide Notifications').catch(() => {});
  }
}

// ---------- runner ----------

function listScenarios(dir) {
  if (!fs.existsSync(dir)) throw new Error(`scenario folder not found: ${dir}`);
  let files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.mjs'))
    .sort();
  if (opt.only?.length) files = files.filter((f) => opt.only.some((o) => f.includes(o)));
  // A scenario that needs its own server set-up (a theme, a locale) says `export const standalone = true`
  // and runs only when named with --only.
  else files = files.filter((f) => !/^export const standalone = true/m.test(fs.readFileSync(path.join(dir, f), 'utf8')));
  return files.map((f) => path.join(dir, f));
}

async function main() {
  const vsix = (opt.vsix?.length ? opt.vsix : [path.join(REPO, 'dist', 'codeboom.vsix')]).map((v) => path.resolve(v));
  for (const v of vsix) if (!fs.existsSync(v)) throw new Error(`${v} missing — run npm run package first`);
  const scenarios = listScenarios(path.resolve(opt.scenarios || path.join(REPO, 'test', 'e2e')));
  if (!scenarios.length) throw new Error('no e2e scenarios selected');
  const web = opt.web || scenarios.some((f) => /^export const web = true/m.test(fs.readFileSync(f, 'utf8')));
  const outDir = path.resolve(opt.out || path.join(REPO, 'test-results', 'e2e'));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  ensureHost(); // runs setup-host.sh once if the cache is missing (outside the timeout)

  const sample = path.resolve(opt.sample || path.join(REPO, 'sample', 'kennisdeling'));
  const workspace = copyWorkspace(sample, 'codeboom-e2e-');
  // --web: the study from memory (memfs:/<study>), Codeboom in the web worker extension host
  const runDir = web ? makeRunDir('e2e') : undefined;
  const memfs = web ? prepareMemfsExtension(runDir, sample) : undefined;
  if (memfs) log(`web worker host; ${memfs.files} files of the study served from memory as ${memfs.folderUri}`);
  const folder = memfs ? memfs.folderUri : workspace;
  let server;
  let browser;
  let ok = false;
  const results = [];
  const killer = setTimeout(
    async () => {
      console.error(`[e2e] timeout after ${opt.timeout} s — stopping`);
      console.log(`e2e: ${results.filter((r) => r.ok).length} passed, ${Math.max(1, results.filter((r) => !r.ok).length)} failed`);
      await browser?.close().catch(() => {});
      await server?.stop();
      process.exit(124);
    },
    Number(opt.timeout) * 1000,
  );
  try {
    // --setting key=<JSON value> (repeatable): user settings for this run, e.g. a colour theme.
    const settings = {};
    for (const kv of opt.setting ?? []) {
      const i = kv.indexOf('=');
      const raw = kv.slice(i + 1);
      try {
        settings[kv.slice(0, i)] = JSON.parse(raw);
      } catch {
        settings[kv.slice(0, i)] = raw;
      }
    }
    if (web) settings['remote.extensionKind'] = { 'codeboom.codeboom': ['web'] };
    server = await startCodeServer({
      prefix: 'e2e',
      runDir,
      vsix: memfs ? [...vsix, memfs.vsix] : vsix,
      folder: workspace,
      locale: opt.locale,
      settings,
    });
    log(`code-server ${server.url} up after ${secs(t0)} (run dir ${path.relative(REPO, server.base)})`);
    browser = await launchBrowser({ runDir: server.base, locale: opt.locale });
    const page = await newPage(browser, server);
    const consoleLog = fs.createWriteStream(path.join(server.logs, 'browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e?.stack || e}\n`));

    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 30000 });
    // the explorer shows the opened folder once the workspace is restored
    await page
      .locator('.explorer-folders-view, .explorer-viewlet')
      .first()
      .waitFor({ state: 'visible', timeout: 30000 })
      .catch(() => {});
    await page
      .locator('.monaco-workbench')
      .click({ position: { x: 700, y: 450 } })
      .catch(() => {});
    log(`workbench ready after ${secs(t0)}`);

    for (const file of scenarios) {
      const name = path.basename(file, '.mjs');
      const ts = Date.now();
      const screenshot = async (shot) => {
        const p = path.join(outDir, `${name}-${shot.replace(/[^\w.-]+/g, '_')}.png`);
        await page.screenshot({ path: p });
        return p;
      };
      const ctx = {
        page,
        workspace,
        folder,
        web,
        server,
        screenshot,
        locale: opt.locale,
        repo: REPO,
        log: (...a) => console.log(`  [${name}]`, ...a),
        runCommand: (title, o) => runCommand(page, title, o),
        openFile: (name, o) => openFile(page, name, o),
        codingCount: () => codingCount(page),
        waitForNotification: (text, o) => waitForNotification(page, text, o),
        clearNotifications: () => clearNotifications(page),
        resetUi: () => resetUi(page),
      };
      let err;
      try {
        const mod = await import(pathToFileURL(file).href);
        const fn = mod.default || mod.run;
        if (typeof fn !== 'function') throw new Error(`${name}: no default export function`);
        const limit = mod.timeout || 120000;
        let timer;
        await Promise.race([
          fn(ctx),
          new Promise((_, rej) => {
            timer = setTimeout(() => rej(new Error(`scenario timeout after ${limit} ms`)), limit);
          }),
        ]).finally(() => clearTimeout(timer));
      } catch (e) {
        err = e;
        await screenshot('failure').catch(() => {});
      }
      results.push({ name, ok: !err });
      console.log(
        `${err ? '  ✗' : '  ✔'} ${name} (${secs(ts)})${
          err
            ? `\n      ${String(err?.stack || err)
                .split('\n')
                .slice(0, 6)
                .join('\n      ')}`
            : ''
        }`,
      );
      await resetUi(page);
    }
    consoleLog.end();
    ok = results.length > 0 && results.every((r) => r.ok);
  } finally {
    clearTimeout(killer);
    await browser?.close().catch(() => {});
    await server?.stop();
    if (ok && !opt.keep) {
      server?.cleanup();
      fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    } else if (server) {
      log(
        `kept: run dir ${server.base} (logs/server.log, logs/browser-console.log, user-data/logs/*/exthost*/remoteexthost.log), workspace ${workspace}`,
      );
    }
  }
  const passed = results.filter((r) => r.ok).length;
  log(`screenshots in ${path.relative(REPO, outDir)}/ — total ${secs(t0)}`);
  console.log(`e2e: ${passed} passed, ${results.length - passed} failed`);
  return ok ? 0 : 1;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error('[e2e]', e?.stack || e);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
