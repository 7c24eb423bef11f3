import * as assert from 'assert';
import * as path from 'path';
import { agreement, coderPairs, figures } from '../../src/core/agreement';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { Study } from '../../src/core/study';
import type { Coding } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';

const close = (actual: number, expected: number, digits = 3) => assert.strictEqual(actual.toFixed(digits), expected.toFixed(digits));

describe('intercoder agreement', () => {
  // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
  // Communication, Departmental Papers (ASC) 43, section B ("binary data, two observers, no missing
  // data"): observers A = 0 1 0 0 0 0 0 0 1 0 and B = 1 1 1 0 0 1 0 0 0 0 give α = 0.095.
  it('Krippendorff’s α on his published binary example is 0.095', () => {
    const A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const t = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
    A.forEach((a, i) => {
      const b = B[i];
      if (a && b) t.both++;
      else if (a) t.onlyA++;
      else if (b) t.onlyB++;
      else t.neither++;
    });
    close(figures(t).alpha, 0.095);
    close(figures(t).percent, 0.6, 2);
  });

  // Cohen's κ: the worked example of Wikipedia's "Cohen's kappa" article (50 grant proposals read by
  // two readers: yes/yes 20, yes/no 5, no/yes 10, no/no 15): p_o = 0.70, p_e = 0.50, κ = 0.40.
  it('Cohen’s κ on the textbook 20/5/10/15 example is 0.40', () => {
    const f = figures({ both: 20, onlyA: 5, onlyB: 10, neither: 15 });
    close(f.percent, 0.7, 2);
    close(f.kappa, 0.4, 2);
  });

  it('perfect agreement gives 1 everywhere; disjoint coding gives κ ≤ 0', () => {
    const p = figures({ both: 30, onlyA: 0, onlyB: 0, neither: 70 });
    assert.deepStrictEqual([p.percent, p.kappa, p.alpha], [1, 1, 1]);
    const d = figures({ both: 0, onlyA: 30, onlyB: 30, neither: 40 });
    assert.ok(d.kappa < 0 && d.alpha < 0);
  });

  it('counts characters of overlapping codings and lists the disagreeing stretches', () => {
    const project = { ...emptyProject('t'), codes: [{ id: 'x', name: 'x', color: '#000000' }] };
    const text = '---\na: 1\n---\n' + 'abcdefghij'.repeat(10);
    const doc = { path: 'd.md', attributes: {}, bodyStart: 13, length: text.length, title: 'd' };
    const c = (id: string, coder: string, start: number, end: number): Coding => ({
      id,
      doc: 'd.md',
      coder,
      codes: ['x'],
      start,
      end,
      quote: text.slice(start, end),
      prefix: '',
      suffix: '',
      created: 't',
    });
    const study = new Study(project, [doc], [c('1', 'eva', 20, 40), c('2', 'eva', 30, 50), c('3', 'sam', 25, 60)]);
    const r = agreement(study, 'eva', 'sam', () => text);
    assert.deepStrictEqual(r.docs, ['d.md']);
    const f = r.perCode[0].figures;
    // eva covers 20–50, sam 25–60: both 25–50 = 25, only eva 20–25 = 5, only sam 50–60 = 10.
    assert.deepStrictEqual([f.both, f.onlyA, f.onlyB, f.neither], [25, 5, 10, 100 - 40]);
    assert.deepStrictEqual(
      r.disagreements.map((d) => [d.coder, d.start, d.end]),
      [
        ['eva', 20, 25],
        ['sam', 50, 60],
      ],
    );
  });

  it('on the sample study: eva and sam agree substantially on A-1 and D-1', async () => {
    const { study, store } = await StudyStore.open(new NodeFileSystem(path.resolve(__dirname, '../../../sample/kennisdeling')));
    assert.deepStrictEqual(coderPairs(study), [['eva', 'sam']]);
    const r = agreement(study, 'eva', 'sam', (d) => store.text(d));
    assert.deepStrictEqual(r.docs, ['transcripts/A-1.md', 'transcripts/D-1.md']);
    assert.ok(r.overall.kappa > 0.5 && r.overall.kappa < 1, `κ = ${r.overall.kappa}`);
    assert.ok(r.disagreements.length > 5);
  });
});
