// The CLI writes what the extension writes: inside the real extension host, on the sample study,
// every export command of the extension writes one file and the CLI's main() (the same src/cli/
// that dist/cli.js bundles, with no VS Code in it) another, and the two are compared — byte for
// byte for CSV, Markdown, HTML, SVG and .qdc; by content for XLSX (read back with exceljs) and .qdpx
// (unzipped with fflate).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { api, workspaceRoot } from './util';
import { main } from '../../src/cli';
import type { MatrixOptions } from '../../src/core/matrix';
import { DEFAULT_LABELS, labelsFromBundle } from '../../src/core/exports/labels';
import type { Study } from '../../src/core/study';
import { exportLabels, studyExportLabels } from '../../src/matrix/strings';

const utf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The CLI flags of matrix filters (what the panel's checkbox groups choose). */
function filterFlags(filters: MatrixOptions['filters']): string[] {
  const f = filters ?? {};
  return [
    ...(f.polarity?.length ? ['--polarity', f.polarity.join(',')] : []),
    ...(f.origin?.length ? ['--origin', f.origin.join(',')] : []),
    ...(f.cases?.length ? ['--case', f.cases.join(',')] : []),
    ...(f.coders?.length ? ['--coder', f.coders.join(',')] : []),
  ];
}

const MATRICES: ReadonlyArray<{ readonly options: MatrixOptions; readonly flags: readonly string[] }> = [
  { options: { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: {} }, flags: [] },
  {
    options: { rows: 'tree', columns: { kind: 'respondent' }, measure: 'rowPercent', filters: { polarity: ['belemmerend'] } },
    flags: ['--columns', 'respondents', '--measure', 'row%', '--polarity', 'belemmerend'],
  },
  {
    options: { rows: 'tree', columns: { kind: 'attribute', key: 'function_type' }, measure: 'columnPercent', filters: { cases: ['NDS'] } },
    flags: ['--columns', 'attribute:function_type', '--measure', 'col%', '--case', 'NDS'],
  },
  {
    options: { rows: 'top', columns: { kind: 'transcript' }, measure: 'transcripts', filters: { origin: ['empirical', 'in-vivo'] } },
    flags: ['--rows', 'top', '--columns', 'transcripts', '--measure', 'transcripts', '--origin', 'empirical,in-vivo'],
  },
  {
    options: { rows: 'tree', columns: { kind: 'factor' }, measure: 'respondents', filters: {} },
    flags: ['--columns', 'factors', '--measure', 'respondents'],
  },
  {
    options: { rows: 'tree', columns: { kind: 'code' }, measure: 'codings', filters: { coders: ['sam'] } },
    flags: ['--columns', 'codes', '--coder', 'sam'],
  },
];

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Everything a reader of the workbook sees: sheets, cells, number formats, fonts, outline, frozen panes, filters, widths. */
async function workbookContent(bytes: Uint8Array): Promise<unknown> {
  const wb = await workbook(bytes);
  return {
    creator: wb.creator,
    title: wb.title,
    sheets: wb.worksheets.map((ws) => ({
      name: ws.name,
      views: ws.views,
      autoFilter: ws.autoFilter,
      widths: ws.columns?.map((c) => c.width) ?? [],
      rows: ws.getRows(1, ws.rowCount)?.map((r) => ({
        outline: r.outlineLevel,
        font: r.font,
        cells: (r.values as unknown[]).slice(1),
        formats: Array.from({ length: r.cellCount }, (_v, i) => [r.getCell(i + 1).numFmt, r.getCell(i + 1).alignment]),
      })),
    })),
  };
}

describe('CLI parity: the CLI’s exports are the extension’s (real extension host)', () => {
  let dir: string;
  let root: string;
  let editor: string;
  let synthesisFilters: MatrixOptions['filters'];

  before(async () => {
    const { service, matrix } = await api();
    await service.flush();
    root = workspaceRoot().fsPath;
    editor = service.activeCoder.name;
    // the synthesis command exports with the panel's last filters; the CLI gets them as flags
    synthesisFilters = matrix.lastState().options.filters;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-parity-'));
    fs.mkdirSync(path.join(dir, 'ext'));
    fs.mkdirSync(path.join(dir, 'cli'));
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function viaExtension(command: string, args: Record<string, unknown>, file: string): Promise<Uint8Array> {
    const target = vscode.Uri.file(path.join(dir, 'ext', file));
    const written = await vscode.commands.executeCommand<unknown>(command, { ...args, uri: target, target, open: false });
    assert.ok(written, `${command} returned what it wrote`);
    return new Uint8Array(fs.readFileSync(target.fsPath));
  }

  async function viaCli(argv: readonly string[], file: string): Promise<Uint8Array> {
    const out = path.join(dir, 'cli', file);
    let err = '';
    const code = await main(['export', argv[0], root, '--out', out, ...argv.slice(1)], {
      out: () => undefined,
      err: (t) => (err += t + '\n'),
    });
    assert.strictEqual(code, 0, `codeboom export ${argv.join(' ')}: ${err}`);
    return new Uint8Array(fs.readFileSync(out));
  }

  it('the extension’s export labels in English are the CLI’s', () => {
    assert.deepStrictEqual(exportLabels(), DEFAULT_LABELS);
  });

  it('a study in Dutch gets the labels of the extension’s Dutch bundle, as the CLI; one in English the English ones', async () => {
    const { matrix } = await api();
    const nl = JSON.parse(fs.readFileSync(path.join(matrix.extensionUri.fsPath, 'l10n', 'bundle.l10n.nl.json'), 'utf8'));
    const studyIn = (language: string | undefined) => ({ project: { language } }) as unknown as Study;
    const dutch = await studyExportLabels(studyIn('nl'), matrix.extensionUri);
    assert.deepStrictEqual(dutch, labelsFromBundle(nl));
    assert.strictEqual(dutch.empiricalFactor, 'Empirische factor');
    assert.deepStrictEqual(await studyExportLabels(studyIn('en'), matrix.extensionUri), DEFAULT_LABELS);
    assert.deepStrictEqual(await studyExportLabels(studyIn(undefined), matrix.extensionUri), exportLabels());
    assert.deepStrictEqual(await studyExportLabels(studyIn('fr'), matrix.extensionUri), exportLabels());
  });

  it('matrix (every dimension, measure and filter) and coverage: CSV and Markdown byte for byte', async () => {
    let n = 0;
    for (const { options, flags } of MATRICES) {
      for (const [format, ext] of [
        ['csv', 'csv'],
        ['markdown', 'md'],
      ] as const) {
        const file = `matrix-${++n}.${ext}`;
        const a = await viaExtension('codeboom.exportMatrix', { view: 'matrix', options, format }, file);
        const b = await viaCli(['matrix', ...flags, '--format', ext], file);
        assert.strictEqual(utf8(b), utf8(a), `${file}: ${flags.join(' ')}`);
        assert.deepStrictEqual(b, a, file);
      }
    }
    // The coverage honours only the filters (its columns are the cases): the CLI takes only those.
    for (const { options } of [MATRICES[0], MATRICES[2]]) {
      for (const ext of ['csv', 'md'] as const) {
        const file = `coverage-${++n}.${ext}`;
        const a = await viaExtension('codeboom.exportMatrix', { view: 'coverage', options, format: ext === 'md' ? 'markdown' : ext }, file);
        const b = await viaCli(['coverage', ...filterFlags(options.filters), '--format', ext], file);
        assert.strictEqual(utf8(b), utf8(a), file);
      }
    }
  });

  it('matrix, coverage, synthesis and respondents as XLSX: the same workbook', async () => {
    const pairs: Array<[string, string, Record<string, unknown>, string[]]> = [
      ['matrix.xlsx', 'codeboom.exportMatrix', { view: 'matrix', options: MATRICES[1].options }, ['matrix', ...MATRICES[1].flags]],
      [
        'coverage.xlsx',
        'codeboom.exportMatrix',
        // the workbook's Matrix sheet: the panel's options in the extension, the default matrix in the CLI
        { view: 'coverage', options: { ...MATRICES[0].options, filters: MATRICES[3].options.filters } },
        ['coverage', ...filterFlags(MATRICES[3].options.filters)],
      ],
      ['synthesis.xlsx', 'codeboom.exportSynthesis', {}, ['synthesis', ...filterFlags(synthesisFilters)]],
      ['respondents.xlsx', 'codeboom.exportRespondents', {}, ['respondents']],
    ];
    for (const [file, command, args, argv] of pairs) {
      const a = await viaExtension(command, { ...args, format: 'xlsx' }, file);
      const b = await viaCli([...argv, '--edited-by', editor], file);
      const [ca, cb] = [await workbookContent(a), await workbookContent(b)];
      assert.deepStrictEqual(cb, ca, file);
      assert.ok(JSON.stringify(ca).length > 1000, `${file} has content`);
    }
  });

  it('synthesis and respondents as Markdown and CSV byte for byte', async () => {
    for (const [what, command] of [
      ['synthesis', 'codeboom.exportSynthesis'],
      ['respondents', 'codeboom.exportRespondents'],
    ] as const) {
      for (const [format, ext] of [
        ['markdown', 'md'],
        ['csv', 'csv'],
      ] as const) {
        const file = `${what}.${ext}`;
        const a = await viaExtension(command, { format }, file);
        const b = await viaCli([what, ...(what === 'synthesis' ? filterFlags(synthesisFilters) : [])], file);
        assert.strictEqual(utf8(b), utf8(a), file);
      }
    }
  });

  it('codebook report (Markdown, HTML) byte for byte, given the extension’s date/time', async () => {
    for (const [format, ext] of [
      ['markdown', 'md'],
      ['html', 'html'],
    ] as const) {
      const file = `codebook.${ext}`;
      const a = utf8(await viaExtension('codeboom.exportCodebook', { format }, file));
      // the extension writes "now" (to the second, local time): the CLI is given the same moment
      const when = /(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)/.exec(a);
      assert.ok(when, 'a date/time in the header');
      const b = utf8(await viaCli(['codebook', '--edited-by', editor, '--date', `${when[1]}T${when[2]}`], file));
      assert.strictEqual(b, a, file);
    }
  });

  it('Gioia data structure (SVG, Markdown) and the REFI-QDA codebook (.qdc) byte for byte', async () => {
    for (const [format, ext] of [
      ['svg', 'svg'],
      ['markdown', 'md'],
    ] as const) {
      const file = `data-structure.${ext}`;
      const a = await viaExtension('codeboom.exportGioia', { format }, file);
      const b = await viaCli(['gioia'], file);
      assert.strictEqual(utf8(b), utf8(a), file);
    }
    const a = await viaExtension('codeboom.exportRefiCodebook', {}, 'codebook.qdc');
    const b = await viaCli(['qdc'], 'codebook.qdc');
    assert.strictEqual(utf8(b), utf8(a));
    assert.match(utf8(a), /<CodeBook /);
  });

  it('REFI-QDA project (.qdpx): the same files, project.qde the same but for its creation date', async () => {
    const a = unzipSync(await viaExtension('codeboom.exportRefiProject', {}, 'project.qdpx'));
    const b = unzipSync(await viaCli(['qdpx'], 'project.qdpx'));
    assert.deepStrictEqual(Object.keys(b).sort(), Object.keys(a).sort());
    assert.ok(Object.keys(a).filter((n) => n.startsWith('sources/')).length >= 14);
    for (const name of Object.keys(a)) {
      if (name !== 'project.qde') {
        assert.deepStrictEqual(b[name], a[name], name);
      }
    }
    const created = /<Project [^>]*?creationDateTime="([^"]+)"/;
    const [qa, qb] = [utf8(a['project.qde']), utf8(b['project.qde'])];
    assert.ok(created.test(qa) && created.test(qb), 'both have a creation date');
    const normalise = (xml: string): string => xml.replace(created, (m, d: string) => m.replace(d, 'DATE'));
    assert.strictEqual(normalise(qb), normalise(qa));
    // given the extension's creation date, the CLI writes the very same archive
    const same = await viaCli(['qdpx', '--date', created.exec(qa)![1]], 'project-dated.qdpx');
    assert.deepStrictEqual(unzipSync(same)['project.qde'], a['project.qde']);
  });
});
