import * as assert from 'assert';
import fc from 'fast-check';
import { alphaFamily } from '../../src/core/intercoder/family';
import { figures } from '../../src/core/agreement';
import { FRONT, agreementFixture, plainCodes } from './agreementFixture';

// Krippendorff's family per semantic domain (issue 22 §3), on hand-computed fixtures.
const LENGTH = FRONT.length + 100;
const CODES = plainCodes(['D1'], ['s1', 'D1'], ['s2', 'D1'], ['D2'], ['t1', 'D2']);
const { c, studyOf } = agreementFixture({ idPrefix: 'f', codes: CODES, length: LENGTH });

const close = (actual: number, expected: number, digits = 3) => assert.strictEqual(actual.toFixed(digits), expected.toFixed(digits));

// eva: s1 on 0–20, t1 on 50–60; sam: s2 on 0–10, s1 on 10–20, t1 on 50–70.
const PAIR = [
  c('d.md', 'eva', 's1', 0, 20),
  c('d.md', 'eva', 't1', 50, 60),
  c('d.md', 'sam', 's2', 0, 10),
  c('d.md', 'sam', 's1', 10, 20),
  c('d.md', 'sam', 't1', 50, 70),
];

describe('Krippendorff’s family per domain, any number of coders', () => {
  it('α-binary, cu-α and Cu-α per domain on a hand-computed fixture', () => {
    const r = alphaFamily(studyOf(['d.md'], PAIR), { coders: ['eva', 'sam'] });
    const [d1, d2] = r.domains;
    assert.deepStrictEqual([d1.domain, d2.domain], ['D1', 'D2']);
    // D1: both coders saw the domain on exactly 0–20: perfect
    close(d1.binary.alpha, 1);
    // cu-α D1: 0–10 s1 vs s2 (10 units disagree), 10–20 s1 vs s1: o(s1,s2) = o(s2,s1) = 10, o(s1,s1) = 20,
    // n_s1 = 30, n_s2 = 10, n = 40: α = 1 − 39 · 20 / (2 · 30 · 10) = −0.300
    close(d1.cu.alpha, -0.3);
    // D2 binary: both 10, only sam 10, neither 80: the 2×2 formula
    close(d2.binary.alpha, figures({ both: 10, onlyA: 0, onlyB: 10, neither: 80 }).alpha);
    close(d2.binary.alpha, 1 - (199 * 10) / (170 * 30));
    // cu-α D2: only t1 where both applied it: one value only, undefined
    assert.strictEqual(d2.cu.undefinedReason, 'no-variation');
    // Cu-α: where both applied a domain they chose the same one (60–70 only sam: not pairable)
    close(r.across.alpha, 1);
    assert.strictEqual(r.across.pairable, 2 * 30);
  });

  it('a coder who did not code a transcript is missing there, not “did not apply”', () => {
    const withBob = studyOf(['d.md', 'e.md'], [...PAIR, c('e.md', 'bob', 's1', 0, 50), c('e.md', 'eva', 's1', 0, 50)]);
    const r = alphaFamily(withBob, { coders: ['eva', 'sam', 'bob'] });
    assert.deepStrictEqual(r.docs, [
      { doc: 'd.md', missing: ['bob'] },
      { doc: 'e.md', missing: ['sam'] },
    ]);
    // D2 on d.md: eva and sam (bob missing); on e.md: eva and bob (sam missing), 100 units neither.
    // Were a missing coder "did not apply", e.md would add 3-value units: the 2×2 formula would not hold.
    close(r.domains[1].binary.alpha, figures({ both: 10, onlyA: 0, onlyB: 10, neither: 180 }).alpha, 9);
    assert.deepStrictEqual(
      r.perDoc.map((p) => p.doc),
      ['d.md', 'e.md'],
    );
    close(r.perDoc[1].alpha.alpha, 1);
  });

  it('orphaned and front-matter codings count nowhere; a code only orphaned is “never applied”', () => {
    const s = studyOf(['d.md'], [...PAIR, c('d.md', 'eva', 's2', 30, 40, true), { ...c('d.md', 'sam', 's2', 0, 0), start: 0, end: 5 }]);
    const r = alphaFamily(s, { coders: ['eva', 'sam'], codes: ['s1', 's2', 't1'] });
    const base = alphaFamily(studyOf(['d.md'], PAIR), { coders: ['eva', 'sam'], codes: ['s1', 's2', 't1'] });
    assert.deepStrictEqual(r, base);
    const onlyOrphans = alphaFamily(studyOf(['d.md'], [...PAIR.slice(0, 1), PAIR[2], c('d.md', 'eva', 't1', 50, 60, true)]), {
      coders: ['eva', 'sam'],
    });
    assert.strictEqual(onlyOrphans.domains[1].binary.undefinedReason, 'never-applied');
    assert.ok(Number.isNaN(onlyOrphans.domains[1].binary.alpha));
  });

  const codings = fc.array(
    fc.record({
      coder: fc.constantFrom('eva', 'sam', 'bob'),
      code: fc.constantFrom('s1', 's2', 't1'),
      start: fc.nat(99),
      len: fc.integer({ min: 1, max: 40 }),
      doc: fc.constantFrom('d.md', 'e.md'),
    }),
    { maxLength: 25 },
  );

  it('properties: symmetric in coder order; identical coders give α = 1 wherever it is defined', () => {
    fc.assert(
      fc.property(codings, (list) => {
        const all = list.map((x) => c(x.doc, x.coder, x.code, x.start, Math.min(100, x.start + x.len)));
        const study = studyOf(['d.md', 'e.md'], all);
        const a = alphaFamily(study, { coders: ['eva', 'sam', 'bob'] });
        const b = alphaFamily(study, { coders: ['bob', 'eva', 'sam'] });
        const alphas = (r: typeof a): number[] => [
          ...r.perCode.map((p) => p.alpha.alpha),
          ...r.domains.flatMap((d) => [d.binary.alpha, d.cu.alpha]),
          r.across.alpha,
        ];
        alphas(a).forEach((x, i) => {
          const y = alphas(b)[i];
          assert.ok(Number.isNaN(x) ? Number.isNaN(y) : Math.abs(x - y) < 1e-9, `${x} vs ${y}`);
        });
        // sam copies eva: every defined α is 1
        const copy = studyOf(
          ['d.md', 'e.md'],
          all.filter((x) => x.coder === 'eva').flatMap((x) => [x, { ...x, id: `${x.id}s`, coder: 'sam' }]),
        );
        const same = alphaFamily(copy, { coders: ['eva', 'sam'] });
        for (const x of alphas(same)) {
          assert.ok(Number.isNaN(x) || Math.abs(x - 1) < 1e-9, `${x}`);
        }
      }),
    );
  });
});

