import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, readText, workspaceRoot } from './util';

describe('paths stay inside the study (real extension host)', () => {
  it('an export never writes over a study file, whatever target it is given', async () => {
    await api();
    const root = workspaceRoot();
    const project = vscode.Uri.joinPath(root, 'codeboom.json');
    const transcript = vscode.Uri.joinPath(root, 'transcripts', 'A-1.md');
    const before = [await readText(project), await readText(transcript)];
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('codeboom.exportCodebook', { uri: project, format: 'markdown', open: false })),
      /never writes over the project file codeboom\.json/,
    );
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('codeboom.exportRespondents', {
          uri: vscode.Uri.joinPath(root, '.codeboom', 'r.md'),
          format: 'markdown',
          open: false,
        }),
      ),
      /\.codeboom\/r\.md/,
    );
    assert.strictEqual(await vscode.commands.executeCommand('codeboom.exportRefiCodebook', { target: transcript }), undefined);
    assert.deepStrictEqual([await readText(project), await readText(transcript)], before);
    assert.ok(!fs.existsSync(path.join(root.fsPath, '.codeboom', 'r.md')));
  });

  it('a transcript link to outside the study is not followed and is reported; one inside is followed', async () => {
    const { service } = await api();
    const root = workspaceRoot();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-host-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.md'), '# Secret\n\nNot part of the study.\n');
    const outLink = path.join(root.fsPath, 'transcripts', 'zz-secret.md');
    const inLink = path.join(root.fsPath, 'transcripts', 'zz-copy.md');
    fs.symlinkSync(path.join(outside, 'secret.md'), outLink);
    fs.symlinkSync('A-1.md', inLink);
    try {
      const result = await service.open(root);
      const docs = service.study!.documents.map((d) => d.path);
      assert.ok(docs.includes('transcripts/zz-copy.md'), 'a link inside the study is followed');
      assert.ok(!docs.includes('transcripts/zz-secret.md'), 'a link to outside is not');
      assert.deepStrictEqual(
        result?.problems.map((p) => p.file),
        ['transcripts/zz-secret.md'],
      );
      assert.match(result!.problems[0].message, /symbolic link.*outside the study/);
    } finally {
      fs.unlinkSync(outLink);
      fs.unlinkSync(inLink);
      fs.rmSync(outside, { recursive: true, force: true });
      await service.open(root);
    }
    assert.ok(service.state.kind === 'ready' && !service.state.readOnly);
  });
});
