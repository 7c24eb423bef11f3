// Steps several e2e scenarios share (not a scenario itself: scenarios are test/e2e/*.mjs).
import assert from 'node:assert/strict';

/**
 * The researcher's core gesture in the open transcript `editor`: go to `line`, select it (Home,
 * Shift+End), press the Code Selection keybinding, type `typed` in the picker until the code
 * `name` is listed (screenshot "code-picker"), Enter; asserts that the status bar counts one coding
 * more. Returns the counts before and after.
 */
export async function codeLine({ page, screenshot, log, codingCount }, editor, line, typed, name) {
  const input = page.locator('.quick-input-widget input');
  const before = await codingCount();
  log(`codings before: ${before}`);
  await editor.click();
  await page.keyboard.press('Control+G');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10000 });
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  // The status bar says "(N selected)" once the editor has the selection.
  await page
    .locator('.statusbar-item', { hasText: /selected/ })
    .first()
    .waitFor({ state: 'visible', timeout: 10000 });
  await page.keyboard.press('Control+Alt+C');
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.type(typed, { delay: 40 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 10000 });
  await screenshot('code-picker');
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10000 });
  // The status bar counts the new coding.
  const end = Date.now() + 15000;
  let after = before;
  while (Date.now() < end && after === before) {
    await page.waitForTimeout(250);
    after = await codingCount();
  }
  log(`codings after: ${after}`);
  assert.equal(after, before + 1, 'one new coding');
  return { before, after };
}

/** Opens Codeboom's view container from the activity bar; returns the side bar that shows it. */
export async function openCodeboomView(page) {
  const container = page
    .locator('.part.activitybar .action-item a[aria-label^="Codeboom"], .part.activitybar .action-item[aria-label^="Codeboom"]')
    .first();
  await container.waitFor({ state: 'visible', timeout: 30000 });
  await container.click();
  return page.locator('.part.sidebar');
}
