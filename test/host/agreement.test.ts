import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, readText, until, workspaceRoot } from './util';
import type { AgreementResult } from '../../src/agreement/report';
import type { AgreementNode, AgreementTree } from '../../src/agreement/view';

type Result = AgreementResult & { tree: AgreementTree };

const labelOf = (tree: AgreementTree, n: AgreementNode): string => String(tree.getTreeItem(n).label);

describe('intercoder agreement: choosing what is tested, the Agreement view, the passages (real extension host)', () => {
  it('runs with programmatic arguments: one domain, segment-based at 80 %; the view shows it and opens a passage', async () => {
    const { service } = await api();
    const study = service.study!;
    const domain = study.children(undefined).find((c) => c.name.startsWith('Hiërarchische'))!;
    const r = (await vscode.commands.executeCommand('codeboom.agreement', {
      coders: ['eva', 'sam'],
      domains: [domain.id],
      codes: study.subtree(domain.id),
      method: 'segments',
      overlap: 0.8,
      open: false,
    })) as Result;
    assert.strictEqual(r.report!.method, 'segments');
    assert.strictEqual(r.report!.segments.threshold, 0.8);
    assert.deepStrictEqual(
      r.family.domains.map((d) => d.domain),
      [domain.id],
    );
    assert.ok(r.report!.perCode.every((p) => study.subtree(domain.id).includes(p.code)));
    const md = await readText(r.markdown);
    assert.ok(md.indexOf('## Segment-based agreement (overlap ≥ 80.0 %)') < md.indexOf('## Per code'), 'the chosen method first');
    assert.match(md, /In the segment-based check .* at least 80\.0 %\), \d+ of \d+ segments matched/);
    assert.match(md, /\| \[\d+\]\(\.\.\/transcripts\/[AD]-1\.md#L\d+\) \|/);
    // the view: summary, segments, domains, transcripts
    const tree = r.tree;
    const roots = tree.getChildren();
    assert.deepStrictEqual(
      roots.map((n) => n.kind),
      ['summary', 'segments', 'domains', 'transcripts'],
    );
    assert.match(String(tree.getTreeItem(roots[0]).description), /^α = \d\.\d{3}, κ = \d\.\d{3}, \d+\.\d % agreement$/);
    const domains = tree.getChildren(roots[2]);
    assert.deepStrictEqual(
      domains.map((n) => labelOf(tree, n)),
      [domain.name, 'Cu-α (all domains)'],
    );
    const transcripts = tree.getChildren(roots[3]);
    assert.deepStrictEqual(
      transcripts.map((n) => (n.kind === 'transcript' ? n.doc : '')),
      r.rows.map((row) => row.doc),
    );
    const passages = tree.getChildren(transcripts[0]);
    assert.ok(passages.length > 0 && passages.length === r.rows[0].passages, 'each transcript opens to its passages');
    const item = tree.getTreeItem(passages[0]);
    assert.strictEqual(item.command?.command, 'codeboom.openAgreementPassage');
    const editor = (await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []))) as vscode.TextEditor;
    const p = passages[0].kind === 'passage' ? passages[0].passage : undefined;
    assert.ok(p);
    assert.strictEqual(editor.document.uri.toString(), service.uriOf(p.doc).toString());
    assert.strictEqual(editor.document.getText(editor.selection), p.text);
    assert.strictEqual(editor.selection.start.line + 1, p.line);
    assert.doesNotMatch(String(tree.getTreeItem(tree.getChildren()[0]).description), /out of date/, 'opening a passage changes nothing');
    // a change of the study marks the figures out of date
    const one = study.codingsOf(p.doc)[0];
    study.transact('uncode', [{ kind: 'removeCoding', id: one.id }]);
    try {
      assert.match(String(tree.getTreeItem(tree.getChildren()[0]).description), /out of date: the study changed, run the check again$/);
    } finally {
      study.undo();
    }
  });

  it('asks step by step when no coders are given: Enter through the steps tests everything', async () => {
    const { service } = await api();
    let result: Result | undefined;
    let finished = false;
    const running = Promise.resolve(vscode.commands.executeCommand('codeboom.agreement', { open: false })).then((r) => {
      result = r as Result;
      finished = true;
    });
    // two coders in the sample: codes or domains, transcripts, method (character-based first)
    await until(
      'the steps accepted',
      async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        await new Promise((r) => setTimeout(r, 200));
        return finished;
      },
      20000,
    );
    await running;
    assert.ok(result, 'a report');
    assert.deepStrictEqual(result.coders, ['eva', 'sam']);
    assert.strictEqual(result.report!.method, 'characters');
    assert.deepStrictEqual(result.report!.docs, ['transcripts/A-1.md', 'transcripts/D-1.md']);
    assert.strictEqual(result.family.domains.length, service.study!.children(undefined).length);
  });

  it('three coders: the team report (α family, how to report it, every transcript, the passages) and the view', async () => {
    const { service } = await api();
    const study = service.study!;
    const file = vscode.Uri.joinPath(workspaceRoot(), '.codeboom/codings/transcripts/A-1.md.lin.json');
    const sam = JSON.parse(await readText(vscode.Uri.joinPath(workspaceRoot(), '.codeboom/codings/transcripts/A-1.md.sam.json')));
    const lin = {
      ...sam,
      coder: 'lin',
      codings: sam.codings
        .filter((_: unknown, i: number) => i % 2 === 0)
        .map((c: object) => ({ ...c, id: globalThis.crypto.randomUUID() })),
    };
    await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(lin, null, 2)));
    try {
      await vscode.commands.executeCommand('codeboom.reload');
      await until('lin’s codings', () => service.study?.coders().includes('lin'));
      const r = (await vscode.commands.executeCommand('codeboom.agreement', { coders: ['eva', 'sam', 'lin'], open: false })) as Result;
      assert.strictEqual(r.report, undefined, 'κ is for two coders: the family only');
      assert.deepStrictEqual(r.family.coders, ['eva', 'sam', 'lin']);
      assert.deepStrictEqual(r.family.docs.find((d) => d.doc === 'transcripts/D-1.md')?.missing, ['lin']);
      const md = await readText(r.markdown);
      assert.ok(r.markdown.path.endsWith('reports/agreement-eva-sam-lin.md'));
      assert.match(md, /## How to report this\n\n> Intercoder agreement was assessed for 3 coders \(eva, sam, lin\) on 2 transcripts/);
      assert.match(md, /\| Respondent B, interview 1 \| left out: coded by fewer than two of the coders \|/);
      assert.match(md, /\| Respondent A, interview 1 \| included: coded by 3 of the 3 coders \|/);
      assert.match(md, /Orphaned codings left out of the included transcripts: eva: \d+, sam: \d+, lin: \d+\./);
      assert.match(md, /\| Line \| Code \| Applied by \| Not by \| Passage \|/);
      const roots = r.tree.getChildren();
      assert.match(String(r.tree.getTreeItem(roots[0]).description), /^Cu-α = /);
      const rows = r.tree.getChildren(roots.find((n) => n.kind === 'transcripts'));
      assert.strictEqual(rows.length, 2);
      const missing = rows.map((n) => String(r.tree.getTreeItem(n).description)).find((d) => d.includes('missing: lin'));
      assert.ok(missing, 'a missing coder is shown');
      // segment-based compares two coders: refused for three, nothing written
      const refused = await vscode.commands.executeCommand('codeboom.agreement', {
        coders: ['eva', 'sam', 'lin'],
        method: 'segments',
        open: false,
      });
      assert.strictEqual(refused, undefined);
    } finally {
      await vscode.workspace.fs.delete(file);
      await vscode.commands.executeCommand('codeboom.reload');
    }
    await until('lin gone', () => !service.study?.coders().includes('lin'));
    assert.notStrictEqual(service.study, study, 'the study was read again');
  });
});
