// e2e scenario: the researcher opens the code matrix on the sample study, switches the columns to
// respondents, clicks a cell and reads the passages behind it (screenshots), opens one in its
// transcript, exports the matrix as CSV and as an Excel workbook from the panel's buttons (through
// the save dialog), and reloads the page: the panel comes back with its columns (serializer).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const timeout = 240000;

/** The panel's document: code-server nests the webview in two iframes. */
function webview(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

async function waitForFile(file, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fs.existsSync(file) && fs.statSync(file).size > 0) return fs.readFileSync(file);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${file} was not written`);
}

/**
 * Accepts VS Code's save dialog (in the browser: the "simple file dialog" quick input), which
 * proposes <study folder>/<name>.<ext>; returns the proposed path.
 */
async function acceptSaveDialog(page) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 20000 });
  await page.waitForTimeout(500);
  const proposed = await input.inputValue();
  await page.keyboard.press('Enter');
  return proposed;
}

export default async function matrix({ page, workspace, screenshot, runCommand, log }) {
  // The study loads in the background after activation; the command is enabled once it is open.
  await runCommand('Codeboom: Open Matrix', { timeout: 60000 });
  const view = webview(page);
  const table = view.locator('table.matrix');
  await table.waitFor({ state: 'visible', timeout: 45000 });
  const heads = (await view.locator('table.matrix thead th').allInnerTexts()).map((h) => h.trim());
  log(`columns: ${heads.join(' | ')}`);
  assert.deepEqual(heads, ['Code', 'NDS', 'QIHR', 'Focusgroep', 'Total']);
  await screenshot('cases');

  // Columns → respondents, with the panel's own select (VS Code Elements).
  await view.locator('vscode-single-select[name="columns"]').click();
  await view.getByRole('option', { name: 'Respondents' }).click();
  await view.locator('table.matrix thead th', { hasText: 'Respondent G' }).waitFor({ timeout: 20000 });
  const respHeads = (await view.locator('table.matrix thead th').allInnerTexts()).map((h) => h.trim());
  assert.deepEqual(
    respHeads.slice(1, 8),
    ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((x) => `Respondent ${x}`),
  );

  // Click the "mandaat" × Respondent A cell and read its passages.
  const row = view.locator('table.matrix tbody tr', { has: view.locator('th .name', { hasText: /^mandaat$/ }) });
  const cell = row.locator('td').first();
  const n = Number((await cell.innerText()).trim());
  log(`mandaat × Respondent A: ${n}`);
  assert.ok(n > 0, 'the cell has codings');
  await cell.click();
  const passages = view.locator('.passages .passage');
  await passages.first().waitFor({ timeout: 20000 });
  assert.equal(await passages.count(), n, 'one passage per coding in the cell');
  const firstSource = (await passages.first().locator('.source').innerText()).trim();
  assert.match(firstSource, /^Respondent A, interview \d$/);
  const quote = (await passages.first().locator('.quote').innerText()).trim().replace(/^“|”$/g, '');
  await screenshot('respondents-passages');

  // Open the first passage: its transcript opens beside the panel with the passage selected.
  await passages.first().click();
  const editor = page.locator('.monaco-editor[data-uri*="transcripts/A-"]').first();
  await editor.waitFor({ state: 'visible', timeout: 20000 });
  await page.waitForTimeout(800);
  const selected = await page.locator('.monaco-editor[data-uri*="transcripts/A-"] .selected-text').count();
  assert.ok(selected > 0, 'the passage is selected');
  log(`opened the transcript at “${quote.slice(0, 50)}…”`);
  await screenshot('passage-opened');

  // Export CSV and XLSX from the panel's buttons, through the save dialog.
  const csv = path.join(workspace, 'matrix-respondent.csv');
  await view.locator('vscode-button[data-export="csv"]').click();
  const proposedCsv = await acceptSaveDialog(page);
  log(`save dialog proposed ${proposedCsv}`);
  assert.ok(proposedCsv.endsWith('matrix-respondent.csv'), proposedCsv);
  const csvBytes = await waitForFile(csv);
  assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  const lines = csvBytes.toString('utf8').slice(1).split('\r\n');
  assert.equal(lines[0], 'Code,Respondent A,Respondent B,Respondent C,Respondent D,Respondent E,Respondent F,Respondent G,Total');
  assert.ok(
    lines.some((l) => l.startsWith(`Hiërarchische inrichting van de rijksoverheid › mandaat,${n},`)),
    'the clicked cell’s number is in the CSV',
  );
  log(`CSV: ${lines.length - 1} lines`);

  const xlsx = path.join(workspace, 'matrix-respondent.xlsx');
  await view.locator('vscode-button[data-export="xlsx"]').click();
  await acceptSaveDialog(page);
  const xlsxBytes = await waitForFile(xlsx);
  assert.equal(xlsxBytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip (xlsx) file');
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsxBytes);
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['Matrix', 'Factor coverage', 'Codes linked to no literature f', 'Synthesis'],
  );
  assert.equal(wb.getWorksheet('Matrix').getRow(2).getCell(2).value, 'Respondent A');
  log(`XLSX: ${xlsxBytes.length} bytes, sheets ${wb.worksheets.map((w) => w.name).join(', ')}`);
  await page.waitForTimeout(500);
  await screenshot('exported');

  // Reload: the panel is restored by its serializer, still with respondents as columns.
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
  const restored = webview(page).locator('table.matrix thead th', { hasText: 'Respondent G' });
  await restored.waitFor({ state: 'visible', timeout: 60000 });
  log('the matrix panel came back after the reload');
  await screenshot('restored');
}
