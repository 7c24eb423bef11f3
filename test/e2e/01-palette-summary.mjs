// e2e scenario: run "Codeboom: Show Study Summary" from the Command Palette (F1) and check that
// the extension (installed from the VSIX) answers with a "Codeboom: ..." notification.
import assert from 'node:assert/strict';

export const timeout = 90000;

export default async function paletteSummary({ page, screenshot, runCommand, waitForNotification, log }) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
  await screenshot('workbench');

  await runCommand('Codeboom: Show Study Summary');
  const message = await waitForNotification('Codeboom:', { timeout: 45000 });
  log(`notification: ${message.split('\n')[0]}`);
  assert.match(message, /^Codeboom:/, `notification should start with "Codeboom:" but was: ${message}`);
  await screenshot('notification');
}
