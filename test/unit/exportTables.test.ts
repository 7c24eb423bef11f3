/**
 * Exports that scripts and thesis tables can trust: co-occurrence columns named so that repeated
 * code names stay apart, the factor coverage's two tables in every format, and a grand total in
 * the distinct measures that is the distinct count of the whole table.
 */
import * as assert from 'assert';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { StudyStore } from '../../src/core/store';
import { MemoryFileSystem } from '../../src/core/port';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { serializeCodingFile, serializeProject } from '../../src/core/serialize';
import type { Study } from '../../src/core/study';
import type { ColumnSpec, MatrixOptions } from '../../src/core/matrix';
import { MatrixIndex, cellCodings, computeMatrix } from '../../src/core/matrix';
import { exportView } from '../../src/core/exports';
import { parseCsv } from '../../src/core/exports/csv';
import { EXPORTS, exportHelp, main } from '../../src/cli';
import { TRANSCRIPT_A, TRANSCRIPT_D, smallProject } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');
const utf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The small study with two codes named "overig" in different branches, coded on one passage together. */
async function studyWithNamesakes(): Promise<Study> {
  const project = smallProject();
  const fs = new MemoryFileSystem({
    'codeboom.json': serializeProject({
      ...project,
      codes: [
        ...project.codes,
        { id: 'hier-overig', name: 'overig', parent: 'hier', color: '#4e79a7' },
        { id: 'vert-overig', name: 'overig', parent: 'vertrouwen', color: '#59a14f' },
      ],
      links: [...project.links, { code: 'hier-overig', factor: 'f-coord' }, { code: 'vert-overig', factor: 'f-coord' }],
    }),
    'transcripts/A-1.md': TRANSCRIPT_A,
    'transcripts/D-1.md': TRANSCRIPT_D,
    [EVA]: serializeCodingFile(DOC, 'eva', [
      codingOn('geen mandaat', ['mandaat', 'hier-overig'], 'a1'),
      codingOn('middelen en capaciteit', ['middelen', 'vert-overig', 'hier-overig'], 'a2'),
    ]),
  });
  return (await StudyStore.open(fs)).study;
}

describe('exports: co-occurrence columns of codes that share a name', () => {
  let index: MatrixIndex;
  const options: MatrixOptions = { rows: 'tree', columns: { kind: 'code' }, measure: 'codings' };
  const expected = ['hiërarchie', 'mandaat', 'middelen', 'hiërarchie › overig', 'vertrouwen', 'vertrouwen › overig', 'complexiteit'];
  before(async () => {
    index = new MatrixIndex(await studyWithNamesakes());
  });

  it('CSV and Markdown name a repeated code by its path, a unique one by its name', async () => {
    const m = computeMatrix(index, options);
    assert.deepStrictEqual(
      m.columns.map((c) => c.label),
      ['hiërarchie', 'mandaat', 'middelen', 'overig', 'vertrouwen', 'overig', 'complexiteit'],
      'the study has the namesakes',
    );
    const csv = parseCsv(utf8(await exportView({ index }, 'matrix', options, 'csv')));
    assert.deepStrictEqual(csv[0], ['Code', ...expected, 'Total']);
    const md = utf8(await exportView({ index }, 'matrix', options, 'markdown'));
    assert.ok(md.includes(`| Code | ${expected.join(' | ')} | Total |`), md);
  });

  it('XLSX: the Matrix sheet has the same headings', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exportView({ index }, 'matrix', options, 'xlsx')) as unknown as ArrayBuffer);
    assert.deepStrictEqual((wb.getWorksheet('Matrix')!.getRow(2).values as unknown[]).slice(1), ['Code', ...expected, 'Total']);
  });

  it('every heading of a co-occurrence table is unique when the codes’ paths are', async () => {
    const csv = parseCsv(utf8(await exportView({ index }, 'matrix', { ...options, rows: 'top' }, 'csv')));
    assert.strictEqual(new Set(csv[0]).size, csv[0].length);
  });

  it('the factor coverage lists the linked namesakes by their paths', async () => {
    const csv = parseCsv(utf8(await exportView({ index }, 'coverage', options, 'csv')));
    const coord = csv.find((row) => row[1] === 'Gebrek aan coördinatie')!;
    assert.strictEqual(coord[3], 'mandaat, hiërarchie › overig, vertrouwen › overig');
  });
});

