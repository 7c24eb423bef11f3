import * as assert from 'assert';
import * as fc from 'fast-check';
import { chipLabel, chipTextColor, layoutMargin, maxDepth } from '../../src/core/margin';
import type { MarginItem } from '../../src/core/margin';
import { calibrateRow, wrapRows } from '../../src/margin/model';

const items = fc
  .array(
    fc.record({ startLine: fc.nat(200), length: fc.nat(30) }).map(({ startLine, length }) => ({ startLine, endLine: startLine + length })),
    { maxLength: 150 },
  )
  .map((list) => list.map((r, i): MarginItem => ({ id: `c${i}`, ...r })));

const share = (a: MarginItem, b: MarginItem) => a.startLine <= b.endLine && b.startLine <= a.endLine;

describe('core/margin: the coding margin layout', () => {
  it('never puts two codings that share a line in the same column', () => {
    fc.assert(
      fc.property(items, (list) => {
        const { brackets } = layoutMargin(list);
        for (let i = 0; i < brackets.length; i++) {
          for (let j = i + 1; j < brackets.length; j++) {
            if (share(brackets[i], brackets[j])) {
              assert.notStrictEqual(brackets[i].column, brackets[j].column, `${brackets[i].id} and ${brackets[j].id}`);
            }
          }
        }
      }),
    );
  });

  it('uses the fewest columns possible (the most codings on one line) and every column below that', () => {
    fc.assert(
      fc.property(items, (list) => {
        const layout = layoutMargin(list);
        assert.strictEqual(layout.columns, maxDepth(list));
        for (const b of layout.brackets) {
          assert.ok(b.column >= 0 && b.column < layout.columns);
        }
      }),
    );
  });

  it('keeps every coding once, with its lines, whatever the input order', () => {
    fc.assert(
      fc.property(items, fc.infiniteStream(fc.nat()), (list, noise) => {
        const shuffled = list
          .map((x) => ({ x, k: noise.next().value }))
          .sort((a, b) => a.k - b.k)
          .map(({ x }) => x);
        const a = layoutMargin(list);
        const b = layoutMargin(shuffled);
        assert.deepStrictEqual(a, b, 'the layout does not depend on the order of the codings');
        assert.deepStrictEqual(a.brackets.map((x) => x.id).sort(), list.map((x) => x.id).sort());
        for (const br of a.brackets) {
          const orig = list.find((x) => x.id === br.id)!;
          assert.deepStrictEqual([br.startLine, br.endLine], [orig.startLine, orig.endLine]);
        }
      }),
    );
  });

  it('puts an enclosing coding left of the codings inside it, and reuses a column once it is free', () => {
    const layout = layoutMargin([
      { id: 'inner', startLine: 2, endLine: 3 },
      { id: 'outer', startLine: 2, endLine: 10 },
      { id: 'later', startLine: 5, endLine: 6 },
    ]);
    const col = Object.fromEntries(layout.brackets.map((b) => [b.id, b.column]));
    assert.deepStrictEqual(col, { outer: 0, inner: 1, later: 1 });
    assert.strictEqual(layout.columns, 2);
    assert.deepStrictEqual(layoutMargin([]), { brackets: [], columns: 0 });
  });

  it('labels a coding with several codes by its first code and how many more', () => {
    assert.strictEqual(chipLabel(['mandaat']), 'mandaat');
    assert.strictEqual(chipLabel(['mandaat', 'vertrouwen', 'tijd']), 'mandaat +2');
    assert.strictEqual(chipLabel([]), '');
  });
});

describe('core/margin: chip text colour', () => {
  const lum = (hex: string) => {
    const ch = (i: number) => {
      const v = parseInt(hex.slice(1 + i, 3 + i), 16) / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(0) + 0.7152 * ch(2) + 0.0722 * ch(4);
  };
  const contrast = (a: string, b: string) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  it('always picks the text colour with the higher contrast, at least 4.5:1 for any colour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const hex = `#${n.toString(16).padStart(6, '0')}`;
        const text = chipTextColor(hex);
        const other = text === '#000000' ? '#ffffff' : '#000000';
        assert.ok(contrast(hex, text) >= contrast(hex, other));
        assert.ok(contrast(hex, text) >= 4.5, `${hex} on ${text}: ${contrast(hex, text)}`);
      }),
    );
    assert.strictEqual(chipTextColor('#fff'), '#000000');
    assert.strictEqual(chipTextColor('#000080'), '#ffffff');
  });
});

describe('margin: rows of wrapped lines', () => {
  const need = (lengths: readonly number[], w: number) => lengths.reduce((s, n) => s + Math.max(1, Math.ceil(n / w)), 0);

  it('gives each line its rows at a wrap width, one each without wrapping', () => {
    assert.deepStrictEqual(wrapRows([0, 10, 100, 101, 250], 100), [1, 1, 1, 2, 3]);
    assert.deepStrictEqual(wrapRows([0, 500], undefined), [1, 1]);
  });

  it('learns a width from the lines an editor shows that wraps them into as many rows as that width does', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(600), { minLength: 1, maxLength: 60 }), fc.integer({ min: 20, max: 200 }), (lengths, width) => {
        const rows = need(lengths, width);
        const learnt = calibrateRow(lengths, rows);
        if (learnt === undefined) {
          // only when no line wraps at that width: nothing to learn
          assert.ok(lengths.every((n) => n <= width));
        } else {
          assert.strictEqual(need(lengths, learnt), rows, 'the learnt width fills the rows shown exactly');
          assert.ok(learnt <= width);
        }
      }),
    );
    assert.strictEqual(calibrateRow([], 10), undefined);
    assert.strictEqual(calibrateRow([10, 10, 10], 2), undefined, 'more lines than rows: a partly shown line');
  });
});
