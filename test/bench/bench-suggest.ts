/**
 * Code suggestions (src/core/suggest) on the large study (50,000 codings): suggesting for one
 * selection against the old name/alias/definition match (what the picker did before), the first
 * build against nothing, one coding change (the model follows it) against building it afresh; and
 * the engine's accuracy on the sample study (leave-one-transcript-out) against its two baselines.
 * Reported, not asserted.
 */
import * as path from 'path';
import { Study } from '../../src/core/study';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { suggestCodes } from '../../src/core/coding';
import { StudySuggester, evaluate, loadStemmers } from '../../src/core/suggest';
import type { Coding } from '../../src/core/model';
import type { Row } from './bench';
import { stats, time } from './bench';
import { rng } from './generate';
import { scrumStudy } from './scrumStudy';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

export default async function benchSuggest(ctx: { study: Study }): Promise<Row[]> {
  await loadStemmers();
  // A copy: the changes measured here must not reach the other measures' study.
  const study = new Study(ctx.study.project, ctx.study.documents, [...ctx.study.allCodings()]);
  const n = study.codingCount;
  const all = [...study.allCodings()];
  const random = rng(18);
  const selections = Array.from({ length: 200 }, () => all[Math.floor(random() * all.length)].quote);
  let i = 0;
  const build = await time(3, () => new StudySuggester(study).ensure());
  const suggester = new StudySuggester(study);
  suggester.ensure();
  const suggest = await time(200, () => suggester.suggest(selections[i++ % selections.length], { limit: 5 }));
  i = 0;
  const nameOnly = await time(200, () => suggestCodes(study, selections[i++ % selections.length]));
  const doc = all[0].doc;
  const change = await time(50, () => {
    const c: Coding = { ...all[Math.floor(random() * all.length)], id: `bench-${i++}`, doc };
    study.transact('bench', [{ kind: 'addCoding', coding: c }]);
    suggester.ensure();
  });
  const model = suggester.ensure();
  const alone = await time(200, () => {
    const c: Coding = { ...all[Math.floor(random() * all.length)], id: `bench-alone-${i++}` };
    model.addCoding(c);
    model.removeCoding(c.id);
  });
  suggester.dispose();
  const rows: Row[] = [
    row(
      'suggest.select',
      `suggest codes for one selection (${n} codings)`,
      suggest,
      'ms',
      { name: 'name match only (old picker)', samples: nameOnly },
      '< 10 ms',
      10,
    ),
    row('suggest.build', `build the suggestion model on first use (${n} codings)`, build, 'ms', undefined, 'lazy; < 2 s', 2000),
    row(
      'suggest.model',
      `the model alone: add and remove one coding (${n} codings)`,
      alone,
      'ms',
      { name: 'fresh build', samples: build },
      '< 1 ms',
      1,
    ),
    row(
      'suggest.update',
      `one new coding reaches the model (${n} codings)`,
      change,
      'ms',
      { name: 'fresh build', samples: build },
      '< 5 ms',
      5,
      'the transaction and the transcript’s resync',
    ),
  ];
  const { study: sample } = await StudyStore.open(new NodeFileSystem(SAMPLE));
  const scrum = scrumStudy();
  const studies: Array<[string, Study]> = [
    ['sample study', sample],
    ...(scrum ? [['reference Scrum study (real coding)', scrum] as [string, Study]] : []),
  ];
  for (const [name, evaluated] of studies) {
    rows.push(...(await accuracyRows(name, evaluated)));
  }
  return rows;
}

async function accuracyRows(name: string, study: Study): Promise<Row[]> {
  const rows: Row[] = [];
  for (const level of ['top', 'leaf'] as const) {
    const e = await evaluate(study, level);
    const pct = (x: number) => Math.round(x * 1000) / 10;
    rows.push({
      id: `suggest.accuracy.${name.startsWith('sample') ? '' : 'scrum.'}${level}`,
      measure: `suggestion hit@1, level ${level}, ${name}, leave-one-transcript-out (${e.passages} passages; hit@3 ${pct(e.hit3)}%, MRR ${e.mrr.toFixed(3)}; plain kNN hit@3 ${pct(e.baselines.knn.hit3)}%, MRR ${e.baselines.knn.mrr.toFixed(3)}; most frequent code hit@1 ${pct(e.baselines.frequent.hit1)}%, hit@3 ${pct(e.baselines.frequent.hit3)}%, MRR ${e.baselines.frequent.mrr.toFixed(3)})`,
      median: pct(e.hit1),
      p95: pct(e.hit1),
      unit: '%',
      baseline: { name: 'plain TF-IDF kNN (k=15)', median: pct(e.baselines.knn.hit1) },
      goal: '≥ baseline + 5 points',
      met: e.hit1 - e.baselines.knn.hit1 >= 0.05,
    });
  }
  return rows;
}

function row(
  id: string,
  measure: string,
  samples: number[],
  unit: string,
  baseline: { name: string; samples: number[] } | undefined,
  goal: string,
  limit: number,
  note?: string,
): Row {
  const s = stats(samples);
  return {
    id,
    measure,
    ...s,
    unit,
    baseline: baseline ? { name: baseline.name, median: stats(baseline.samples).median } : undefined,
    goal,
    met: s.p95 < limit,
    note,
  };
}
