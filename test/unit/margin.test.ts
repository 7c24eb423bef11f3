import * as assert from 'assert';
import * as fc from 'fast-check';
import { chipLabel, chipTextColor, layoutMargin, maxDepth } from '../../src/core/margin';
import type { MarginItem } from '../../src/core/margin';
import { calibrateRow, lineRows, rowFraction, rowStarts, withLabels, wrapRows } from '../../src/margin/model';

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
  const need = (lines: readonly string[], w: number) => lines.reduce((s, t) => s + lineRows(t, w), 0);
  const words = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 3 })), { maxLength: 80 })
    .map((ws) => ws.map(([w, sp]) => 'x'.repeat(w) + ' '.repeat(sp)).join(''));

  it('wraps after the spaces between words, as the editor does, and breaks a word longer than a row', () => {
    assert.deepStrictEqual(wrapRows(['', 'short', 'aaaaaa bbbbbb cccccc', 'x'.repeat(25)], 10), [1, 1, 3, 3]);
    assert.strictEqual(lineRows('aaa bbb ccc', 7), 2, 'the space after bbb hangs at the end of the row');
    assert.strictEqual(lineRows('    aaaaaa bbbbbb', 10), 2, 'indentation takes columns');
    assert.deepStrictEqual(wrapRows(['', 'x'.repeat(500)], undefined), [1, 1]);
  });

  it("never takes fewer rows than the words' characters need, nor more as the rows get wider", () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 5, max: 120 }), (text, w) => {
        // spaces may hang at a row's end, the words' characters may not
        const letters = text.replace(/\s/g, '').length;
        assert.ok(lineRows(text, w) >= Math.max(1, Math.ceil(letters / w)));
        assert.ok(lineRows(text, w + 1) <= lineRows(text, w), 'a wider row never needs more rows');
      }),
    );
  });

  it('places a column in the row that holds it, so a bracket spans the rows of its passage, not the whole paragraph', () => {
    const text = 'aaaaaa bbbbbb cccccc';
    assert.deepStrictEqual(rowStarts(text, 10), [0, 7, 14]);
    assert.strictEqual(rowFraction(text, 8, 10), 1 / 3, 'bbbbbb is on the second of three rows');
    assert.strictEqual(rowFraction(text, 8, 10, true), 2 / 3, 'and ends with it');
    assert.strictEqual(rowFraction(text, 8, undefined), 0, 'without wrapping: the whole line');
    assert.strictEqual(rowFraction(text, 8, undefined, true), 1);
    fc.assert(
      fc.property(words, fc.integer({ min: 5, max: 120 }), fc.nat(), fc.nat(), (t, w, i, j) => {
        const starts = rowStarts(t, w);
        assert.strictEqual(starts.length, lineRows(t, w));
        assert.ok(
          starts.every((c, k) => k === 0 || (c > starts[k - 1] && c < Math.max(1, t.length))),
          'rows start inside the line, in order',
        );
        const [a, b] = [i % (t.length + 1), j % (t.length + 1)].sort((x, y) => x - y);
        assert.ok(rowFraction(t, a, w) <= rowFraction(t, b, w), 'later columns are never higher up');
        assert.ok(rowFraction(t, a, w) < rowFraction(t, a, w, true), 'a row has height');
        assert.ok(rowFraction(t, b, w, true) <= 1);
      }),
    );
  });

  it('lays out inline labels as words glued to the text after them, so the rows below move as the editor wraps them', () => {
    const laid = withLabels(['aaaa bbbb cccc', 'no labels'], [{ line: 0, character: 5, label: 'mandaat' }]);
    // 'mandaat' at 0.8 em with its padding: 7 columns, before bbbb
    assert.strictEqual(laid.texts[0], 'aaaa ' + '\u2588'.repeat(7) + 'bbbb cccc');
    assert.strictEqual(laid.texts[1], 'no labels');
    assert.strictEqual(laid.columnOf(0, 4), 4, 'before the label: unmoved');
    assert.strictEqual(laid.columnOf(0, 5), 12, 'the coding starts after its label');
    assert.strictEqual(laid.columnOf(1, 3), 3);
    assert.ok(lineRows(laid.texts[0], 12) > lineRows('aaaa bbbb cccc', 12), 'the label makes the line wrap sooner');
  });

  it('learns a width from the lines an editor shows that wraps them into as many rows as that width does', () => {
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 40 }), fc.integer({ min: 20, max: 200 }), (lines, width) => {
        const rows = need(lines, width);
        const learnt = calibrateRow(lines, rows);
        if (learnt === undefined) {
          // only when no line wraps at that width: nothing to learn
          assert.ok(lines.every((t) => lineRows(t, width) === 1));
        } else {
          assert.strictEqual(need(lines, learnt), rows, 'the learnt width fills the rows shown exactly');
          assert.ok(learnt <= width);
        }
      }),
    );
    assert.strictEqual(calibrateRow([], 10), undefined);
    assert.strictEqual(calibrateRow(['aaaaaaaaaa', 'aaaaaaaaaa', 'aaaaaaaaaa'], 2), undefined, 'more lines than rows: a partly shown line');
  });
});
