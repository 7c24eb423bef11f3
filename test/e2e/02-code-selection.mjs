// e2e scenario: a researcher opens a transcript, selects a passage, presses the "Code Selection"
// keybinding, types a few letters of a code name without its diacritics, presses Enter and sees
// the highlight (screenshot); the status bar's coding count goes up by one.
import { codeLine } from '../harness/e2e-steps.mjs';

export const timeout = 120000;

export default async function codeSelection(ctx) {
  const { page, screenshot, openFile } = ctx;
  // Open transcript A-1 with Quick Open, code line 23 (a respondent's turn) by typing "hierarchie",
  // which must find "hiërarchie"; the status bar counts the new coding.
  const editor = await openFile('A-1.md');
  await page.waitForTimeout(1500);
  await codeLine(ctx, editor, 23, 'hierarchie', 'hiërarchie');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  await page.waitForTimeout(500);
  await screenshot('highlights');
}
