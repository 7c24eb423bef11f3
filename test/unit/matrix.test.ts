/**
 * The matrix, co-occurrence, factor coverage and synthesis on the sample study, each compared
 * with counts computed here independently (plain loops over study.allCodings(), no index); the
 * thesis' own §5.2 table as a second reference; and the export builders (CSV, XLSX read back with
 * exceljs, Markdown, HTML, SVG).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { XMLValidator } from 'fast-xml-parser';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { Study } from '../../src/core/study';
import type { Code, Coding, Origin, Polarity, TranscriptDocument } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';
import type { MatrixFilters, MatrixOptions, MatrixResult } from '../../src/core/matrix';
import { MISSING_KEY, MatrixIndex, cellCodings, computeMatrix, factorCoverage, synthesisTable } from '../../src/core/matrix';
import { csvBytes, csvField, parseCsv, toCsv } from '../../src/core/exports/csv';
import { markdownTable, mdEscape } from '../../src/core/exports/markdown';
import { codebookHtml, codebookMarkdown, codebookReport } from '../../src/core/exports/codebook';
import { gioiaMarkdown, gioiaStructure, gioiaSvg, wrapText } from '../../src/core/exports/gioia';
import { matrixTable, respondentRows } from '../../src/core/exports/tables';
import { exportCodebook, exportRespondents, exportSynthesis, exportView } from '../../src/core/exports';
import { sheetName } from '../../src/core/exports/xlsx';
import { DEFAULT_LABELS } from '../../src/core/exports/labels';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');
const THESIS000 = path.resolve(__dirname, '../../../../shared/reference/domain/thesis000.json');

// ---------- an independent, slow reference implementation ----------

function effective<K extends 'polarity' | 'origin'>(study: Study, code: string, key: K): Code[K] {
  for (const c of [...study.pathOf(code)].reverse()) {
    if (c[key] !== undefined) {
      return c[key];
    }
  }
  return undefined;
}

function countedCodes(study: Study, f: MatrixFilters): Set<string> {
  return new Set(
    study.codes
      .filter((c) => !f.polarity?.length || f.polarity.includes(effective(study, c.id, 'polarity') as Polarity))
      .filter((c) => !f.origin?.length || f.origin.includes(effective(study, c.id, 'origin') as Origin))
      .map((c) => c.id),
  );
}

function passing(study: Study, f: MatrixFilters): Coding[] {
  return [...study.allCodings()].filter(
    (c) =>
      !c.orphaned &&
      (!f.coders?.length || f.coders.includes(c.coder)) &&
      (!f.cases?.length || f.cases.includes(study.caseOf(c.doc) ?? '\u0001')),
  );
}

/** Codes a row stands for: the code and its descendants that count (tree); top mode is the same for a top-level code. */
function rowCodes(study: Study, row: string, counted: Set<string>): Set<string> {
  return new Set(study.subtree(row).filter((c) => counted.has(c)));
}

function docColumnKey(study: Study, doc: string, spec: MatrixOptions['columns']): string {
  const v =
    spec.kind === 'case'
      ? study.caseOf(doc)
      : spec.kind === 'respondent'
        ? study.respondentOf(doc)
        : spec.kind === 'transcript'
          ? doc
          : spec.kind === 'attribute'
            ? study.attribute(doc, spec.key)
            : undefined;
  return v === undefined || v === '' ? MISSING_KEY : v;
}

/** The codings behind a cell, computed the slow way. */
function naiveCell(study: Study, options: MatrixOptions, row: string, column: string): Set<string> {
  const f = options.filters ?? {};
  const counted = countedCodes(study, f);
  const codes = rowCodes(study, row, counted);
  const all = passing(study, f);
  const out = new Set<string>();
  const spec = options.columns;
  for (const a of all) {
    const mine = a.codes.filter((c) => codes.has(c));
    if (mine.length === 0) {
      continue;
    }
    if (spec.kind === 'factor') {
      const linked = mine.some((x) => study.pathOf(x).some((anc) => study.factorsOf(anc.id).includes(column)));
      if (linked) {
        out.add(a.id);
      }
    } else if (spec.kind === 'code') {
      const colCodes = rowCodes(study, column, counted);
      const hit = all.some(
        (b) =>
          b.doc === a.doc &&
          a.start < b.end &&
          b.start < a.end &&
          mine.some((x) => b.codes.some((y) => colCodes.has(y) && !(b === a && x === y))),
      );
      if (hit) {
        out.add(a.id);
      }
    } else if (docColumnKey(study, a.doc, spec) === column) {
      out.add(a.id);
    }
  }
  return out;
}

function cell(m: MatrixResult, row: string, column: string, which: 'values' | 'codings' = 'values'): number {
  const r = m.rows.findIndex((x) => x.code === row);
  const c = m.columns.findIndex((x) => x.key === column);
  assert.ok(r >= 0 && c >= 0, `cell ${row} × ${column} exists`);
  return m[which][r * m.columns.length + c];
}

