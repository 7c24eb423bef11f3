import * as assert from 'assert';
import fc from 'fast-check';
import { overlapShare, segmentAgreement } from '../../src/core/intercoder/segments';
import type { Study } from '../../src/core/study';
import type { Coding } from '../../src/core/model';
import { FRONT, agreementFixture, plainCodes } from './agreementFixture';

const fixture = agreementFixture({ idPrefix: 's', codes: plainCodes(['x'], ['y']), length: FRONT.length + 200 });
const c = (coder: string, code: string, start: number, end: number, orphaned = false): Coding =>
  fixture.c('d.md', coder, code, start, end, orphaned);
const studyOf = (codings: Coding[]): Study => fixture.studyOf(['d.md'], codings);

describe('segment-based agreement (MAXQDA-style)', () => {
  it('matches a segment when the other coder’s segment with the code overlaps it by the threshold', () => {
    // x: eva 0–100, sam 5–100 (overlap 95/100: a match both ways); eva 120–140, sam 130–150 (10/30: no match)
    // y: eva 50–60 only (unmatched); sam's orphaned y is not counted
    const study = studyOf([
      c('eva', 'x', 0, 100),
      c('sam', 'x', 5, 100),
      c('eva', 'x', 120, 140),
      c('sam', 'x', 130, 150),
      c('eva', 'y', 50, 60),
      c('sam', 'y', 50, 60, true),
    ]);
    const r = segmentAgreement(study, 'eva', 'sam', ['d.md'], ['x', 'y']);
    const x = r.perCode[0].figures;
    assert.deepStrictEqual([x.matched, x.unmatched], [2, 2]);
    assert.strictEqual(x.percent, 0.5);
    // Brennan & Prediger with k = 2 codes: (0.5 − 0.5) / 0.5 = 0
    assert.strictEqual(x.kappa, 0);
    assert.deepStrictEqual([r.perCode[1].figures.matched, r.perCode[1].figures.unmatched], [0, 1]);
    assert.deepStrictEqual([r.overall.matched, r.overall.unmatched], [2, 3]);
    // at a 30 % threshold the second pair matches too
    const low = segmentAgreement(study, 'eva', 'sam', ['d.md'], ['x', 'y'], 0.3);
    assert.deepStrictEqual([low.perCode[0].figures.matched, low.perCode[0].figures.unmatched], [4, 0]);
  });

  it('overlap share is symmetric, in [0, 1], and 1 only for the same span', () => {
    const span = fc.tuple(fc.nat(100), fc.integer({ min: 1, max: 50 })).map(([s, l]) => [s, s + l] as [number, number]);
    fc.assert(
      fc.property(span, span, (a, b) => {
        const x = overlapShare(a, b);
        assert.strictEqual(x, overlapShare(b, a));
        assert.ok(x >= 0 && x <= 1);
        assert.strictEqual(x === 1, a[0] === b[0] && a[1] === b[1]);
      }),
    );
  });
});
