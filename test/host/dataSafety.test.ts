import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { api, readText, until, workspaceRoot } from './util';

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('data safety (real extension host)', () => {
  it('a transcript open in an editor and changed on disk: its codings are found again, not shifted twice or cut', async () => {
    const { service } = await api();
    const study = service.study!;
    const doc = 'transcripts/G-1.md';
    const uri = vscode.Uri.joinPath(workspaceRoot(), doc);
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    assert.strictEqual(editor.document.isDirty, false);
    const text = editor.document.getText();
    const before = study.codingsOf(doc).filter((c) => !c.orphaned);
    assert.ok(before.length > 5);
    // git pull: a note at the top and a typo fixed near the end, so VS Code replaces all lines in between.
    const insertAt = (s: string, at: number, what: string): string => s.slice(0, at) + what + s.slice(at);
    const lineEnd = text.indexOf('\n', before[before.length - 1].end);
    const top = text.indexOf('\n\n**') + 2;
    assert.ok(top > 1 && top < before[0].start && lineEnd > 0);
    const edited = insertAt(insertAt(text, lineEnd, ' (sic)'), top, '*Nagekeken door de respondent.*\n\n');
    await vscode.workspace.fs.writeFile(uri, encode(edited));
    await until('the editor has the new text', () => editor.document.getText() === edited);
    await until('the study has the new text', () => service.store!.text(doc) === edited);
    await service.flush();
    for (const b of before) {
      const c = study.coding(b.id)!;
      assert.ok(!c.orphaned, `not orphaned: ${b.quote}`);
      assert.strictEqual(
        edited.slice(c.start, c.end),
        b.quote,
        `found again: ${JSON.stringify(b.quote)} at ${c.start}-${c.end} (was ${b.start}-${b.end})`,
      );
    }
  });

  it('the first keystroke in a saved transcript moves codings with the edit (it is not taken for a reload)', async () => {
    const { service } = await api();
    const study = service.study!;
    const doc = 'transcripts/A-2.md';
    const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(workspaceRoot(), doc), { preview: false });
    if (editor.document.isDirty) {
      await editor.document.save();
    }
    // Code a short word that occurs more than once.
    const text = editor.document.getText();
    const at = text.indexOf('vertrouwen', study.document(doc)!.bodyStart);
    assert.ok(at > 0 && text.indexOf('vertrouwen', at + 1) > at);
    editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + 'vertrouwen'.length));
    const code = study.codes[0];
    const before = new Set(study.codingsOf(doc).map((c) => c.id));
    await vscode.commands.executeCommand('codeboom.codeSelection', { codes: [code.id] });
    const mine = study.codingsOf(doc).find((c) => !before.has(c.id))!;
    assert.strictEqual(editor.document.isDirty, false);
    // Type one letter inside it: the coding grows by that letter, it does not jump or become an orphan.
    await editor.edit((e) => e.insert(editor.document.positionAt(at + 4), 'x'));
    const c = study.coding(mine.id)!;
    assert.ok(!c.orphaned);
    assert.deepStrictEqual([c.start, c.end, editor.document.getText().slice(c.start, c.end)], [at, at + 11, 'vertxrouwen']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    study.transact('uncode', [{ kind: 'removeCoding', id: mine.id }]);
    await service.flush();
  });

  it('a transcript shortened and another deleted on disk: the study stays writable, through a reload too, and keeps every coding', async () => {
    const { service } = await api();
    const root = workspaceRoot();
    const short = 'transcripts/E-2.md';
    const gone = 'transcripts/C-2.md';
    const uris = [short, gone, '.codeboom/codings/transcripts/E-2.md.eva.json', '.codeboom/codings/transcripts/C-2.md.eva.json'].map((p) =>
      vscode.Uri.joinPath(root, p),
    );
    const originals = await Promise.all(uris.map((u) => readText(u)));
    const ids = (): string[] => [...service.study!.allCodings()].map((c) => c.id).sort();
    const before = ids();
    assert.ok(service.study!.codingsOf(short).length > 3 && service.study!.codingsOf(gone).length > 0);
    const truncated = originals[0].slice(0, 300);
    try {
      await vscode.workspace.fs.writeFile(uris[0], encode(truncated));
      await vscode.workspace.fs.delete(uris[1]);
      await until('the study has the shortened text', () => service.store!.text(short) === truncated);
      await until('the deleted transcript is out', () => service.study!.document(gone) === undefined);
      await service.flush();
      assert.ok(service.state.kind === 'ready' && !service.state.readOnly);
      assert.deepStrictEqual(ids(), before, 'no coding hidden or dropped');
      assert.ok(
        service.study!.codingsOf(short).some((c) => c.orphaned),
        'the cut-off codings are orphans',
      );
      // Opened again (as after a restart): still writable, still every coding.
      await service.reload();
      assert.ok(
        service.state.kind === 'ready' && !service.state.readOnly,
        JSON.stringify(service.state.kind === 'ready' ? service.state.problems : service.state),
      );
      assert.deepStrictEqual(ids(), before);
    } finally {
      await Promise.all(uris.map((u, i) => vscode.workspace.fs.writeFile(u, encode(originals[i]))));
      await service.open(root);
    }
    assert.ok(
      service.study!.codingsOf(short).every((c) => !c.orphaned),
      'the text is back: so are its codings',
    );
  });

  it('a read-only study becomes writable again when the bad file is fixed on disk', async () => {
    const { service } = await api();
    const root = workspaceRoot();
    const file = vscode.Uri.joinPath(root, '.codeboom/codings/transcripts/B-1.md.eva.json');
    const good = await readText(file);
    const json = JSON.parse(good);
    json.codings[1].start = 'elf';
    try {
      assert.ok(service.state.kind === 'ready' && !service.state.readOnly);
      // A bad file arrives (git pull of a broken merge): read-only, nothing written.
      await vscode.workspace.fs.writeFile(file, encode(JSON.stringify(json, null, 2)));
      await until('read-only', () => service.state.kind === 'ready' && service.state.readOnly);
      assert.strictEqual(service.study!.readOnly, true);
      // The user fixes it in the file: the study is whole and writable again, without a manual reload.
      await vscode.workspace.fs.writeFile(file, encode(good));
      await until('writable again', () => service.state.kind === 'ready' && !service.state.readOnly && service.study?.readOnly === false);
      assert.deepStrictEqual(service.state.kind === 'ready' ? service.state.problems : undefined, []);
      assert.deepStrictEqual(vscode.languages.getDiagnostics(file), [], 'the problem is gone from the Problems panel');
      const study = service.study!;
      const c = study.codingsOf('transcripts/B-1.md')[0];
      study.transact('memo', [{ kind: 'updateCoding', id: c.id, patch: { memo: 'na de reparatie' } }]);
      await service.flush();
      assert.match(await readText(file), /na de reparatie/);
    } finally {
      if ((await readText(file)) !== good && !(await readText(file)).includes('na de reparatie')) {
        await vscode.workspace.fs.writeFile(file, encode(good));
      }
      await service.open(root);
    }
  });

  it("Problems panel: a failed save shows its error beside the files' warnings, and a save that succeeds takes it away", async () => {
    const { service } = await api();
    const root = workspaceRoot();
    const doc = 'transcripts/F-1.md';
    const transcript = vscode.Uri.joinPath(root, doc);
    const codings = vscode.Uri.joinPath(root, '.codeboom/codings/transcripts/F-1.md.eva.json');
    const original = await readText(transcript);
    const savedCodings = await readText(codings);
    const messages = (u: vscode.Uri): string[] => vscode.languages.getDiagnostics(u).map((d) => d.message);
    const study = service.study!;
    const memo = (text: string): void => {
      const c = study.codingsOf(doc).find((x) => x.coder === 'eva')!;
      study.transact('memo', [{ kind: 'updateCoding', id: c.id, patch: { memo: text } }]);
    };
    try {
      // a warning of the files: front matter that does not parse
      await vscode.workspace.fs.writeFile(transcript, encode(original.replace(/^---\n/, '---\ncase: [NDS\n')));
      await until('the front-matter warning', () => messages(transcript).some((m) => /front matter/.test(m)));
      // a save that fails: the codings file is read-only on disk
      fs.chmodSync(codings.fsPath, 0o444);
      memo('niet op te slaan');
      await service.flush();
      await until('the save error', () => messages(codings).some((m) => /read-only/.test(m)));
      assert.ok(
        messages(transcript).some((m) => /front matter/.test(m)),
        'the warning is still shown',
      );
      assert.ok(!(await readText(codings)).includes('niet op te slaan'), 'nothing written');
      // writable again: the next save writes both changes and its error goes; the warning stays
      fs.chmodSync(codings.fsPath, 0o644);
      memo('toch opgeslagen');
      await service.flush();
      assert.match(await readText(codings), /toch opgeslagen/);
      assert.deepStrictEqual(messages(codings), [], 'the save error is gone from the Problems panel');
      assert.ok(
        messages(transcript).some((m) => /front matter/.test(m)),
        'the warning is still shown',
      );
    } finally {
      fs.chmodSync(codings.fsPath, 0o644);
      await vscode.workspace.fs.writeFile(transcript, encode(original));
      await vscode.workspace.fs.writeFile(codings, encode(savedCodings));
      await service.open(root);
    }
  });
});
