import * as assert from 'assert';
import { agreement, agreementMarkdown } from '../../src/core/agreement';
import { Study } from '../../src/core/study';
import type { Coding, TranscriptDocument } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';

// Issue 22 §1: the defects of the agreement report, each on a small hand-made study.
const FRONT = '---\na: 1\n---\n'; // 13 characters of front matter
const BODY = 'abcdefghij'.repeat(10); // 100 characters of body
const TEXT = FRONT + BODY;

function doc(path: string): TranscriptDocument {
  return { path, attributes: {}, bodyStart: FRONT.length, length: TEXT.length, title: path };
}

let n = 0;
function coding(doc: string, coder: string, code: string, start: number, end: number, orphaned = false): Coding {
  return {
    id: `c${++n}`,
    doc,
    coder,
    codes: [code],
    start,
    end,
    quote: TEXT.slice(start, end),
    prefix: '',
    suffix: '',
    created: 't',
    ...(orphaned ? { orphaned } : {}),
  };
}

function studyOf(docs: string[], codings: Coding[]): Study {
  const codes = ['x', 'y', 'z'].map((id) => ({ id, name: id, color: '#000000' }));
  return new Study({ ...emptyProject('t'), codes }, docs.map(doc), codings);
}

describe('intercoder agreement: the defects of issue 22 §1', () => {
  it('a code whose only codings are orphaned is undefined ("–" with the reason), not 100 %, and not in the overall figure', () => {
    const study = studyOf(
      ['d.md'],
      [
        coding('d.md', 'eva', 'x', 20, 40),
        coding('d.md', 'sam', 'x', 25, 45),
        coding('d.md', 'eva', 'y', 50, 60, true),
        coding('d.md', 'sam', 'y', 50, 60, true),
      ],
    );
    const r = agreement(study, 'eva', 'sam', () => TEXT);
    const y = r.perCode.find((p) => p.code === 'y');
    assert.ok(y, 'the orphaned-only code is listed, with its reason');
    assert.strictEqual(y.figures.undefinedReason, 'never-applied');
    assert.ok(Number.isNaN(y.figures.percent) && Number.isNaN(y.figures.kappa) && Number.isNaN(y.figures.alpha));
    const x = r.perCode.find((p) => p.code === 'x')!.figures;
    assert.deepStrictEqual([r.overall.both, r.overall.onlyA, r.overall.onlyB, r.overall.neither], [x.both, x.onlyA, x.onlyB, x.neither]);
    assert.strictEqual(r.overall.kappa, x.kappa);
    assert.strictEqual(r.mean.codes, 1);
    const md = agreementMarkdown(study, r);
    assert.match(md, /\| y \| – \| – \| – \|.*never applied/);
  });

  it('states for every transcript whether it is included and why, and the orphaned codings left out per coder', () => {
    const study = studyOf(
      ['both.md', 'eva-only.md', 'none.md'],
      [
        coding('both.md', 'eva', 'x', 20, 40),
        coding('both.md', 'sam', 'x', 20, 40),
        coding('both.md', 'sam', 'x', 60, 70, true),
        coding('both.md', 'sam', 'y', 70, 80, true),
        coding('eva-only.md', 'eva', 'x', 20, 40),
        coding('eva-only.md', 'eva', 'x', 50, 55, true),
      ],
    );
    const r = agreement(study, 'eva', 'sam', () => TEXT);
    assert.deepStrictEqual(
      r.transcripts.map((t) => [t.doc, t.included, t.reason]),
      [
        ['both.md', true, 'coded-by-both'],
        ['eva-only.md', false, 'not-coded-by-b'],
        ['none.md', false, 'coded-by-neither'],
      ],
    );
    assert.deepStrictEqual(r.orphaned, [
      { coder: 'eva', count: 0 },
      { coder: 'sam', count: 2 },
    ]);
    const both = r.transcripts[0];
    // how far each coder got: the last coded character, as a share of the body
    assert.deepStrictEqual(
      both.coders.map((c) => [c.coder, c.codings, c.orphaned, c.codedTo]),
      [
        ['eva', 1, 0, (40 - FRONT.length) / BODY.length],
        ['sam', 1, 2, (40 - FRONT.length) / BODY.length],
      ],
    );
    const md = agreementMarkdown(study, r);
    assert.match(md, /> Intercoder agreement was assessed for two coders \(eva and sam\) on 1 transcript both coded \(both\.md\)\./);
    assert.match(md, /Per semantic domain \(3 domains\), Krippendorff’s α-binary was 1\.000 and cu-α –; Cu-α over the domains was –\./);
    assert.match(md, /eva-only\.md.*not coded by sam/);
    assert.match(md, /none\.md.*coded by neither/);
    assert.match(md, /sam: 2/);
  });

  it('codings in the front matter do not count: the tables add up to the body’s characters', () => {
    const study = studyOf(
      ['d.md'],
      [
        coding('d.md', 'eva', 'x', 0, 30), // 13 front-matter characters + 17 of the body
        coding('d.md', 'sam', 'x', 5, 30),
        coding('d.md', 'eva', 'z', 2, 10), // only in the front matter
        coding('d.md', 'sam', 'y', 40, 50),
      ],
    );
    const r = agreement(study, 'eva', 'sam', () => TEXT);
    for (const { code, figures: f } of r.perCode) {
      assert.strictEqual(f.both + f.onlyA + f.onlyB + f.neither, BODY.length, code);
    }
    const x = r.perCode.find((p) => p.code === 'x')!.figures;
    assert.deepStrictEqual([x.both, x.onlyA, x.onlyB], [17, 0, 0]);
    assert.strictEqual(r.perCode.find((p) => p.code === 'z')?.figures.undefinedReason, 'never-applied');
    assert.ok(r.disagreements.every((d) => d.start >= FRONT.length));
  });
});

describe('intercoder agreement: the parent roll-up (issue 22 §2)', () => {
  it('a parent’s row counts only its own codings; with rollUp, its subcodes’ too', () => {
    const codes = [
      { id: 'p', name: 'p', color: '#000000' },
      { id: 'k', name: 'k', color: '#000000', parent: 'p' },
    ];
    const study = new Study(
      { ...emptyProject('t'), codes },
      [doc('d.md')],
      [coding('d.md', 'eva', 'p', 20, 40), coding('d.md', 'sam', 'k', 20, 40)],
    );
    const own = agreement(study, 'eva', 'sam', () => TEXT).perCode.find((x) => x.code === 'p')!.figures;
    assert.deepStrictEqual([own.both, own.onlyA, own.onlyB], [0, 20, 0]);
    const rolled = agreement(study, 'eva', 'sam', () => TEXT, { rollUp: true }).perCode.find((x) => x.code === 'p')!.figures;
    assert.deepStrictEqual([rolled.both, rolled.onlyA, rolled.onlyB], [20, 0, 0]);
    // a parent nobody applied directly still gets its rolled-up row
    const onlyChild = new Study(
      { ...emptyProject('t'), codes },
      [doc('d.md')],
      [coding('d.md', 'eva', 'k', 20, 40), coding('d.md', 'sam', 'k', 25, 40)],
    );
    const r = agreement(onlyChild, 'eva', 'sam', () => TEXT, { rollUp: true });
    assert.deepStrictEqual(
      r.perCode.map((x) => [x.code, x.figures.both]),
      [
        ['p', 15],
        ['k', 15],
      ],
    );
    assert.match(agreementMarkdown(onlyChild, r), /Rolled up: a parent code’s row counts/);
  });
});
