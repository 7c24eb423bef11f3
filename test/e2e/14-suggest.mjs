// e2e scenario: code suggestions for an uncoded transcript. A new interview (H-1, four respondent
// turns, no codings) is put into the study's transcripts folder; the researcher opens it and runs
// "Codeboom: Suggest Codings for This Transcript" from the Command Palette. The Suggested Codings
// view lists one proposal per respondent turn, each with its code's path, the confidence and the
// passage, and its tooltip the reason (screenshot, side bar widened); she accepts the first with its inline ✓ button: the proposal leaves the
// list, and the status bar counts the transcript's first coding (screenshot).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const timeout = 180000;

/** A fictional interview in the sample study's form, written for this scenario. */
const TRANSCRIPT = `---
title: "Interview Respondent H – gesprek 1"
case: QIHR
respondent: Respondent H
interview: 1
date: 2021-02-11
mode: Microsoft Teams
---

# Interview Respondent H – gesprek 1

*Transcript, letterlijk uitgeschreven. Fictief, voor de end-to-end test van de suggesties.*

**Interviewer:** Wat houdt het netwerk volgens jou tegen?

**Respondent H:** Eerlijk gezegd vooral geld. Er is geen budget voor het netwerk en niemand heeft het mandaat om iets te besluiten. Alles moet terug naar de lijn, naar mijn manager en dan naar het programma.

**Interviewer:** En hoe hoor je wat er in het netwerk gebeurt?

**Respondent H:** Via de nieuwsbrief en soms een mail. Maar dat is eenrichtingsverkeer, je stuurt iets de wereld in en je hoort er nooit meer iets van. Een plek waar alle kennis bij elkaar staat is er niet.

**Interviewer:** Hoe is de sfeer tussen de deelnemers?

**Respondent H:** Goed. Ik vertrouw de mensen in het kernteam, ik kan ook een half af idee delen zonder dat iemand daar misbruik van maakt. Er is respect voor elkaars positie.

**Interviewer:** Waarom doe je eigenlijk mee?

**Respondent H:** Omdat ik het gewoon leuk vind. Ik ben enthousiast over de technologie en ik wil dat het iets bijdraagt aan de samenleving.
`;

/** The rows of the Suggested Codings view: label, description and aria label. */
function proposalRows(pane) {
  return pane.locator('.monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => ({
      label: r.querySelector('.label-name')?.textContent.trim() ?? '',
      description: r.querySelector('.label-description')?.textContent.trim() ?? '',
    })),
  );
}

export default async function suggest({ page, workspace, screenshot, runCommand, log, openFile, codingCount }) {
  fs.writeFileSync(path.join(workspace, 'transcripts', 'H-1.md'), TRANSCRIPT);

  // Open H-1 with Quick Open (the file watcher of the workbench may take a moment to list it).
  const editor = await openFile('H-1.md');
  await page.waitForTimeout(1000);
  assert.equal(await codingCount(), 0, 'the new transcript has no codings');

  // Suggest: the view lists one proposal per respondent turn. The study may still be taking the
  // new transcript in when the command first runs: then it proposes nothing, and it runs again.
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Suggested Codings' }) }).first();
  const rows = pane.locator('.monaco-list-row');
  for (let attempt = 0; ; attempt++) {
    await editor.click();
    await runCommand('Codeboom: Suggest Codings for This Transcript', { timeout: 60000 });
    const listed = await rows
      .first()
      .waitFor({ state: 'visible', timeout: 10000 })
      .then(() => true)
      .catch(() => false);
    if (listed) break;
    if (attempt >= 2) throw new Error('no proposals listed in the Suggested Codings view');
    log('no proposals yet; running the command again');
  }
  const before = await proposalRows(pane);
  log(`proposals: ${JSON.stringify(before)}`);
  assert.equal(before.length, 4, 'one proposal for each of the four respondent turns');
  // Each shows the code with its path, the confidence and the passage, in the transcript's order.
  const expected = [
    ['Hiërarchische inrichting van de rijksoverheid › mandaat', 'Eerlijk gezegd vooral geld.'],
    ['Beperkingen in communicatie en samenwerking › communicatiemiddelen', 'Via de nieuwsbrief'],
    ['Dynamiek › respect', 'Goed. Ik vertrouw de mensen'],
    ['Enthousiasme en gedrevenheid › enthousiasme', 'Omdat ik het gewoon leuk vind.'],
  ];
  before.forEach((row, i) => {
    assert.equal(row.label, expected[i][0], `proposal ${i + 1}: code`);
    assert.match(row.description, /^\d{1,3}% · /, `proposal ${i + 1}: confidence`);
    assert.ok(row.description.includes(expected[i][1]), `proposal ${i + 1}: passage in "${row.description}"`);
  });
  // A wider side bar for the screenshot: drag its edge to the right.
  const sidebar = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
  await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + sidebar.height / 2);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + 700, sidebar.y + sidebar.height / 2, { steps: 10 });
  await page.mouse.up();
  // The tooltip of a proposal says why, above its whole passage.
  await rows.first().locator('.label-name').hover();
  const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'passages coded mandaat' }).first();
  await hover.waitFor({ state: 'visible', timeout: 10000 });
  const why = (await hover.innerText()).replace(/\s+/g, ' ');
  log(`tooltip: ${why}`);
  assert.match(why, /like \d+ passages coded mandaat · name match/);
  assert.ok(why.includes('naar mijn manager en dan naar het programma.'), 'the whole passage in the tooltip');
  await screenshot('suggested-codings');
  await page.mouse.move(5, 5);

  // Accept the first proposal with its inline ✓ (shown on hover).
  const first = rows.first();
  await first.hover();
  const accept = first.locator('.action-label[aria-label^="Accept Suggested Coding"]');
  await accept.waitFor({ state: 'visible', timeout: 10000 });
  await accept.click();
  const end = Date.now() + 15000;
  let after = await proposalRows(pane);
  while (after.length !== 3 && Date.now() < end) {
    await page.waitForTimeout(250);
    after = await proposalRows(pane);
  }
  log(`after accepting: ${JSON.stringify(after.map((r) => r.label))}`);
  assert.deepEqual(
    after.map((r) => r.label),
    expected.slice(1).map((e) => e[0]),
    'the accepted proposal left the list; the others stay',
  );
  let count = await codingCount();
  while (count !== 1 && Date.now() < end) {
    await page.waitForTimeout(250);
    count = await codingCount();
  }
  assert.equal(count, 1, 'the accepted proposal is the transcript’s first coding');
  await page.mouse.move(5, 5);
  await page.waitForTimeout(500);
  await screenshot('suggestion-accepted');
}
