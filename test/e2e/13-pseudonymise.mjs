// e2e scenario: a researcher has put "Defensie" on the pseudonym list (the key file beside the
// study folder) and runs "Pseudonymise Transcripts…": the preview lists every replacement in its
// context, all ticked, for her to untick what should stay. Screenshot: the preview. She closes it
// (Escape): nothing is written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const timeout = 120000;

export default async function pseudonymisePreview({ page, workspace, screenshot, log, runCommand }) {
  const key = path.join(workspace, '..', `${path.basename(workspace)}.pseudonyms.json`);
  fs.writeFileSync(key, JSON.stringify({ version: 1, entries: [{ term: 'Defensie', replacement: '[ministerie]' }] }, null, 2));
  const transcripts = path.join(workspace, 'transcripts');
  const before = fs.readdirSync(transcripts).map((f) => [f, fs.readFileSync(path.join(transcripts, f), 'utf8')]);
  try {
    await page.locator('.statusbar-item', { hasText: 'Kennisdeling in startende' }).first().waitFor({ state: 'visible', timeout: 60000 });
    await runCommand('Codeboom: Pseudonymise Transcripts…');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 30000 });
    const first = await rows.first().innerText();
    log(`first row: ${first.split('\n').join(' | ')}`);
    assert.match(first, /Defensie → \[ministerie\]/);
    assert.match(await page.locator('.quick-input-widget').innerText(), /replacements/);
    await screenshot('preview');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
    for (const [f, text] of before) {
      assert.equal(fs.readFileSync(path.join(transcripts, f), 'utf8'), text, `${f} is unchanged after closing the preview`);
    }
  } finally {
    fs.rmSync(key, { force: true });
  }
}
