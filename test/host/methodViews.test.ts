import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, readText, until, workspaceRoot } from './util';
import { saturation } from '../../src/core/saturation';
import { quotationsOf } from '../../src/core/quotations';
import type { MatrixPanel } from '../../src/matrix/matrixPanel';
import type { PanelState } from '../../webview/protocol';

async function saturationPanel(state?: Partial<PanelState['options']>): Promise<MatrixPanel> {
  const { matrix } = await api();
  await vscode.commands.executeCommand('codeboom.openMatrix');
  const panel = await until('the matrix panel', () => matrix.panel);
  await until('the webview’s ready handshake and first model', () => (panel.ready && panel.lastModel ? panel : undefined), 30000);
  const next: PanelState = {
    ...panel.state,
    view: 'saturation',
    options: { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: {}, ...state },
  };
  const before = panel.lastModel;
  await panel.receive({ type: 'setState', state: next });
  await until('the saturation model', () => (panel.lastModel !== before && panel.lastModel?.saturation ? true : undefined));
  return panel;
}

describe('method views: saturation tab and coder filter (real extension host)', () => {
  it('sends the saturation data the core computes, in interview order, to the Saturation tab', async () => {
    const { service } = await api();
    const study = service.study!;
    const panel = await saturationPanel();
    const sat = panel.lastModel!.saturation!;
    const core = saturation(study);
    assert.strictEqual(sat.points.length, study.documents.length);
    assert.deepStrictEqual(
      sat.points.map((p) => [p.doc, p.label, p.date, p.cumulative, p.newCodes]),
      core.map((p) => [p.doc, p.label, p.date, p.cumulative, p.newCodes.map((c) => study.code(c)!.name)]),
    );
    assert.strictEqual(sat.total, core[core.length - 1].cumulative);
    assert.strictEqual(sat.points[0].short, 'A-1');
    assert.strictEqual(panel.lastModel!.matrix, undefined, 'only the shown view is computed');
    assert.strictEqual(panel.lastModel!.strings.viewSaturation, 'Saturation');
    panel.dispose();
  });

  it('applies the panel’s coder and case filters', async () => {
    const { service } = await api();
    const study = service.study!;
    const panel = await saturationPanel({ filters: { coders: ['sam'] } });
    const sam = panel.lastModel!.saturation!;
    assert.deepStrictEqual(
      sam.points.map((p) => p.cumulative),
      saturation(study, 'date', 'sam').map((p) => p.cumulative),
    );
    assert.ok(sam.total > 0 && sam.total < study.codes.length, `sam used ${sam.total} codes`);
    const before = panel.lastModel;
    await panel.receive({ type: 'setState', state: { ...panel.state, options: { ...panel.state.options, filters: { cases: ['QIHR'] } } } });
    const qihr = (await until('the QIHR model', () => (panel.lastModel !== before ? panel.lastModel?.saturation : undefined)))!;
    assert.deepStrictEqual(
      qihr.points.map((p) => p.doc),
      saturation(study)
        .filter((p) => study.caseOf(p.doc) === 'QIHR')
        .map((p) => p.doc),
    );
    panel.dispose();
  });

  it('updates live: a new code in the last interview shows up as its new code; undo takes it back', async () => {
    const { service } = await api();
    const study = service.study!;
    const panel = await saturationPanel();
    const sat = panel.lastModel!.saturation!;
    const last = sat.points[sat.points.length - 1];
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(service.uriOf(last.doc)));
    const start = text.indexOf('\n', study.document(last.doc)!.bodyStart + 10) + 1;
    study.transact('saturation live test', [
      { kind: 'addCode', code: { id: 'saturation-live-test', name: 'nieuw in het laatste interview', color: '#4e79a7' } },
      {
        kind: 'addCoding',
        coding: {
          id: 'saturation-live-coding',
          doc: last.doc,
          coder: 'eva',
          codes: ['saturation-live-test'],
          start,
          end: start + 10,
          quote: text.slice(start, start + 10),
          prefix: '',
          suffix: '',
          created: new Date().toISOString(),
        },
      },
    ]);
    const live = await until('the saturation tab to count the new code', () => {
      const s = panel.lastModel?.saturation;
      return s && s.total === sat.total + 1 ? s : undefined;
    });
    assert.deepStrictEqual(live.points[live.points.length - 1].newCodes, ['nieuw in het laatste interview']);
    assert.strictEqual(live.trailingWithoutNew, 0);
    study.undo();
    await until('the saturation tab to drop it again', () => (panel.lastModel?.saturation?.total === sat.total ? true : undefined));
    assert.strictEqual(panel.lastModel!.saturation!.trailingWithoutNew, sat.trailingWithoutNew);
    panel.dispose();
  });

  it('exports the Saturation tab as Markdown with the chart as SVG beside it', async () => {
    const { service } = await api();
    const study = service.study!;
    const dir = vscode.Uri.joinPath(workspaceRoot(), 'saturation-export-test');
    const uri = vscode.Uri.joinPath(dir, 'verzadiging.md');
    const options = { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: { coders: ['eva'] } } as const;
    const written = await vscode.commands.executeCommand<vscode.Uri>('codeboom.exportMatrix', {
      view: 'saturation',
      format: 'markdown',
      uri,
      options,
      open: false,
    });
    assert.strictEqual(written.toString(), uri.toString());
    const md = await readText(uri);
    assert.match(
      md,
      /^# Saturation: new codes per transcript\n\n\*Filters: Eva Jansen\*\n\n\| # \| Transcript \| Date \| New codes \| Cumulative \|/,
    );
    const eva = saturation(study, 'date', 'eva');
    assert.ok(md.includes(`| ${eva.length} | ${eva[eva.length - 1].label} |`));
    assert.match(md, /\n!\[New and cumulative codes per transcript\]\(verzadiging\.svg\)\n$/);
    const svg = await readText(vscode.Uri.joinPath(dir, 'verzadiging.svg'));
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.strictEqual((svg.match(/<rect /g) ?? []).length, eva.length, 'one bar per transcript');
    const only = await vscode.commands.executeCommand<vscode.Uri>('codeboom.exportMatrix', {
      view: 'saturation',
      format: 'svg',
      uri: vscode.Uri.joinPath(dir, 'chart.svg'),
      options,
      open: false,
    });
    assert.strictEqual(await readText(only), svg);
    await vscode.workspace.fs.delete(dir, { recursive: true });
  });

  it('filters the Quotations view by coder, alone and with a case; the view and the report say so', async () => {
    const a = await api();
    const study = a.service.study!;
    // a code that both coders used
    const code = study.codes.find((c) => {
      const coders = new Set(study.codingsWithCode(c.id).map((x) => x.coder));
      return coders.has('eva') && coders.has('sam');
    })!;
    assert.ok(code, 'a code coded by eva and by sam');
    await vscode.commands.executeCommand('codeboom.quotations.show', code.id);
    await vscode.commands.executeCommand('codeboom.quotations.clearFilter');
    const all = a.tree.quotations.quotations().length;
    const n = await vscode.commands.executeCommand<number>('codeboom.quotations.filterCoder', 'sam');
    const sam = quotationsOf(study, code.id, { coder: 'sam' });
    assert.strictEqual(n, sam.length);
    assert.ok(n > 0 && n < all, `${n} of ${all}`);
    assert.deepStrictEqual(
      a.tree.quotations.quotations().map((q) => q.id),
      sam.map((q) => q.id),
    );
    assert.strictEqual(a.tree.quotations.coder, 'sam');
    await until('the view message to name the coder', () =>
      String(a.tree.quotationView.message).includes('coder = Sam de Boer') ? true : undefined,
    );
    // the tree shows only sam's quotations
    const groups = await a.tree.quotations.getChildren();
    const shown = (await Promise.all(groups.map((g) => a.tree.quotations.getChildren(g)))).flat();
    assert.ok(shown.length === n && shown.every((s) => s.kind === 'quote' && study.coding(s.id)!.coder === 'sam'));

    // together with a case filter
    const someCase = study.caseOf(sam[0].doc)!;
    await vscode.commands.executeCommand('codeboom.quotations.filter', 'case', someCase);
    const both = quotationsOf(study, code.id, { coder: 'sam', attributes: { case: someCase } });
    assert.deepStrictEqual(
      a.tree.quotations.quotations().map((q) => q.id),
      both.map((q) => q.id),
    );
    const out = await vscode.commands.executeCommand<vscode.Uri>('codeboom.quotations.export', code.id, 'reports/quotations-coder-test.md');
    const md = await readText(out);
    assert.ok(md.includes(`filter: case = ${someCase}, coder = Sam de Boer`), md.split('\n')[2]);
    await vscode.workspace.fs.delete(out);

    // null removes the coder filter (the case filter stays); Clear removes both
    await vscode.commands.executeCommand('codeboom.quotations.filterCoder', null);
    assert.strictEqual(a.tree.quotations.coder, undefined);
    assert.strictEqual(a.tree.quotations.quotations().length, quotationsOf(study, code.id, { attributes: { case: someCase } }).length);
    await vscode.commands.executeCommand('codeboom.quotations.filterCoder', 'eva');
    await vscode.commands.executeCommand('codeboom.quotations.clearFilter');
    assert.strictEqual(a.tree.quotations.coder, undefined);
    assert.strictEqual(a.tree.quotations.quotations().length, all);
  });
});
