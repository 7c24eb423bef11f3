// Teams through git, the rest of issue 20 in a real extension host: the Coding Progress view (rows,
// exports, the agreement report of a transcript, the codebook's history from git in the code tree's
// tooltip), a transcript renamed outside VS Code re-linked on request (and undone), and a new study
// created inside a git repository offered the git set-up.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, readText, until, workspaceRoot } from './util';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

describe('Teams through git: progress, outside renames, new studies (real extension host)', () => {
  it('Coding Progress: turns and codings per transcript × coder, exports, the agreement report of a shared transcript', async () => {
    const { service, team } = await api();
    const p = team.progress.progress()!;
    assert.ok(p.rows.length === service.study!.documents.length);
    const shared = p.rows.find((r) => r.coders.length >= 2)!;
    assert.ok(shared, 'a transcript coded by two coders');
    const items = team.progress.getChildren();
    const row = items.find((e) => e.kind === 'row' && e.row.doc === shared.doc)!;
    assert.strictEqual(team.progress.getTreeItem(row).contextValue, 'progress.ready');
    const cells = team.progress.getChildren(row);
    assert.deepStrictEqual(
      cells.map((c) => (c.kind === 'cell' ? c.cell.coder : '')),
      p.coders,
    );
    for (const c of shared.cells) {
      assert.ok(c.codedTurns <= shared.turns && (c.codings === 0) === (c.codedTurns === 0), JSON.stringify(c));
    }
    await team.progress.loaded;
    const dated = team.progress
      .progress()!
      .rows.flatMap((r) => r.cells)
      .filter((c) => c.codings > 0);
    assert.ok(
      dated.every((c) => c.lastChange !== undefined && !Number.isNaN(Date.parse(c.lastChange))),
      'dates from the files',
    );

    const md = await vscode.commands.executeCommand<vscode.Uri>('codeboom.progress.export', { format: 'markdown', open: false });
    const text = await readText(md);
    assert.match(text, new RegExp(`\\| ${shared.doc.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\| ${shared.coders[0]} \\|`));
    const xlsx = await vscode.commands.executeCommand<vscode.Uri>('codeboom.progress.export', { format: 'xlsx', open: false });
    const bytes = await vscode.workspace.fs.readFile(xlsx);
    assert.deepStrictEqual([bytes[0], bytes[1]], [0x50, 0x4b], 'a zip (xlsx)');

    const report = await vscode.commands.executeCommand<{ report: { overall: { percent: number } }; markdown: vscode.Uri }>(
      'codeboom.progress.agreement',
      { doc: shared.doc, open: false },
    );
    assert.ok(report && report.report.overall.percent >= 0 && report.report.overall.percent <= 1);
    assert.match(await readText(report.markdown), new RegExp(shared.doc.split('/').pop()!.replace('.', '\\.')));
  });

  it('the codebook’s history from git shows in the code tree’s tooltip: created and renamed, by whom', async () => {
    const { service, team, tree } = await api();
    const root = service.root!.fsPath;
    const study = service.study!;
    const code = study.codes[0];
    const commit = (who: string): void => {
      git(root, 'add', 'codeboom.json');
      git(root, '-c', `user.name=${who}`, '-c', `user.email=${who}@example.org`, 'commit', '-q', '-m', who);
    };
    git(root, 'init', '-q');
    try {
      commit('Supervisor');
      study.transact('rename', [{ kind: 'updateCode', id: code.id, patch: { name: `${code.name} (nieuw)` } }]);
      await service.flush();
      commit('Eva');
      await vscode.commands.executeCommand('codeboom.progress.refresh');
      await team.progress.loaded;
      assert.deepStrictEqual(
        team.progress.historyOf(code.id).map((e) => [e.kind, e.who]),
        [
          ['created', 'Supervisor'],
          ['renamed', 'Eva'],
        ],
      );
      const tooltip = (tree.codes.getTreeItem(code.id) as vscode.TreeItem).tooltip as vscode.MarkdownString;
      // appendText escapes: spaces are &nbsp; and punctuation has a backslash
      const shown = tooltip.value.replace(/&nbsp;/g, ' ').replace(/\\([()[\]*_.!#-])/g, '$1');
      assert.match(shown, /renamed from “.*” to “.* \(nieuw\)” by Eva/);
      assert.match(shown, /created as .* by Supervisor/);
    } finally {
      study.transact('rename back', [{ kind: 'updateCode', id: code.id, patch: { name: code.name } }]);
      await service.flush();
      fs.rmSync(path.join(root, '.git'), { recursive: true, force: true });
      await vscode.commands.executeCommand('codeboom.progress.refresh');
      await team.progress.loaded;
    }
    assert.deepStrictEqual(team.progress.historyOf(code.id), [], 'outside git: no history');
  });

  it('a transcript renamed outside VS Code: "Transcript renamed? Re-link N codings", undoable', async () => {
    const { service, team } = await api();
    const study = service.study!;
    const from = 'transcripts/A-2.md';
    const to = 'transcripts/A-2 extern.md';
    const ids = study.codingsOf(from).map((c) => c.id);
    assert.ok(ids.length > 0);
    const asked: string[] = [];
    team.outsideRenames.ask = async (message, ...actions) => {
      asked.push(message);
      return actions[0];
    };
    try {
      fs.renameSync(service.uriOf(from).fsPath, service.uriOf(to).fsPath);
      await until('the codings re-linked', () => ids.every((id) => service.study?.coding(id)?.doc === to), 15000);
      assert.strictEqual(asked.length, 1);
      assert.match(asked[0], new RegExp(`renamed\\? ${from}.*${to}.*${ids.length} codings`));
      assert.ok(ids.every((id) => !service.study!.coding(id)!.orphaned));
      await until('the codings file of the new name', () =>
        fs.existsSync(service.uriOf(`.codeboom/codings/${to}.eva.json`).fsPath) ? true : undefined,
      );
      await vscode.commands.executeCommand('codeboom.undo');
      assert.ok(
        ids.every((id) => service.study!.coding(id)!.doc === from),
        'undone: back on the old name',
      );
      await vscode.commands.executeCommand('codeboom.redo');
      assert.ok(
        ids.every((id) => service.study!.coding(id)!.doc === to),
        'redone',
      );
    } finally {
      team.outsideRenames.ask = (message, ...actions) => vscode.window.showInformationMessage(message, ...actions);
      // Back as it was, through VS Code's rename (the codings follow it).
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(service.uriOf(to), service.uriOf(from));
      assert.ok(await vscode.workspace.applyEdit(edit));
      await until('the codings back on the old name', () => ids.every((id) => service.study?.coding(id)?.doc === from), 15000);
      await service.flush();
    }
  });

  it('a new study created inside a git repository is offered the git set-up', async () => {
    const { service, team } = await api();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'T-newstudy-'));
    git(dir, 'init', '-q');
    const asked: string[] = [];
    team.gitSetup.ask = async (message, ...actions) => {
      asked.push(message);
      return actions[0];
    };
    try {
      await vscode.commands.executeCommand('codeboom.newProject', { folder: vscode.Uri.file(dir), name: 'Nieuwe studie' });
      assert.strictEqual(service.root?.fsPath, vscode.Uri.file(dir).fsPath);
      assert.ok(await until('the offer', () => team.gitSetup.lastOffer), 'set up');
      assert.strictEqual(asked.length, 1);
      assert.match(asked[0], /git repository/);
      assert.match(fs.readFileSync(path.join(dir, '.gitattributes'), 'utf8'), /codeboom\.json merge=codeboom/);
      assert.match(git(dir, 'config', 'merge.codeboom.driver'), /merge-driver %O %A %B %P/);
    } finally {
      team.gitSetup.ask = (message, ...actions) => vscode.window.showInformationMessage(message, ...actions);
      await service.open(workspaceRoot());
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
