// e2e scenario: run "Codeboom: Show Study Summary" from the Command Palette (F1) and check that
// the extension (installed from the VSIX) answers with a "Codeboom: ..." summary notification for
// the opened sample study.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const timeout = 90000;

export default async function paletteSummary({ page, workspace, screenshot, runCommand, waitForNotification, clearNotifications, log }) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
  await screenshot('workbench');

  // The extension activates on workspaceContains:**/codeboom.json and then loads the study in the
  // background; until that finished the command answers "no study is open". Retry for a while.
  const studyName = JSON.parse(fs.readFileSync(path.join(workspace, 'codeboom.json'), 'utf8')).name;
  const end = Date.now() + 45000;
  let message;
  for (;;) {
    await runCommand('Codeboom: Show Study Summary');
    message = await waitForNotification('Codeboom:', { timeout: 30000 });
    if (!/no study is open/i.test(message) || Date.now() > end) break;
    log('study not loaded yet, retrying');
    await clearNotifications();
    await page.waitForTimeout(1000);
  }
  log(`notification: ${message.split('\n')[0]}`);
  assert.match(message, /^Codeboom:/, `notification should start with "Codeboom:" but was: ${message}`);
  assert.doesNotMatch(message, /no study is open/i, 'the sample study should be open');
  if (studyName) assert.ok(message.includes(studyName), `summary should name the study "${studyName}": ${message}`);
  await screenshot('notification');
}