function checkAgainstNaive(study: Study, index: MatrixIndex, options: MatrixOptions, checkCellLists = false): MatrixResult {
  const m = computeMatrix(index, options);
  const f = options.filters ?? {};
  const counted = countedCodes(study, f);
  const expectedRows = study.codes
    .filter((c) => (options.rows === 'top' ? c.parent === undefined : true))
    .filter((c) => rowCodes(study, c.id, counted).size > 0)
    .map((c) => c.id);
  assert.deepStrictEqual(new Set(m.rows.map((r) => r.code)), new Set(expectedRows), 'rows');
  const byDoc = new Map(passing(study, f).map((c) => [c.id, c]));
  for (const r of m.rows) {
    let rowAll = new Set<string>();
    for (const col of m.columns) {
      const ids = naiveCell(study, options, r.code, col.key);
      rowAll = new Set([...rowAll, ...ids]);
      const docs = new Set([...ids].map((id) => byDoc.get(id)!.doc));
      const resps = new Set([...docs].map((d) => study.respondentOf(d)).filter((x) => x !== undefined));
      const expected = { codings: ids.size, transcripts: docs.size, respondents: resps.size }[options.measure as 'codings'] ?? ids.size;
      assert.strictEqual(cell(m, r.code, col.key, 'codings'), ids.size, `${options.columns.kind} codings ${r.name} × ${col.label}`);
      if (options.measure === 'codings' || options.measure === 'transcripts' || options.measure === 'respondents') {
        assert.strictEqual(cell(m, r.code, col.key), expected, `${options.measure} ${r.name} × ${col.label}`);
      }
      if (checkCellLists) {
        assert.deepStrictEqual(new Set(cellCodings(index, options, r.code, col.key)), ids, `passages of ${r.name} × ${col.label}`);
      }
    }
    if (options.measure === 'codings') {
      assert.strictEqual(m.rowTotals[m.rows.indexOf(r)], rowAll.size, `row total ${r.name}`);
    }
  }
  return m;
}

// ---------- tests ----------

