import * as assert from 'assert';
import * as vscode from 'vscode';
import ExcelJS from 'exceljs';
import { api, readText, until, workspaceRoot } from './util';
import { MatrixIndex, computeMatrix } from '../../src/core/matrix';
import { parseCsv } from '../../src/core/exports/csv';
import { mdEscape } from '../../src/core/exports/markdown';
import type { MatrixPanel } from '../../src/matrix/matrixPanel';
import type { PanelState } from '../../webview/protocol';

async function openPanel(): Promise<MatrixPanel> {
  const { matrix } = await api();
  await vscode.commands.executeCommand('codeboom.openMatrix');
  const panel = await until('the matrix panel', () => matrix.panel);
  // the real webview (in the workbench's browser) loads dist/webview.js and says "ready"
  await until('the webview’s ready handshake and first model', () => (panel.ready && panel.lastModel ? panel : undefined), 30000);
  return panel;
}

function exportDir(): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'exports-test');
}

async function bytes(uri: vscode.Uri): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(uri);
}

describe('matrix panel and exports (real extension host)', () => {
  it('opens the matrix: the webview handshakes and gets the code × case counts the core computes', async () => {
    const { service } = await api();
    const panel = await openPanel();
    const study = service.study!;
    const expected = computeMatrix(new MatrixIndex(study), panel.state.options);
    const m = panel.lastModel!.matrix!;
    assert.deepStrictEqual(
      m.rows.map((r) => r.code),
      expected.rows.map((r) => r.code),
    );
    assert.deepStrictEqual(m.values, Array.from(expected.values));
    assert.deepStrictEqual(
      m.columns.map((c) => c.key),
      study.cases().filter((c) => study.documents.some((d) => study.caseOf(d.path) === c)),
    );
    assert.strictEqual(panel.panel.webview.options.localResourceRoots?.length, 1);
    assert.ok(panel.panel.webview.options.localResourceRoots![0].path.endsWith('/dist'));
    const html = panel.panel.webview.html.replace(/&#39;/g, "'");
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; [^"]*script-src 'nonce-([0-9a-f]{32})'"/);
    const nonce = /'nonce-([0-9a-f]{32})'/.exec(html)![1];
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="[^"]+/dist/webview\\.js">`));
    assert.ok(!/unsafe-inline|unsafe-eval/.test(html), 'strict CSP');
  });

  it('switches columns to respondents, lists a cell’s passages and opens one at its passage', async () => {
    const { service } = await api();
    const study = service.study!;
    const panel = await openPanel();
    const state: PanelState = { ...panel.state, view: 'matrix', options: { ...panel.state.options, columns: { kind: 'respondent' } } };
    const before = panel.lastModel;
    await panel.receive({ type: 'setState', state });
    const model = await until('a new model', () => (panel.lastModel !== before ? panel.lastModel : undefined));
    const m = model.matrix!;
    assert.deepStrictEqual(
      m.columns.map((c) => c.key),
      study.respondents().filter((r) => study.documents.some((d) => study.respondentOf(d.path) === r)),
    );
    // the busiest cell
    let best = 0;
    for (let i = 1; i < m.codings.length; i++) {
      if (m.codings[i] > m.codings[best]) {
        best = i;
      }
    }
    const row = m.rows[Math.floor(best / m.columns.length)].code;
    const column = m.columns[best % m.columns.length].key;
    await panel.receive({ type: 'openCell', row, column });
    const passages = panel.lastPassages!;
    assert.strictEqual(passages.passages.length, m.codings[best]);
    assert.ok(passages.passages.every((p) => study.respondentOf(p.doc) === column));
    const target = study.coding(passages.passages[0].coding)!;
    await panel.receive({ type: 'openPassage', coding: target.id });
    const editor = await until('the transcript editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && service.docPath(e.document.uri) === target.doc ? e : undefined;
    });
    assert.strictEqual(editor.document.offsetAt(editor.selection.start), target.start);
    assert.strictEqual(editor.document.offsetAt(editor.selection.end), target.end);
    assert.strictEqual(editor.document.getText(editor.selection), target.quote);
  });

  it('drops a malformed message from the webview', async () => {
    const panel = await openPanel();
    const before = panel.lastPassages;
    await panel.receive({ type: 'openCell', row: 5 });
    await panel.receive({ type: 'setState', state: { view: 'nope' } });
    await panel.receive('<img src=x onerror=alert(1)>');
    assert.strictEqual(panel.lastPassages, before);
    assert.ok(['matrix', 'coverage', 'synthesis'].includes(panel.state.view));
  });

  it('updates live while coding', async () => {
    const { service } = await api();
    const study = service.study!;
    const panel = await openPanel();
    await panel.receive({
      type: 'setState',
      state: { ...panel.state, view: 'matrix', options: { rows: 'tree', columns: { kind: 'case' }, measure: 'codings' } },
    });
    const model = await until('case columns', () =>
      panel.lastModel?.matrix?.columns[0]?.key === study.cases()[0] ? panel.lastModel : undefined,
    );
    const doc = study.documents[0].path;
    const code = study.codes[study.codes.length - 1];
    const r = model.matrix!.rows.findIndex((x) => x.code === code.id);
    const c = model.matrix!.columns.findIndex((x) => x.key === study.caseOf(doc));
    const before = model.matrix!.values[r * model.matrix!.columns.length + c];
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(service.uriOf(doc)));
    const start = text.indexOf('\n', study.document(doc)!.bodyStart + 10) + 1;
    study.transact('test coding', [
      {
        kind: 'addCoding',
        coding: {
          id: 'matrix-live-test',
          doc,
          coder: 'tester',
          codes: [code.id],
          start,
          end: start + 12,
          quote: text.slice(start, start + 12),
          prefix: '',
          suffix: '',
          created: new Date().toISOString(),
        },
      },
    ]);
    await until('the matrix to count the new coding', () => {
      const mm = panel.lastModel?.matrix;
      return mm && mm.values[r * mm.columns.length + c] === before + 1 ? true : undefined;
    });
    study.undo();
    await until('the matrix to drop it again', () => {
      const mm = panel.lastModel?.matrix;
      return mm && mm.values[r * mm.columns.length + c] === before ? true : undefined;
    });
  });

  it('exports the matrix as CSV (BOM, RFC 4180) and XLSX (one sheet per view), atomically', async () => {
    const { service } = await api();
    const study = service.study!;
    const options = { rows: 'tree', columns: { kind: 'case' }, measure: 'codings' } as const;
    const csvUri = vscode.Uri.joinPath(exportDir(), 'matrix.csv');
    const written = await vscode.commands.executeCommand<vscode.Uri>('codeboom.exportMatrix', {
      format: 'csv',
      uri: csvUri,
      options,
      view: 'matrix',
      open: false,
    });
    assert.strictEqual(written.toString(), csvUri.toString());
    const raw = await bytes(csvUri);
    assert.deepStrictEqual([...raw.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(raw));
    const m = computeMatrix(new MatrixIndex(study), options);
    assert.deepStrictEqual(rows[0], ['Code', ...m.columns.map((c) => c.label), 'Total']);
    assert.strictEqual(rows[1][0], m.rows[0].path);
    assert.strictEqual(Number(rows[1][m.columns.length + 1]), m.rowTotals[0]);

    const xlsxUri = vscode.Uri.joinPath(exportDir(), 'matrix.xlsx');
    await vscode.commands.executeCommand('codeboom.exportMatrix', {
      format: 'xlsx',
      uri: xlsxUri.fsPath,
      options,
      view: 'matrix',
      open: false,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await bytes(xlsxUri)) as unknown as ArrayBuffer);
    assert.deepStrictEqual(
      wb.worksheets.map((w) => w.name),
      ['Matrix', 'Factor coverage', 'Codes linked to no literature f', 'Synthesis'],
    );
    assert.strictEqual(wb.getWorksheet('Matrix')!.getRow(3).getCell(2).value, m.values[0]);
    const names = (await vscode.workspace.fs.readDirectory(exportDir())).map(([n]) => n);
    assert.ok(!names.some((n) => n.endsWith('.tmp')), `no temporary files left: ${names.join(', ')}`);
  });

  it('exports the codebook report, respondent table, synthesis table and Gioia data structure', async () => {
    const { service } = await api();
    const study = service.study!;
    const dir = exportDir();
    const run = async (command: string, format: string, name: string): Promise<string> => {
      const uri = vscode.Uri.joinPath(dir, name);
      await vscode.commands.executeCommand(command, { format, uri, open: false });
      return name.endsWith('.xlsx') ? '' : readText(uri);
    };
    const md = await run('codeboom.exportCodebook', 'markdown', 'codebook.md');
    assert.match(md, new RegExp(`^# Codebook — `));
    assert.match(md, new RegExp(`\\| Edited by \\| ${service.activeCoder.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\|`));
    for (const top of study.children(undefined)) {
      assert.ok(md.includes(`\n## ${mdEscape(top.name)}\n`), top.name);
    }
    const html = await run('codeboom.exportCodebook', 'html', 'codebook.html');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.strictEqual((html.match(/<section /g) ?? []).length, study.codes.length);
    const resp = await run('codeboom.exportRespondents', 'markdown', 'respondents.md');
    assert.match(resp, /\| Respondent \| Function and organisation \| Function type \| Network \| Number of interviews \|/);
    await run('codeboom.exportSynthesis', 'xlsx', 'synthesis.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await bytes(vscode.Uri.joinPath(dir, 'synthesis.xlsx'))) as unknown as ArrayBuffer);
    assert.strictEqual(wb.worksheets[0].getRow(1).getCell(1).value, 'Empirical factor');
    const svg = await run('codeboom.exportGioia', 'svg', 'data-structure.svg');
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const gmd = await run('codeboom.exportGioia', 'markdown', 'data-structure.md');
    assert.match(gmd, /\| 1st-order concepts \| 2nd-order themes \| Aggregate dimensions \|/);
    await vscode.workspace.fs.delete(dir, { recursive: true });
  });

  it('shows the factor coverage and synthesis views', async () => {
    const { service } = await api();
    const study = service.study!;
    const panel = await openPanel();
    await panel.receive({ type: 'setState', state: { ...panel.state, view: 'coverage' } });
    const cov = (await until('coverage', () => panel.lastModel?.coverage))!;
    const factors = study.catalogues.reduce((n, c) => n + c.categories.reduce((k, g) => k + g.factors.length, 0), 0);
    assert.strictEqual(cov.factors.length, factors);
    await panel.receive({ type: 'setState', state: { ...panel.state, view: 'synthesis' } });
    const syn = (await until('synthesis', () => panel.lastModel?.synthesis))!;
    assert.strictEqual(
      syn.rows.length,
      study.children(undefined).reduce((n, c) => n + Math.max(1, study.children(c.id).length), 0),
    );
    await panel.receive({ type: 'setState', state: { ...panel.state, view: 'matrix' } });
    panel.dispose();
  });
});
