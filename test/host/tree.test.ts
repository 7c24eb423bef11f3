import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, readText, until, workspaceRoot } from './util';
import { codeCounts, factorEvidence } from '../../src/core/codebookOps';
import { quotationsOf } from '../../src/core/quotations';
import { isCounted, uncountedOf } from '../../src/core/counting';
import type { Study } from '../../src/core/study';
import type { CodeboomApi } from '../../src/extension';

const token = new vscode.CancellationTokenSource().token;

function projectUri(): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'codeboom.json');
}

async function project(): Promise<{
  codes: Array<{ id: string; name: string; parent?: string; aliases?: string[] }>;
  links: Array<{ code: string; factor: string }>;
}> {
  return JSON.parse(await readText(projectUri()));
}

function byName(study: Study, name: string): string {
  const c = study.codes.find((x) => x.name === name);
  assert.ok(c, `code ${name}`);
  return c.id;
}

/** Every code id in the tree, depth first, as the provider returns them. */
async function walk(a: CodeboomApi, parent?: string): Promise<string[]> {
  const out: string[] = [];
  for (const id of await a.tree.codes.getChildren(parent)) {
    out.push(id, ...(await walk(a, id)));
  }
  return out;
}

/**
 * The codings of every codings file of the study, by path, without the anchor text (quote, prefix,
 * suffix): a save refreshes those from the transcript's current text, which other suites edit.
 */
async function codingFiles(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const folder = vscode.Uri.joinPath(workspaceRoot(), '.codeboom/codings/transcripts');
  for (const [name] of await vscode.workspace.fs.readDirectory(folder)) {
    const file = JSON.parse(await readText(vscode.Uri.joinPath(folder, name))) as { codings: Array<Record<string, unknown>> };
    const records = file.codings.map(({ quote: _q, prefix: _p, suffix: _s, ...rest }) => rest);
    out.set(name, JSON.stringify(records, null, 1));
  }
  return out;
}

async function drag(a: CodeboomApi, ids: string[]): Promise<vscode.DataTransfer> {
  const dt = new vscode.DataTransfer();
  await a.tree.codes.handleDrag(ids, dt, token);
  return dt;
}