describe('matrix (src/core/matrix.ts) on the sample study', () => {
  let study: Study;
  let index: MatrixIndex;
  before(async () => {
    study = (await StudyStore.open(new NodeFileSystem(SAMPLE))).study;
    index = new MatrixIndex(study);
  });

  it('code tree × case: every cell, row total and column total equals an independent count', () => {
    const m = checkAgainstNaive(study, index, { rows: 'tree', columns: { kind: 'case' }, measure: 'codings' }, true);
    assert.deepStrictEqual(
      m.columns.map((c) => c.key),
      ['NDS', 'QIHR', 'Focusgroep'],
    );
    assert.strictEqual(m.rows.length, 31, '8 factors + 23 patterns');
    assert.strictEqual(m.grandTotal, [...study.allCodings()].filter((c) => !c.orphaned).length);
    // a parent row is its subtree's total (distinct codings), not its own codings
    const hier = study.codes.find((c) => c.name.startsWith('Hiërarchische'))!.id;
    const subtree = new Set(study.subtree(hier));
    const expected = [...study.allCodings()].filter((c) => c.codes.some((x) => subtree.has(x))).length;
    assert.strictEqual(m.rowTotals[m.rows.findIndex((r) => r.code === hier)], expected);
    // column totals: distinct codings per case
    for (const col of m.columns) {
      const n = [...study.allCodings()].filter((c) => study.caseOf(c.doc) === col.key).length;
      assert.strictEqual(m.columnTotals[m.columns.indexOf(col)], n, `column ${col.key}`);
    }
  });

  it('transcripts and respondents per cell; row % and column %', () => {
    checkAgainstNaive(study, index, { rows: 'tree', columns: { kind: 'case' }, measure: 'transcripts' });
    checkAgainstNaive(study, index, { rows: 'tree', columns: { kind: 'case' }, measure: 'respondents' });
    const rp = computeMatrix(index, { rows: 'tree', columns: { kind: 'case' }, measure: 'rowPercent' });
    const cp = computeMatrix(index, { rows: 'tree', columns: { kind: 'case' }, measure: 'columnPercent' });
    const C = rp.columns.length;
    rp.rows.forEach((_r, i) => {
      let sum = 0;
      for (let c = 0; c < C; c++) {
        sum += rp.values[i * C + c];
        assert.ok(Math.abs(rp.values[i * C + c] - (100 * rp.codings[i * C + c]) / rp.rowTotals[i]) < 1e-9);
        assert.ok(Math.abs(cp.values[i * C + c] - (100 * cp.codings[i * C + c]) / cp.columnTotals[c]) < 1e-9);
      }
      // every coding has exactly one case, so a row's percentages add up to 100
      assert.ok(Math.abs(sum - 100) < 1e-9, `row % sums to 100: ${sum}`);
    });
  });

  it('respondents, transcripts and document attributes as columns', () => {
    const resp = checkAgainstNaive(study, index, { rows: 'tree', columns: { kind: 'respondent' }, measure: 'codings' }, true);
    assert.deepStrictEqual(
      resp.columns.map((c) => c.key),
      ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((x) => `Respondent ${x}`),
    );
    const docs = checkAgainstNaive(study, index, { rows: 'top', columns: { kind: 'transcript' }, measure: 'codings' });
    assert.strictEqual(docs.columns.length, 14);
    assert.strictEqual(docs.columns[0].label, 'A-1');
    const fn = checkAgainstNaive(study, index, {
      rows: 'tree',
      columns: { kind: 'attribute', key: 'function_type' },
      measure: 'respondents',
    });
    assert.ok(fn.columns.some((c) => c.key === 'Uitvoering'));
    // Uitvoering: respondents A and E
    const top = study.children(undefined)[0].id;
    assert.strictEqual(cell(fn, top, 'Uitvoering'), 2);
    const round = checkAgainstNaive(study, index, {
      rows: 'top',
      columns: { kind: 'attribute', key: 'interview' },
      measure: 'transcripts',
    });
    assert.deepStrictEqual(
      round.columns.map((c) => c.key),
      ['1', '2'],
    );
    // an attribute no transcript has: one "no value" column holding everything
    const none = computeMatrix(index, { rows: 'top', columns: { kind: 'attribute', key: 'nope' }, measure: 'codings' });
    assert.deepStrictEqual(
      none.columns.map((c) => c.key),
      [MISSING_KEY],
    );
  });

  it('top-level rows and the filters: polarity, origin, case, coder', () => {
    const top = checkAgainstNaive(study, index, { rows: 'top', columns: { kind: 'case' }, measure: 'codings' }, true);
    assert.strictEqual(top.rows.length, 8);
    const stim = checkAgainstNaive(study, index, {
      rows: 'tree',
      columns: { kind: 'case' },
      measure: 'codings',
      filters: { polarity: ['stimulerend'] },
    });
    assert.ok(stim.rows.every((r) => r.polarity === 'stimulerend'));
    assert.strictEqual(stim.rows.filter((r) => r.depth === 0).length, 4);
    // origin: literature patterns only; their (empirical) factors stay as structure with the literature codes' totals
    const lit = checkAgainstNaive(
      study,
      index,
      { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: { origin: ['literature'] } },
      true,
    );
    assert.ok(
      lit.rows.some((r) => r.origin === 'empirical' && r.depth === 0),
      'factors kept as structure',
    );
    checkAgainstNaive(
      study,
      index,
      { rows: 'tree', columns: { kind: 'respondent' }, measure: 'codings', filters: { cases: ['NDS'] } },
      true,
    );
    const nds = computeMatrix(index, { rows: 'tree', columns: { kind: 'respondent' }, measure: 'codings', filters: { cases: ['NDS'] } });
    assert.deepStrictEqual(
      nds.columns.map((c) => c.key),
      ['Respondent A', 'Respondent B', 'Respondent C'],
    );
    const sam = checkAgainstNaive(
      study,
      index,
      { rows: 'tree', columns: { kind: 'transcript' }, measure: 'codings', filters: { coders: ['sam'] } },
      true,
    );
    const samCount = [...study.allCodings()].filter((c) => c.coder === 'sam').length;
    assert.strictEqual(sam.grandTotal, samCount);
    assert.ok(samCount > 0 && samCount < study.codingCount);
    checkAgainstNaive(study, index, {
      rows: 'top',
      columns: { kind: 'case' },
      measure: 'respondents',
      filters: { polarity: ['belemmerend'], coders: ['eva'], cases: ['QIHR', 'Focusgroep'] },
    });
  });

  it('co-occurrence: codes on overlapping passages, equal to a pairwise count', () => {
    const top = checkAgainstNaive(study, index, { rows: 'top', columns: { kind: 'code' }, measure: 'codings' }, true);
    assert.strictEqual(top.columns.length, 8);
    // hindering and stimulating factors co-occur (the thesis' §5.2 point)
    const belem = top.rows.filter((r) => r.polarity === 'belemmerend').map((r) => r.code);
    const stim = top.rows.filter((r) => r.polarity === 'stimulerend').map((r) => r.code);
    const cross = belem.reduce((n, b) => n + stim.reduce((k, s) => k + cell(top, b, s), 0), 0);
    assert.ok(cross > 0, 'opposite polarities co-occur somewhere');
    checkAgainstNaive(study, index, { rows: 'tree', columns: { kind: 'code' }, measure: 'codings', filters: { coders: ['eva'] } });
  });

  it('literature factors as columns: a coding counts under the factors its codes (or their ancestors) are linked to', () => {
    const m = checkAgainstNaive(study, index, { rows: 'tree', columns: { kind: 'factor' }, measure: 'codings' }, true);
    assert.strictEqual(m.columns.length, 62);
    const mandaat = study.codes.find((c) => c.name === 'mandaat')!.id;
    const rollen = m.columns.find((c) => c.label === 'Duidelijkheid van rollen en verantwoordelijkheden')!.key;
    assert.strictEqual(cell(m, mandaat, rollen), study.countWithCode(mandaat));
  });

  it('factor coverage: factors without evidence and codes linked to no factor, both directions', () => {
    const cov = factorCoverage(index);
    assert.strictEqual(cov.factors.length, 62);
    const all = passing(study, {});
    for (const f of cov.factors) {
      const ev = all.filter((c) => c.codes.some((x) => study.pathOf(x).some((anc) => study.factorsOf(anc.id).includes(f.id))));
      assert.strictEqual(f.total, ev.length, f.name);
      cov.cases.forEach(({ key: k }, i) =>
        assert.strictEqual(f.counts[i], ev.filter((c) => study.caseOf(c.doc) === k).length, `${f.name} × ${k}`),
      );
      assert.strictEqual(f.respondents, new Set(ev.map((c) => study.respondentOf(c.doc))).size);
      assert.deepStrictEqual(new Set(f.codes), new Set(study.codesOfFactor(f.id)));
    }
    const without = cov.factors.filter((f) => study.codesOfFactor(f.id).length === 0).map((f) => f.id);
    assert.deepStrictEqual(
      new Set(cov.factorsWithoutEvidence),
      new Set(without),
      'in the sample every linked code is used, so no evidence = no link',
    );
    assert.ok(without.length > 30, `${without.length} of 62 factors have no evidence`);
    const unlinked = study.codes.filter((c) => study.subtree(c.id).every((x) => study.factorsOf(x).length === 0)).map((c) => c.name);
    assert.deepStrictEqual(
      cov.unlinkedCodes.map((c) => c.name),
      unlinked,
    );
    // the thesis' new patterns are among them
    for (const name of [
      'kortetermijndenken',
      'verbinding',
      'kennisniveau',
      'diversiteit',
      'maatschappelijk belang',
      'begrip',
      'flexibiliteit',
      'laagdrempeligheid',
    ]) {
      assert.ok(unlinked.includes(name), name);
    }
  });

  it('synthesis table: the shape and origins of thesis 000 §5.2, counts per case', function () {
    if (!fs.existsSync(THESIS000)) {
      // Reference data (../shared) is not part of the repository: skip cleanly where it is absent.
      this.skip();
    }
    const syn = synthesisTable(index);
    assert.strictEqual(syn.rows.length, 23);
    const thesis = JSON.parse(fs.readFileSync(THESIS000, 'utf8')) as {
      synthesis_table_5_2: { rows: { code?: string; nieuw: boolean; afkomst_factor: unknown }[] };
    };
    let compared = 0;
    for (const t of thesis.synthesis_table_5_2.rows) {
      if (!t.code) {
        continue; // "Gevoel van urgentie" and "Vermogen om kennisbehoeftes te signaleren" have no code of their own
      }
      const row = syn.rows.find((r) => r.pattern === t.code)!;
      const expected = Array.isArray(t.afkomst_factor)
        ? (t.afkomst_factor as { literature_factor: string }[]).map((f) => f.literature_factor).sort()
        : [];
      assert.deepStrictEqual(row.origins.map((o) => o.name).sort(), expected, t.code);
      assert.strictEqual(row.isNew, t.nieuw, t.code);
      compared++;
    }
    assert.strictEqual(compared, 22);
    for (const r of syn.rows) {
      const sub = new Set(study.subtree(r.patternCode));
      const codings = passing(study, {}).filter((c) => c.codes.some((x) => sub.has(x)));
      syn.cases.forEach(({ key: k }, i) => assert.strictEqual(r.counts[i], codings.filter((c) => study.caseOf(c.doc) === k).length));
      assert.strictEqual(r.total, codings.length);
      assert.strictEqual(r.analysis, study.code(r.patternCode)!.memo ?? '');
      assert.strictEqual(study.code(r.patternCode)!.parent, r.factorCode);
    }
  });

  it('respondent table: the §3.3 columns from the project and the transcripts', function () {
    if (!fs.existsSync(THESIS000)) {
      // Reference data (../shared) is not part of the repository: skip cleanly where it is absent.
      this.skip();
    }
    const rows = respondentRows(study);
    const thesis = JSON.parse(fs.readFileSync(THESIS000, 'utf8')) as {
      respondents_table_3_3: {
        rows: { respondent_id: string; functie_en_organisatie: string; functiesoort: string; aantal_interviews_int: number }[];
      };
    };
    assert.strictEqual(rows.length, 7);
    for (const t of thesis.respondents_table_3_3.rows) {
      const r = rows.find((x) => x.respondent === t.respondent_id)!;
      assert.strictEqual(r.functionAndOrganisation, t.functie_en_organisatie);
      assert.strictEqual(r.functionType, t.functiesoort);
      assert.strictEqual(r.interviews, t.aantal_interviews_int);
    }
  });

  it('updates when the study changes (a new index sees a new coding)', () => {
    const doc = study.documents[0].path;
    const code = study.codes.find((c) => c.name === 'vertrouwen')!.id;
    const before = computeMatrix(index, { rows: 'tree', columns: { kind: 'case' }, measure: 'codings' });
    const s = new Study(study.project, study.documents, [
      ...study.allCodings(),
      {
        id: 'new-one',
        doc,
        coder: 'eva',
        codes: [code],
        start: 10,
        end: 20,
        quote: 'x',
        prefix: '',
        suffix: '',
        created: '2020-01-01T00:00:00Z',
      },
    ]);
    const after = computeMatrix(new MatrixIndex(s), { rows: 'tree', columns: { kind: 'case' }, measure: 'codings' });
    assert.strictEqual(cell(after, code, study.caseOf(doc)!), cell(before, code, study.caseOf(doc)!) + 1);
  });
});

