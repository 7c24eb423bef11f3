/**
 * Codebook and literature factor catalogue in and out of spreadsheets (src/core/sheets): sheets
 * made here as CSV text and as real workbooks (exceljs), in English and Dutch, in the three
 * codebook shapes (path, level columns, Gioia), with bad rows; and round trips as properties.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { Study } from '../../src/core/study';
import type { Code, FactorCatalogue } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';
import { codebookLines } from './sheetsHelpers';
import {
  catalogueSheet,
  codebookSheet,
  gioiaSheet,
  isCodebookHeading,
  parseDelimited,
  planCatalogueSheetImport,
  planCodebookSheetImport,
  readSheet,
} from '../../src/core/sheets';
import { catalogueColumn, codebookColumn } from '../../src/core/sheets/headers';

function study(codes: Code[] = [], catalogues: FactorCatalogue[] = []): Study {
  return new Study({ ...emptyProject('t'), codes, catalogues });
}

function csv(text: string): ReturnType<typeof parseDelimited> {
  return parseDelimited(text);
}

async function workbookBytes(rows: string[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Codeboek');
  for (const r of rows) {
    ws.addRow(r);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('codebook from a spreadsheet', () => {
  it('reads a Dutch sheet with a path column (› or /), semicolons, accents and case ignored in the headings', async () => {
    const text = [
      'PAD;Definitie;Kleur;Polariteit;Herkomst;Aliassen',
      'Hiërarchie;Top-down sturing;#1F77B4;Belemmerend;Patroon uit empirie;',
      'Hiërarchie › mandaat;Wie mag beslissen;;belemmerend;literatuur;"eigenaarschap; mandaat ontbreekt"',
      'Samenwerking/vertrouwen;;#abc;stimulerend;empirisch;',
    ].join('\r\n');
    const s = study();
    const plan = planCodebookSheetImport(s, await readSheet(new TextEncoder().encode(text), 'csv'));
    s.transact('import', plan.ops);
    assert.strictEqual(plan.layout, 'path');
    assert.deepStrictEqual(plan.refused, []);
    assert.deepStrictEqual(plan.added, ['Hiërarchie', 'Hiërarchie › mandaat', 'Samenwerking', 'Samenwerking › vertrouwen']);
    const lines = codebookLines(s, false);
    assert.deepStrictEqual(lines, [
      'Hiërarchie | Top-down sturing |  | belemmerend | empirical |  | ',
      'Hiërarchie › mandaat | Wie mag beslissen |  | belemmerend | literature | eigenaarschap|mandaat ontbreekt | ',
      'Samenwerking |  |  |  |  |  | ',
      'Samenwerking › vertrouwen |  |  | stimulerend | empirical |  | ',
    ]);
    const byName = (n: string): Code => s.codes.find((c) => c.name === n)!;
    assert.strictEqual(byName('Hiërarchie').color, '#1F77B4');
    assert.strictEqual(byName('vertrouwen').color, '#aabbcc');
    assert.match(byName('mandaat').color, /^#[0-9a-fA-F]{6}$/);
  });

  it('reads level columns, a blank level taking the row above', () => {
    const sheet = csv(
      ['Level 1,Level 2,Level 3,Definition', 'A,,,top', ',B,,under A', ',,C,under B', ',D,,under A again', 'E,,,'].join('\n'),
    );
    const s = study();
    const plan = planCodebookSheetImport(s, sheet);
    s.transact('import', plan.ops);
    assert.strictEqual(plan.layout, 'levels');
    assert.deepStrictEqual(
      s.treeOrder().map(({ code }) => s.pathLabel(code.id)),
      ['A', 'A › B', 'A › B › C', 'A › D', 'E'],
    );
  });

  it('reads a Gioia workbook (Dutch headings, a dimension written once): dimension → theme → concept', async () => {
    const bytes = await workbookBytes([
      ['Bijlage 4: codeboek'],
      ['Open (1e orde)', 'Axiaal (2e orde)', 'Geaggregeerde dimensie', 'Definitie'],
      ['Angst voor misbruik', 'Vertrouwen', 'Vertrouwen, controle houden, samenwerken', 'zorg om data'],
      ['Eigen regie', 'Controle houden', '', ''],
      ['MKB terughoudend', '', '', 'kleine bedrijven'],
      ['', '', 'Toegevoegde waarde', ''],
    ]);
    const s = study();
    const plan = planCodebookSheetImport(s, await readSheet(bytes, 'xlsx'));
    s.transact('import', plan.ops);
    assert.strictEqual(plan.layout, 'gioia');
    assert.deepStrictEqual(plan.refused, []);
    assert.deepStrictEqual(
      s.treeOrder().map(({ code }) => s.pathLabel(code.id)),
      [
        'Vertrouwen, controle houden, samenwerken',
        'Vertrouwen, controle houden, samenwerken › Vertrouwen',
        'Vertrouwen, controle houden, samenwerken › Vertrouwen › Angst voor misbruik',
        'Vertrouwen, controle houden, samenwerken › Controle houden',
        'Vertrouwen, controle houden, samenwerken › Controle houden › Eigen regie',
        'Vertrouwen, controle houden, samenwerken › Controle houden › MKB terughoudend',
        'Toegevoegde waarde',
      ],
    );
    assert.strictEqual(s.codes.find((c) => c.name === 'MKB terughoudend')!.definition, 'kleine bedrijven');
  });

  it('reads the first sheet of a workbook that has codebook headings (a cover sheet before it is passed by)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Voorblad').addRow(['Bijlage 4', 'Codeboek van de scriptie']);
    const ws = wb.addWorksheet('Codes');
    ws.addRow(['Niveau 1', 'Niveau 2']);
    ws.addRow(['Vertrouwen', 'Angst']);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const plan = planCodebookSheetImport(study(), await readSheet(bytes, 'xlsx', 'x.xlsx', isCodebookHeading));
    assert.deepStrictEqual(plan.added, ['Vertrouwen', 'Vertrouwen › Angst']);
    assert.throws(() => planCodebookSheetImport(study(), parseDelimited('Bijlage 4,Codeboek\n')), /no row of column headings/);
  });

  it('refuses bad rows one by one with their row number and reason, and takes the others', () => {
    const sheet = csv(
      [
        'Path,Colour,Polarity,Origin',
        'ok,,,',
        ',#123456,,', // no name
        'bad colour,red,,',
        'bad polarity,,sometimes,',
        'bad origin,,,dreamt',
        'a//b,,,',
        'OK,,,', // the same code as row 2, case aside
        '\u0020,,,',
      ].join('\r\n'),
    );
    const s = study();
    const plan = planCodebookSheetImport(s, sheet);
    s.transact('import', plan.ops);
    assert.deepStrictEqual(
      plan.refused.map((r) => r.row),
      [3, 4, 5, 6, 7, 8],
    );
    assert.match(plan.refused[0].reason, /no code name/);
    assert.match(plan.refused[1].reason, /"red" is not a colour/);
    assert.match(plan.refused[2].reason, /unknown polarity "sometimes"/);
    assert.match(plan.refused[3].reason, /unknown origin "dreamt"/);
    assert.match(plan.refused[4].reason, /empty name/);
    assert.match(plan.refused[5].reason, /named in row 2 already/);
    assert.deepStrictEqual(
      s.codes.map((c) => c.name),
      ['ok'],
    );
  });

  it('matches the codes the study has by path (never a duplicate), fills in what they lack, and is one undo step', () => {
    const s = study([
      { id: 'h', name: 'Hiërarchie', color: '#111111', definition: 'kept' },
      { id: 'm', name: 'Mandaat', parent: 'h', color: '#222222', aliases: ['eigenaarschap'] },
    ]);
    const sheet = csv(
      [
        'Path,Definition,Colour,Aliases,Polarity',
        'hiërarchie,replaced?,#ffffff,,',
        'HIËRARCHIE/mandaat,new definition,,Eigenaarschap;rollen,stimulerend',
        'Hiërarchie/nieuw,,,,',
      ].join('\n'),
    );
    const plan = planCodebookSheetImport(s, sheet);
    s.transact('import sheet', plan.ops);
    assert.deepStrictEqual(plan.matched, ['Hiërarchie', 'Hiërarchie › Mandaat']);
    assert.deepStrictEqual(plan.added, ['Hiërarchie › nieuw']);
    assert.strictEqual(s.codes.length, 3);
    assert.deepStrictEqual(s.code('h'), { id: 'h', name: 'Hiërarchie', color: '#111111', definition: 'kept' });
    assert.deepStrictEqual(s.code('m'), {
      id: 'm',
      name: 'Mandaat',
      parent: 'h',
      color: '#222222',
      aliases: ['eigenaarschap', 'rollen'],
      definition: 'new definition',
      polarity: 'stimulerend',
    });
    s.undo();
    assert.deepStrictEqual(
      s.codes.map((c) => c.id),
      ['h', 'm'],
    );
    assert.deepStrictEqual(s.code('m')!.aliases, ['eigenaarschap']);
  });

  it('finds the semicolon below a title line, and numbers rows as a spreadsheet does (a cell with line breaks is one row)', () => {
    const sheet = csv(['Codeboek scriptie', 'Pad;Definitie;Kleur', 'a;"twee\nregels, met komma";', 'b;;rood'].join('\r\n'));
    const plan = planCodebookSheetImport(study(), sheet);
    assert.deepStrictEqual(plan.added, ['a']);
    assert.deepStrictEqual(
      plan.refused.map((r) => r.row),
      [4],
    );
  });

  it('refuses a sheet without a column of codes, and a CSV that is not UTF-8', async () => {
    assert.throws(() => planCodebookSheetImport(study(), csv('Definition,Colour\nx,#123456\n')), /no column of codes/);
    assert.throws(() => planCodebookSheetImport(study(), csv('Foo,Bar\nx,y\n')), /no row of column headings/);
    await assert.rejects(readSheet(new Uint8Array([0x50, 0x61, 0x64, 0x0a, 0x63, 0x6f, 0xf6, 0x72, 0x64]), 'csv', 'x.csv'), /x\.csv/);
    await assert.rejects(readSheet(new TextEncoder().encode('not a zip'), 'xlsx', 'x.xlsx'), /x\.xlsx is not an Excel workbook/);
  });
});

describe('literature factors from a spreadsheet', () => {
  it("reads Dutch headings into the study's catalogue, matching by name and refusing repeats and factors without category", () => {
    const existing: FactorCatalogue[] = [
      {
        id: 'cat',
        name: 'Kennisdeling',
        categories: [
          { id: 'org', name: 'Organisatorisch', factors: [{ id: 'f1', name: 'Geschiedenis', authors: ['Yang & Maxwell, 2011'] }] },
        ],
      },
    ];
    const sheet = csv(
      [
        'Categorie;Factor;Auteurs;Bronmodel',
        'organisatorisch;geschiedenis;"Yang & Maxwell, 2011; Rashman et al., 2009";Yang & Maxwell (2011)',
        'Organisatorisch;Cultuur;Rashman et al., 2009;',
        'Technisch;;;',
        ';Zwevend;Iemand;',
        'Organisatorisch;Cultuur;;',
      ].join('\n'),
    );
    const plan = planCatalogueSheetImport(existing, sheet);
    assert.deepStrictEqual(plan.matched, ['Kennisdeling › Organisatorisch › geschiedenis']);
    assert.deepStrictEqual(plan.added, ['Kennisdeling › Organisatorisch › Cultuur', 'Kennisdeling › Technisch']);
    assert.deepStrictEqual(
      plan.refused.map((r) => [r.row, /no category/.test(r.reason) || /row 3 already/.test(r.reason)]),
      [
        [5, true],
        [6, true],
      ],
    );
    const cat = plan.catalogues[0];
    assert.strictEqual(plan.catalogues.length, 1);
    assert.strictEqual(cat.source, 'Yang & Maxwell (2011)');
    assert.deepStrictEqual(
      cat.categories.map((g) => [g.name, g.factors.map((f) => `${f.name}: ${f.authors.join('|')}`)]),
      [
        ['Organisatorisch', ['Geschiedenis: Yang & Maxwell, 2011|Rashman et al., 2009', 'Cultuur: Rashman et al., 2009']],
        ['Technisch', []],
      ],
    );
    assert.deepStrictEqual(existing[0].categories[0].factors.length, 1, "the study's catalogue is not changed in place");
  });

  it('is one undoable step that restores the catalogues, and refuses to drop a factor a code is linked to', () => {
    const before: FactorCatalogue[] = [
      { id: 'cat', name: 'K', categories: [{ id: 'org', name: 'Org', factors: [{ id: 'f1', name: 'Geschiedenis', authors: [] }] }] },
    ];
    const s = study([{ id: 'c1', name: 'mandaat', color: '#336699' }], before);
    s.transact('link', [{ kind: 'addLink', link: { code: 'c1', factor: 'f1' } }]);
    const plan = planCatalogueSheetImport(s.catalogues, csv('Category;Factor\nOrg;Cultuur\nTech;Data'));
    s.projectDirty = false;
    s.transact('Import literature factors', [{ kind: 'setCatalogues', catalogues: plan.catalogues }]);
    assert.ok(s.projectDirty, 'the project file is to be saved');
    assert.deepStrictEqual(
      s.catalogues[0].categories.map((g) => g.factors.map((f) => f.name)),
      [['Geschiedenis', 'Cultuur'], ['Data']],
    );
    const added = s.catalogues[0].categories[1].factors[0].id;
    assert.strictEqual(s.factor(added)?.factor.name, 'Data', 'new factors are indexed');
    assert.strictEqual(s.undo(), 'Import literature factors');
    assert.deepStrictEqual(s.catalogues, before);
    assert.strictEqual(s.factor(added), undefined, 'undo un-indexes the added factors');
    assert.strictEqual(s.redo(), 'Import literature factors');
    assert.strictEqual(s.factor(added)?.factor.name, 'Data');
    const dropping: FactorCatalogue[] = [{ id: 'cat', name: 'K', categories: [] }];
    assert.throws(() => s.transact('drop', [{ kind: 'setCatalogues', catalogues: dropping }]), /linked to literature factor f1/);
    assert.strictEqual(s.catalogues[0].categories.length, 2, 'a refused operation changes nothing');
  });
});

describe('sheet headings in both languages', () => {
  it('every heading the exports write, and its Dutch translation, is read as the same column', () => {
    const nl = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.nl.json'), 'utf8')) as Record<string, string>;
    const s = study([
      { id: 'a', name: 'a', color: '#111111' },
      { id: 'b', name: 'b', parent: 'a', color: '#111111' },
    ]);
    const codebookHeaders = [...codebookSheet(s).header, ...gioiaSheet(s).header];
    for (const h of codebookHeaders) {
      const dutch = nl[h.replace(/\d+$/, '{0}')]?.replace('{0}', /\d+$/.exec(h)?.[0] ?? '');
      assert.ok(dutch, `no Dutch for ${h}`);
      assert.ok(codebookColumn(h) !== undefined, h);
      assert.deepStrictEqual(codebookColumn(dutch), codebookColumn(h), `${h} / ${dutch}`);
    }
    for (const h of catalogueSheet([]).header) {
      assert.ok(catalogueColumn(h) !== undefined, h);
      assert.strictEqual(catalogueColumn(nl[h]), catalogueColumn(h), `${h} / ${nl[h]}`);
    }
  });
});
