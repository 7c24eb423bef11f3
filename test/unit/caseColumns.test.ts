// A transcript without a case is counted in a "(no value)" column. Every table that has case columns
// (matrix, factor coverage, codes without factor, synthesis) names that column with the label, never
// with the internal key, in every format and in the panel's model.
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { MatrixIndex, MISSING_KEY, factorCoverage, synthesisTable } from '../../src/core/matrix';
import { analysisTables } from '../../src/core/exports';
import { DEFAULT_LABELS } from '../../src/core/exports/labels';
import { DEFAULT_MATRIX_OPTIONS } from '../../src/core/matrix';
import { serializeCodingFile } from '../../src/core/serialize';
import { makeAnchor } from '../../src/core/anchor';
import { smallStudyFs, offsetOf } from './helpers';

const NO_CASE = `---
respondent: Respondent X
interview: 1
---

**Respondent X:** Er is geen mandaat, maar het vertrouwen is groot.
`;

async function studyWithATranscriptWithoutCase(): Promise<MatrixIndex> {
  const [s, e] = offsetOf(NO_CASE, 'geen mandaat');
  const coding = {
    id: '00000000-0000-4000-8000-000000000001',
    doc: 'transcripts/X-1.md',
    coder: 'eva',
    codes: ['mandaat'],
    ...makeAnchor(NO_CASE, s, e),
    created: '2024-05-01T12:00:00.000Z',
  };
  const fs = smallStudyFs({
    'transcripts/X-1.md': NO_CASE,
    '.codeboom/codings/transcripts/X-1.md.eva.json': serializeCodingFile(coding.doc, 'eva', [coding]),
  });
  const opened = await StudyStore.open(fs);
  assert.deepStrictEqual(
    opened.problems.filter((p) => p.severity !== 'warning'),
    [],
  );
  return new MatrixIndex(opened.study);
}

describe('case columns: the "(no value)" column is named by its label everywhere', () => {
  it('coverage and synthesis mark the column without a case as missing, with a label', async () => {
    const index = await studyWithATranscriptWithoutCase();
    for (const cases of [factorCoverage(index).cases, synthesisTable(index).cases]) {
      const none = cases.find((c) => c.key === MISSING_KEY);
      assert.ok(none, 'there is a column for the transcripts without a case');
      assert.strictEqual(none.missing, true);
      assert.ok(cases.filter((c) => c !== none).every((c) => !c.missing && c.label === c.key));
    }
  });

  it('no exported table heading carries the internal key; the column is called "(no value)"', async () => {
    const index = await studyWithATranscriptWithoutCase();
    const tables = analysisTables({ index, labels: DEFAULT_LABELS }, DEFAULT_MATRIX_OPTIONS);
    for (const table of [...tables.matrix, ...tables.coverage, ...tables.synthesis, tables.matrixForCsv]) {
      assert.ok(!table.header.some((h) => String(h).includes('\u0000')), `${table.title}: ${JSON.stringify(table.header)}`);
      assert.ok(table.header.includes(DEFAULT_LABELS.noValue), `${table.title} has the (no value) column`);
    }
  });
});
