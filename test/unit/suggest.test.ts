import * as assert from 'assert';
import * as path from 'path';
import fc from 'fast-check';
import { Study } from '../../src/core/study';
import { emptyProject } from '../../src/core/model';
import type { Code, Coding, ProjectData, TranscriptDocument } from '../../src/core/model';
import {
  PassageIndex,
  SuggestModel,
  analyzer,
  evaluate,
  loadStemmers,
  proposalKey,
  proposeCodings,
  respondentTurns,
  suggestLanguage,
  suggesterFor,
  words,
} from '../../src/core/suggest';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { run } from './cliRun';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

const code = (id: string, name: string, parent?: string, extra: Partial<Code> = {}): Code => ({
  id,
  name,
  parent,
  color: '#888888',
  ...extra,
});

function project(codes: Code[], language = 'nl'): ProjectData {
  return { ...emptyProject('t'), language, codes };
}

const doc = (p: string): TranscriptDocument => ({ path: p, attributes: {}, bodyStart: 0, length: 10_000, title: p });

let n = 0;
function coding(docPath: string, codes: string[], quote: string, extra: Partial<Coding> = {}): Coding {
  n++;
  return {
    id: `c${n}`,
    doc: docPath,
    coder: 'eva',
    codes,
    start: n * 10,
    end: n * 10 + 5,
    quote,
    prefix: '',
    suffix: '',
    created: '2020-01-01T00:00:00Z',
    ...extra,
  };
}

/** A study where the right answer is obvious: money passages are coded budget, trust passages vertrouwen. */
function handMade(): Study {
  const codes = [
    code('top1', 'Middelen'),
    code('budget', 'budget', 'top1', { aliases: ['geld'] }),
    code('top2', 'Dynamiek'),
    code('trust', 'vertrouwen', 'top2', { definition: 'Of deelnemers op elkaar rekenen.' }),
    code('mandate', 'mandaat', 'top1'),
  ];
  const codings = [
    coding('a.md', ['budget'], 'Er was geen budget voor de pilots, alles moest uit eigen potjes betaald worden.'),
    coding('a.md', ['budget'], 'De financiering van het netwerk liep via potjes van de ministeries.'),
    coding('b.md', ['budget'], 'Zonder financiering kun je geen pilots draaien, de potjes zijn leeg.'),
    coding('a.md', ['trust'], 'Ik kon blind op de collega’s in het kernteam bouwen, dat gaf rust.'),
    coding('b.md', ['trust'], 'Je moet op elkaar kunnen bouwen, anders deel je niks met collega’s.'),
    coding('b.md', ['mandate'], 'We hadden geen formeel mandaat van de directie, dus niemand kon besluiten nemen.'),
  ];
  return new Study(project(codes), [doc('a.md'), doc('b.md'), doc('c.md')], codings);
}

before(() => loadStemmers());

describe('code suggestions: text analysis', () => {
  it('folds diacritics and case, drops stop words and stems by language', () => {
    assert.deepStrictEqual(words('De Hiërarchie is het probleem', 'nl'), ['hierarchie', 'probleem']);
    const nl = analyzer('nl');
    assert.deepStrictEqual(nl.terms('mandaten'), nl.terms('mandaat'));
    assert.deepStrictEqual(nl.terms('bevoegdheden'), nl.terms('bevoegdheid'));
    const en = analyzer('en');
    assert.deepStrictEqual(en.terms('the networks were sharing'), en.terms('network shared'));
    assert.deepStrictEqual(analyzer('nl', false).terms('mandaten'), ['mandaten'], 'no stemming for the plain baseline');
    // Letters of any script are words; punctuation and numbers are not.
    assert.deepStrictEqual(words('Ελλάδα – 2020, naïef!', 'nl'), ['ελλαδα', 'naief']);
  });

  it('takes the study language from the setting, else from the passages', () => {
    assert.strictEqual(suggestLanguage('en-GB', ['de het een']), 'en');
    assert.strictEqual(suggestLanguage(undefined, ['we hadden het er over dat de kennis niet werd gedeeld']), 'nl');
    assert.strictEqual(suggestLanguage(undefined, ['we talked about how the knowledge was not shared with them']), 'en');
  });
});

