/**
 * One counting rule: orphaned codings, and codings of a missing transcript, are not counted in any
 * analysis number (their text is unknown); the views show them beside the numbers. Every count
 * function gives on a study with such codings exactly what it gives on the same study without them.
 */
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { serializeCodingFile } from '../../src/core/serialize';
import type { Coding } from '../../src/core/model';
import type { Study } from '../../src/core/study';
import { isCounted, uncountedOf } from '../../src/core/counting';
import { codeCounts, factorEvidence } from '../../src/core/codebookOps';
import { MatrixIndex, computeMatrix, factorCoverage, synthesisTable } from '../../src/core/matrix';
import type { ColumnSpec, Measure } from '../../src/core/matrix';
import { codebookReport } from '../../src/core/exports/codebook';
import { exportView } from '../../src/core/exports';
import { quotationsOf, quotationsReport } from '../../src/core/quotations';
import { agreement } from '../../src/core/agreement';
import { saturation } from '../../src/core/saturation';
import { statistics } from '../../src/cli';
import { TRANSCRIPT_A, TRANSCRIPT_D, smallStudyFs } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

const D = 'transcripts/D-1.md';
const GONE = 'transcripts/Z-9.md';

/** A coding whose text is gone from its transcript: it stays an orphan when the study is opened. */
function orphan(id: string, codes: string[], coder = 'eva', doc = DOC): Coding {
  return {
    id,
    doc,
    coder,
    codes,
    start: 40,
    end: 40,
    quote: 'deze passage is er niet meer',
    prefix: '',
    suffix: '',
    created: '2020-10-06T10:00:00.000Z',
    orphaned: true,
  };
}

function files(withUncounted: boolean): Record<string, string> {
  const onD = (quote: string, codes: string[], id: string, coder: string): Coding => ({
    ...codingOn(quote, codes, id, coder, TRANSCRIPT_D),
    doc: D,
  });
  const a = [
    codingOn('geen mandaat', ['mandaat'], 'a1'),
    codingOn('middelen en capaciteit', ['middelen', 'mandaat'], 'a2'),
    codingOn('vertrouwen tussen de leden', ['vertrouwen'], 'a3'),
  ];
  const aSam = [
    codingOn('geen mandaat om besluiten', ['mandaat'], 's1', 'sam'),
    codingOn('vertrouwen tussen', ['vertrouwen'], 's2', 'sam'),
  ];
  const d = [onD('Quantum is complex en abstract', ['complex'], 'd1', 'eva'), onD('het kennisniveau is laag', ['middelen'], 'd2', 'eva')];
  const out: Record<string, string> = {
    [EVA]: serializeCodingFile(DOC, 'eva', withUncounted ? [...a, orphan('o1', ['mandaat']), orphan('o2', ['complex', 'middelen'])] : a),
    '.codeboom/codings/transcripts/A-1.md.sam.json': serializeCodingFile(
      DOC,
      'sam',
      withUncounted ? [...aSam, orphan('o3', ['vertrouwen'], 'sam')] : aSam,
    ),
    '.codeboom/codings/transcripts/D-1.md.eva.json': serializeCodingFile(
      D,
      'eva',
      withUncounted ? [...d, orphan('o4', ['complex'], 'eva', D)] : d,
    ),
  };
  if (withUncounted) {
    // The codings of a transcript that is missing: kept, not counted.
    out['.codeboom/codings/transcripts/Z-9.md.eva.json'] = serializeCodingFile(GONE, 'eva', [
      { ...codingOn('geen mandaat', ['mandaat'], 'z1'), doc: GONE },
    ]);
  }
  return out;
}

const plain = <T>(x: T): unknown =>
  JSON.parse(
    JSON.stringify(x, (_k, v: unknown) =>
      v instanceof Map ? [...v] : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v,
    ),
  );
const withoutUncountedField = (m: Map<string, { own: number; total: number }>): unknown => [...m].map(([k, v]) => [k, v.own, v.total]);

