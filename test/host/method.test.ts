import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, readText, workspaceRoot } from './util';
import type { AgreementReport } from '../../src/core/agreement';

describe('method and team (real extension host)', () => {
  it('auto-codes the turns of a speaker in one undoable batch, after a backup', async () => {
    const { service } = await api();
    const study = service.study!;
    const code = study.codes.find((c) => c.name === 'diversiteit')!;
    const before = study.codingCount;
    const r = (await vscode.commands.executeCommand('codeboom.autoCode', {
      kind: 'speaker',
      value: 'Respondent C',
      scope: 'turn',
      codes: [code.id],
      select: [0, 1, 2, 3],
    })) as { hits: number; coded: number; backup: string };
    assert.ok(r.hits > 10, `hits ${r.hits}`);
    assert.strictEqual(r.coded, 4);
    assert.strictEqual(study.codingCount, before + 4);
    const backup = vscode.Uri.joinPath(workspaceRoot(), r.backup, 'codings/transcripts/C-1.md.eva.json');
    assert.ok((await readText(backup)).includes('"document": "transcripts/C-1.md"'));
    await vscode.commands.executeCommand('codeboom.undo');
    assert.strictEqual(study.codingCount, before);
  });

  it('writes the agreement report of the two coders as Markdown and XLSX', async () => {
    await api();
    const r = (await vscode.commands.executeCommand('codeboom.agreement', { coderA: 'eva', coderB: 'sam', open: false })) as {
      report: AgreementReport;
      markdown: vscode.Uri;
      xlsx: vscode.Uri;
    };
    assert.deepStrictEqual(r.report.docs, ['transcripts/A-1.md', 'transcripts/D-1.md']);
    const md = await readText(r.markdown);
    assert.match(md, /\| \*\*Overall\*\* \| \*\*\d+\.\d %\*\* \| \*\*0\.\d{3}\*\* \|/);
    assert.match(md, /## How to report this\n\n> Intercoder agreement was assessed for two coders \(eva and sam\) on 2 transcripts/);
    const chosen = (await vscode.commands.executeCommand('codeboom.agreement', {
      coderA: 'eva',
      coderB: 'sam',
      open: false,
      docs: ['transcripts/A-1.md'],
      rollUp: true,
    })) as { report: AgreementReport };
    assert.deepStrictEqual(chosen.report.docs, ['transcripts/A-1.md']);
    assert.strictEqual(chosen.report.rollUp, true);
    assert.match(md, /## Disagreements/);
    const bytes = await vscode.workspace.fs.readFile(r.xlsx);
    assert.strictEqual(Buffer.from(bytes.slice(0, 2)).toString(), 'PK', 'an xlsx is a zip');
  });

  it('writes the saturation report', async () => {
    await api();
    const uri = (await vscode.commands.executeCommand('codeboom.saturation', false)) as vscode.Uri;
    const md = await readText(uri);
    assert.match(md, /\| 1 \| Respondent A, interview 1 \| 2020-09-29 \|/);
  });

  it('writes the agreement and saturation reports in the study’s language, not VS Code’s display language', async () => {
    const { service } = await api();
    assert.strictEqual(vscode.env.language, 'en');
    const file = vscode.Uri.joinPath(workspaceRoot(), 'codeboom.json');
    const original = await vscode.workspace.fs.readFile(file);
    const project = JSON.parse(Buffer.from(original).toString('utf8'));
    try {
      await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify({ ...project, language: 'nl' }, null, 2) + '\n'));
      await vscode.commands.executeCommand('codeboom.reload');
      assert.strictEqual(service.study?.project.language, 'nl');
      const r = (await vscode.commands.executeCommand('codeboom.agreement', { coderA: 'eva', coderB: 'sam', open: false })) as {
        markdown: vscode.Uri;
        xlsx: vscode.Uri;
      };
      const md = await readText(r.markdown);
      assert.match(md, /^# Overeenstemming tussen codeurs: eva × sam/);
      assert.match(md, /## Zo rapporteert u dit/);
      assert.match(md, /## Krippendorffs α per semantisch domein/);
      assert.match(md, /\| \*\*Totaal\*\* \|/);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await vscode.workspace.fs.readFile(r.xlsx)) as unknown as ArrayBuffer);
      assert.deepStrictEqual(
        wb.worksheets.map((w) => w.name),
        ['Overeenstemming', 'Domeinen', 'Per transcript', 'Segmenten', 'Transcripten', 'Regels', 'Verschillen tussen de codeurs'],
      );
      const saturation = await readText((await vscode.commands.executeCommand('codeboom.saturation', false)) as vscode.Uri);
      assert.match(saturation, /^# Verzadiging: nieuwe codes per transcript/);
      // the display language is back for everything else
      const again = (await vscode.commands.executeCommand('codeboom.agreement', { coderA: 'eva', coderB: 'sam', open: false })) as {
        report: AgreementReport;
      };
      assert.ok(again.report.docs.length > 0);
    } finally {
      await vscode.workspace.fs.writeFile(file, original);
      await vscode.commands.executeCommand('codeboom.reload');
    }
    assert.strictEqual(service.study?.project.language, undefined);
    const md = await readText(
      (
        (await vscode.commands.executeCommand('codeboom.agreement', { coderA: 'eva', coderB: 'sam', open: false })) as {
          markdown: vscode.Uri;
        }
      ).markdown,
    );
    assert.match(md, /^# Intercoder agreement: eva × sam/);
  });

  it('opens a transcript memo and the journal; memos link to codes', async () => {
    const { service } = await api();
    const editor = (await vscode.commands.executeCommand('codeboom.openTranscriptMemo', 'transcripts/A-1.md')) as vscode.TextEditor;
    assert.ok(editor.document.uri.path.endsWith('.codeboom/memos/transcripts/A-1.md'));
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\nZie [[mandaat]] en [[vertrouwen]].\n'));
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    assert.strictEqual(links.filter((l) => l.target?.scheme === 'command').length, 2);
    await editor.document.save();
    const journal = (await vscode.commands.executeCommand('codeboom.openJournal')) as vscode.TextEditor;
    assert.match(journal.document.getText(), new RegExp(`## ${new Date().toISOString().slice(0, 10)}`));
    assert.ok(
      service.study!.documents.every((d) => !d.path.startsWith('.codeboom')),
      'memos are not transcripts',
    );
  });
});
