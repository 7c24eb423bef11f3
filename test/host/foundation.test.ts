import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, readText, workspaceRoot } from './util';

describe('foundation (real extension host)', () => {
  it('activates on the study and loads it', async () => {
    const { service } = await api();
    assert.strictEqual(service.state.kind, 'ready');
    const study = service.study!;
    assert.strictEqual(study.documents.length, 14);
    assert.strictEqual(study.codes.length, 31);
    assert.ok(study.codingCount >= 200);
    assert.strictEqual(service.root?.toString(), workspaceRoot().toString());
  });

  it('registers every command it contributes', async () => {
    await api();
    const pkg = vscode.extensions.getExtension('codeboom.codeboom')!.packageJSON as {
      contributes: { commands: Array<{ command: string }> };
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = pkg.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, []);
  });

  it('runs the study summary command', async () => {
    await api();
    await vscode.commands.executeCommand('codeboom.showStudyInfo');
  });

  it('a malformed codings file: named error, read-only, file byte-identical', async () => {
    const { service } = await api();
    const original = workspaceRoot();
    const broken = vscode.Uri.joinPath(original, '..', `broken-${Date.now()}`);
    await vscode.workspace.fs.copy(original, broken);
    const bad = vscode.Uri.joinPath(broken, '.codeboom/codings/transcripts/B-1.md.eva.json');
    const text = await readText(bad);
    const json = JSON.parse(text);
    json.codings[2].codes[0] = 'no-such-code';
    json.codings[4].start = 'elf';
    const badText = JSON.stringify(json, null, 2);
    await vscode.workspace.fs.writeFile(bad, new TextEncoder().encode(badText));
    const before = await vscode.workspace.fs.readFile(bad);
    try {
      await service.open(broken);
      const s = service.state;
      assert.strictEqual(s.kind, 'ready');
      assert.ok(s.kind === 'ready' && s.readOnly);
      const problems = s.kind === 'ready' ? s.problems : [];
      const where = problems.map((p) => `${p.file}: ${p.path.join('.')}`);
      assert.ok(where.includes('.codeboom/codings/transcripts/B-1.md.eva.json: codings.4.start'), where.join('\n'));
      // Diagnostics point into the file.
      const diags = vscode.languages.getDiagnostics(bad);
      assert.ok(diags.length >= 1, 'diagnostics on the broken file');
      assert.ok(
        diags.some((d) => d.range.start.line > 0),
        'at the JSON path, not the top of the file',
      );
      // Any attempt to change the study is refused; nothing is written.
      await assert.rejects(
        (async () => service.study!.transact('x', [{ kind: 'removeCoding', id: service.study!.codingsOf('transcripts/A-1.md')[0].id }]))(),
        /read-only/,
      );
      await service.flush();
      const after = await vscode.workspace.fs.readFile(bad);
      assert.deepStrictEqual(Buffer.from(after), Buffer.from(before));
    } finally {
      await service.open(original);
      await vscode.workspace.fs.delete(broken, { recursive: true });
    }
  });

  it('a malformed project file: the study does not open and the file stays byte-identical', async () => {
    const { service } = await api();
    const original = workspaceRoot();
    const broken = vscode.Uri.joinPath(original, '..', `broken-project-${Date.now()}`);
    await vscode.workspace.fs.copy(original, broken);
    const project = vscode.Uri.joinPath(broken, 'codeboom.json');
    const text = (await readText(project)).replace('"schemaVersion": 1,', '"schemaVersion": 1,,');
    await vscode.workspace.fs.writeFile(project, new TextEncoder().encode(text));
    try {
      await service.open(broken);
      const s = service.state;
      assert.strictEqual(s.kind, 'error');
      assert.match(s.kind === 'error' ? s.problems[0].message : '', /not valid JSON \(line 2/);
      assert.strictEqual(await readText(project), text);
    } finally {
      await service.open(original);
      await vscode.workspace.fs.delete(broken, { recursive: true });
    }
  });

  it('front matter that does not parse: a warning diagnostic at its line, the study stays writable', async () => {
    const { service } = await api();
    const original = workspaceRoot();
    const copy = vscode.Uri.joinPath(original, '..', `broken-front-matter-${Date.now()}`);
    await vscode.workspace.fs.copy(original, copy);
    const transcript = vscode.Uri.joinPath(copy, 'transcripts/A-1.md');
    const text = await readText(transcript);
    // A second "case:" line: a duplicate key, on line 3 of the file.
    const broken = text.replace(/^---\r?\n/, (open) => `${open}case: X\n`);
    await vscode.workspace.fs.writeFile(transcript, new TextEncoder().encode(broken));
    try {
      await service.open(copy);
      const s = service.state;
      assert.strictEqual(s.kind, 'ready');
      assert.ok(s.kind === 'ready' && !s.readOnly, 'not read-only');
      const diags = vscode.languages.getDiagnostics(transcript);
      assert.strictEqual(diags.length, 1, JSON.stringify(diags));
      assert.strictEqual(diags[0].severity, vscode.DiagnosticSeverity.Warning);
      assert.match(diags[0].message, /front matter not read/);
      assert.ok(diags[0].range.start.line > 0, 'at the line of the error');
    } finally {
      await service.open(original);
      await vscode.workspace.fs.delete(copy, { recursive: true });
    }
  });

  it('reloads when a codings file changes on disk (another coder, git pull)', async () => {
    const { service } = await api();
    const file = vscode.Uri.joinPath(workspaceRoot(), '.codeboom/codings/transcripts/C-2.md.eva.json');
    const json = JSON.parse(await readText(file));
    const removed = json.codings.pop();
    const before = service.study!.codingCount;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(json, null, 2)));
    const { until } = await import('./util');
    await until('reload', () => service.study!.codingCount === before - 1);
    assert.strictEqual(service.study!.coding(removed.id), undefined);
  });
});
