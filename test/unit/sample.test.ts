import * as assert from 'assert';
import * as path from 'path';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import type { Study } from '../../src/core/study';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

describe('sample study (sample/kennisdeling)', () => {
  let study: Study;
  let store: StudyStore;
  before(async () => {
    const opened = await StudyStore.open(new NodeFileSystem(SAMPLE));
    assert.deepStrictEqual(opened.problems, [], 'the sample has no problems');
    assert.deepStrictEqual(opened.reanchored, [], 'every coding is exactly where it was written');
    study = opened.study;
    store = opened.store;
  });

  it('finds every coding’s quote at its anchor', () => {
    for (const c of study.allCodings()) {
      assert.strictEqual(store.text(c.doc)!.slice(c.start, c.end), c.quote, `${c.doc} ${c.id}`);
      assert.ok(!c.orphaned);
    }
  });

  it('has at least 10 transcripts of at least 1,500 words with front matter and speaker turns', () => {
    const docs = study.documents;
    assert.ok(docs.length >= 10, `${docs.length} transcripts`);
    for (const d of docs) {
      const body = store.text(d.path)!.slice(d.bodyStart);
      const words = body.split(/\s+/).filter(Boolean).length;
      assert.ok(words >= 1500, `${d.path}: ${words} words`);
      for (const key of ['case', 'respondent', 'interview', 'function_type', 'date']) {
        assert.ok(d.attributes[key] !== undefined, `${d.path} has ${key}`);
      }
      assert.match(body, /\*\*Interviewer:\*\*/);
      assert.match(body, /\*\*(Respondent [A-F]|Deelnemer \d):\*\*/);
    }
  });

  it('has both cases, respondents A–G and two interviews each', () => {
    assert.deepStrictEqual(study.cases().slice(0, 2), ['NDS', 'QIHR']);
    const respondents = new Set(study.documents.map((d) => study.respondentOf(d.path)));
    for (const r of 'ABCDEFG') {
      assert.ok(respondents.has(`Respondent ${r}`), `Respondent ${r}`);
      assert.strictEqual(study.documents.filter((d) => study.respondentOf(d.path) === `Respondent ${r}`).length, 2);
    }
    const caseOf = (r: string) => study.caseOf(study.documents.find((d) => study.respondentOf(d.path) === r)!.path);
    assert.deepStrictEqual(
      ['A', 'B', 'C'].map((r) => caseOf(`Respondent ${r}`)),
      ['NDS', 'NDS', 'NDS'],
    );
    assert.deepStrictEqual(
      ['D', 'E', 'F'].map((r) => caseOf(`Respondent ${r}`)),
      ['QIHR', 'QIHR', 'QIHR'],
    );
  });

  it('has the codebook of Bijlage B under 8 empirical factors, 4 belemmerend and 4 stimulerend', () => {
    const top = study.children(undefined);
    assert.strictEqual(top.length, 8);
    assert.strictEqual(top.filter((c) => c.polarity === 'belemmerend').length, 4);
    assert.strictEqual(top.filter((c) => c.polarity === 'stimulerend').length, 4);
    const leaves = study.codes.filter((c) => c.parent !== undefined);
    assert.strictEqual(leaves.length, 23);
    assert.ok(
      study.codes.every((c) => (c.definition ?? '').length > 10),
      'every code has a definition',
    );
    assert.strictEqual(
      study.pathLabel(study.codes.find((c) => c.name === 'mandaat')!.id),
      'Hiërarchische inrichting van de rijksoverheid › mandaat',
    );
  });

  it('has the §2.6 catalogue (5 categories, 62 factors) and the mandaat links', () => {
    const [cat] = study.catalogues;
    assert.strictEqual(cat.categories.length, 5);
    assert.strictEqual(
      cat.categories.reduce((n, c) => n + c.factors.length, 0),
      62,
    );
    const mandaat = study.codes.find((c) => c.name === 'mandaat')!;
    const names = study
      .factorsOf(mandaat.id)
      .map((f) => study.factor(f)!.factor.name)
      .sort();
    assert.deepStrictEqual(names, ['Duidelijkheid van rollen en verantwoordelijkheden', 'Gebrek aan coördinatie']);
  });

  it('has at least 200 plausible codings on every code, some overlapping, some with memos, by two coders on two transcripts', () => {
    const all = [...study.allCodings()];
    assert.ok(all.length >= 200, `${all.length} codings`);
    for (const code of study.codes) {
      assert.ok(study.countWithCode(code.id) > 0, `${code.name} is used`);
    }
    for (const d of study.documents) {
      assert.ok(study.codingsOf(d.path).length >= 10, `${d.path} is coded`);
    }
    assert.ok(all.filter((c) => c.memo).length >= 20, 'memos');
    let overlaps = 0;
    for (const d of study.documents) {
      const list = study.codingsOf(d.path).filter((c) => c.coder === 'eva');
      for (let i = 1; i < list.length; i++) {
        if (list[i].start < list[i - 1].end) {
          overlaps++;
        }
      }
    }
    assert.ok(overlaps >= 10, `${overlaps} overlaps`);
    const twoCoders = study.documents.filter((d) => new Set(study.codingsOf(d.path).map((c) => c.coder)).size === 2).map((d) => d.path);
    assert.deepStrictEqual(twoCoders, ['transcripts/A-1.md', 'transcripts/D-1.md']);
    // Plausible: passages coded "middelen" talk about money, capacity or time.
    const middelen = study.codes.find((c) => c.name === 'middelen')!.id;
    const aboutMeans = study
      .codingsWithCode(middelen)
      .filter((c) => /geld|budget|capaciteit|uren|fte|middelen|euro|financ|tijd|formatie|mensen/i.test(c.quote));
    assert.ok(aboutMeans.length / study.countWithCode(middelen) >= 0.8, `${aboutMeans.length}/${study.countWithCode(middelen)}`);
  });
});
