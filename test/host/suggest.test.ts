import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, until, workspaceRoot } from './util';
import { passageSuggestions, suggestionDetail } from '../../src/ui/codePicker';
import type { Proposal } from '../../src/core/suggest';

async function open(doc: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(vscode.Uri.joinPath(workspaceRoot(), doc), { preview: false });
}

describe('code suggestions (real extension host)', () => {
  it('the picker’s first suggestion for a coded passage is one of its codes, with the reason and a similar passage', async () => {
    const { service } = await api();
    const study = service.study!;
    const example = [...study.allCodings()].find((c) => c.quote.includes('formeel mandaat'))!;
    // A part of a coded passage (a new span: the coding made is the picker's alone).
    const part = example.quote.slice(example.quote.indexOf('er is geen formeel mandaat'));
    const ranked = await passageSuggestions(study, part);
    assert.ok(example.codes.includes(ranked[0].code.id), `${ranked[0].code.name} is one of the passage’s codes`);
    assert.match(suggestionDetail(ranked[0].suggestion), /like \d+ passages? coded .+ — “.+”/);
    // Through the real quick pick: Code Selection, then Enter on the first (suggested) item.
    const editor = await open(example.doc);
    const text = editor.document.getText();
    const at = text.indexOf(part);
    editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + part.length));
    let made: Array<{ codes: string[] }> | undefined;
    let finished = false;
    const running = Promise.resolve(vscode.commands.executeCommand('codeboom.codeSelection')).then((r) => {
      made = r as typeof made;
      finished = true;
    });
    await until('the picker accepted', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((r) => setTimeout(r, 200));
      return finished;
    });
    await running;
    assert.deepStrictEqual(
      made!.map((c) => c.codes),
      [[ranked[0].code.id]],
    );
    study.undo();
  });

  it('Suggest Codings for This Transcript: proposals per uncoded turn, reject remembered, accept above a confidence as one undoable step', async () => {
    const { service } = await api();
    const study = service.study!;
    // A partly coded transcript: take the codings off one (undone at the end).
    const doc = 'transcripts/B-2.md';
    const removed = study.codingsOf(doc).length;
    study.transact(
      'uncode all',
      study.codingsOf(doc).map((c) => ({ kind: 'removeCoding' as const, id: c.id })),
    );
    await open(doc);
    const proposals = (await vscode.commands.executeCommand('codeboom.suggestTranscript', { minConfidence: 0.1 })) as Proposal[];
    assert.ok(proposals.length >= 3, `${proposals.length} proposals`);
    const text = (await vscode.workspace.openTextDocument(service.uriOf(doc))).getText();
    for (const p of proposals) {
      assert.strictEqual(text.slice(p.start, p.end), p.passage);
      assert.ok(study.code(p.code) && p.reason);
    }
    await vscode.commands.executeCommand('codeboom.suggestions.reject', { keys: [proposals[0].key] });
    const again = (await vscode.commands.executeCommand('codeboom.suggestTranscript', { doc, minConfidence: 0.1 })) as Proposal[];
    assert.ok(!again.some((p) => p.key === proposals[0].key), 'a rejected proposal is not made again');
    // Change the code of one proposal: it is then proposed with the code chosen, at full confidence.
    const other = study.codes.find((c) => c.id !== again[0].code)!;
    const changed = (await vscode.commands.executeCommand('codeboom.suggestions.changeCode', again[0], other.id)) as Proposal;
    assert.deepStrictEqual([changed.code, changed.confidence, changed.passage], [other.id, 1, again[0].passage]);
    again[0] = changed;
    const before = study.codingsOf(doc).length;
    const threshold = 0.1;
    const expected = again.filter((p) => p.confidence >= threshold).length;
    const accepted = (await vscode.commands.executeCommand('codeboom.suggestions.acceptAbove', threshold)) as number;
    assert.strictEqual(accepted, expected);
    const made = study.codingsOf(doc);
    assert.strictEqual(made.length, before + expected);
    assert.ok(made.every((c) => c.memo === 'suggested' && c.coder === service.activeCoder.id));
    assert.ok(
      made.some((c) => c.start === changed.start && c.codes[0] === other.id),
      'the changed code is the one coded',
    );
    study.undo();
    assert.strictEqual(study.codingsOf(doc).length, before, 'one undo takes the whole batch back');
    study.undo();
    assert.strictEqual(study.codingsOf(doc).length, removed);
  });
});
