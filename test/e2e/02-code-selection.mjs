// e2e scenario: a researcher opens a transcript, selects a passage, presses the "Code Selection"
// keybinding, types a few letters of a code name without its diacritics, presses Enter and sees
// the highlight (screenshot); the status bar's coding count goes up by one.
import assert from 'node:assert/strict';

export const timeout = 120000;

export default async function codeSelection({ page, screenshot, log, openFile, codingCount }) {
  // Open transcript A-1 with Quick Open.
  const editor = await openFile('A-1.md');
  const input = page.locator('.quick-input-widget input');
  await page.waitForTimeout(1500);
  const before = await codingCount();
  log(`codings in A-1 before: ${before}`);

  // Go to line 23 (a respondent's turn) and select it: Ctrl+G, Home, Shift+End.
  await editor.click();
  await page.keyboard.press('Control+G');
  await input.waitFor({ state: 'visible' });
  await input.fill(':23');
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10000 });
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  // The status bar says "(N selected)" once the editor has the selection.
  await page
    .locator('.statusbar-item', { hasText: /selected/ })
    .first()
    .waitFor({ state: 'visible', timeout: 10000 });

  // The keybinding opens the code picker; "hierarchie" must find "hiërarchie".
  await page.keyboard.press('Control+Alt+C');
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.type('hierarchie', { delay: 40 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'hiërarchie' }).first();
  await row.waitFor({ state: 'visible', timeout: 10000 });
  await screenshot('code-picker');
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10000 });

  // The status bar counts the new coding, and the editor shows the highlight.
  const end = Date.now() + 15000;
  let after = before;
  while (Date.now() < end && after === before) {
    await page.waitForTimeout(250);
    after = await codingCount();
  }
  log(`codings in A-1 after: ${after}`);
  assert.equal(after, before + 1, 'one new coding');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  await page.waitForTimeout(500);
  await screenshot('highlights');
}