describe('one counting rule: orphans are not counted in analysis numbers', () => {
  let full: Study;
  let clean: Study;
  before(async () => {
    full = (await StudyStore.open(smallStudyFs(files(true)))).study;
    clean = (await StudyStore.open(smallStudyFs(files(false)))).study;
    assert.strictEqual(full.readOnly, false);
    assert.strictEqual(uncountedOf(full, full.allCodings()), 5, 'four orphans and one coding of a missing transcript');
    assert.deepStrictEqual(
      [...full.allCodings()]
        .filter((c) => !isCounted(full, c))
        .map((c) => c.id)
        .sort(),
      ['o1', 'o2', 'o3', 'o4', 'z1'],
    );
  });

  it('code counts (code tree, literature factors view) leave them out and report them apart, rolled up like the totals', () => {
    const counts = codeCounts(full);
    assert.deepStrictEqual(withoutUncountedField(counts), withoutUncountedField(codeCounts(clean)));
    assert.deepStrictEqual(
      withoutUncountedField(codeCounts(full, full.codingsOf(DOC))),
      withoutUncountedField(codeCounts(clean, clean.codingsOf(DOC))),
    );
    assert.strictEqual(counts.get('mandaat')!.uncounted, 2, 'o1 and z1');
    assert.strictEqual(counts.get('hier')!.uncounted, 3, 'o1, z1 and o2 (middelen), each once');
    assert.strictEqual(counts.get('complex')!.uncounted, 2);
    assert.deepStrictEqual(plain(factorEvidence(full)), plain(factorEvidence(clean)));
  });

  it('matrix, coverage, synthesis and the codebook export leave them out', () => {
    const fi = new MatrixIndex(full);
    const ci = new MatrixIndex(clean);
    assert.strictEqual(fi.codingCount, ci.codingCount);
    assert.strictEqual(fi.uncounted, 5);
    const columns: ColumnSpec[] = [{ kind: 'case' }, { kind: 'respondent' }, { kind: 'transcript' }, { kind: 'factor' }, { kind: 'code' }];
    const measures: Measure[] = ['codings', 'transcripts', 'respondents'];
    for (const col of columns) {
      for (const measure of measures) {
        const a = computeMatrix(fi, { rows: 'tree', columns: col, measure });
        const b = computeMatrix(ci, { rows: 'tree', columns: col, measure });
        assert.deepStrictEqual(
          plain([a.values, a.rowTotals, a.columnTotals, a.grandTotal]),
          plain([b.values, b.rowTotals, b.columnTotals, b.grandTotal]),
          `${col.kind} ${measure}`,
        );
      }
    }
    assert.deepStrictEqual(plain(factorCoverage(fi)), plain(factorCoverage(ci)));
    assert.deepStrictEqual(plain(synthesisTable(fi)), plain(synthesisTable(ci)));
    const meta = { file: 'x', editedBy: 'eva', date: new Date(0) };
    assert.deepStrictEqual(codebookReport(fi, meta).entries, codebookReport(ci, meta).entries);
  });

  it('exports say so in a note line, and otherwise hold the same numbers', async () => {
    const options = { rows: 'tree' as const, columns: { kind: 'case' as const }, measure: 'codings' as const };
    const a = new TextDecoder().decode(await exportView({ index: new MatrixIndex(full) }, 'matrix', options, 'markdown'));
    const b = new TextDecoder().decode(await exportView({ index: new MatrixIndex(clean) }, 'matrix', options, 'markdown'));
    assert.match(a, /5 orphaned codings \(text changed or transcript missing\) are not counted\./);
    assert.doesNotMatch(b, /orphaned/);
    // the note is a footnote below the table (the table's header stays where it was)
    assert.strictEqual(a.replace(/\n\*[^\n]*orphaned[^\n]*\*\n/g, ''), b);
  });

  it('the quotations export leaves them out with a note; agreement and saturation leave them out', () => {
    const q = (s: Study): string => quotationsReport(s, 'hier', quotationsOf(s, 'hier', { subtree: true }));
    const a = q(full);
    assert.match(a, /\*3 orphaned codings \(text changed or transcript missing\) are not counted\.\*/);
    assert.doesNotMatch(a, /deze passage is er niet meer/);
    assert.strictEqual(a.replace(/\*3 orphaned[^\n]*\n\n/, ''), q(clean));
    const text = (doc: string): string | undefined => (doc === DOC ? TRANSCRIPT_A : doc === D ? TRANSCRIPT_D : undefined);
    // the numbers are the same; the report says how many orphaned codings it left out (issue 22)
    const numbers = (r: ReturnType<typeof agreement>): unknown => ({
      docs: r.docs,
      perCode: r.perCode.filter((p) => p.figures.undefinedReason === undefined),
      overall: r.overall,
      mean: r.mean,
      disagreements: r.disagreements,
    });
    const withOrphans = agreement(full, 'eva', 'sam', text);
    assert.deepStrictEqual(numbers(withOrphans), numbers(agreement(clean, 'eva', 'sam', text)));
    assert.ok(
      withOrphans.orphaned.some((o) => o.count > 0),
      'the orphaned codings are counted apart',
    );
    assert.deepStrictEqual(saturation(full), saturation(clean));
  });

  it('the CLI statistics count them apart', () => {
    const a = statistics(full);
    const b = statistics(clean);
    assert.deepStrictEqual([a['codings'], a['codingsPerCoder']], [b['codings'], b['codingsPerCoder']]);
    assert.strictEqual(a['orphaned'], 5);
  });
});