describe('code suggestions: the engine', () => {
  it('ranks by similar coded passages and says why, with the most similar passage', () => {
    const study = handMade();
    const s = suggesterFor(study);
    assert.strictEqual(s.built, false, 'built lazily, not when made');
    const money = s.suggest('De pilots werden betaald uit potjes van de regio.');
    assert.strictEqual(s.built, true);
    assert.strictEqual(money[0].code, 'budget');
    assert.match(money[0].reason, /like 3 passages coded budget/);
    assert.ok(money[0].example && /potjes/.test(money[0].example.quote));
    const trust = s.suggest('Met die collega’s kon ik bouwen op elkaar.');
    assert.strictEqual(trust[0].code, 'trust');
  });

  it('confidence is the code’s share of the evidence: high for a clear case, lower where codes compete, never all 100 %', () => {
    const study = handMade();
    const s = suggesterFor(study);
    const clear = s.suggest('Er was geen budget, de pilots werden betaald uit eigen potjes.');
    const contested = s.suggest('Zonder budget kun je niet op elkaar bouwen met de collega’s.');
    for (const list of [clear, contested]) {
      const sum = list.reduce((t, x) => t + x.confidence, 0);
      assert.ok(list.every((x) => x.confidence > 0 && x.confidence <= 1));
      assert.ok(Math.abs(sum - 1) < 1e-9, 'the shares of one passage add up to 1');
      assert.ok(
        list.every((x, i) => i === 0 || x.confidence <= list[i - 1].confidence),
        'ordered as ranked',
      );
    }
    assert.deepStrictEqual([clear[0].code, clear[0].confidence], ['budget', 1], 'the only code with evidence holds all of it');
    assert.ok(contested.length >= 2 && contested[0].confidence < 1, 'where codes compete, none has all the evidence');
    assert.ok(clear[0].confidence > contested[0].confidence);
  });

  it('scores neighbours by TF-IDF over both term-frequency norms: Σ idf² · q · p / (|q| · |p|)', () => {
    const index = new PassageIndex();
    index.add('short', 'a.md', ['x'], '', ['budget', 'pilot']);
    index.add('long', 'a.md', ['y'], '', ['budget', 'pilot', 'pilot', 'regio', 'netwerk', 'kennis']);
    index.add('other', 'b.md', ['z'], '', ['kennis', 'netwerk']);
    index.add('common', 'b.md', ['z'], '', ['netwerk', 'pilot']);
    const idf = (df: number) => Math.log(4 / df);
    assert.strictEqual(index.idf('budget'), idf(2));
    assert.strictEqual(index.idf('missing'), 0);
    const found = index.search(['budget', 'pilot', 'pilot'], 10);
    assert.deepStrictEqual(
      found.map((n) => n.passage.id),
      ['short', 'long', 'common'],
      'the short passage with both words first; one without any query word not found',
    );
    const q = Math.sqrt(1 + 4);
    const expected = {
      short: (idf(2) ** 2 * 1 * 1 + idf(3) ** 2 * 2 * 1) / (q * Math.sqrt(2)),
      long: (idf(2) ** 2 * 1 * 1 + idf(3) ** 2 * 2 * 2) / (q * Math.sqrt(1 + 4 + 1 + 1 + 1)),
      common: (idf(3) ** 2 * 2 * 1) / (q * Math.sqrt(2)),
    };
    for (const n of found) {
      assert.ok(Math.abs(n.score - expected[n.passage.id as keyof typeof expected]) < 1e-12, n.passage.id);
    }
    index.remove('short');
    assert.deepStrictEqual(
      index.search(['budget'], 10).map((n) => [n.passage.id, n.score]),
      [['long', (Math.log(3) ** 2 * 1) / Math.sqrt(8)]],
      'the norms and idf follow a removal',
    );
  });

  it('adds the name, alias and definition match, and the codebook path at level top', () => {
    const study = handMade();
    const s = suggesterFor(study);
    const byName = s.suggest('Het ging steeds over geld.');
    assert.strictEqual(byName[0].code, 'budget', 'alias match');
    assert.match(byName[0].reason, /name match/);
    const def = s.suggest('De deelnemers moesten rekenen op toezeggingen.');
    assert.ok(def.some((x) => x.code === 'trust' && x.definitionMatch && /definition match/.test(x.reason)));
    const top = s.suggest('Er was geen mandaat en geen budget.', { level: 'top' });
    assert.strictEqual(top[0].code, 'top1', 'budget and mandaat both vote for Middelen');
    assert.ok(!top.some((x) => x.code === 'budget'), 'only top-level codes at level top');
  });

  it('follows coding changes incrementally: add, recode, remove, undo', () => {
    const study = handMade();
    const s = suggesterFor(study);
    const q = 'Het ministerie stuurt een brief over de subsidie.';
    assert.ok(!s.suggest(q).some((x) => x.code === 'mandate'));
    const c = coding('c.md', ['mandate'], 'De subsidie van het ministerie kwam met een brief zonder mandaat.');
    study.transact('add', [{ kind: 'addCoding', coding: c }]);
    assert.strictEqual(s.suggest(q)[0].code, 'mandate');
    study.transact('recode', [{ kind: 'updateCoding', id: c.id, patch: { codes: ['trust'] } }]);
    assert.strictEqual(s.suggest(q)[0].code, 'trust');
    study.undo();
    study.undo();
    assert.ok(!s.suggest(q).some((x) => x.code === 'mandate' || x.code === 'trust'));
    assert.ok(!s.suggest('De potjes waren leeg', { skipCoding: undefined, exclude: new Set(['budget']) }).some((x) => x.code === 'budget'));
  });

  it('incremental model == fresh build after any sequence of coding operations (property)', () => {
    const texts = [
      'geen budget voor pilots',
      'vertrouwen in collega’s',
      'mandaat van de directie',
      'potjes en financiering',
      'kennis delen in het netwerk',
      'de hiërarchie remt',
    ];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        doc: fc.constantFrom('a.md', 'b.md', 'c.md'),
        text: fc.constantFrom(...texts),
        codes: fc.subarray(['budget', 'trust', 'mandate'], { minLength: 1 }),
      }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant('recode' as const),
        pick: fc.nat(),
        codes: fc.subarray(['budget', 'trust', 'mandate'], { minLength: 1 }),
      }),
      fc.record({ kind: fc.constant('orphan' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('undo' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const study = handMade();
        const s = suggesterFor(study);
        s.ensure();
        for (const o of ops) {
          const all = [...study.allCodings()];
          const target = 'pick' in o && all.length ? all[o.pick % all.length] : undefined;
          if (o.kind === 'add') {
            study.transact('add', [{ kind: 'addCoding', coding: coding(o.doc, o.codes, o.text) }]);
          } else if (o.kind === 'remove' && target) {
            study.transact('remove', [{ kind: 'removeCoding', id: target.id }]);
          } else if (o.kind === 'recode' && target) {
            study.transact('recode', [{ kind: 'updateCoding', id: target.id, patch: { codes: o.codes } }]);
          } else if (o.kind === 'orphan' && target) {
            study.transact('orphan', [{ kind: 'updateCoding', id: target.id, patch: { orphaned: true } }]);
          } else if (o.kind === 'undo') {
            study.undo();
          }
        }
        const fresh = new SuggestModel(analyzer('nl'));
        for (const c of study.allCodings()) {
          if (!c.orphaned) {
            fresh.addCoding(c);
          }
        }
        const model = s.ensure();
        assert.deepStrictEqual(model.index.snapshot(), fresh.index.snapshot());
        assert.deepStrictEqual(model.profiles.snapshot(), fresh.profiles.snapshot());
        assert.deepStrictEqual(model.frequencies(), fresh.frequencies());
        for (const t of texts) {
          assert.deepStrictEqual(
            s.suggest(t),
            fresh.rank(study, t).filter((x) => study.code(x.code)),
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('code suggestions: the evaluation', () => {
  it('leave-one-transcript-out on the hand-made study: every measure a fraction, baselines beside it', async () => {
    const e = await evaluate(handMade(), 'leaf');
    assert.strictEqual(e.passages, 6);
    for (const x of [e, e.baselines.frequent, e.baselines.knn]) {
      for (const v of [x.hit1, x.hit3, x.mrr]) {
        assert.ok(v >= 0 && v <= 1);
      }
      assert.ok(x.hit1 <= x.hit3 && x.hit1 <= x.mrr && x.mrr <= 1);
    }
  });

  it('counts a passage coded by several codings as one multi-label passage, for the engine and both baselines', async () => {
    // Every passage is coded budget and trust by two codings of the same range (as a REFI import
    // of ATLAS.ti or the Scrum coding gives them): any ranking that puts either code first is right.
    const codes = [code('budget', 'budget'), code('trust', 'vertrouwen'), code('mandate', 'mandaat')];
    const texts: Array<[string, string]> = [
      ['a.md', 'Er was geen budget voor de pilots, alles moest uit eigen potjes betaald worden.'],
      ['a.md', 'Ik kon blind op de collega’s in het kernteam bouwen, dat gaf rust.'],
      ['b.md', 'Zonder financiering kun je geen pilots draaien, de potjes zijn leeg.'],
      ['b.md', 'Je moet op elkaar kunnen bouwen, anders deel je niks met collega’s.'],
      ['c.md', 'De potjes van de regio betaalden de pilots, maar collega’s bouwden mee.'],
    ];
    const codings = texts.flatMap(([d, quote], i) => [
      coding(d, ['budget'], quote, { start: i * 100, end: i * 100 + quote.length }),
      coding(d, ['trust'], quote, { start: i * 100, end: i * 100 + quote.length }),
    ]);
    const study = new Study(project(codes), [doc('a.md'), doc('b.md'), doc('c.md')], codings);
    for (const level of ['leaf', 'top'] as const) {
      const e = await evaluate(study, level);
      assert.strictEqual(e.passages, 5, 'five passages, not ten rows');
      for (const [name, s] of [
        ['engine', e],
        ['most frequent', e.baselines.frequent],
        ['plain kNN', e.baselines.knn],
      ] as const) {
        assert.deepStrictEqual([name, s.hit1, s.hit3, s.mrr], [name, 1, 1, 1]);
      }
    }
  });

  it('beats the most-frequent-code and the plain TF-IDF kNN baselines on the sample study, at both levels', async () => {
    const { study } = await StudyStore.open(new NodeFileSystem(SAMPLE));
    for (const level of ['leaf', 'top'] as const) {
      const e = await evaluate(study, level);
      assert.ok(e.passages > 300, `${e.passages} passages`);
      assert.ok(e.hit1 > e.baselines.frequent.hit1 + 0.2, `${level}: ${JSON.stringify(e)}`);
      assert.ok(e.hit1 > e.baselines.knn.hit1, `${level}: ${JSON.stringify(e)}`);
      assert.ok(e.hit3 >= e.baselines.knn.hit3 && e.mrr > e.baselines.knn.mrr, `${level}: ${JSON.stringify(e)}`);
    }
  });
});

describe('codeboom suggest', () => {
  it('--evaluate --json prints one object with the issue’s fields, fractions between 0 and 1', async () => {
    const r = await run('suggest', SAMPLE, '--evaluate', '--json', '--level', 'top');
    assert.strictEqual(r.code, 0, r.err);
    const e = JSON.parse(r.out) as Record<string, unknown> & { baselines: Record<string, Record<string, number>> };
    assert.deepStrictEqual(Object.keys(e).sort(), ['baselines', 'hit1', 'hit3', 'level', 'mrr', 'passages']);
    assert.strictEqual(e.level, 'top');
    assert.deepStrictEqual(Object.keys(e.baselines).sort(), ['frequent', 'knn']);
    for (const s of [e as unknown as Record<string, number>, e.baselines.frequent, e.baselines.knn]) {
      assert.deepStrictEqual(
        ['hit1', 'hit3', 'mrr'].map((k) => typeof s[k] === 'number' && s[k] >= 0 && s[k] <= 1),
        [true, true, true],
      );
    }
  });

  it('prints both levels as a table, suggests for a passage, and refuses a wrong command line', async () => {
    const table = await run('suggest', 'evaluate', SAMPLE);
    assert.strictEqual(table.code, 0, table.err);
    assert.match(table.out, /level top: \d+ coded passages[\s\S]*plain TF-IDF kNN[\s\S]*level leaf:/);
    const text = await run('suggest', SAMPLE, '--text', 'Er is geen formeel mandaat');
    assert.match(text.out.split('\n')[0], /› mandaat\s+— like \d+ passages coded mandaat · name match/);
    for (const [argv, message] of [
      [['suggest', SAMPLE], /either --evaluate or --text/],
      [['suggest', SAMPLE, '--evaluate', '--level', 'mid'], /--level is top or leaf/],
      [['suggest', SAMPLE, '--evaluate', '--jsn'], /suggest has no option --jsn/],
    ] as const) {
      const r = await run(...argv);
      assert.deepStrictEqual([r.code, message.test(r.err)], [2, true], r.err);
    }
  });
});

describe('code suggestions: proposals for a transcript', () => {
  const text = [
    '# Interview',
    '',
    '**Interviewer:** Hoe werden de pilots betaald?',
    '',
    '**Respondent A:** [00:01:02] Uit potjes van de regio, er was geen budget.',
    '',
    '**Respondent A:** Ik kon bouwen op de collega’s in het kernteam.',
    '',
    '**Respondent A:** Het weer was mooi.',
  ].join('\n');

  it('finds the respondents’ turns without the label, time marker or the interviewer', () => {
    const turns = respondentTurns(text, 0).map((t) => text.slice(t.start, t.end));
    assert.deepStrictEqual(turns, [
      'Uit potjes van de regio, er was geen budget.',
      'Ik kon bouwen op de collega’s in het kernteam.',
      'Het weer was mooi.',
    ]);
  });

  it('proposes the best code per uncoded turn, skips coded turns and rejected proposals', () => {
    const study = handMade();
    const s = suggesterFor(study);
    const first = proposeCodings(study, s, 'c.md', text);
    assert.deepStrictEqual(
      first.map((p) => [p.passage.slice(0, 12), p.code]),
      [
        ['Uit potjes v', 'budget'],
        ['Ik kon bouwe', 'trust'],
      ],
      'nothing for a turn like no coded passage',
    );
    assert.ok(first.every((p) => p.confidence > 0 && p.confidence <= 1 && p.reason));
    const [budget, trust] = first;
    study.transact('code', [
      { kind: 'addCoding', coding: coding('c.md', ['budget'], budget.passage, { start: budget.start, end: budget.end }) },
    ]);
    const rejected = new Set([proposalKey('c.md', trust.passage, 'trust')]);
    const second = proposeCodings(study, s, 'c.md', text, { rejected });
    assert.ok(!second.some((p) => p.start === budget.start), 'a coded turn is not proposed');
    assert.ok(!second.some((p) => p.code === 'trust'), 'a rejected proposal is not made again');
  });
});
