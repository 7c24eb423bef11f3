// e2e scenario (accessibility): in a high-contrast theme the codings stay visible (drawn as
// underlines in the code's colour instead of translucent fills) and the matrix stays readable.
// Screenshots of a coded transcript and of the matrix in VS Code's "Default High Contrast" theme.
import assert from 'node:assert/strict';

export const timeout = 150000;
// Runs in its own server started in the high-contrast theme: see scripts/test-all.mjs.
export const standalone = true;

export default async function highContrast({ page, screenshot, runCommand, log, openFile }) {
  await page.locator('.monaco-workbench.hc-black').waitFor({ state: 'attached', timeout: 15000 });
  const hc = await page
    .locator('.monaco-workbench')
    .evaluate((el) => el.classList.contains('hc-black') || el.classList.contains('hc-light'));
  assert.ok(hc, 'the workbench is in a high-contrast theme');
  try {
    // A transcript with codings near its top.
    const editor = await openFile('B-1.md');
    const input = page.locator('.quick-input-widget input');
    await editor.click();
    await page.keyboard.press('Control+G');
    await input.waitFor({ state: 'visible' });
    await input.fill(':30');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    // Codings are drawn with a bottom border (underline) in high contrast, never only a fill.
    const count = () =>
      editor.evaluate(
        (el) =>
          [...el.querySelectorAll('.view-overlays div, .view-lines span')].filter((d) => {
            const cs = getComputedStyle(d);
            return cs.borderBottomStyle === 'solid' && parseFloat(cs.borderBottomWidth) >= 2;
          }).length,
      );
    // The study may still be loading, and a theme change redraws every decoration: poll.
    let underlined = 0;
    for (const end = Date.now() + 30000; underlined === 0 && Date.now() < end;) {
      await page.waitForTimeout(500);
      underlined = await count();
    }
    log(`underlined coding decorations in view: ${underlined}`);
    assert.ok(underlined > 0, 'codings are underlined in high contrast');
    await screenshot('transcript');
    await runCommand('Codeboom: Open Matrix');
    // code-server nests the webview in two iframes; wait for the table's first code row.
    const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await view.locator('table tbody tr').first().waitFor({ state: 'visible', timeout: 45000 });
    const cellColours = await view
      .locator('table tbody td')
      .first()
      .evaluate((td) => getComputedStyle(td).color);
    log(`first cell text colour: ${cellColours}`);
    await page.waitForTimeout(500);
    await screenshot('matrix');
  } finally {
    log('done');
  }
}
