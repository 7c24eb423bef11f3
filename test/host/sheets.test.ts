import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, readText, workspaceRoot } from './util';
import type { SheetImportResult } from '../../src/sheets';

/** Files beside the workspace (not inside it: the study would see them). */
function beside(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), '..', `${Date.now()}-${name}`);
}

describe('codebook and literature factors in spreadsheets (real extension host)', () => {
  const made: vscode.Uri[] = [];
  after(async () => {
    for (const uri of made) {
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  it('imports a Dutch codebook CSV with arguments: new codes in one undo step, existing codes matched, bad rows reported', async () => {
    const { service } = await api();
    const study = service.study!;
    const before = study.codes.length;
    const top = study.codes.find((c) => c.parent === undefined)!;
    const source = beside('codeboek.csv');
    made.push(source);
    const csv = [
      `Pad;Definitie;Polariteit`,
      `${top.name};;`,
      `${top.name} › Nieuw uit Excel;uit de spreadsheet;stimulerend`,
      `;;`,
      `Fout;;soms`,
    ].join('\r\n');
    await vscode.workspace.fs.writeFile(source, new TextEncoder().encode(csv));
    const report = await vscode.commands.executeCommand<SheetImportResult>('codeboom.importCodebookSheet', { source });
    assert.ok(report, 'a report');
    assert.deepStrictEqual(report.added, [`${top.name} › Nieuw uit Excel`]);
    assert.deepStrictEqual(report.matched, [top.name]);
    assert.deepStrictEqual(
      report.refused.map((r) => r.row),
      [5],
    );
    assert.strictEqual(study.codes.length, before + 1);
    const added = study.codes.find((c) => c.name === 'Nieuw uit Excel')!;
    assert.strictEqual(added.parent, top.id);
    assert.strictEqual(added.polarity, 'stimulerend');
    study.undo();
    assert.strictEqual(study.codes.length, before);
  });

  it('exports the codebook as .xlsx and .csv with arguments; importing the export matches every code and adds none', async () => {
    const { service } = await api();
    const study = service.study!;
    for (const format of ['xlsx', 'csv'] as const) {
      const target = beside(`codebook.${format}`);
      made.push(target);
      const written = await vscode.commands.executeCommand<vscode.Uri>('codeboom.exportCodebookSheet', { target, format });
      assert.strictEqual(written?.toString(), target.toString());
      const report = await vscode.commands.executeCommand<SheetImportResult>('codeboom.importCodebookSheet', { source: target, format });
      assert.deepStrictEqual(report?.added, []);
      assert.deepStrictEqual(report?.refused, []);
      assert.strictEqual(report?.matched.length, study.codes.length);
    }
    const gioia = beside('gioia.csv');
    made.push(gioia);
    await vscode.commands.executeCommand('codeboom.exportCodebookSheet', { target: gioia, shape: 'gioia' });
    assert.match((await readText(gioia)).split('\r\n')[0], /1st-order concept,2nd-order theme,Aggregate dimension/);
  });

  it('exports the literature factors and imports them back (all matched); a new factor is added to its category', async () => {
    const { service } = await api();
    const study = service.study!;
    const original = study.catalogues;
    const factors = original.reduce((n, c) => n + c.categories.reduce((m, g) => m + g.factors.length, 0), 0);
    const target = beside('factors.xlsx');
    made.push(target);
    await vscode.commands.executeCommand('codeboom.exportFactorSheet', { target });
    const again = await vscode.commands.executeCommand<SheetImportResult>('codeboom.importFactorSheet', { source: target });
    assert.strictEqual(again?.matched.length, factors);
    assert.deepStrictEqual(again?.added, []);
    const source = beside('factors.csv');
    made.push(source);
    const cat = original[0];
    const category = cat.categories[0];
    await vscode.workspace.fs.writeFile(
      source,
      new TextEncoder().encode(
        `Catalogus,Categorie,Factor,Auteurs\r\n"${cat.name}","${category.name}",Nieuwe factor,"A, 2020; B, 2021"\r\n`,
      ),
    );
    try {
      const report = await vscode.commands.executeCommand<SheetImportResult>('codeboom.importFactorSheet', { source });
      assert.deepStrictEqual(report?.added, [`${cat.name} › ${category.name} › Nieuwe factor`]);
      const made = study.catalogues[0].categories[0].factors.find((f) => f.name === 'Nieuwe factor');
      assert.deepStrictEqual(made?.authors, ['A, 2020', 'B, 2021']);
      assert.match(study.undoLabel ?? '', /factors\.csv/, 'the import is one undo step named after the file');
      await vscode.commands.executeCommand('codeboom.undo');
      assert.deepStrictEqual(study.catalogues, original, 'Undo takes the imported factor out again');
    } finally {
      study.updateProjectInfo({ catalogues: original });
    }
  });
});
