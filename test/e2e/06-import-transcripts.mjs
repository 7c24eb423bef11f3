// e2e scenario: a researcher has a Word transcript and a Teams caption file beside the study. She
// selects both in the Explorer, chooses "Import Transcripts…" from the context menu, answers the
// questions (case, respondent, interview, date, a label per speaker) beside a preview of each file,
// and gets two Markdown transcripts with speaker turns, time markers and front matter; the originals
// stay as they were. Screenshots: the preview with its question, and the imported transcript.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const timeout = 180000;

const require = createRequire(import.meta.url);

const VTT = [
  'WEBVTT',
  '',
  '00:00:02.000 --> 00:00:06.000',
  '<v Jan de Vries>Hoe werkt de samenwerking in de hub?',
  '',
  '00:00:07.500 --> 00:00:15.000',
  '<v Petra Smit>Er is geen mandaat, maar het vertrouwen tussen de leden is groot.',
  '',
  '00:01:02.000 --> 00:01:09.000',
  '<v Jan de Vries>En de middelen?',
  '',
  '00:01:10.000 --> 00:01:20.000',
  '<v Petra Smit>Die ontbreken vaak; we doen het naast ons gewone werk.',
  '',
].join('\n');

const DOCX_PARAGRAPHS = [
  'Interviewer: Wat betekent quantum voor uw organisatie?',
  'Respondent: Het is complex en abstract, het kennisniveau is laag.',
  'Interviewer: Wie neemt het initiatief?',
  'Respondent: Niemand heeft het mandaat om knopen door te hakken.',
];

/** The Word file is made with the unit tests' builder (compiled to out/ by `npm run compile-tests`). */
function makeDocx(paragraphs) {
  const builder = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../out/test/unit/docxFixture.js');
  if (!fs.existsSync(builder)) throw new Error(`${builder} is missing: run npm run compile-tests first`);
  return require(builder).makeDocx(paragraphs);
}

async function pickQuick(page, text) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 20000 });
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** Answers an input box: `value` replaces the proposal, or Enter keeps it. */
async function answer(page, value) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 20000 });
  await page.waitForTimeout(300);
  if (value !== undefined) await input.fill(value);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

export default async function importTranscripts({ page, workspace, screenshot, log, runCommand, waitForNotification }) {
  const incoming = path.join(workspace, 'incoming');
  fs.mkdirSync(incoming, { recursive: true });
  fs.writeFileSync(path.join(incoming, 'teams-gesprek.vtt'), VTT);
  fs.writeFileSync(path.join(incoming, 'interview-quantum.docx'), makeDocx(DOCX_PARAGRAPHS));
  const originals = fs.readdirSync(incoming).map((f) => [f, fs.readFileSync(path.join(incoming, f))]);

  // Once the study is open (its name in the status bar), select both files in the Explorer and run
  // the command from the context menu.
  await page.locator('.statusbar-item', { hasText: 'Kennisdeling in startende' }).first().waitFor({ state: 'visible', timeout: 60000 });
  await page.keyboard.press('Control+Shift+E');
  // The file watcher may be slow to report a folder made behind the workbench's back.
  const row = (name) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row('codeboom.json').hover();
  await page.locator('.action-label[aria-label^="Refresh Explorer"]').first().click();
  await row('incoming').waitFor({ state: 'visible', timeout: 30000 });
  await row('incoming').click();
  await row('teams-gesprek.vtt').waitFor({ state: 'visible', timeout: 15000 });
  await row('teams-gesprek.vtt').click();
  await row('interview-quantum.docx').click({ modifiers: ['Control'] });
  await row('interview-quantum.docx').click({ button: 'right' });
  const item = page.locator('.context-view .action-label', { hasText: 'Import Transcripts…' }).first();
  await item.waitFor({ state: 'visible', timeout: 15000 });
  await item.hover();
  await item.click();
  // A menu still opening can swallow the click: the item is then only focused, and Enter runs it.
  if (await item.isVisible().catch(() => false)) {
    await page.keyboard.press('Enter');
  }

  // The case of the batch, then per file: respondent, interview number, date, a label per speaker.
  await pickQuick(page, 'QIHR');
  for (const [respondent, speakers] of [
    ['Respondent H', ['Interviewer', undefined]],
    ['Respondent I', ['Interviewer', undefined]],
  ]) {
    await pickQuick(page, 'New respondent id…');
    await answer(page, respondent);
    await answer(page); // interview number: the proposal
    if (respondent === 'Respondent H') {
      // The preview of the file being asked about is open beside the questions.
      await page.waitForTimeout(800);
      await screenshot('preview');
    }
    await answer(page); // date: what the file tells, or empty
    for (const label of speakers) await answer(page, label);
  }

  const summary = await waitForNotification(/2 transcripts made, 0 skipped, 0 refused/, { timeout: 30000 });
  log(`summary: ${summary}`);
  await page.keyboard.press('Escape');

  // Two transcripts in the study's folder, with front matter, speaker turns and time markers.
  const made = fs.readdirSync(path.join(workspace, 'transcripts')).filter((f) => /^Respondent-[HI]|^Respondent [HI]|[HI]-1/.test(f));
  log(`made: ${made.join(', ')}`);
  assert.equal(made.length, 2, `two new transcripts: ${made.join(', ')}`);
  const texts = made.map((f) => fs.readFileSync(path.join(workspace, 'transcripts', f), 'utf8'));
  const vtt = texts.find((t) => t.includes('mandaat, maar het vertrouwen'));
  const docx = texts.find((t) => t.includes('complex en abstract'));
  assert.ok(vtt && docx, 'both files were imported');
  assert.match(vtt, /^---\n[\s\S]*case: QIHR[\s\S]*---\n/);
  assert.match(vtt, /\*\*Interviewer:\*\* \[00:00:02\] Hoe werkt de samenwerking/);
  assert.ok(!/Jan de Vries|Petra Smit/.test(vtt), 'the speakers’ real names are replaced by their labels');
  assert.match(docx, /\*\*Interviewer:\*\* Wat betekent quantum/);
  // The originals are untouched.
  for (const [f, bytes] of originals) assert.deepEqual(fs.readFileSync(path.join(incoming, f)), bytes, `${f} unchanged`);

  // The first imported transcript is open in the editor.
  await page.locator('.monaco-editor').first().waitFor({ state: 'visible', timeout: 15000 });
  await page.waitForTimeout(1000);
  await screenshot('imported');
  // Leave the workbench as the next scenario expects it: no editors open.
  await runCommand('View: Close All Editors');
}
