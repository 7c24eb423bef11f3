import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { exportDate } from '../../src/cli';
import { run } from './cliRun';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import type { Study } from '../../src/core/study';
import { MatrixIndex } from '../../src/core/matrix';
import type { MatrixOptions } from '../../src/core/matrix';
import { exportCodebook, exportGioia, exportRespondents, exportSynthesis, exportView } from '../../src/core/exports';
import { codebookFileLabel, exportBaseName, matrixOptionsFromChoices } from '../../src/core/exports/choices';
import { DEFAULT_LABELS } from '../../src/core/exports/labels';
import { parseCsv } from '../../src/core/exports/csv';
import { exportCodebook as refiCodebook } from '../../src/core/refi';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

const tmpDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-cli-'));

/** Runs an export to a file; asserts exit 0 and returns the file's bytes. */
async function exported(what: string, file: string, ...argv: string[]): Promise<Uint8Array> {
  const out = path.join(tmpDir(), file);
  const r = await run('export', what, SAMPLE, '--out', out, ...argv);
  assert.strictEqual(r.code, 0, r.err);
  assert.match(r.err, /written /);
  return new Uint8Array(fs.readFileSync(out));
}

const utf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('CLI (codeboom)', () => {
  it('validates the sample study', async () => {
    const r = await run('validate', SAMPLE);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /^ok: Kennisdeling .* 14 transcripts, 31 codes, 346 codings/);
  });

  it('prints statistics as JSON', async () => {
    const r = await run('stats', SAMPLE, '--json');
    const s = JSON.parse(r.out);
    assert.deepStrictEqual([s.transcripts, s.codes, s.codings, s.literatureFactors], [14, 31, 346, 62]);
    assert.deepStrictEqual(s.codingsPerCoder, { eva: 309, sam: 37 });
  });

  it('exits 1 with the file and JSON path of a problem, 2 on a usage error', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-cli-'));
    fs.cpSync(SAMPLE, tmp, { recursive: true });
    const file = path.join(tmp, '.codeboom/codings/transcripts/B-1.md.eva.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.codings[1].end = 'x';
    fs.writeFileSync(file, JSON.stringify(json));
    const r = await run('validate', tmp);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /problem: \.codeboom\/codings\/transcripts\/B-1\.md\.eva\.json: codings\[1\]\.end: /);
    assert.strictEqual((await run('frobnicate')).code, 2);
    assert.strictEqual((await run('export', 'nothing', SAMPLE)).code, 2);
    assert.strictEqual((await run('validate', path.join(tmp, 'transcripts'))).code, 1);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('validates (exit 0) a study whose transcripts were shortened or deleted on disk, keeping every coding', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-cli-'));
    fs.cpSync(SAMPLE, tmp, { recursive: true });
    const b1 = path.join(tmp, 'transcripts/B-1.md');
    fs.writeFileSync(b1, fs.readFileSync(b1, 'utf8').slice(0, 400));
    fs.rmSync(path.join(tmp, 'transcripts/C-1.md'));
    const r = await run('validate', tmp);
    assert.strictEqual(r.code, 0, r.err);
    // Every coding is kept: those counted plus the orphans (cut away, or of the deleted transcript).
    const m = /13 transcripts, 31 codes, (\d+) codings \(\+(\d+) orphaned\)/.exec(r.out);
    assert.ok(m, r.out);
    assert.strictEqual(Number(m[1]) + Number(m[2]), 346);
    assert.match(
      r.err,
      /note: transcripts\/B-1\.md changed since it was coded — \d+ codings moved, \d+ found approximately, [1-9]\d* orphaned/,
    );
    assert.match(r.err, /note: transcript transcripts\/C-1\.md is missing — its [1-9]\d* codings are kept/);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('exports the agreement report to a file, atomically', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-cli-')), 'agreement.md');
    const r = await run('export', 'agreement', SAMPLE, '--out', out);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(fs.readFileSync(out, 'utf8'), /^# Intercoder agreement: eva × sam/);
  });

  it('exports agreement for chosen codes, transcripts and domains, with the domain view', async () => {
    const r = await run(
      'export',
      'agreement',
      SAMPLE,
      '--codes',
      'Hiërarchische inrichting van de rijksoverheid,Dynamiek',
      '--domains',
      'Hiërarchische inrichting van de rijksoverheid,Dynamiek',
      '--docs',
      'transcripts/A-1',
    );
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /## Krippendorff’s α per semantic domain/);
    assert.match(r.out, /\| Hiërarchische inrichting van de rijksoverheid \| (-?\d\.\d{3}|–.*) \| (-?\d\.\d{3}|–.*) \|/);
    assert.match(r.out, /\| Dynamiek \| /);
    assert.match(r.out, /left out: not chosen/);
    assert.doesNotMatch(r.out, /\| Informele structuur/);
    const half = await run('export', 'agreement', SAMPLE, '--overlap', '50');
    assert.strictEqual(half.code, 0, half.err);
    assert.match(half.out, /## Segment-based agreement \(overlap ≥ 50\.0 %\)/);
    const rolled = await run('export', 'agreement', SAMPLE, '--roll-up');
    assert.strictEqual(rolled.code, 0, rolled.err);
    assert.match(rolled.out, /Rolled up: a parent code’s row counts/);
    const zero = await run('export', 'agreement', SAMPLE, '--overlap', '0');
    assert.strictEqual(zero.code, 2);
    assert.match(zero.err, /--overlap "0" must be a percentage/);
    const bad = await run('export', 'agreement', SAMPLE, '--codes', 'nothing-like-this');
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /--codes: "nothing-like-this" is no code of the study/);
  });

  it('exports the agreement report with --format md (it is Markdown) and as XLSX', async () => {
    const md = await run('export', 'agreement', SAMPLE, '--format', 'md');
    assert.strictEqual(md.code, 0, md.err);
    assert.match(md.out, /^# Intercoder agreement: eva × sam/);
    const bytes = await exported('agreement', 'agreement.xlsx', '--coders', 'eva,sam');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    assert.ok(wb.worksheets.length >= 3, wb.worksheets.map((w) => w.name).join(', '));
  });

  describe('exports of the sample study, byte for byte the core builders with the extension’s English labels', () => {
    let study: Study;
    let index: MatrixIndex;
    const DATE = '2024-05-01T12:00:00';
    const ctx = () => ({ index, labels: DEFAULT_LABELS, creator: 'Eva', now: new Date(DATE) });
    const options = (o: Partial<MatrixOptions>): MatrixOptions => ({
      rows: 'tree',
      columns: { kind: 'case' },
      measure: 'codings',
      filters: {},
      ...o,
    });

    before(async () => {
      study = (await StudyStore.open(new NodeFileSystem(SAMPLE))).study;
      index = new MatrixIndex(study);
    });

    it('matrix: CSV by default, code tree × cases in codings (the panel’s defaults)', async () => {
      const bytes = await exported('matrix', 'matrix.csv');
      assert.deepStrictEqual(bytes, await exportView(ctx(), 'matrix', options({}), 'csv'));
      const rows = parseCsv(utf8(bytes));
      assert.deepStrictEqual(rows[0], ['Code', 'NDS', 'QIHR', 'Focusgroep', 'Total']);
      assert.strictEqual(rows.length, 1 + study.codes.length + 1, 'header, one row per code, totals');
      assert.deepStrictEqual(rows[rows.length - 1].slice(0, 1), ['Total']);
      // to standard output without --out: the same text
      const r = await run('export', 'matrix', SAMPLE);
      assert.strictEqual(r.code, 0, r.err);
      assert.strictEqual(r.out, utf8(bytes).replace(/\r\n$/, '\r') + '\n');
    });

    it('matrix: every dimension, measure and filter of the panel', async () => {
      const cases: Array<[string[], Partial<MatrixOptions>]> = [
        [['--columns', 'respondents', '--measure', 'row%'], { columns: { kind: 'respondent' }, measure: 'rowPercent' }],
        [
          ['--columns', 'transcripts', '--measure', 'transcripts', '--rows', 'top'],
          { columns: { kind: 'transcript' }, measure: 'transcripts', rows: 'top' },
        ],
        [
          ['--columns', 'attribute:function_type', '--measure', 'col%'],
          { columns: { kind: 'attribute', key: 'function_type' }, measure: 'columnPercent' },
        ],
        [['--columns', 'factors', '--measure', 'respondents'], { columns: { kind: 'factor' }, measure: 'respondents' }],
        [['--columns', 'codes'], { columns: { kind: 'code' } }],
        [
          ['--polarity', 'hindering,neutral', '--origin', 'empirical', '--case', 'NDS,QIHR', '--coder', 'eva'],
          { filters: { polarity: ['belemmerend', 'neutral'], origin: ['empirical'], cases: ['NDS', 'QIHR'], coders: ['eva'] } },
        ],
      ];
      for (const [argv, o] of cases) {
        for (const format of ['csv', 'md'] as const) {
          const bytes = await exported('matrix', `m.${format}`, ...argv);
          assert.deepStrictEqual(
            utf8(bytes),
            utf8(await exportView(ctx(), 'matrix', options(o), format === 'md' ? 'markdown' : 'csv')),
            `${argv.join(' ')} ${format}`,
          );
        }
      }
      const md = utf8(await exported('matrix', 'm.md', '--columns', 'respondents', '--polarity', 'belemmerend'));
      assert.match(md, /^# Kennisdeling .* — Matrix\n/);
      assert.match(md, /Columns: Respondents · Measure: Codings · Filters: Polarity: hindering/);
      assert.match(md, /\| Code \| Respondent A \| Respondent B \|/);
    });

    it('matrix and coverage: an XLSX workbook with every view, author and date as given', async () => {
      const bytes = await exported('matrix', 'matrix.xlsx', '--columns', 'respondents', '--edited-by', 'Eva', '--date', DATE);
      const wb = await workbook(bytes);
      assert.deepStrictEqual(
        wb.worksheets.map((w) => w.name),
        ['Matrix', 'Factor coverage', 'Codes linked to no literature f', 'Synthesis'],
      );
      assert.strictEqual(wb.creator, 'Eva');
      assert.strictEqual(wb.created.getTime(), new Date(DATE).getTime());
      const expected = await workbook(await exportView(ctx(), 'matrix', options({ columns: { kind: 'respondent' } }), 'xlsx'));
      for (const [i, ws] of wb.worksheets.entries()) {
        assert.deepStrictEqual(ws.getSheetValues(), expected.worksheets[i].getSheetValues(), ws.name);
      }
      assert.strictEqual(wb.worksheets[0].getRow(2).getCell(2).value, 'Respondent A');
      // The coverage takes no --columns: its workbook's Matrix sheet is the panel's default matrix.
      const cov = await workbook(await exported('coverage', 'coverage.xlsx'));
      const defaults = await workbook(await exportView(ctx(), 'coverage', options({}), 'xlsx'));
      for (const [i, ws] of cov.worksheets.entries()) {
        assert.deepStrictEqual(ws.getSheetValues(), defaults.worksheets[i].getSheetValues(), ws.name);
      }
    });

    it('coverage: factor coverage as CSV and Markdown', async () => {
      const csv = await exported('coverage', 'coverage.csv');
      assert.deepStrictEqual(csv, await exportView(ctx(), 'coverage', options({}), 'csv'));
      assert.deepStrictEqual(parseCsv(utf8(csv))[0].slice(0, 4), ['Category', 'Literature factor', 'Authors', 'Linked codes']);
      const md = utf8(await exported('coverage', 'coverage.md', '--case', 'NDS'));
      assert.strictEqual(md, utf8(await exportView(ctx(), 'coverage', options({ filters: { cases: ['NDS'] } }), 'markdown')));
      assert.match(md, /^# .* — Factor coverage\n/);
      assert.match(md, /## Codes linked to no literature factor/);
    });

    it('synthesis: Markdown by default, CSV and XLSX, with filters', async () => {
      const md = await exported('synthesis', 'synthesis.txt');
      assert.deepStrictEqual(md, await exportSynthesis(ctx(), 'markdown', {}));
      assert.match(
        utf8(md),
        /\| Empirical factor \| Polarity \| Empirical pattern \| Origin of the factor \| Analysis \| NDS \| QIHR \| Focusgroep \| Total \|/,
      );
      const csv = await exported('synthesis', 'synthesis.csv', '--coder', 'sam');
      assert.deepStrictEqual(csv, await exportSynthesis(ctx(), 'csv', { coders: ['sam'] }));
      const wb = await workbook(await exported('synthesis', 'synthesis.xlsx'));
      assert.deepStrictEqual(
        wb.worksheets.map((w) => w.name),
        ['Synthesis'],
      );
      const expected = await workbook(await exportSynthesis(ctx(), 'xlsx', {}));
      assert.deepStrictEqual(wb.worksheets[0].getSheetValues(), expected.worksheets[0].getSheetValues());
    });

    it('respondents: Markdown, CSV and XLSX', async () => {
      const md = await exported('respondents', 'respondents.md');
      assert.deepStrictEqual(md, await exportRespondents(ctx(), 'markdown'));
      assert.match(utf8(md), /\| Respondent \| Function and organisation \| Function type \| Network \| Number of interviews \|/);
      assert.match(utf8(md), /\| Respondent A \|/);
      assert.deepStrictEqual(await exported('respondents', 'respondents.csv'), await exportRespondents(ctx(), 'csv'));
      const wb = await workbook(await exported('respondents', 'r.xlsx', '--format', 'xlsx'));
      assert.strictEqual(wb.worksheets[0].getRow(1).getCell(1).value, 'Respondent');
    });

    it('codebook: Markdown and HTML with the file, editor and date/time header', async () => {
      const meta = { file: codebookFileLabel('kennisdeling'), editedBy: 'Eva' };
      assert.strictEqual(meta.file, 'kennisdeling/codeboom.json');
      const md = await exported('codebook', 'codebook.md', '--edited-by', 'Eva', '--date', DATE);
      assert.deepStrictEqual(utf8(md), utf8(exportCodebook(ctx(), 'markdown', meta)));
      assert.match(utf8(md), /\| File \| kennisdeling\/codeboom\.json \|\n\| Edited by \| Eva \|\n\| Date\/Time \| 2024-05-01 12:00:00 \|/);
      const html = await exported('codebook', 'codebook.html', '--edited-by', 'Eva', '--date', DATE);
      assert.deepStrictEqual(utf8(html), utf8(exportCodebook(ctx(), 'html', meta)));
      assert.match(utf8(html), /^<!DOCTYPE html>/);
    });

    it('codebook: SOURCE_DATE_EPOCH makes the date reproducible; --date wins over it', async () => {
      const saved = process.env.SOURCE_DATE_EPOCH;
      try {
        process.env.SOURCE_DATE_EPOCH = String(Date.parse(DATE) / 1000);
        const a = await exported('codebook', 'a.md', '--edited-by', 'Eva');
        const b = await exported('codebook', 'b.md', '--edited-by', 'Eva');
        assert.deepStrictEqual(a, b);
        assert.match(utf8(a), /\| Date\/Time \| 2024-05-01 12:00:00 \|/);
        assert.match(
          utf8(await exported('codebook', 'c.md', '--edited-by', 'Eva', '--date', '2021-02-14T09:30:00')),
          /\| Date\/Time \| 2021-02-14 09:30:00 \|/,
        );
        process.env.SOURCE_DATE_EPOCH = 'yesterday';
        const r = await run('export', 'codebook', SAMPLE);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /SOURCE_DATE_EPOCH "yesterday" is not a number of seconds/);
      } finally {
        if (saved === undefined) {
          delete process.env.SOURCE_DATE_EPOCH;
        } else {
          process.env.SOURCE_DATE_EPOCH = saved;
        }
      }
      assert.strictEqual(exportDate({}, { SOURCE_DATE_EPOCH: '0' }).getTime(), 0);
    });

    it('gioia: the data structure as SVG and Markdown', async () => {
      const svg = await exported('gioia', 'data-structure.svg');
      assert.deepStrictEqual(svg, exportGioia(ctx(), 'svg'));
      assert.match(utf8(svg), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(utf8(svg), /Data structure — Kennisdeling/);
      const md = await exported('gioia', 'data-structure.md');
      assert.deepStrictEqual(md, exportGioia(ctx(), 'markdown'));
      assert.match(utf8(md), /1st-order concepts/);
    });

    it('qdc: the REFI-QDA codebook', async () => {
      const qdc = await exported('qdc', 'codebook.qdc');
      assert.strictEqual(utf8(qdc), refiCodebook(study));
      assert.match(utf8(qdc), /<CodeBook xmlns="urn:QDA-XML:codebook:1\.0"/);
      assert.strictEqual((utf8(qdc).match(/<Code /g) ?? []).length, study.codes.length);
    });

    it('qdpx: the REFI-QDA project, reproducible with --date', async () => {
      const a = await exported('qdpx', 'a.qdpx', '--date', '2024-05-01T10:00:00Z');
      const b = await exported('qdpx', 'b.qdpx', '--date', '2024-05-01T10:00:00Z');
      assert.deepStrictEqual(a, b, 'same study, same date: the same bytes');
      const files = unzipSync(a);
      const names = Object.keys(files).sort();
      assert.ok(names.includes('project.qde'));
      assert.strictEqual(names.filter((n) => n.startsWith('sources/')).length, study.documents.length);
      const qde = utf8(files['project.qde']);
      assert.match(qde, /<Project [^>]*creationDateTime="2024-05-01T10:00:00\.000Z"/);
      assert.strictEqual((qde.match(/<PlainTextSelection /g) ?? []).length, 346);
    });
  });

  describe('usage errors exit 2 with what is allowed', () => {
    const bad: Array<[string[], RegExp]> = [
      [
        ['export', 'matrix', SAMPLE, '--colums', 'cases'],
        /export matrix has no option --colums; its options: --out, --format, --rows, --columns/,
      ],
      [['export', 'matrix', SAMPLE, '--rows', 'flat'], /--rows "flat" is not one of tree\|top/],
      [
        ['export', 'matrix', SAMPLE, '--columns', 'people'],
        /--columns "people" is not one of cases\|respondents\|transcripts\|attribute:<key>\|factors\|codes/,
      ],
      [['export', 'matrix', SAMPLE, '--columns', 'attribute:age'], /no transcript has that attribute; the attributes are: case, date, /],
      [['export', 'matrix', SAMPLE, '--measure', 'sum'], /--measure "sum" is not one of codings\|transcripts\|respondents\|row%\|col%/],
      [['export', 'matrix', SAMPLE, '--measure'], /--measure needs a value/],
      [
        ['export', 'matrix', SAMPLE, '--polarity', 'good'],
        /--polarity "good" is not one of: belemmerend \(hindering\), stimulerend \(stimulating\), neutral/,
      ],
      [
        ['export', 'synthesis', SAMPLE, '--origin', 'folklore'],
        /--origin "folklore" is not one of: literature, empirical, in-vivo \(in vivo\)/,
      ],
      [['export', 'coverage', SAMPLE, '--case', 'XYZ'], /--case "XYZ" is not one of: NDS, QIHR, Focusgroep/],
      [['export', 'coverage', SAMPLE, '--measure', 'transcripts'], /export coverage has no option --measure/],
      [['export', 'matrix', SAMPLE, '--coder', 'bob'], /--coder "bob" is not one of: eva, sam/],
      [['export', 'matrix', SAMPLE, '--format', 'pdf'], /--format "pdf": export matrix writes csv, xlsx, md/],
      [['export', 'codebook', SAMPLE, '--format', 'csv'], /export codebook writes md, html/],
      [['export', 'qdc', SAMPLE, '--format', 'xml'], /export qdc has one format: leave out --format/],
      [['export', 'respondents', SAMPLE, '--rows', 'top'], /export respondents has no option --rows/],
      [['export', 'codebook', SAMPLE, '--date', 'yesterday'], /--date "yesterday" is not a date\/time; use ISO 8601/],
      [['export', 'qdpx', SAMPLE], /qdpx is a binary file: give --out FILE/],
      [['export', 'matrix', SAMPLE, '--format', 'xlsx'], /matrix as xlsx is a binary file: give --out FILE/],
      [['export', 'matrix', SAMPLE, '--out'], /--out needs a file name/],
      [['export', 'matrix', SAMPLE, 'other'], /takes one study folder, not also "other"/],
      [['export', 'agreement', SAMPLE, '--coders', 'eva,bob'], /--coders "eva,bob" must name two or more coders of the study: eva, sam/],
      [['export', 'toString', SAMPLE], /"toString" is not one of: matrix, coverage, synthesis, respondents, codebook, gioia, qdpx, qdc/],
      [['stats', SAMPLE, '--jsn'], /stats has no option --jsn; its options: --json/],
      [['validate', SAMPLE, '--fix'], /validate has no option --fix/],
    ];
    for (const [argv, message] of bad) {
      it(argv.slice(0, 2).concat(argv.slice(3)).join(' '), async () => {
        const r = await run(...argv);
        assert.strictEqual(r.code, 2, r.err);
        assert.match(r.err, message);
        assert.strictEqual(r.out, '');
      });
    }

    it('help export lists every export with its formats and options', async () => {
      const r = await run('help', 'export');
      assert.strictEqual(r.code, 0);
      for (const what of [
        'matrix',
        'coverage',
        'synthesis',
        'respondents',
        'codebook',
        'gioia',
        'qdpx',
        'qdc',
        'agreement',
        'saturation',
      ]) {
        assert.match(r.out, new RegExp(`^  ${what} `, 'm'), what);
      }
      for (const option of [
        '--rows',
        '--columns',
        '--measure',
        '--polarity',
        '--origin',
        '--case',
        '--coder',
        '--date',
        '--edited-by',
        '--format csv|xlsx|md',
        '--format md|html',
        '--format svg|md',
      ]) {
        assert.ok(r.out.includes(option), option);
      }
      assert.strictEqual((await run('export', '--help')).out, r.out);
    });
  });

  it('exits 3 with the reason when the file cannot be written, and leaves no temporary file', async () => {
    const tmp = tmpDir();
    const blocker = path.join(tmp, 'a-file');
    fs.writeFileSync(blocker, '');
    const r = await run('export', 'matrix', SAMPLE, '--out', path.join(blocker, 'matrix.csv'));
    assert.strictEqual(r.code, 3);
    assert.match(r.err, /^codeboom: cannot write .*a-file\/matrix\.csv: /m);
    assert.deepStrictEqual(fs.readdirSync(tmp), ['a-file']);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('exits 1 when the study cannot give an export (one coder: no agreement)', async () => {
    const tmp = tmpDir();
    fs.cpSync(SAMPLE, tmp, { recursive: true });
    for (const f of fs.readdirSync(path.join(tmp, '.codeboom/codings/transcripts'))) {
      if (f.endsWith('.sam.json')) {
        fs.rmSync(path.join(tmp, '.codeboom/codings/transcripts', f));
      }
    }
    const r = await run('export', 'agreement', tmp);
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.err, /no two coders coded the same transcript/);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('shares the choices with the extension: file names and matrix options', async () => {
    const study = (await StudyStore.open(new NodeFileSystem(SAMPLE))).study;
    assert.deepStrictEqual(matrixOptionsFromChoices(study, {}), {
      value: { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: {} },
    });
    assert.deepStrictEqual(
      matrixOptionsFromChoices(study, { columns: 'Respondents', measure: 'COL%', polarity: 'stimulating,stimulerend', coders: 'sam' }),
      {
        value: {
          rows: 'tree',
          columns: { kind: 'respondent' },
          measure: 'columnPercent',
          filters: { polarity: ['stimulerend'], coders: ['sam'] },
        },
      },
    );
    assert.deepStrictEqual(matrixOptionsFromChoices(study, { origin: ' , ' }), {
      error: '--origin needs a value (a comma-separated list)',
    });
    const opts = { rows: 'tree', columns: { kind: 'attribute', key: 'function_type' }, measure: 'codings' } as const;
    assert.strictEqual(exportBaseName('matrix', opts), 'matrix-function_type');
    assert.strictEqual(exportBaseName('matrix', { ...opts, columns: { kind: 'respondent' } }), 'matrix-respondent');
    assert.strictEqual(exportBaseName('synthesis', opts), 'synthesis');
    assert.strictEqual(codebookFileLabel(undefined), 'codeboom.json');
  });
});

describe('CLI --lang: the core speaks the extension’s bundle of that language', () => {
  it('--lang nl writes Dutch headings (the thesis’s own words), and the next run is English again', async () => {
    const dutch = utf8(await exported('synthesis', 'synthese.md', '--lang', 'nl'));
    assert.match(dutch, /\| Empirische factor \| Polariteit \| Empirisch patroon \| Herkomst van de factor \| Analyse \|/);
    assert.match(dutch, /\| Totaal \|/);
    const english = utf8(await exported('synthesis', 'synthesis.md'));
    assert.match(english, /\| Empirical factor \| Polarity \| Empirical pattern \| Origin of the factor \| Analysis \|/);
  });

  it('--lang nl also translates the study’s refusals and file errors', async () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, 'codeboom.json'));
    const r = await run('validate', dir, '--lang', 'nl');
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /codeboom\.json is een map waar Codeboom een bestand verwacht/);
    const english = await run('validate', dir);
    assert.match(english.err, /codeboom\.json is a folder where Codeboom expects a file/);
  });

  it('an unknown language is a usage error that lists the languages', async () => {
    const r = await run('stats', SAMPLE, '--lang', 'xx');
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /the languages are en, nl/);
  });
});
