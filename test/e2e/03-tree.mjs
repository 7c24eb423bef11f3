// e2e scenario: a researcher opens the Codeboom container in the activity bar and sees the sample
// study's code tree expanded (colour squares, own · Σ subtree counts, polarity and origin), selects
// a code and sees its quotations, and sees which literature factors came back in the data
// (screenshot of the whole container).
import assert from 'node:assert/strict';
import { openCodeboomView } from '../harness/e2e-steps.mjs';

export const timeout = 120000;

export default async function codeTree({ page, screenshot, log }) {
  const sidebar = await openCodeboomView(page);
  const row = (text) => sidebar.locator('.monaco-list-row', { hasText: text }).first();

  // The study loads in the background; the top-level codes are expanded by default.
  await row('Hiërarchische inrichting van de rijksoverheid').waitFor({ state: 'visible', timeout: 45000 });
  await row('mandaat').waitFor({ state: 'visible', timeout: 15000 });
  const top = (await row('Hiërarchische inrichting van de rijksoverheid').innerText()).replace(/\s+/g, ' ');
  log(`top-level row: ${top}`);
  assert.match(top, /\d+ · Σ\d+/, 'a parent shows its own and its subtree’s counts');
  const mandaat = (await row('mandaat').innerText()).replace(/\s+/g, ' ');
  log(`mandaat row: ${mandaat}`);
  assert.match(mandaat, /mandaat\s*32\b/, 'mandaat has its 32 codings');
  assert.ok(await row('mandaat').locator('.custom-view-tree-node-item-icon, .monaco-icon-label').first().isVisible());

  // Selecting a code lists its quotations in the Quotations view.
  await row('mandaat').click();
  const quotations = sidebar.locator('.pane', { has: page.locator('.pane-header', { hasText: /Quotations/i }) }).first();
  await quotations
    .locator('.monaco-list-row', { hasText: /Respondent|Deelnemer/ })
    .first()
    .waitFor({ state: 'visible', timeout: 15000 });
  const quoteRows = await quotations.locator('.monaco-list-row').count();
  log(`quotation rows visible: ${quoteRows}`);
  assert.ok(quoteRows > 1);

  // Literature factors: categories with how many of their factors have evidence.
  const factors = sidebar.locator('.pane', { has: page.locator('.pane-header', { hasText: /Literature Factors/i }) }).first();
  const header = (await factors.locator('.pane-header').innerText()).replace(/\s+/g, ' ');
  log(`factors header: ${header}`);
  assert.match(header, /\d+ of 62 with evidence/);
  // Widen the side bar so names and counts are readable, open one category of factors.
  const box = await sidebar.boundingBox();
  if (box) {
    const x = box.x + box.width + 1;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 240, y, { steps: 8 });
    await page.mouse.up();
  }
  await factors.locator('.monaco-list-row', { hasText: 'Organisatorische factoren' }).first().click();
  await factors
    .locator('.monaco-list-row', { hasText: /no evidence/ })
    .first()
    .waitFor({ state: 'visible', timeout: 10000 });
  await page.mouse.move(5, 5);
  await page.waitForTimeout(800);
  await screenshot('tree');
}
