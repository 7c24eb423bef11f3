import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, until, workspaceRoot } from './util';

const DOC = 'transcripts/A-2.md';
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('orphaned codings: preview of the old text, re-attach from the hover and the palette (real extension host)', () => {
  it('shows an orphan’s stored quote and context, offers it in the hover over a selection, and re-attaches it there', async () => {
    const { service } = await api();
    const study = service.study!;
    const uri = vscode.Uri.joinPath(workspaceRoot(), DOC);
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    assert.strictEqual(study.codingsOf(DOC).filter((c) => c.orphaned).length, 0, 'the sample transcript starts without orphans');
    // A coding no other coding overlaps: deleting its text orphans it alone.
    const live = study.codingsOf(DOC).filter((c) => !c.orphaned);
    const target = live.find((c) => !live.some((o) => o !== c && o.start <= c.end + 1 && o.end >= c.start - 1))!;
    assert.ok(target, 'a coding on its own');
    const cut = new vscode.Range(editor.document.positionAt(target.start - 1), editor.document.positionAt(target.end + 1));
    const cutText = editor.document.getText(cut);
    await editor.edit((e) => e.delete(cut));
    assert.deepStrictEqual(
      study
        .codingsOf(DOC)
        .filter((c) => c.orphaned)
        .map((c) => c.id),
      [target.id],
    );

    // Opening it from the quotations view shows what was coded, not the text now at its old offset.
    const before = editor.selection;
    await vscode.commands.executeCommand('codeboom.quotations.open', target.id);
    const preview = await until('the orphan preview', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'codeboom-orphan' && e.document.uri.query === target.id),
    );
    const shown = preview.document.getText();
    assert.ok(shown.includes(flat(target.quote)), shown);
    assert.ok(shown.includes(flat(target.prefix).slice(-20)), 'with the text before it');
    assert.ok(shown.includes(flat(target.suffix).slice(0, 20)), 'and after it');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the transcript keeps the focus');
    assert.ok(vscode.window.activeTextEditor!.selection.isEqual(before), 'the stale offset is not selected');

    // The text comes back; selected, the hover over it offers to re-attach the orphan.
    await editor.edit((e) => e.insert(cut.start, cutText));
    const at = editor.document.offsetAt(cut.start) + 1;
    const sel = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + target.quote.length));
    editor.selection = sel;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, sel.start.translate(0, 1));
    const text = hoverText(hovers);
    assert.ok(text.includes('command:codeboom.reattachOrphan?' + encodeURIComponent(JSON.stringify([target.id]))), text);
    const away = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, editor.document.positionAt(0));
    assert.ok(!hoverText(away).includes('codeboom.reattachOrphan'), 'not offered outside the selection');

    // From the palette, without arguments: the transcript's only orphan goes to the selection.
    await vscode.commands.executeCommand('codeboom.reattachOrphan');
    const back = study.coding(target.id)!;
    assert.ok(!back.orphaned);
    assert.deepStrictEqual([back.start, back.end], [at, at + target.quote.length]);
    await until('the preview says it is attached again', () => preview.document.getText().startsWith('# Coding:') || undefined);
    await editor.document.save();
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  });
});