describe('exports (src/core/exports)', () => {
  let study: Study;
  let index: MatrixIndex;
  before(async () => {
    study = (await StudyStore.open(new NodeFileSystem(SAMPLE))).study;
    index = new MatrixIndex(study);
  });

  it('CSV: RFC 4180 quoting, CRLF, UTF-8 with BOM, formulas neutralised, round trip', () => {
    assert.strictEqual(csvField('a,b'), '"a,b"');
    assert.strictEqual(csvField('zei "ja"'), '"zei ""ja"""');
    assert.strictEqual(csvField('twee\nregels'), '"twee\nregels"');
    assert.strictEqual(csvField('hiërarchie'), 'hiërarchie');
    assert.strictEqual(csvField(12), '12');
    assert.strictEqual(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    const table = {
      header: ['Code', 'NDS'],
      rows: [
        ['coördinatie, "mandaat"', 3],
        ['regel\r\nnieuw', 0],
      ],
    };
    const text = toCsv(table);
    assert.ok(text.endsWith('\r\n'));
    assert.deepStrictEqual(parseCsv(text), [
      ['Code', 'NDS'],
      ['coördinatie, "mandaat"', '3'],
      ['regel\r\nnieuw', '0'],
    ]);
    const bytes = csvBytes(table);
    assert.deepStrictEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.deepStrictEqual(parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)), parseCsv(text));
  });

  it('CSV of the matrix reads back to the computed numbers', async () => {
    const options: MatrixOptions = { rows: 'tree', columns: { kind: 'case' }, measure: 'codings' };
    const m = computeMatrix(index, options);
    const rows = parseCsv(new TextDecoder().decode(await exportView({ index }, 'matrix', options, 'csv')));
    assert.deepStrictEqual(rows[0], ['Code', 'NDS', 'QIHR', 'Focusgroep', 'Total']);
    assert.strictEqual(rows.length, 1 + m.rows.length + 1);
    m.rows.forEach((r, i) => {
      assert.strictEqual(rows[i + 1][0], r.path);
      assert.deepStrictEqual(rows[i + 1].slice(1).map(Number), [...Array.from(m.values.subarray(i * 3, i * 3 + 3)), m.rowTotals[i]]);
    });
    assert.deepStrictEqual(rows[rows.length - 1], ['Total', ...Array.from(m.columnTotals, String), String(m.grandTotal)]);
  });

  it('XLSX: a real workbook, one sheet per view, frozen bold headers, grouped code rows — read back with exceljs', async () => {
    const options: MatrixOptions = { rows: 'tree', columns: { kind: 'respondent' }, measure: 'codings' };
    const bytes = await exportView({ index, now: new Date('2021-02-14T10:00:00Z'), creator: 'Eva' }, 'matrix', options, 'xlsx');
    assert.deepStrictEqual([...bytes.slice(0, 2)], [0x50, 0x4b], 'a zip file');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    assert.deepStrictEqual(
      wb.worksheets.map((w) => w.name),
      ['Matrix', 'Factor coverage', 'Codes linked to no literature f', 'Synthesis'],
    );
    assert.strictEqual(wb.creator, 'Eva');
    const ws = wb.getWorksheet('Matrix')!;
    const m = computeMatrix(index, options);
    // row 1: caption, row 2: header, then the codes
    assert.match(String(ws.getCell(1, 1).value), /Kennisdeling/);
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    assert.deepStrictEqual(header, ['Code', ...m.columns.map((c) => c.label), 'Total']);
    assert.ok(ws.getRow(2).font?.bold);
    const view = ws.views[0] as { state: string; ySplit: number; xSplit: number };
    assert.strictEqual(view.state, 'frozen');
    assert.strictEqual(view.ySplit, 2);
    assert.strictEqual(view.xSplit, 1);
    m.rows.forEach((r, i) => {
      const row = ws.getRow(3 + i);
      assert.strictEqual(row.getCell(1).value, r.name, 'diacritics intact');
      assert.strictEqual(row.outlineLevel ?? 0, r.depth);
      for (let c = 0; c < m.columns.length; c++) {
        assert.strictEqual(row.getCell(2 + c).value, m.values[i * m.columns.length + c]);
      }
      assert.strictEqual(row.getCell(2 + m.columns.length).value, m.rowTotals[i]);
    });
    const syn = wb.getWorksheet('Synthesis')!;
    assert.deepStrictEqual((syn.getRow(1).values as unknown[]).slice(1, 6), [
      'Empirical factor',
      'Polarity',
      'Empirical pattern',
      'Origin of the factor',
      'Analysis',
    ]);
    assert.strictEqual(syn.rowCount, 1 + 23);
  });

  it('XLSX and Markdown of the respondent and synthesis tables', async () => {
    const resp = new ExcelJS.Workbook();
    await resp.xlsx.load(Buffer.from(await exportRespondents({ index }, 'xlsx')) as unknown as ArrayBuffer);
    const ws = resp.worksheets[0];
    assert.deepStrictEqual((ws.getRow(1).values as unknown[]).slice(1), [
      'Respondent',
      'Function and organisation',
      'Function type',
      'Network',
      'Number of interviews',
    ]);
    assert.strictEqual(ws.getRow(2).getCell(1).value, 'Respondent A');
    assert.strictEqual(ws.getRow(2).getCell(5).value, 2);
    const md = new TextDecoder().decode(await exportSynthesis({ index }, 'markdown'));
    assert.match(
      md,
      /\| Empirical factor \| Polarity \| Empirical pattern \| Origin of the factor \| Analysis \| NDS \| QIHR \| Focusgroep \| Total \|/,
    );
    assert.match(
      md,
      /\| mandaat \| Duidelijkheid van rollen en verantwoordelijkheden \(Yang & Maxwell, 2011; Gil-Garcia, Chengalur-Smith & Duchessi, 2007\); Gebrek aan coördinatie/,
    );
    assert.match(md, /\| kortetermijndenken \| new \|/);
  });

  it('sheet names follow Excel’s rules', () => {
    const taken = new Set<string>();
    assert.strictEqual(sheetName('a/b:c?', taken), 'a b c');
    assert.strictEqual(sheetName('x'.repeat(40), taken).length, 31);
    assert.strictEqual(sheetName('A B C', taken), 'A B C (2)');
  });

  it('Markdown escapes study text: a hostile code name stays text', () => {
    assert.strictEqual(mdEscape('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert(1)\\>');
    assert.strictEqual(mdEscape('a|b', true), 'a\\|b');
    const md = markdownTable({ header: ['Code', 'n'], rows: [['<img src=x onerror=alert(1)> | *x*', 1]], levels: [1] });
    assert.ok(!/(^|[^\\])<img/.test(md), 'no unescaped tag');
    assert.match(md, /\| --- \| ---: \|/);
    assert.match(md, /\| \u2003\\<img src=x onerror=alert\(1\)\\> \\\| \\\*x\\\* \| 1 \|/);
  });

  it('codebook report: header, hierarchy, definitions, polarity, origin, factors, counts; hostile text escaped', () => {
    const report = codebookReport(index, {
      file: 'kennisdeling/codeboom.json',
      editedBy: 'Eva Jansen',
      date: new Date(2020, 11, 23, 11, 55, 0),
    });
    assert.strictEqual(report.date, '2020-12-23 11:55:00');
    assert.strictEqual(report.entries.length, 31);
    const mandaat = report.entries.find((e) => e.name === 'mandaat')!;
    assert.strictEqual(mandaat.depth, 1);
    assert.strictEqual(mandaat.codings, study.countWithCode(mandaat.id));
    assert.deepStrictEqual(mandaat.factors.map((f) => f.name).sort(), [
      'Duidelijkheid van rollen en verantwoordelijkheden',
      'Gebrek aan coördinatie',
    ]);
    const md = codebookMarkdown(report);
    assert.match(md, /^# Codebook — Kennisdeling/);
    assert.match(md, /\| File \| kennisdeling\/codeboom\.json \|/);
    assert.match(md, /\| Edited by \| Eva Jansen \|/);
    assert.match(md, /^## Hiërarchische inrichting van de rijksoverheid$/m);
    assert.match(md, /^### mandaat$/m);
    assert.match(md, /\*\*Definition:\*\* Gebrek aan mandaat/);
    const html = codebookHtml(report);
    assert.match(html, /<th scope="row">Date\/Time<\/th><td>2020-12-23 11:55:00<\/td>/);
    assert.strictEqual((html.match(/<section /g) ?? []).length, 31);
    assert.strictEqual((html.match(/<\/section>/g) ?? []).length, 31);
    // hostile names
    const hostile = new Study({
      ...emptyProject('<script>x</script>'),
      codes: [{ id: 'h', name: '<img src=x onerror=alert(1)>', color: '" onmouseover="x', definition: 'a & b' }],
    });
    const hr = codebookReport(new MatrixIndex(hostile), { file: 'f', editedBy: '<b>', date: new Date() });
    const h = codebookHtml(hr);
    assert.ok(!h.includes('<img') && !h.includes('<script>x') && !h.includes('<b>'), 'escaped');
    assert.match(h, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.ok(!h.includes('onmouseover="x'), 'colour not injected');
    assert.ok(!/(^|[^\\])<img/m.test(codebookMarkdown(hr)), 'no unescaped tag in Markdown');
    // the extension's export entry point
    assert.match(new TextDecoder().decode(exportCodebook({ index }, 'html', { file: 'f', editedBy: 'e' })), /^<!DOCTYPE html>/);
  });

  it('Gioia data structure from a 3-level tree: SVG (valid XML) and Markdown', () => {
    const codes: Code[] = [];
    const add = (id: string, name: string, parent?: string): void => {
      codes.push({ id, name, color: '#4e79a7', ...(parent ? { parent } : {}) });
    };
    add('d1', 'Voorafgaande factoren');
    add('t1', 'Type data dat wordt gedeeld en nieuw gebruik van data', 'd1');
    add('c1', 'Papieren data van vroeger wordt nu (deels) digitaal gedeeld', 't1');
    add('c2', 'Goed vooraf bepalen welke data gedeeld moet worden en om welke reden', 't1');
    add('t2', 'Eerdere samenwerking', 'd1');
    add('d2', 'Vertrouwen, controle houden, samenwerken');
    add('t3', 'Vertrouwen & <controle>', 'd2');
    add('c3', 'Afspraken vastleggen', 't3');
    const s = new Study({ ...emptyProject('Gioia'), codes });
    const dims = gioiaStructure(s);
    assert.deepStrictEqual(
      dims.map((d) => [d.name, d.themes.map((t) => [t.name, t.concepts.map((c) => c.name)])]),
      [
        [
          'Voorafgaande factoren',
          [
            [
              'Type data dat wordt gedeeld en nieuw gebruik van data',
              [
                'Papieren data van vroeger wordt nu (deels) digitaal gedeeld',
                'Goed vooraf bepalen welke data gedeeld moet worden en om welke reden',
              ],
            ],
            ['Eerdere samenwerking', []],
          ],
        ],
        ['Vertrouwen, controle houden, samenwerken', [['Vertrouwen & <controle>', ['Afspraken vastleggen']]]],
      ],
    );
    const svg = gioiaSvg(dims);
    assert.strictEqual(XMLValidator.validate(svg), true);
    assert.match(svg, /1st-order concepts/);
    assert.match(svg, /Vertrouwen &amp; &lt;controle&gt;/);
    assert.strictEqual((svg.match(/<g class="concept">/g) ?? []).length, 3);
    assert.strictEqual((svg.match(/<g class="theme">/g) ?? []).length, 3);
    assert.strictEqual((svg.match(/<g class="dim">/g) ?? []).length, 2);
    assert.strictEqual((svg.match(/<path /g) ?? []).length, 3 + 3, 'a connector per concept and per theme');
    const md = gioiaMarkdown(dims);
    assert.match(md, /\| 1st-order concepts \| 2nd-order themes \| Aggregate dimensions \|/);
    assert.match(md, /\| • Papieren data van vroeger wordt nu \(deels\) digitaal gedeeld<br>• Goed vooraf/);
    assert.match(md, /\| Vertrouwen & \\<controle\\> \| Vertrouwen, controle houden, samenwerken \|/);
    assert.ok(wrapText('een twee drie vier', 9).every((l) => l.length <= 9));
    // the sample's 2-level codebook: patterns → factors → polarity
    const sampleDims = gioiaStructure(study, DEFAULT_LABELS);
    assert.deepStrictEqual(
      sampleDims.map((d) => [d.name, d.themes.length, d.themes.reduce((n, t) => n + t.concepts.length, 0)]),
      [
        ['hindering', 4, 14],
        ['stimulating', 4, 9],
      ],
    );
  });

  it('matrix Markdown table indents the tree and right-aligns numbers', () => {
    const m = computeMatrix(index, { rows: 'tree', columns: { kind: 'case' }, measure: 'rowPercent' });
    const md = markdownTable(matrixTable(m, DEFAULT_LABELS, undefined, 'name'));
    assert.match(md, /^\| Code \| NDS \| QIHR \| Focusgroep \| Total \(codings\) \|$/m);
    assert.match(md, /^\| --- \| ---: \| ---: \| ---: \| ---: \|$/m);
    assert.match(md, /^\| \u2003mandaat \| \d+\.\d \| \d+\.\d \| \d+\.\d \| 32 \|$/m);
  });
});

// ---------- measurement (numbers are printed, nothing is asserted about time) ----------

export function syntheticStudy(nCodings: number, seed = 7): Study {
  let a = seed;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const codes: Code[] = [];
  for (let d = 0; d < 10; d++) {
    codes.push({ id: `d${d}`, name: `dimension ${d}`, color: '#4e79a7', polarity: d % 2 ? 'stimulerend' : 'belemmerend' });
    for (let t = 0; t < 5; t++) {
      codes.push({ id: `d${d}t${t}`, name: `theme ${d}.${t}`, parent: `d${d}`, color: '#4e79a7' });
      for (let c = 0; c < 5; c++) {
        codes.push({ id: `d${d}t${t}c${c}`, name: `concept ${d}.${t}.${c}`, parent: `d${d}t${t}`, color: '#4e79a7' });
      }
    }
  }
  const factors = Array.from({ length: 62 }, (_v, i) => ({ id: `f${i}`, name: `factor ${i}`, authors: [] }));
  const links = codes.filter((_c, i) => i % 3 === 0).map((c, i) => ({ code: c.id, factor: `f${i % 62}` }));
  const project = {
    ...emptyProject('synthetic'),
    cases: [{ id: 'A' }, { id: 'B' }],
    codes,
    catalogues: [{ id: 'cat', name: 'cat', categories: [{ id: 'g', name: 'g', factors }] }],
    links,
  };
  const docs: TranscriptDocument[] = Array.from({ length: 200 }, (_v, i) => ({
    path: `t/${String(i).padStart(3, '0')}.md`,
    attributes: { case: i % 2 ? 'A' : 'B', respondent: `R${i % 40}`, interview: String(1 + (i % 3)) },
    bodyStart: 0,
    length: 100000,
    title: `t${i}`,
  }));
  const codings: Coding[] = [];
  for (let i = 0; i < nCodings; i++) {
    const start = Math.floor(rnd() * 99000);
    const k = 1 + (rnd() < 0.2 ? 1 : 0);
    const cs = Array.from({ length: k }, () => codes[Math.floor(rnd() * codes.length)].id);
    codings.push({
      id: `c${i}`,
      doc: docs[Math.floor(rnd() * docs.length)].path,
      coder: rnd() < 0.5 ? 'eva' : 'sam',
      codes: [...new Set(cs)],
      start,
      end: start + 50 + Math.floor(rnd() * 400),
      quote: '',
      prefix: '',
      suffix: '',
      created: '',
    });
  }
  return new Study(project, docs, codings);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe('matrix measurement (50,000 synthetic codings; printed, not asserted)', () => {
  it('code × case and friends', function () {
    this.timeout(120000);
    const study = syntheticStudy(50000);
    let t = performance.now();
    const index = new MatrixIndex(study);
    const buildMs = performance.now() - t;
    const time = (options: MatrixOptions, runs = 20): { ms: number; cold: number; m: MatrixResult } => {
      t = performance.now();
      let m = computeMatrix(index, options);
      const cold = performance.now() - t;
      for (let i = 0; i < 5; i++) {
        m = computeMatrix(index, options); // let the JIT settle
      }
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        t = performance.now();
        m = computeMatrix(index, options);
        times.push(performance.now() - t);
      }
      return { ms: median(times), cold, m };
    };
    const rows: [string, MatrixOptions][] = [
      ['code tree (300) × case', { rows: 'tree', columns: { kind: 'case' }, measure: 'codings' }],
      ['top level × case', { rows: 'top', columns: { kind: 'case' }, measure: 'codings' }],
      ['code tree × respondent (40), respondents', { rows: 'tree', columns: { kind: 'respondent' }, measure: 'respondents' }],
      ['code tree × transcript (200)', { rows: 'tree', columns: { kind: 'transcript' }, measure: 'codings' }],
      ['code tree × factor (62)', { rows: 'tree', columns: { kind: 'factor' }, measure: 'codings' }],
      [
        'code tree × case, filtered (polarity + coder)',
        { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: { polarity: ['stimulerend'], coders: ['eva'] } },
      ],
      ['co-occurrence, top level', { rows: 'top', columns: { kind: 'code' }, measure: 'codings' }],
    ];
    console.log(`      index build over ${index.codingCount} codings: ${buildMs.toFixed(1)} ms`);
    for (const [label, options] of rows) {
      const { ms, cold, m } = time(options, options.columns.kind === 'code' ? 5 : 20);
      console.log(
        `      ${label}: ${ms.toFixed(2)} ms median warm, ${cold.toFixed(1)} ms first call; ${m.rows.length} × ${m.columns.length}`,
      );
    }
    // correctness at scale, spot-checked against the slow reference on a few cells
    const m = computeMatrix(index, { rows: 'tree', columns: { kind: 'case' }, measure: 'codings' });
    for (const code of ['d0', 'd3t2', 'd9t4c4']) {
      for (const col of ['A', 'B']) {
        assert.strictEqual(cell(m, code, col), naiveCell(study, m.options, code, col).size, `${code} × ${col}`);
      }
    }
  });
});
