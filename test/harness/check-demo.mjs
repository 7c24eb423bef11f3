// Checks `npm run demo` like a user: starts it, waits for the URL, opens it in headless chromium,
// sees the sample study in the workbench with Codeboom's status bar item, stops it with SIGINT
// and expects a clean exit. Prints `demo: N passed, N failed`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, launchBrowser } from './code-server.mjs';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-demo-check-')) + '/kennisdeling';
const child = spawn(process.execPath, [path.join(REPO, 'scripts/demo.mjs'), '--no-build', '--fresh', '--port', 'auto', '--folder', folder], {
  cwd: REPO,
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: false,
});
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
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
    await page.locator('.statusbar-item', { hasText: 'Kennisdeling' }).first().waitFor({ state: 'visible', timeout: 60000 });
    await page.locator('.explorer-folders-view', { hasText: 'codeboom.json' }).first().waitFor({ state: 'visible', timeout: 30000 });
    fs.mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(REPO, 'test-results', 'demo.png') });
  } catch (e) {
    fail(`workbench with the sample study not shown: ${e.message}`);
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
