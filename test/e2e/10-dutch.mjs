// e2e scenario in Dutch (run-e2e --locale nl --only 10-dutch; npm test step "e2e (nl)"): a Dutch
// researcher opens the Codeboom container and sees the code tree, the citations and the literature
// factors in Dutch, then the walkthrough "Aan de slag met Codeboom" (screenshots of both). The stub
// language pack of the harness makes the display language nl without translating VS Code itself,
// so the workbench's own words stay English; Codeboom's come from package.nls.nl.json and
// l10n/bundle.l10n.nl.json. Standalone: the default (English) run leaves it out.
import assert from 'node:assert/strict';
import { openCodeboomView } from '../harness/e2e-steps.mjs';

export const standalone = true;
export const timeout = 150000;

export default async function dutch({ page, screenshot, runCommand, locale, log }) {
  assert.equal(locale, 'nl', 'run with --locale nl (npm test step "e2e (nl)")');
  const sidebar = await openCodeboomView(page);
  const row = (text) => sidebar.locator('.monaco-list-row', { hasText: text }).first();
  const pane = (title) => sidebar.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) }).first();

  // the code tree (the study loads in the background)
  await row('Hiërarchische inrichting van de rijksoverheid').waitFor({ state: 'visible', timeout: 45000 });
  await row('mandaat').waitFor({ state: 'visible', timeout: 15000 });

  // view names from package.nls.nl.json
  for (const title of [/Citaten/, /Literatuurfactoren/, /Transcripten/]) {
    assert.ok(await pane(title).isVisible(), `pane ${title}`);
  }
  assert.equal(await pane(/^\s*Quotations/).count(), 0, 'no English view name');

  // a code's citations, with Dutch descriptions from the l10n bundle
  await row('mandaat').click();
  const citaten = pane(/Citaten/);
  await citaten.locator('.monaco-list-row').nth(1).waitFor({ state: 'visible', timeout: 15000 });
  const caseRow = (await citaten.locator('.monaco-list-row').first().innerText()).replace(/\s+/g, ' ');
  log(`first citations row: ${caseRow}`);
  assert.match(caseRow, /\d+ citaten?|1 citaat/);

  // literature factors: "n van 62 factoren onderbouwd", a factor without evidence: "geen onderbouwing"
  const factors = pane(/Literatuurfactoren/);
  const header = (await factors.locator('.pane-header').innerText()).replace(/\s+/g, ' ');
  log(`factors header: ${header}`);
  assert.match(header, /\d+ van 62 onderbouwd/);
  const box = await sidebar.boundingBox();
  if (box) {
    // widen the side bar so names and counts are readable
    const x = box.x + box.width + 1;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 240, y, { steps: 8 });
    await page.mouse.up();
  }
  await factors.locator('.monaco-list-row', { hasText: 'Organisatorische factoren' }).first().click();
  await factors
    .locator('.monaco-list-row', { hasText: /geen onderbouwing/ })
    .first()
    .waitFor({ state: 'visible', timeout: 10000 });
  await page.mouse.move(5, 5);
  await page.waitForTimeout(800);
  await screenshot('tree');

  // the walkthrough, by its Dutch title (the command itself is VS Code's, so English here), with
  // the side bar hidden so that the walkthrough has room for its pictures
  await runCommand('View: Toggle Primary Side Bar Visibility');
  await sidebar.waitFor({ state: 'hidden', timeout: 10000 });
  await runCommand('Welcome: Open Walkthrough');
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Aan de slag met Codeboom' }).first();
  await pick.waitFor({ state: 'visible', timeout: 15000 });
  await pick.click();
  const walkthrough = page.locator('.gettingStartedContainer, .gettingStarted').first();
  await walkthrough.waitFor({ state: 'visible', timeout: 20000 });
  const steps = walkthrough.locator('.getting-started-step');
  await steps.first().waitFor({ state: 'visible', timeout: 15000 });
  const body = (await walkthrough.innerText()).replace(/\s+/g, ' ');
  for (const text of [
    'Aan de slag met Codeboom',
    'Open het voorbeeldonderzoek',
    'Codeer een fragment',
    'Orden de codeboom',
    'Koppel literatuurfactoren',
    'Exporteer je tabellen',
  ]) {
    assert.ok(body.includes(text), `walkthrough shows “${text}”`);
  }
  assert.ok(!body.includes('Get started with Codeboom'), 'no English walkthrough title');
  // open the step about the code tree: its description and button in Dutch, its picture beside it
  await steps.filter({ hasText: 'Orden de codeboom' }).first().click();
  await walkthrough
    .locator('.getting-started-step.expanded', { hasText: 'De codeboom tonen' })
    .waitFor({ state: 'visible', timeout: 10000 });
  await walkthrough.locator('.getting-started-media img, .getting-started-media').first().waitFor({ state: 'visible', timeout: 10000 });
  await page.waitForTimeout(1000);
  await screenshot('walkthrough');
  await runCommand('View: Close All Editors').catch(() => {});
  await runCommand('View: Toggle Primary Side Bar Visibility');
}
