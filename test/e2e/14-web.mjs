// e2e scenario (issue 21): Codeboom in the browser's web worker extension host, on a study served
// from a virtual file system (memfs:/kennisdeling, the memfs test extension; as github.dev serves a
// repository). The coder's name is asked once (git cannot be run there); the researcher opens a
// transcript from the explorer, codes a passage with the keybinding and the code picker, and the
// matrix panel counts it. Every assertion is on the workbench's DOM; screenshots at each step.
// Run: npm run package && node test/harness/run-e2e.mjs 14-web
import assert from 'node:assert/strict';
import { codeLine, openCodeboomView } from '../harness/e2e-steps.mjs';

export const timeout = 240000;
export const standalone = true;
export const web = true;

/** The panel's document: code-server nests the webview in two iframes. */
function webview(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Opens the matrix and returns the Total of the row of `code` (then closes the panel). */
async function matrixTotal(page, runCommand, code, shot) {
  await runCommand('Codeboom: Open Matrix', { timeout: 60000 });
  const view = webview(page);
  const table = view.locator('table.matrix');
  await table.waitFor({ state: 'visible', timeout: 45000 });
  const heads = (await view.locator('table.matrix thead th').allInnerTexts()).map((h) => h.trim());
  assert.deepEqual(heads, ['Code', 'NDS', 'QIHR', 'Focusgroep', 'Total']);
  const row = view.locator('table.matrix tbody tr', { has: view.locator('th .name', { hasText: new RegExp(`^${code}$`) }) });
  const total = Number((await row.locator('td').last().innerText()).trim());
  await shot?.();
  return total;
}

export default async function webHost({ page, folder, web, screenshot, runCommand, waitForNotification, resetUi, log, codingCount }) {
  assert.ok(web, 'run with --web (the scenario says export const web = true)');
  assert.match(folder, /^memfs:\//);

  // Without a search provider for the workspace (memfs has none; github.dev and vscode.dev have one),
  // VS Code cannot evaluate workspaceContains:codeboom.json in the web worker host: Codeboom starts when
  // its view is opened (or any of its commands is run), as the README says.
  const sidebar = await openCodeboomView(page);
  await sidebar.locator('.monaco-list-row', { hasText: 'mandaat' }).first().waitFor({ state: 'visible', timeout: 45000 });

  // Git cannot tell the browser who codes: the name is asked once, and kept in the setting. Only the
  // browser build asks (src/platform/machine.web.ts; the desktop one takes git's user.name), so the
  // prompt also shows that dist/web/extension.js runs, in the web worker host.
  const input = page.locator('.quick-input-widget input');
  const nameBox = page.locator('.quick-input-widget', { hasText: 'your name as a coder' });
  await nameBox.waitFor({ state: 'visible', timeout: 60000 });
  await screenshot('coder-name');
  await input.fill('Eva');
  await page.keyboard.press('Enter');
  await nameBox.waitFor({ state: 'hidden', timeout: 10000 });

  // The matrix panel (a webview) from the study in memory, before coding.
  const totalBefore = await matrixTotal(page, runCommand, 'hiërarchie', () => screenshot('matrix-before'));
  log(`hiërarchie total in the matrix before: ${totalBefore}`);
  await runCommand('View: Close All Editors');

  // The workbench's explorer shows the study from memory; the transcript opens from it.
  await page.keyboard.press('Control+Shift+E');
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  await rows
    .filter({ hasText: /^transcripts$/ })
    .first()
    .click({ timeout: 30000 });
  await rows
    .filter({ hasText: /^A-1\.md$/ })
    .first()
    .click({ timeout: 15000 });
  const editor = page.locator('.monaco-editor[data-uri="memfs:/kennisdeling/transcripts/A-1.md"]').first();
  await editor.waitFor({ state: 'visible', timeout: 30000 });
  await page.waitForTimeout(1500);
  // Line 23 (a respondent's turn): select it, code it as "hiërarchie" typed without the diaeresis.
  const { before } = await codeLine({ page, screenshot, log, codingCount }, editor, 23, 'hierarchie', 'hiërarchie');
  assert.ok(before > 0, 'the sample codings of A-1 are shown');
  await page.keyboard.press('Escape');
  await screenshot('coded');

  // The matrix panel counts the new coding.
  const totalAfter = await matrixTotal(page, runCommand, 'hiërarchie', () => screenshot('matrix-after'));
  log(`hiërarchie total in the matrix after: ${totalAfter}`);
  assert.equal(totalAfter, totalBefore + 1, 'the matrix counts the new coding');

  // What needs a process says so in one message: git's merge set-up.
  await resetUi(page);
  await runCommand('Codeboom: Set Up Git for This Study');
  const message = await waitForNotification(/git can be set up only for a trusted study on this computer/);
  log(`set up git: ${message}`);
  await screenshot('git-message');
}
