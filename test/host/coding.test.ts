import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, readText, until, workspaceRoot } from './util';

const DOC = 'transcripts/E-1.md';

async function openTranscript(doc = DOC): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), doc);
  return vscode.window.showTextDocument(uri, { preview: false });
}

function select(editor: vscode.TextEditor, needle: string, occurrence = 0): vscode.Selection {
  const text = editor.document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
  }
  assert.ok(at >= 0, `found ${needle}`);
  const sel = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + needle.length));
  editor.selection = sel;
  return sel;
}

describe('highlight-to-code (real extension host)', () => {
  it('codes the selection, saves it, and draws it', async () => {
    const { service, decorations } = await api();
    const study = service.study!;
    const editor = await openTranscript();
    const text = editor.document.getText();
    const passage = text.slice(text.indexOf('**Respondent E:**') + 18, text.indexOf('**Respondent E:**') + 90).split('.')[0];
    select(editor, passage);
    const vertrouwen = study.codes.find((c) => c.name === 'vertrouwen')!;
    const before = study.codingsOf(DOC).length;
    await vscode.commands.executeCommand('codeboom.codeSelection', { codes: [vertrouwen.id] });
    const mine = study.codingsOf(DOC).filter((c) => c.quote === passage.trim());
    assert.strictEqual(study.codingsOf(DOC).length, before + 1);
    assert.deepStrictEqual(mine[0].codes, [vertrouwen.id]);
    await service.flush();
    const file = vscode.Uri.joinPath(workspaceRoot(), `.codeboom/codings/${DOC}.${service.activeCoder.id}.json`);
    const saved = JSON.parse(await readText(file));
    assert.ok(
      saved.codings.some((c: { id: string }) => c.id === mine[0].id),
      'saved to the coder’s file',
    );
    const drawn = await until('decorations', () => {
      const d = decorations.drawnIn(editor);
      const ranges = d?.byColor.get(vertrouwen.color) ?? [];
      return ranges.some((r) => editor.document.offsetAt(r.start) === mine[0].start) ? d : undefined;
    });
    assert.ok(drawn.byColor.size > 3, 'several colours drawn');
    assert.ok(drawn.overlaps.length > 0, 'overlaps marked');
  });

  it('codes several selections (multi-cursor) at once and undoes them as one step', async () => {
    const { service } = await api();
    const study = service.study!;
    const editor = await openTranscript();
    const a = select(editor, 'Quantum');
    const b = select(editor, 'quantum', 1);
    editor.selections = [a, b];
    const code = study.codes.find((c) => c.name === 'complexiteit')!;
    const before = study.codingsOf(DOC).length;
    await vscode.commands.executeCommand('codeboom.codeSelection', { codes: [code.id] });
    assert.strictEqual(study.codingsOf(DOC).length, before + 2);
    const check = (when: string) => {
      for (const c of study.codingsOf(DOC).filter((x) => !x.orphaned)) {
        assert.strictEqual(editor.document.getText().slice(c.start, c.end), c.quote, `${when}: ${JSON.stringify(c)}`);
      }
    };
    check('after coding');
    await vscode.commands.executeCommand('codeboom.undo');
    assert.strictEqual(study.codingsOf(DOC).length, before);
    await vscode.commands.executeCommand('codeboom.redo');
    assert.strictEqual(study.codingsOf(DOC).length, before + 2);
    check('after redo');
  });

  it('moves codings with the user’s edits and orphans a deleted one, which undo brings back', async () => {
    const { service } = await api();
    const study = service.study!;
    const editor = await openTranscript();
    const target = study.codingsOf(DOC).filter((c) => !c.orphaned)[5];
    const quote = target.quote;
    assert.strictEqual(editor.document.getText().slice(target.start, target.end), quote, `before the edit: ${JSON.stringify(target)}`);
    // Insert text at the top of the body: every later coding moves by its length.
    const insert = 'Opmerking van de transcribent: audio kort onderbroken.\n\n';
    const bodyStart = study.document(DOC)!.bodyStart;
    await editor.edit((e) => e.insert(editor.document.positionAt(bodyStart), insert));
    const moved = study.coding(target.id)!;
    assert.strictEqual(moved.start, target.start + insert.length);
    assert.strictEqual(
      editor.document.getText().slice(moved.start, moved.end),
      quote,
      `after insert at ${bodyStart}: target ${target.start}-${target.end}, moved ${moved.start}-${moved.end}, text there ${JSON.stringify(editor.document.getText().slice(moved.start - 20, moved.end + 20))}, head ${JSON.stringify(editor.document.getText().slice(bodyStart - 5, bodyStart + 70))}`,
    );
    // Delete the coded passage entirely: the coding becomes an orphan, it is not deleted.
    const cut = new vscode.Range(editor.document.positionAt(moved.start - 1), editor.document.positionAt(moved.end + 1));
    const cutText = editor.document.getText(cut);
    await editor.edit((e) => e.delete(cut));
    assert.strictEqual(study.coding(target.id)!.orphaned, true);
    assert.strictEqual(study.codingsOf(DOC).filter((c) => c.id === target.id).length, 1, 'kept');
    // The text comes back (typed again, pasted): re-attach finds the quote again.
    await editor.edit((e) => e.insert(cut.start, cutText));
    editor.selection = new vscode.Selection(cut.start, cut.start);
    await vscode.commands.executeCommand('codeboom.reattachOrphan', target.id);
    const back = study.coding(target.id)!;
    assert.ok(!back.orphaned);
    assert.strictEqual(editor.document.getText().slice(back.start, back.end), quote);
    await editor.document.save();
  });

  it('re-anchors after an edit outside VS Code and reports it', async () => {
    const { service } = await api();
    const study = service.study!;
    const doc = 'transcripts/F-2.md';
    const uri = vscode.Uri.joinPath(workspaceRoot(), doc);
    const text = await readText(uri);
    const codings = study.codingsOf(doc);
    const victim = codings[3];
    // Outside the editor: a new paragraph at the top, one coded passage gets a typo fix, one is deleted.
    const fixed = victim.quote.replace(/ /, '  ');
    let edited = text.replace('\n\n**Interviewer:**', '\n\n*Nagekeken door de respondent.*\n\n**Interviewer:**');
    edited = edited.replace(victim.quote, fixed);
    const gone = codings.find((c) => c.id !== victim.id && !codings.some((o) => o.id !== c.id && o.start < c.end && c.start < o.end))!;
    edited = edited.replace(gone.quote, '');
    const reports: unknown[] = [];
    const sub = service.onDidReanchor((r) => reports.push(r));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(edited));
    await until('re-anchor', () => reports.length > 0 || undefined);
    sub.dispose();
    const r = reports[0] as { moved: number; fuzzy: number; orphaned: number };
    assert.ok(r.moved > 10, `moved ${r.moved}`);
    assert.strictEqual(r.orphaned, 1);
    assert.ok(r.fuzzy >= 1);
    const v = study.coding(victim.id)!;
    assert.strictEqual(edited.slice(v.start, v.end), fixed);
    assert.strictEqual(study.coding(gone.id)!.orphaned, true);
  });

  it('edits the memo, recodes, and uncodes the coding at the cursor', async () => {
    const { service } = await api();
    const study = service.study!;
    const editor = await openTranscript('transcripts/B-2.md');
    const c = study.codingsOf('transcripts/B-2.md').find((x) => study.codingsAt(x.doc, x.start + 1).length === 1)!;
    editor.selection = new vscode.Selection(editor.document.positionAt(c.start + 1), editor.document.positionAt(c.start + 1));
    await vscode.commands.executeCommand('codeboom.editCodingMemo', undefined, 'Let op: ironie.');
    assert.strictEqual(study.coding(c.id)!.memo, 'Let op: ironie.');
    const other = study.codes.find((x) => x.name === 'begrip')!;
    await vscode.commands.executeCommand('codeboom.recode', undefined, [other.id]);
    assert.deepStrictEqual(study.coding(c.id)!.codes, [other.id]);
    await vscode.commands.executeCommand('codeboom.uncode');
    assert.strictEqual(study.coding(c.id), undefined);
    await vscode.commands.executeCommand('codeboom.undo');
    assert.ok(study.coding(c.id));
  });

  it('hover shows the code path, coder and actions', async () => {
    const { service } = await api();
    const study = service.study!;
    const editor = await openTranscript('transcripts/A-2.md');
    const c = study.codingsOf('transcripts/A-2.md')[0];
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      editor.document.positionAt(c.start + 2),
    );
    const text = hovers.flatMap((h) => h.contents.map((m) => (typeof m === 'string' ? m : m.value))).join('\n');
    assert.ok(text.includes(study.pathLabel(c.codes[0]).split(' › ')[1] ?? study.pathLabel(c.codes[0])), text);
    assert.ok(text.includes('command:codeboom.uncode'), text);
  });
});

describe('in vivo and the selection after coding (real extension host)', () => {
  it('names the code from a few selected words, places it under the given parent and collapses the selection', async () => {
    const { service } = await api();
    const study = service.study!;
    const editor = await openTranscript();
    const text = editor.document.getText();
    const at = text.indexOf('**Respondent E:**') + 18;
    const passage = text.slice(at, at + 60).split('\n')[0];
    const sel = select(editor, passage);
    const parent = study.codes[0];
    const name = `in vivo ${Date.now()}`;
    const made = (await vscode.commands.executeCommand('codeboom.codeInVivo', { name, parent: parent.id })) as unknown[];
    assert.ok(made && made.length >= 1);
    const code = study.codes.find((c) => c.name === name)!;
    assert.strictEqual(code.parent, parent.id);
    assert.ok(editor.selection.isEmpty, 'the selection collapsed');
    assert.ok(editor.selection.active.isEqual(sel.end), 'to the end of the passage');
    // One undo takes the new code and its coding away again (later suites count the sample's codes).
    await vscode.commands.executeCommand('codeboom.undo');
    assert.strictEqual(
      study.codes.find((c) => c.name === name),
      undefined,
    );
  });
});
