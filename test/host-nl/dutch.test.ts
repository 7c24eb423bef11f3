// Codeboom in a VS Code whose display language is Dutch (run-host-tests --locale nl): the views,
// the matrix panel, the exports' headers, the reports and the core's refusals come out in Dutch.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, readText, until, workspaceRoot } from '../host/util';
import { StudyError } from '../../src/core/study';
import { errorMessage } from '../../src/l10n/coreMessages';
import type { Study } from '../../src/core/study';

function byName(study: Study, name: string): string {
  const c = study.codes.find((x) => x.name === name);
  assert.ok(c, `code ${name}`);
  return c.id;
}

/** A tree item's text; a MarkdownString's appended text is escaped (spaces as &nbsp;, punctuation backslash-escaped). */
function text(v: string | vscode.MarkdownString | vscode.TreeItemLabel | undefined | boolean): string {
  if (v instanceof vscode.MarkdownString) {
    return v.value.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
  }
  return typeof v === 'string' ? v : typeof v === 'object' ? v.label : '';
}

function exportUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'exports-nl', name);
}

describe('Codeboom in Dutch (display language nl)', () => {
  it('runs under the Dutch display language', () => {
    assert.strictEqual(vscode.env.language, 'nl');
  });

  it('the code tree speaks Dutch: tooltips with polarity, origin and counts', async () => {
    const a = await api();
    const study = a.service.study!;
    a.tree.codes.setScope('study');
    const mandaat = text(a.tree.codes.getTreeItem(byName(study, 'mandaat')).tooltip);
    assert.match(mandaat, /Coderingen \(heel onderzoek\): \d+ met deze code, \d+ met deze code of een subcode/);
    assert.match(mandaat, /Polariteit: − belemmerend/);
    assert.ok(!/Codings|Polarity|whole study/.test(mandaat), mandaat);
  });

  it('the literature factors and transcripts views speak Dutch', async () => {
    const a = await api();
    assert.match(a.tree.factorView.description ?? '', /^\d+ van 62 onderbouwd$/);
    const categories = await a.tree.factors.getChildren();
    assert.match(text(a.tree.factors.getTreeItem(categories[0]).tooltip), /^\d+ van de \d+ factoren komen terug in de data$/);
    const factors: string[] = [];
    for (const category of categories) {
      for (const f of await a.tree.factors.getChildren(category)) {
        factors.push(text(a.tree.factors.getTreeItem(f).description));
      }
    }
    assert.ok(
      factors.some((d) => /^geen onderbouwing/.test(d)),
      'a factor without evidence',
    );
    assert.ok(
      factors.some((d) => /\d+ coderingen|1 codering/.test(d)),
      'a factor with evidence',
    );

    const groups = await a.tree.transcripts.getChildren();
    const g = text(a.tree.transcripts.getTreeItem(groups[0]).description);
    assert.match(g, /(1 transcript|\d+ transcripten) · (1 codering|\d+ coderingen)$/);
  });

  it('the quotations of a code are cited with Dutch labels', async () => {
    const a = await api();
    const study = a.service.study!;
    await vscode.commands.executeCommand('codeboom.quotations.show', byName(study, 'mandaat'));
    const nodes = await until('quotations', async () => {
      const n = await a.tree.quotations.getChildren();
      return n.length ? n : undefined;
    });
    const leaves = (await Promise.all(nodes.map(async (n) => [n, ...((await a.tree.quotations.getChildren(n)) ?? [])]))).flat();
    const tooltips = leaves.map((n) => text(a.tree.quotations.getTreeItem(n).tooltip)).join('\n');
    assert.match(tooltips, /Casus: /);
    assert.match(tooltips, /Codeur: /);

    const uri = (await vscode.commands.executeCommand<vscode.Uri>(
      'codeboom.quotations.export',
      byName(study, 'mandaat'),
      exportUri('citaten-mandaat.md'),
    ))!;
    const md = await readText(uri);
    assert.match(md, /^# Citaten: [^\n]*mandaat\n/);
    assert.match(md, /Onderzoek “[^”]+”/);
    assert.match(md, /\n## Casus /);
  });

  it('the matrix panel gets Dutch words and the exports have Dutch headers', async () => {
    const { matrix } = await api();
    await vscode.commands.executeCommand('codeboom.openMatrix');
    const panel = await until('the matrix panel', () => matrix.panel);
    const model = await until('the first model', () => panel.lastModel, 30000);
    assert.strictEqual(model.strings.title, 'Codematrix');
    assert.strictEqual(model.strings.columnCase, 'Casussen');
    assert.strictEqual(model.strings.total, 'Totaal');
    assert.deepStrictEqual(
      model.choices?.polarities.map((p) => p.label),
      ['belemmerend', 'stimulerend', 'neutraal'],
    );

    const csv = await vscode.commands.executeCommand<vscode.Uri>('codeboom.exportMatrix', {
      format: 'csv',
      uri: exportUri('matrix.csv'),
      view: 'matrix',
      open: false,
    });
    const header = (await readText(csv!)).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    assert.match(header, /^Code[;,]/);
    assert.match(header, /[;,]Totaal$/);

    const codebook = await vscode.commands.executeCommand<vscode.Uri>('codeboom.exportCodebook', {
      format: 'markdown',
      uri: exportUri('codeboek.md'),
      open: false,
    });
    const md = await readText(codebook!);
    assert.match(md, /^# Codeboek/m);
    assert.match(md, /Definitie/);
    assert.ok(!/\bDefinition\b|\bCodings\b/.test(md));
  });

  it('the agreement report is written in Dutch', async () => {
    await api();
    const r = (await vscode.commands.executeCommand('codeboom.agreement', { coderA: 'eva', coderB: 'sam', open: false })) as {
      markdown: vscode.Uri;
    };
    const md = await readText(r.markdown);
    assert.match(md, /^# Overeenstemming tussen codeurs: eva × sam/);
    assert.match(md, /\| \*\*Totaal\*\* \|/);
    assert.match(md, /## Verschillen tussen de codeurs/);
  });

  it('the core’s refusals are shown in Dutch', () => {
    assert.strictEqual(
      errorMessage(new StudyError('“{0}” cannot be merged into one of its own subcodes.', 'mandaat')),
      '“mandaat” kan niet worden samengevoegd met een van de eigen subcodes.',
    );
    assert.strictEqual(errorMessage(new Error('plain')), 'plain');
  });
});