describe('the family and the pair report agree', () => {
  it('on the sample study, each code’s α-binary for eva and sam is the pair report’s α', async () => {
    const path = await import('path');
    const { StudyStore } = await import('../../src/core/store');
    const { NodeFileSystem } = await import('../../src/node/nodeFileSystem');
    const { agreement } = await import('../../src/core/agreement');
    const { study, store } = await StudyStore.open(new NodeFileSystem(path.resolve(__dirname, '../../../sample/kennisdeling')));
    const pair = agreement(study, 'eva', 'sam', (d) => store.text(d));
    const family = alphaFamily(study, { coders: ['eva', 'sam'] });
    assert.deepStrictEqual(
      family.docs.map((d) => d.doc),
      pair.docs,
    );
    const defined = pair.perCode.filter((p) => p.figures.undefinedReason === undefined);
    assert.ok(defined.length > 5);
    for (const p of defined) {
      const f = family.perCode.find((x) => x.code === p.code);
      assert.ok(f && Math.abs(f.alpha.alpha - p.figures.alpha) < 1e-9, `${p.code}: ${f?.alpha.alpha} vs ${p.figures.alpha}`);
    }
  });
});

describe('the agreement export for a team of three', () => {
  it('writes Krippendorff’s family for three coders (κ is for two), in Markdown and XLSX', async () => {
    const { exportSpec } = await import('../../src/core/exports/registry');
    const { MatrixIndex } = await import('../../src/core/matrix');
    const { DEFAULT_LABELS } = await import('../../src/core/exports/labels');
    const study = studyOf(['d.md', 'e.md'], [...PAIR, c('e.md', 'bob', 's1', 0, 50), c('e.md', 'eva', 's1', 0, 40)]);
    const spec = exportSpec('agreement')!;
    const input = { study, index: new MatrixIndex(study), labels: DEFAULT_LABELS, coders: ['eva', 'sam', 'bob'], now: new Date(0) };
    const md = new TextDecoder().decode(await spec.build(input, 'markdown'));
    assert.match(md, /^# Intercoder agreement: eva × sam × bob/);
    assert.match(md, /\| D1 \| \d\.\d{3} \| -?\d\.\d{3} \|/);
    assert.match(md, /\| D2 \| \d\.\d{3} \| – \(undefined \(0\/0\): only one value occurs/);
    assert.match(md, /\| e\.md \| \d\.\d{3} \| sam \|/);
    assert.doesNotMatch(md, /κ/);
    const xlsx = await spec.build(input, 'xlsx');
    assert.strictEqual(new TextDecoder().decode(xlsx.slice(0, 2)), 'PK');
  });
});