describe('code tree and sidebar views (real extension host)', () => {
  it('shows every code once with own and rolled-up counts equal to the core’s, for the study and a transcript', async () => {
    const a = await api();
    const study = a.service.study!;
    const ids = await walk(a);
    assert.strictEqual(ids.length, study.codes.length);
    assert.strictEqual(new Set(ids).size, ids.length);
    a.tree.codes.setScope('study');
    const expected = codeCounts(study);
    for (const id of ids) {
      assert.deepStrictEqual(a.tree.codes.countOf(id), expected.get(id), study.pathLabel(id));
      const item = a.tree.codes.getTreeItem(id);
      const n = expected.get(id)!;
      assert.ok(
        String(item.description).startsWith(n.total !== n.own ? `${n.own} · Σ${n.total}` : `${n.own}`),
        `${study.pathLabel(id)}: ${item.description}`,
      );
      assert.ok(item.iconPath instanceof vscode.Uri, 'a colour square');
    }
    const top = byName(study, 'Hiërarchische inrichting van de rijksoverheid');
    assert.ok(expected.get(top)!.total > expected.get(top)!.own, 'a parent rolls up its subcodes');
    const tooltip = a.tree.codes.getTreeItem(byName(study, 'mandaat')).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /belemmerend/);

    const doc = 'transcripts/A-1.md';
    await vscode.window.showTextDocument(vscode.Uri.joinPath(workspaceRoot(), doc));
    assert.strictEqual(await vscode.commands.executeCommand('codeboom.tree.toggleCounts', 'transcript'), 'transcript');
    assert.strictEqual(a.tree.codes.currentDocument, doc);
    const inDoc = codeCounts(study, (c) => c.doc === doc);
    for (const id of ids) {
      assert.deepStrictEqual(a.tree.codes.countOf(id), inDoc.get(id), `${study.pathLabel(id)} in ${doc}`);
    }
    await vscode.commands.executeCommand('codeboom.tree.toggleCounts', 'study');
    assert.deepStrictEqual(a.tree.codes.countOf(top), expected.get(top));
  });

  it('filters fuzzily without accents: “hierarchie” finds hiërarchie', async () => {
    const a = await api();
    const study = a.service.study!;
    const matched = await vscode.commands.executeCommand<string[]>('codeboom.tree.filter', 'hierarchie');
    const hier = byName(study, 'hiërarchie');
    assert.ok(matched.includes(hier), JSON.stringify(matched.map((m) => study.code(m)?.name)));
    const shown = await walk(a);
    assert.ok(shown.includes(hier));
    assert.ok(shown.length < study.codes.length, 'other codes are hidden');
    for (const id of shown) {
      assert.ok(
        matched.includes(id) || matched.some((m) => study.pathOf(m).some((p) => p.id === id)),
        `${study.code(id)?.name} is a match or an ancestor of one`,
      );
    }
    await vscode.commands.executeCommand('codeboom.tree.clearFilter');
    assert.strictEqual((await walk(a)).length, study.codes.length);
  });

  it('renames a code and undoes it, in codeboom.json too', async () => {
    const a = await api();
    const study = a.service.study!;
    const id = byName(study, 'vertrouwen');
    await a.service.flush();
    const before = await readText(projectUri());
    assert.strictEqual(await vscode.commands.executeCommand('codeboom.tree.rename', id, 'onderling vertrouwen'), true);
    assert.strictEqual(
      a.tree.codes.getTreeItem(id).label && (a.tree.codes.getTreeItem(id).label as vscode.TreeItemLabel).label,
      'onderling vertrouwen',
    );
    await a.service.flush();
    assert.strictEqual((await project()).codes.find((c) => c.id === id)!.name, 'onderling vertrouwen');
    await vscode.commands.executeCommand('codeboom.undo');
    await a.service.flush();
    assert.strictEqual(await readText(projectUri()), before);
  });

  it('a refusal of the model is answered the same way by every command: no failed command, nothing changed', async () => {
    const a = await api();
    const study = a.service.study!;
    const code = study.codes[0];
    const before = JSON.stringify(study.project);
    const refused: Array<[string, unknown[]]> = [
      ['codeboom.tree.setPolarity', [code.id, 'bogus']],
      ['codeboom.tree.setOrigin', [code.id, 'bogus']],
      ['codeboom.tree.changeColor', [code.id, 'red']],
      ['codeboom.tree.newChildCode', ['no-such-code', 'x']],
      ['codeboom.tree.rename', ['no-such-code', 'x']],
      ['codeboom.tree.move', [code.id, code.id]],
    ];
    for (const [command, args] of refused) {
      const result = await vscode.commands.executeCommand(command, ...args);
      assert.strictEqual(result, undefined, `${command} resolves without a value`);
    }
    assert.strictEqual(JSON.stringify(study.project), before, 'the codebook is unchanged');
  });

  it('creates codes and child codes, edits colour, definition, polarity and origin', async () => {
    const a = await api();
    const study = a.service.study!;
    const top = await vscode.commands.executeCommand<string>('codeboom.tree.newCode', 'Leiderschap');
    const child = await vscode.commands.executeCommand<string>('codeboom.tree.newChildCode', top, 'voorbeeldgedrag');
    assert.strictEqual(study.code(child)!.parent, top);
    assert.deepStrictEqual(await a.tree.codes.getChildren(top), [child]);
    await vscode.commands.executeCommand('codeboom.tree.changeColor', child, '#123ABC');
    await vscode.commands.executeCommand('codeboom.tree.editDefinition', child, 'Leidinggevenden die kennisdeling voordoen.');
    await vscode.commands.executeCommand('codeboom.tree.setPolarity', child, 'stimulerend');
    await vscode.commands.executeCommand('codeboom.tree.setOrigin', child, 'in-vivo');
    const c = study.code(child)!;
    assert.deepStrictEqual(
      [c.color, c.definition, c.polarity, c.origin],
      ['#123abc', 'Leidinggevenden die kennisdeling voordoen.', 'stimulerend', 'in-vivo'],
    );
    assert.match(String(a.tree.codes.getTreeItem(child).description), /\+ in vivo/);
    await a.service.flush();
    const saved = (await project()).codes;
    const order = saved.map((x) => x.id);
    assert.strictEqual(order.indexOf(child), order.indexOf(top) + 1, 'the file stays in tree order');
    // Delete both (no codings: nothing to ask), then undo the last delete.
    await vscode.commands.executeCommand('codeboom.tree.delete', child, { codings: 'remove' });
    await vscode.commands.executeCommand('codeboom.tree.delete', top, { codings: 'remove' });
    assert.strictEqual(study.code(top), undefined);
    await vscode.commands.executeCommand('codeboom.undo');
    assert.ok(study.code(top));
    await vscode.commands.executeCommand('codeboom.tree.delete', top, { codings: 'remove' });
    await a.service.flush();
    assert.ok(!(await project()).codes.some((x) => x.id === top || x.id === child));
  });

  it('moves codes by drag and drop, onto a code and onto the root, and undoes', async () => {
    const a = await api();
    const study = a.service.study!;
    const mandaat = byName(study, 'mandaat');
    const dynamiek = byName(study, 'Dynamiek');
    const oldParent = study.code(mandaat)!.parent;
    await a.service.flush();
    const before = await readText(projectUri());
    const dt = await drag(a, [mandaat]);
    assert.ok(dt.get('application/vnd.codeboom.codes'), 'the drag carries the code ids');
    await a.tree.codes.handleDrop(dynamiek, dt, token);
    assert.strictEqual(study.code(mandaat)!.parent, dynamiek);
    assert.ok((await a.tree.codes.getChildren(dynamiek)).includes(mandaat));
    assert.strictEqual(a.tree.codes.getParent(mandaat), dynamiek);
    await a.service.flush();
    assert.strictEqual((await project()).codes.find((c) => c.id === mandaat)!.parent, dynamiek);

    await a.tree.codes.handleDrop(undefined, await drag(a, [mandaat]), token);
    assert.strictEqual(study.code(mandaat)!.parent, undefined);
    assert.ok((await a.tree.codes.getChildren()).includes(mandaat));
    await a.service.flush();
    assert.strictEqual((await project()).codes.find((c) => c.id === mandaat)!.parent, undefined);

    // A code dropped onto its own subcode stays where it is.
    const top = study.code(oldParent!)!.id;
    await a.tree.codes.handleDrop(byName(study, 'middelen'), await drag(a, [top]), token);
    assert.strictEqual(study.code(top)!.parent, undefined);

    await vscode.commands.executeCommand('codeboom.undo');
    await vscode.commands.executeCommand('codeboom.undo');
    assert.strictEqual(study.code(mandaat)!.parent, oldParent);
    await a.service.flush();
    assert.strictEqual(await readText(projectUri()), before);

    // The move command (no drag) does the same.
    await vscode.commands.executeCommand('codeboom.tree.move', mandaat, null);
    assert.strictEqual(study.code(mandaat)!.parent, undefined);
    await vscode.commands.executeCommand('codeboom.undo');
    assert.strictEqual(study.code(mandaat)!.parent, oldParent);
  });

  it('merges a code into another (codings move, duplicates fold) and undo restores every file', async () => {
    const a = await api();
    const study = a.service.study!;
    const source = byName(study, 'ruimte');
    const target = byName(study, 'mandaat');
    await a.service.flush();
    const projectBefore = await readText(projectUri());
    const filesBefore = await codingFiles();
    const union = new Set(
      [...study.codingsWithCode(source), ...study.codingsWithCode(target)].map((c) => `${c.doc}|${c.coder}|${c.start}|${c.end}`),
    );
    const sourceCount = study.countWithCode(source);
    assert.ok(sourceCount > 0);
    assert.strictEqual(await vscode.commands.executeCommand('codeboom.tree.merge', source, target), true);
    assert.strictEqual(study.code(source), undefined);
    assert.strictEqual(study.countWithCode(target), union.size, 'one coding per coder and span');
    assert.deepStrictEqual(a.tree.codes.countOf(target), codeCounts(study).get(target));
    await a.service.flush();
    const p = await project();
    assert.ok(!p.codes.some((c) => c.id === source));
    assert.ok(p.codes.find((c) => c.id === target)!.aliases!.includes('ruimte'));
    assert.ok(!p.links.some((l) => l.code === source));
    for (const [name, text] of await codingFiles()) {
      assert.ok(!text.includes(source), `${name} no longer mentions the merged code`);
    }
    await vscode.commands.executeCommand('codeboom.undo');
    await a.service.flush();
    assert.strictEqual(await readText(projectUri()), projectBefore);
    const filesAfter = await codingFiles();
    for (const [name, text] of filesBefore) {
      assert.strictEqual(filesAfter.get(name), text, `${name} restored`);
    }
  });

  it('deletes a code moving its codings to the parent, and undo restores it', async () => {
    const a = await api();
    const study = a.service.study!;
    const id = byName(study, 'kortetermijndenken');
    const parent = study.code(id)!.parent!;
    const n = study.countWithCode(id);
    assert.ok(n > 0);
    await a.service.flush();
    const projectBefore = await readText(projectUri());
    const filesBefore = await codingFiles();
    await vscode.commands.executeCommand('codeboom.tree.delete', id, { codings: 'parent' });
    assert.strictEqual(study.code(id), undefined);
    assert.ok(study.countWithCode(parent) >= n);
    await a.service.flush();
    for (const text of (await codingFiles()).values()) {
      assert.ok(!text.includes(id));
    }
    await vscode.commands.executeCommand('codeboom.undo');
    assert.strictEqual(study.countWithCode(id), n);
    await a.service.flush();
    assert.strictEqual(await readText(projectUri()), projectBefore);
    const filesAfter = await codingFiles();
    for (const [name, text] of filesBefore) {
      assert.strictEqual(filesAfter.get(name), text, `${name} restored`);
    }
  });

  it('links codes to literature factors by drag and drop and from the command; factors without evidence are marked', async () => {
    const a = await api();
    const study = a.service.study!;
    const evidence = factorEvidence(study);
    const missing = [...evidence.entries()].find(([, e]) => e.codings === 0 && e.codes.length === 0)![0];
    const node = { kind: 'factor' as const, id: missing };
    const item = a.tree.factors.getTreeItem(node);
    assert.strictEqual(item.contextValue, 'factor.missing');
    assert.match(String(item.description), /no evidence/);
    const summary = a.tree.factors.summary();
    assert.strictEqual(summary.total, evidence.size);
    assert.strictEqual(summary.withEvidence, [...evidence.values()].filter((e) => e.codings > 0).length);

    const code = byName(study, 'urgentie');
    await a.tree.factors.handleDrop(node, await drag(a, [code]), token);
    assert.ok(study.factorsOf(code).includes(missing));
    const after = a.tree.factors.getTreeItem(node);
    assert.strictEqual(after.contextValue, 'factor.evidenced');
    assert.deepStrictEqual(
      (await a.tree.factors.getChildren(node)).map((n) => (n.kind === 'link' ? n.code : '')),
      [code],
    );
    await a.service.flush();
    assert.ok((await project()).links.some((l) => l.code === code && l.factor === missing));
    await vscode.commands.executeCommand('codeboom.factors.unlink', { kind: 'link', factor: missing, code });
    assert.ok(!study.factorsOf(code).includes(missing));

    const linked = await vscode.commands.executeCommand<string[]>('codeboom.tree.linkFactors', code, [missing]);
    assert.ok(linked.includes(missing));
    await vscode.commands.executeCommand('codeboom.undo');
    assert.ok(!study.factorsOf(code).includes(missing));

    // Categories and factors are all there.
    const categories = await a.tree.factors.getChildren();
    const factors = (await Promise.all(categories.map((c) => a.tree.factors.getChildren(c)))).flat();
    assert.strictEqual(factors.length, evidence.size);
  });

  it('lists, filters, copies, opens and exports the quotations of the selected code', async () => {
    const a = await api();
    const study = a.service.study!;
    const code = byName(study, 'Hiërarchische inrichting van de rijksoverheid');
    await vscode.commands.executeCommand('codeboom.quotations.show', code);
    await vscode.commands.executeCommand('codeboom.quotations.toggleSubcodes', true);
    const all = quotationsOf(study, code, { subtree: true });
    assert.ok(all.length > 10);
    assert.deepStrictEqual(
      a.tree.quotations.quotations().map((q) => q.id),
      all.map((q) => q.id),
    );
    const groups = await a.tree.quotations.getChildren();
    const shown = (await Promise.all(groups.map((g) => a.tree.quotations.getChildren(g)))).flat();
    assert.strictEqual(shown.length, all.length);
    const group = a.tree.quotations.getTreeItem(groups[0]);
    assert.strictEqual(group.label, study.sourceLabel(all[0].doc));
    assert.ok(String(group.description).includes(study.caseOf(all[0].doc)!));

    const n = await vscode.commands.executeCommand<number>('codeboom.quotations.filter', 'case', 'NDS');
    assert.ok(n > 0 && n < all.length);
    assert.ok(a.tree.quotations.quotations().every((q) => study.caseOf(q.doc) === 'NDS'));
    await vscode.commands.executeCommand('codeboom.quotations.filter', 'function_type', 'Uitvoering');
    assert.ok(
      a.tree.quotations
        .quotations()
        .every((q) => study.caseOf(q.doc) === 'NDS' && study.attribute(q.doc, 'function_type') === 'Uitvoering'),
    );
    await vscode.commands.executeCommand('codeboom.quotations.clearFilter');
    assert.strictEqual(a.tree.quotations.quotations().length, all.length);

    const q = all[0];
    const copied = await vscode.commands.executeCommand<string>('codeboom.quotations.copy', q.id);
    assert.ok(copied.endsWith(`(${study.sourceLabel(q.doc)})`), copied);
    assert.strictEqual(await vscode.env.clipboard.readText(), copied);

    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('codeboom.quotations.open', {
      kind: 'quote',
      id: q.id,
      doc: q.doc,
    });
    assert.strictEqual(editor.document.uri.toString(), a.service.uriOf(q.doc).toString());
    assert.strictEqual(editor.document.getText(editor.selection), q.quote);

    const out = await vscode.commands.executeCommand<vscode.Uri>('codeboom.quotations.export', code, 'reports/hierarchie.md');
    const md = await readText(out);
    assert.match(md, /^# Quotations: Hiërarchische inrichting van de rijksoverheid/);
    // the report holds the counted quotations; orphaned ones are left out with a note (core/counting)
    assert.strictEqual(md.split('\n> ').length - 1 >= all.filter((c) => isCounted(study, c)).length, true);
    const left = uncountedOf(study, all);
    assert.strictEqual(/(is|are) not counted/.test(md), left > 0, `${left} uncounted`);
    assert.ok(md.includes(study.sourceLabel(q.doc)));
    await vscode.commands.executeCommand('codeboom.quotations.toggleSubcodes', false);
  });

  it('groups transcripts by case or any attribute, with coding counts', async () => {
    const a = await api();
    const study = a.service.study!;
    await vscode.commands.executeCommand('codeboom.transcripts.groupBy', 'case');
    const groups = a.tree.transcripts.getChildren();
    assert.deepStrictEqual(groups.map((g) => (g.kind === 'group' ? g.value : '')).slice(0, 2), ['NDS', 'QIHR']);
    const docs = groups.flatMap((g) => a.tree.transcripts.getChildren(g));
    assert.strictEqual(docs.length, study.documents.length);
    const first = docs[0];
    assert.ok(first.kind === 'doc');
    const item = a.tree.transcripts.getTreeItem(first);
    assert.match(String(item.description), new RegExp(`${study.codingsOf(first.doc).length} codings`));
    assert.strictEqual(item.command?.command, 'vscode.open');
    await vscode.commands.executeCommand('codeboom.transcripts.groupBy', 'function_type');
    assert.ok(a.tree.transcripts.getChildren().every((g) => g.kind === 'group'));
    await vscode.commands.executeCommand('codeboom.transcripts.groupBy', '');
    assert.strictEqual(a.tree.transcripts.getChildren().length, study.documents.length);
    await vscode.commands.executeCommand('codeboom.transcripts.groupBy', 'case');
  });

  it('reveals the code of the coding under the cursor in the tree and shows its quotations', async () => {
    const a = await api();
    const study = a.service.study!;
    const doc = 'transcripts/A-2.md';
    const c = study.codingsOf(doc).find((x) => study.codingsAt(doc, x.start + 1).length === 1 && x.codes.length === 1)!;
    const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(workspaceRoot(), doc));
    editor.selection = new vscode.Selection(editor.document.positionAt(c.start + 1), editor.document.positionAt(c.start + 1));
    const revealed = await vscode.commands.executeCommand<string>('codeboom.revealCode');
    assert.strictEqual(revealed, c.codes[0]);
    await until('tree selection', () => a.tree.codeView.selection.includes(c.codes[0]) || undefined);
    assert.strictEqual(a.tree.quotations.code, c.codes[0]);
    // The hover's link passes the code id.
    const other = byName(study, 'vertrouwen');
    assert.strictEqual(await vscode.commands.executeCommand('codeboom.revealCode', other), other);
    await until('tree selection', () => a.tree.codeView.selection.includes(other) || undefined);
  });
});