describe('exports: the factor coverage, whole in every format, with only the options it honours', () => {
  it('CSV: the factor table, an empty line, the title and the table of codes linked to no factor (as Markdown)', async () => {
    const study = (await StudyStore.open(new NodeFileSystem(SAMPLE))).study;
    const index = new MatrixIndex(study);
    const options: MatrixOptions = { rows: 'tree', columns: { kind: 'case' }, measure: 'codings' };
    const rows = parseCsv(utf8(await exportView({ index }, 'coverage', options, 'csv')));
    const blank = rows.findIndex((r) => r.length === 1 && r[0] === '');
    assert.ok(blank > 1, 'an empty line after the first table');
    assert.deepStrictEqual(rows[blank + 1], ['Codes linked to no literature factor']);
    assert.deepStrictEqual(rows[blank + 2], ['Code', 'NDS', 'QIHR', 'Focusgroep', 'Total']);
    const md = utf8(await exportView({ index }, 'coverage', options, 'markdown'));
    const section = md.slice(md.indexOf('## Codes linked to no literature factor'));
    const mdRows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Code') && !l.startsWith('| ---'));
    assert.strictEqual(rows.length - (blank + 3), mdRows.length, 'as many codes as in Markdown');
    assert.ok(mdRows.length > 0);
  });

  it('help lists for each export exactly the options it takes', () => {
    const help = exportHelp().split('\n');
    for (const [what, spec] of EXPORTS) {
      const start = help.findIndex((l) => l.startsWith(`  ${what} `));
      const end = help.findIndex((l, i) => i > start && (/^ {2}\S/.test(l) || l === ''));
      const listed = help
        .slice(start + 1, end)
        .flatMap((l) => /^ {15}--([\w-]+) /.exec(l)?.[1] ?? [])
        .filter((o) => o !== 'format');
      assert.deepStrictEqual(listed, Object.keys(spec.options), what);
    }
    assert.ok(!EXPORTS.get('coverage')!.options['rows'] && !EXPORTS.get('coverage')!.options['measure']);
  });

  it('export coverage --rows/--columns/--measure is a usage error', async () => {
    for (const option of ['--rows', '--columns', '--measure']) {
      let err = '';
      const code = await main(['export', 'coverage', SAMPLE, option, 'x'], { out: () => undefined, err: (t) => (err += t) });
      assert.strictEqual(code, 2);
      assert.match(err, new RegExp(`export coverage has no option ${option}`));
    }
  });
});

describe('matrix: the grand total of the distinct measures', () => {
  let study: Study;
  let index: MatrixIndex;
  before(async () => {
    study = (await StudyStore.open(new NodeFileSystem(SAMPLE))).study;
    index = new MatrixIndex(study);
  });

  const columns: ColumnSpec[] = [{ kind: 'case' }, { kind: 'respondent' }, { kind: 'transcript' }, { kind: 'factor' }];
  for (const col of columns) {
    for (const measure of ['transcripts', 'respondents'] as const) {
      for (const filters of [{}, { cases: ['NDS'] }, { polarity: ['stimulerend' as const] }]) {
        it(`${col.kind} × ${measure}${Object.keys(filters).length ? ' ' + JSON.stringify(filters) : ''}: distinct over every cell`, () => {
          const options: MatrixOptions = { rows: 'tree', columns: col, measure, filters };
          const m = computeMatrix(index, options);
          const docOf = new Map([...study.allCodings()].map((c) => [c.id, c.doc]));
          const docs = new Set<string>();
          for (const r of m.rows) {
            for (const c of m.columns) {
              for (const id of cellCodings(index, options, r.code, c.key)) {
                docs.add(docOf.get(id)!);
              }
            }
          }
          const respondents = new Set([...docs].flatMap((d) => study.respondentOf(d) ?? []));
          assert.strictEqual(m.grandTotal, measure === 'transcripts' ? docs.size : respondents.size);
          assert.ok(m.grandTotal > 0);
          assert.ok(m.grandTotal <= Math.max(...m.columnTotals) * m.columns.length);
        });
      }
    }
  }

  it('the exported totals row ends with the grand distinct count (CSV, Markdown)', async () => {
    const options: MatrixOptions = { rows: 'tree', columns: { kind: 'case' }, measure: 'respondents' };
    const m = computeMatrix(index, options);
    const csv = parseCsv(utf8(await exportView({ index }, 'matrix', options, 'csv')));
    const total = csv.find((r) => r[0] === 'Total')!;
    assert.strictEqual(total.at(-1), String(m.grandTotal));
    assert.strictEqual(m.grandTotal, study.respondents().length);
    const sum = m.columnTotals.reduce((a, b) => a + b, 0);
    assert.ok(m.grandTotal <= sum);
  });
});
