// Checks `npm run demo` like a user: starts it, waits for the URL, opens it in headless chromium,
// sees the sample study in the workbench with Codeboom's status bar item, stops it with SIGINT
// and expects a clean exit. Prints `demo: N passed, N failed`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, launchBrowser } from './code-server.mjs';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-demo-check-')) + '/kennisdeling';
const child = spawn(
  process.execPath,
  [path.join(REPO, 'scripts/demo.mjs'), '--no-build', '--fresh', '--port', 'auto', '--folder', folder],
  {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: false,
  },
);
let out = '';
let failed = 0;
const fail = (msg) => {
  console.error(`demo check FAILED: ${msg}`);
  failed++;
};
const url = await new Promise((resolve) => {
  const timer = setTimeout(() => resolve(undefined), 120000);
  child.stdout.on('data', (d) => {
    out += d;
    process.stdout.write(d);
    const m = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(out);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
});
if (!url) {
  fail('no URL printed within 120 s');
} else {
  const browser = await launchBrowser();
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
    await page.locator('.statusbar-item', { hasText: 'Kennisdeling' }).first().waitFor({ state: 'visible', timeout: 60000 });
    // The newcomer's first look: the Codeboom view open (its code tree), a coded transcript open in an
    // editor with its highlights, and the walkthrough one click away (the view's title button).
    await page
      .locator('.pane-header', { hasText: /codeboom/i })
      .first()
      .waitFor({ state: 'visible', timeout: 30000 });
    await page
      .locator('.monaco-list-row', { hasText: /hi.rarchie|urgentie|vertrouwen|kennis/i })
      .first()
      .waitFor({ state: 'visible', timeout: 30000 });
    await page.waitForTimeout(1500);
    fs.mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(REPO, 'test-results', 'demo.png') });
    const tab = page.locator('.tabs-container .tab', { hasText: /\.md/ }).first();
    await tab.waitFor({ state: 'visible', timeout: 30000 });
    console.log(`[check-demo] transcript open: ${(await tab.innerText()).trim()}`);
    // coding highlights are editor decorations: spans with a 'ced-' class inside the view lines
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.monaco-editor .view-overlays [class*="ced-"], .monaco-editor .view-lines [class*="ced-"]').length > 0,
      undefined,
      { timeout: 30000 },
    );
    const walkthrough = page.locator('.pane-header .action-label[aria-label*="Get Started" i]').first();
    await walkthrough.waitFor({ state: 'attached', timeout: 30000 });
    // view title actions show on hover: one click on the Codeboom view's "Get Started" button
    await page.locator('.pane-header:has(.action-label[aria-label*="Get Started" i])').first().hover();
    await walkthrough.click();
    await page
      .locator('.gettingStartedContainer, .getting-started-category-header, .gettingStarted', { hasText: /Codeboom/ })
      .first()
      .waitFor({ state: 'visible', timeout: 30000 });
    fs.mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(REPO, 'test-results', 'demo-walkthrough.png') });
  } catch (e) {
    fail(`workbench with the sample study not shown as a newcomer should first see it: ${e.message}`);
    fs.mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
    await page?.screenshot({ path: path.join(REPO, 'test-results', 'demo-failed.png') }).catch(() => {});
  } finally {
    await browser.close();
  }
}
child.kill('SIGINT');
const code = await new Promise((resolve) => {
  const t = setTimeout(() => {
    child.kill('SIGKILL');
    resolve('timeout');
  }, 15000);
  child.once('exit', (c) => {
    clearTimeout(t);
    resolve(c);
  });
});
if (code !== 0) {
  fail(`demo did not stop cleanly on Ctrl+C (exit ${code})`);
}
fs.rmSync(path.dirname(folder), { recursive: true, force: true });
console.log(`demo: ${failed ? 0 : 1} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
