// Teams through git (issue 20) in a real extension host: Set Up Git for This Study writes the
// study's .gitattributes and a driver command that runs the bundled CLI, and a transcript renamed
// in the Explorer (a WorkspaceEdit rename, which fires onDidRenameFiles) takes its codings along.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SetUpGitResult } from '../../src/team';
import { api, readText, until } from './util';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

describe('Teams through git (real extension host)', () => {
  it('Set Up Git for This Study: .gitattributes and a driver that runs the bundled CLI', async () => {
    const { service } = await api();
    const root = service.root!.fsPath;
    git(root, 'init', '-q');
    try {
      const result = await vscode.commands.executeCommand<SetUpGitResult>('codeboom.setUpGit');
      assert.ok(result, 'set up');
      assert.match(await readText(vscode.Uri.joinPath(service.root!, '.gitattributes')), /codeboom\.json merge=codeboom text eol=lf/);
      const driver = git(root, 'config', 'merge.codeboom.driver').trim();
      assert.strictEqual(driver, result.driver);
      assert.match(driver, /dist[/\\]cli\.js"? merge-driver %O %A %B %P$/);
      // The command git will run merges for real: two sides' codebook changes in one file.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-driver-'));
      const project = JSON.parse(await readText(vscode.Uri.joinPath(service.root!, 'codeboom.json')));
      const ours = { ...project, name: 'Kennisdeling (ours)' };
      const theirs = { ...project, description: 'theirs' };
      for (const [n, v] of Object.entries({ O: project, A: ours, B: theirs })) {
        fs.writeFileSync(path.join(dir, n), JSON.stringify(v, null, 2));
      }
      const command = driver.replace('%O', 'O').replace('%A', 'A').replace('%B', 'B').replace('%P', 'codeboom.json');
      execFileSync('sh', ['-c', command], { cwd: dir });
      const merged = JSON.parse(fs.readFileSync(path.join(dir, 'A'), 'utf8'));
      assert.deepStrictEqual([merged.name, merged.description], ['Kennisdeling (ours)', 'theirs']);
      fs.rmSync(dir, { recursive: true, force: true });
    } finally {
      fs.rmSync(path.join(root, '.git'), { recursive: true, force: true });
      fs.rmSync(path.join(root, '.gitattributes'), { force: true });
    }
  });

  it('a transcript renamed in the Explorer takes its codings along, and back when renamed back', async () => {
    const { service } = await api();
    const study = service.study!;
    const from = 'transcripts/A-1.md';
    const to = 'transcripts/A-1 hernoemd.md';
    const ids = study.codingsOf(from).map((c) => c.id);
    const coders = [...new Set(study.codingsOf(from).map((c) => c.coder))];
    assert.ok(ids.length > 0 && coders.length > 1, 'a transcript with codings of two coders');
    const rename = async (a: string, b: string): Promise<void> => {
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(service.uriOf(a), service.uriOf(b));
      assert.ok(await vscode.workspace.applyEdit(edit));
      await until(`the codings to follow to ${b}`, () => ids.every((id) => service.study?.coding(id)?.doc === b), 10000);
      await until(
        `the codings files of ${b}`,
        () =>
          coders.every(
            (c) =>
              fs.existsSync(service.uriOf(`.codeboom/codings/${b}.${c}.json`).fsPath) &&
              !fs.existsSync(service.uriOf(`.codeboom/codings/${a}.${c}.json`).fsPath),
          ),
        15000,
      );
      // The save of the move is done before the next step looks at the files or renames again.
      await service.flush();
    };
    await rename(from, to);
    await until('the study to see the renamed transcript', () => service.study?.document(to) && !service.study.document(from), 10000);
    assert.strictEqual(service.state.kind, 'ready');
    assert.ok(ids.every((id) => !service.study!.coding(id)!.orphaned));
    const file = JSON.parse(await readText(service.uriOf(`.codeboom/codings/${to}.${coders[0]}.json`)));
    assert.strictEqual(file.document, to);
    await rename(to, from);
    assert.ok(ids.every((id) => !service.study!.coding(id)!.orphaned));
  });
});
