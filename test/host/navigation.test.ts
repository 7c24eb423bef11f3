import * as assert from 'assert';
import * as vscode from 'vscode';
import { answers } from '../../src/core/navigation';
import { parseFrontMatter } from '../../src/core/frontMatter';
import { api, workspaceRoot } from './util';

const DOC = 'transcripts/E-1.md';

async function openTranscript(): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(vscode.Uri.joinPath(workspaceRoot(), DOC), { preview: false });
}

function place(editor: vscode.TextEditor, offset: number): void {
  const pos = editor.document.positionAt(offset);
  editor.selection = new vscode.Selection(pos, pos);
}

describe('navigation: next / previous coding and the next uncoded answer (real extension host)', () => {
  it('walks the cursor through every coding start in order, and wraps round both ways', async () => {
    const { service } = await api();
    const study = service.study!;
    const editor = await openTranscript();
    const starts = [
      ...new Set(
        study
          .codingsOf(DOC)
          .filter((c) => !c.orphaned)
          .map((c) => c.start),
      ),
    ].sort((a, b) => a - b);
    assert.ok(starts.length > 5, 'the sample transcript has codings');
    place(editor, 0);
    const seen: number[] = [];
    for (let i = 0; i < starts.length; i++) {
      await vscode.commands.executeCommand('codeboom.nextCoding');
      assert.ok(editor.selection.isEmpty, 'the cursor moves, nothing is selected');
      seen.push(editor.document.offsetAt(editor.selection.active));
    }
    assert.deepStrictEqual(seen, starts);
    await vscode.commands.executeCommand('codeboom.nextCoding');
    assert.strictEqual(editor.document.offsetAt(editor.selection.active), starts[0], 'wraps to the first');
    await vscode.commands.executeCommand('codeboom.previousCoding');
    assert.strictEqual(editor.document.offsetAt(editor.selection.active), starts[starts.length - 1], 'wraps back to the last');
    await vscode.commands.executeCommand('codeboom.previousCoding');
    assert.strictEqual(editor.document.offsetAt(editor.selection.active), starts[starts.length - 2]);
  });

  it('selects the next respondent answer without a coding, and skips it once it is coded', async () => {
    const { service } = await api();
    const study = service.study!;
    const editor = await openTranscript();
    const text = editor.document.getText();
    const turns = answers(text, parseFrontMatter(text).bodyStart);
    const live = () => study.codingsOf(DOC).filter((c) => !c.orphaned);
    const uncoded = () => turns.filter((t) => !live().some((c) => c.start < t.end && c.end > t.start));
    assert.ok(uncoded().length > 1, 'the sample has uncoded answers');
    place(editor, 0);
    await vscode.commands.executeCommand('codeboom.nextUncodedAnswer');
    const first = uncoded()[0];
    const sel = editor.selection;
    assert.deepStrictEqual(
      [editor.document.offsetAt(sel.start), editor.document.offsetAt(sel.end)],
      [first.start, first.end],
      'the whole answer is selected',
    );
    const label = text.slice(text.lastIndexOf('\n', first.start) + 1, first.start);
    assert.match(label, /^\*\*Respondent E:\*\*/, 'a respondent’s turn, not the interviewer’s');
    // Code it: the next search from the top passes it by.
    const code = study.codes[0];
    await vscode.commands.executeCommand('codeboom.codeSelection', { codes: [code.id] });
    try {
      place(editor, 0);
      await vscode.commands.executeCommand('codeboom.nextUncodedAnswer');
      assert.strictEqual(editor.document.offsetAt(editor.selection.start), uncoded()[0].start);
      assert.notStrictEqual(uncoded()[0].start, first.start);
      // Past the last uncoded answer it wraps to the first.
      place(editor, uncoded()[uncoded().length - 1].start);
      await vscode.commands.executeCommand('codeboom.nextUncodedAnswer');
      assert.strictEqual(editor.document.offsetAt(editor.selection.start), uncoded()[0].start);
    } finally {
      await vscode.commands.executeCommand('codeboom.undo');
    }
    assert.ok(
      uncoded().some((t) => t.start === first.start),
      'undo took the coding away',
    );
  });
});
