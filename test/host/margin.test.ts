import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, until, workspaceRoot } from './util';
import type { MarginPanel } from '../../src/margin/marginPanel';
import { labelsOf } from '../../src/coding/inlineLabels';
import { chipLabel } from '../../src/core/margin';

const DOC = 'transcripts/E-1.md';

async function openTranscript(doc = DOC, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), doc);
  return vscode.window.showTextDocument(uri, { preview: false, viewColumn: column });
}

async function openMargin(): Promise<MarginPanel> {
  const { margin } = await api();
  await vscode.commands.executeCommand('codeboom.showCodingMargin');
  const panel = await until('the margin panel', () => margin.panel);
  // the real webview loads dist/margin.js and says "ready"; then the model of the transcript follows
  await until('the margin’s ready handshake and first model', () => (panel.ready && panel.lastModel ? panel : undefined), 30000);
  return panel;
}

describe('coding margin and inline labels (real extension host)', () => {
  it('draws an inline label at the start of every coding, and none when turned off', async () => {
    const { service, inlineLabels } = await api();
    const study = service.study!;
    const editor = await openTranscript();
    const codings = study.codingsOf(DOC).filter((c) => !c.orphaned);
    assert.ok(codings.length > 3, 'the fixture transcript is coded');
    const drawn = await until('labels', () => {
      const d = inlineLabels.drawnIn(editor);
      return d && d.length === codings.length ? d : undefined;
    });
    for (const c of codings) {
      const label = drawn.find((l) => l.coding === c.id)!;
      assert.strictEqual(label.offset, c.start);
      assert.strictEqual(label.text, chipLabel(c.codes.map((id) => study.code(id)!.name)));
      assert.strictEqual(label.color, study.code(c.codes[0])!.color);
    }
    await vscode.commands.executeCommand('codeboom.toggleInlineLabels', false);
    await until('no labels', () => inlineLabels.drawnIn(editor)?.length === 0);
    assert.strictEqual(vscode.workspace.getConfiguration('codeboom').get('inlineLabels'), false);
    await vscode.commands.executeCommand('codeboom.toggleInlineLabels');
    await until('labels again', () => inlineLabels.drawnIn(editor)?.length === codings.length);
    // a coding with several codes reads "first +n"
    const [a, b] = study.codes;
    // A passage no coding starts at (coding on an existing coding's exact span adds to that coding).
    const text = editor.document.getText();
    let from = text.lastIndexOf('**Respondent E:**') + '**Respondent E:** '.length;
    while (study.codingsOf(DOC).some((c) => c.start === from)) {
      from++;
    }
    editor.selection = new vscode.Selection(editor.document.positionAt(from), editor.document.positionAt(from + 30));
    await vscode.commands.executeCommand('codeboom.codeSelection', { codes: [a.id, b.id] });
    const multi = await until('a two-code label', () => inlineLabels.drawnIn(editor)?.find((l) => l.text === `${a.name} +1`));
    assert.deepStrictEqual(
      labelsOf(study, DOC).find((l) => l.coding === multi.coding),
      multi,
    );
    await vscode.commands.executeCommand('codeboom.undo');
  });

  it('opens the margin beside the active transcript with every coding as a bracket, columns never overlapping', async () => {
    const { service } = await api();
    const study = service.study!;
    const editor = await openTranscript();
    const panel = await openMargin();
    assert.strictEqual(panel.transcript, DOC);
    assert.notStrictEqual(panel.panel.viewColumn, editor.viewColumn, 'beside the transcript');
    const model = panel.lastModel!;
    const codings = study.codingsOf(DOC).filter((c) => !c.orphaned);
    assert.deepStrictEqual(model.brackets.map((b) => b.coding).sort(), codings.map((c) => c.id).sort());
    for (const b of model.brackets) {
      const c = study.coding(b.coding)!;
      assert.strictEqual(b.startLine, editor.document.positionAt(c.start).line);
      for (const o of model.brackets) {
        if (o !== b && o.startLine <= b.endLine && b.startLine <= o.endLine) {
          assert.notStrictEqual(o.column, b.column, `${o.coding} and ${b.coding} share lines and a column`);
        }
      }
    }
    const html = panel.panel.webview.html.replace(/&#39;/g, "'");
    assert.match(html, /default-src 'none'; [^"]*script-src 'nonce-[0-9a-f]{32}'/);
    assert.match(html, /<script nonce="[0-9a-f]{32}" src="[^"]+\/dist\/margin\.js">/);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(html), 'strict CSP');
  });

  it('updates live when a coding changes, and drops messages that do not parse', async () => {
    const { service } = await api();
    const study = service.study!;
    const editor = await openTranscript();
    const panel = await openMargin();
    const before = panel.lastModel!;
    // A passage of words no coding touches (earlier suites code this transcript too).
    const text = editor.document.getText();
    let at = text.indexOf('**Respondent E:**') + '**Respondent E:** '.length;
    const touched = (s: number): boolean => study.codingsOf(DOC).some((c) => c.start < s + 40 && c.end > s);
    while (touched(at) || /\s/.test(text[at]) || /\s/.test(text[at + 39])) {
      at++;
    }
    editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + 40));
    const code = study.codes[2];
    const made = (await vscode.commands.executeCommand('codeboom.codeSelection', { codes: [code.id] })) as { id: string }[];
    const after = await until('a new model with the coding', () =>
      panel.lastModel !== before && panel.lastModel!.brackets.some((b) => b.coding === made[0].id) ? panel.lastModel : undefined,
    );
    assert.strictEqual(after.brackets.length, before.brackets.length + 1);
    assert.strictEqual(after.brackets.find((b) => b.coding === made[0].id)!.label, code.name);
    await vscode.commands.executeCommand('codeboom.undo');
    await until('the coding gone again', () => (panel.lastModel!.brackets.some((b) => b.coding === made[0].id) ? undefined : true));
    const last = panel.lastModel;
    await panel.receive({ type: 'select', coding: 42 });
    await panel.receive({ type: 'nonsense' });
    assert.strictEqual(panel.lastModel, last, 'invalid messages change nothing');
  });

  it('a click message selects the coding’s text in the editor; scrolling goes both ways', async () => {
    const { service } = await api();
    const study = service.study!;
    const editor = await openTranscript();
    const panel = await openMargin();
    const coding = study
      .codingsOf(DOC)
      .filter((c) => !c.orphaned)
      .at(-1)!;
    await panel.receive({ type: 'select', coding: coding.id });
    const selected = await until('the selection', () => {
      const e = vscode.window.visibleTextEditors.find((x) => x.document.uri.toString() === editor.document.uri.toString());
      return e && e.document.offsetAt(e.selection.start) === coding.start ? e : undefined;
    });
    assert.strictEqual(selected.document.getText(selected.selection), coding.quote);
    // the margin scrolls the editor
    const target = Math.min(30, Math.floor(selected.document.lineCount / 3));
    await panel.receive({ type: 'scroll', line: target });
    // VS Code reveals a line "at top" with a few lines of context above it
    const top = () => selected.visibleRanges[0].start.line;
    await until(`the editor scrolled to ${target}`, () => (top() <= target && top() >= target - 5 ? true : undefined)).catch((e: Error) => {
      throw new Error(`${e.message}: at ${top()}`);
    });
    // the editor scrolls the margin
    const posted: number[] = [];
    const sub = panel.onDidPost((m) => m.type === 'scroll' && posted.push(m.line));
    await new Promise((r) => setTimeout(r, 200));
    selected.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await until('a scroll message to the margin', () => (posted.includes(0) ? true : undefined));
    sub.dispose();
  });

  it('follows the active transcript', async () => {
    const { service } = await api();
    const other = service.study!.documents.map((d) => d.path).find((p) => p !== DOC && service.study!.codingsOf(p).length > 0)!;
    await openTranscript();
    const panel = await openMargin();
    await openTranscript(other);
    const model = await until('the other transcript’s model', () => (panel.lastModel?.doc === other ? panel.lastModel : undefined));
    assert.strictEqual(model.brackets.length, service.study!.codingsOf(other).filter((c) => !c.orphaned).length);
    panel.dispose();
  });
});
