import * as assert from 'assert';
import * as fc from 'fast-check';
import { chipLabel, chipTextColor, layoutMargin, maxDepth } from '../../src/core/margin';
import type { MarginItem } from '../../src/core/margin';
import { lineRows, rowFraction, rowStarts, wrapRows } from '../../src/margin/model';
import type { Shown, Width } from '../../src/margin/viewport';
import type { Learnt } from '../../src/margin/viewport';
import {
  VIEWS_KEPT,
  hiddenAbove,
  learn,
  learnWidth,
  perRowOf,
  shiftUp,
  shownRows,
  widthOfView,
  widthsFitting,
} from '../../src/margin/viewport';

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
});

describe('margin: where the editor beside it is (src/margin/viewport.ts)', () => {
  const words = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 2 })), { maxLength: 60 })
    .map((ws) => ws.map(([w, sp]) => 'x'.repeat(w) + ' '.repeat(sp)).join(''));
  const transcript = fc.array(words, { minLength: 1, maxLength: 30 });

  /**
   * An editor as VS Code lays it out: `lines` wrapped at `width`, `height` rows tall, its top edge
   * `y` rows into the document (anywhere: wheel scrolling stops inside rows). What the API tells of
   * it: the rows shown completely (a row partly scrolled past is left out); and where its top is.
   */
  function editor(lines: readonly string[], width: number, height: number, y: number) {
    const rows = lines.flatMap((text, line) => {
      const starts = rowStarts(text, width);
      return starts.map((from, k) => ({ line, from, to: k + 1 < starts.length ? starts[k + 1] : text.length }));
    });
    const first = Math.ceil(y);
    const last = Math.min(rows.length - 1, Math.floor(y + height) - 1);
    if (first > last) {
      return undefined;
    }
    const texts: string[] = [];
    for (let r = first; r <= last; r++) {
      if (r === first || rows[r].line !== rows[r - 1].line) {
        texts.push('');
      }
      texts[texts.length - 1] += lines[rows[r].line].slice(rows[r].from, rows[r].to);
    }
    // the first row shown starts, and the last ends where the next row starts, inside their lines
    const breaks = [rows[first], last + 1 < rows.length ? rows[last + 1] : rows[last]]
      .map((r) => ({ text: lines[r.line], at: r.from }))
      .filter((b) => b.at > 0 && b.at < b.text.length);
    const shown: Shown = { texts, height, atStart: first === 0, atEnd: last === rows.length - 1, breaks };
    // the first row shown completely, as a fractional line (the panel's fractionalLine)
    const top = rows[first];
    const firstLine = top.line + rowFraction(lines[top.line], top.from, width);
    return { shown, firstLine, hidden: first - y, rows: lines.map((t) => lineRows(t, width)) };
  }
  const view = fc.record({
    lines: transcript,
    width: fc.integer({ min: 12, max: 90 }),
    height: fc.double({ min: 3, max: 45, noNaN: true }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  const total = (lines: readonly string[], width: number) => lines.reduce((s, t) => s + lineRows(t, width), 0);

  it('learns a range of widths that holds the width the editor wraps at, from any view of any transcript', () => {
    fc.assert(
      fc.property(view, ({ lines, width, height, at }) => {
        const e = editor(lines, width, height, at * (total(lines, width) - 1));
        const learnt = e && learnWidth(undefined, e.shown);
        if (learnt) {
          assert.ok(learnt.lo <= width && width <= learnt.hi, `${width} in ${learnt.lo}–${learnt.hi}`);
          // and the width it lays out at breaks the lines where the editor is seen to break them
          const at = perRowOf(learnt, 100, e.shown.breaks);
          for (const b of e.shown.breaks ?? []) {
            assert.ok(rowStarts(b.text, at).includes(b.at), `a row starts at ${b.at} at width ${at} (editor: ${width})`);
          }
        }
      }),
    );
  });

  it('narrows the range while the editor keeps its width, and starts over when it was resized', () => {
    fc.assert(
      fc.property(
        transcript,
        fc.integer({ min: 12, max: 90 }),
        fc.integer({ min: 12, max: 90 }),
        fc.double({ min: 3, max: 45, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (lines, before, width, height, scrolls) => {
          // what it learnt at another width, then views at this width
          let learnt: Width | undefined = { lo: before, hi: before };
          for (const at of scrolls) {
            const e = editor(lines, width, height, at * (total(lines, width) - 1));
            const fits = e && widthsFitting(e.shown.texts, shownRows(e.shown).min, shownRows(e.shown).max);
            if (!e || !fits) {
              continue;
            }
            const had: Width = learnt!;
            learnt = learnWidth(had, e.shown)!;
            // every width it may lay out at wraps the lines shown into as many rows as the editor shows
            assert.ok(fits.lo <= learnt.lo && learnt.hi <= fits.hi, 'the range agrees with the view');
            const mid = perRowOf(learnt, 100);
            assert.ok(mid >= learnt.lo && mid <= learnt.hi);
            if (had.hi < fits.lo || fits.hi < had.lo || (had.lo <= width && width <= had.hi)) {
              // resized (what it knew contradicts the view), or what it knew holds the width: it still does
              assert.ok(learnt.lo <= width && width <= learnt.hi, `${width} in ${learnt.lo}–${learnt.hi} after ${before}`);
            }
          }
        },
      ),
    );
    assert.deepStrictEqual(
      learnWidth(undefined, { texts: ['', ''], height: 10, atStart: false, atEnd: false }),
      undefined,
      'empty lines tell nothing',
    );
    assert.strictEqual(perRowOf({ lo: 40, hi: Infinity }, 100), 100, 'only short lines seen: at least the default');
    assert.strictEqual(perRowOf({ lo: 40, hi: 50 }, 100), 45);
    const capped = learnWidth(undefined, { texts: ['x'.repeat(30)], height: 1.5, atStart: true, atEnd: true }, 60);
    assert.deepStrictEqual(capped, { lo: 30, hi: 60 }, 'bounded: never wider than the wrap column');
  });

  /** A session: the editor resized (or not) between views, scrolled anywhere; `signal`: the margin saw the resize. */
  const session = fc.record({
    lines: transcript,
    height: fc.double({ min: 3, max: 45, noNaN: true }),
    steps: fc.array(
      fc.record({
        width: fc.integer({ min: 12, max: 90 }),
        views: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        signal: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  });

  it('holds the width the editor wraps at after any sequence of resizes the margin sees (its size, a setting), at any scroll position', () => {
    fc.assert(
      fc.property(session, ({ lines, height, steps }) => {
        let learnt: Learnt | undefined;
        let width: number | undefined;
        for (const step of steps) {
          if (step.width !== width) {
            // resized: the margin sees it (its own webview resized) and forgets what it learnt
            learnt = undefined;
            width = step.width;
          }
          for (const at of step.views) {
            const e = editor(lines, step.width, height, at * (total(lines, step.width) - 1));
            if (!e) {
              continue;
            }
            learnt = learn(learnt, e.shown);
            const w = learnt.width;
            if (w) {
              assert.ok(w.lo <= step.width && step.width <= w.hi, `${step.width} in ${w.lo}–${w.hi}`);
              // the width it lays out at wraps the lines shown into the rows the editor shows, breaking them where it does
              const perRow = perRowOf(w, 100, e.shown.breaks);
              const { min, max } = shownRows(e.shown);
              const rows = e.shown.texts.reduce((n, t) => n + lineRows(t, perRow), 0);
              assert.ok(min <= rows && rows <= max, `${rows} rows at ${perRow}, the editor ${min}–${max} at ${step.width}`);
            }
          }
        }
      }),
    );
  });

  it(`outlives a resize it does not see (its row counts agreeing with the old width) within ${VIEWS_KEPT} views`, () => {
    fc.assert(
      fc.property(session, ({ lines, height, steps }) => {
        let learnt: Learnt | undefined;
        // how many views in a row told something at the width the editor has now
        let views = 0;
        let width: number | undefined;
        for (const step of steps) {
          if (step.width !== width) {
            views = 0;
            width = step.width;
            if (step.signal) {
              learnt = undefined;
            }
          }
          // scrolled through the transcript: every view of a session counts
          for (const at of [...step.views, ...step.views.map((x) => 1 - x)]) {
            const e = editor(lines, step.width, height, at * (total(lines, step.width) - 1));
            if (!e || !widthOfView(e.shown)) {
              continue;
            }
            learnt = learn(learnt, e.shown);
            views++;
            assert.ok(learnt.views.length <= VIEWS_KEPT);
            const w = learnt.width;
            if (w && (views >= VIEWS_KEPT || step.signal)) {
              // as many views at the new width as it keeps, or a resize it saw: the new width holds
              assert.ok(w.lo <= step.width && step.width <= w.hi, `${step.width} in ${w.lo}–${w.hi} after ${views} views at it`);
            }
          }
        }
      }),
    );
  });

  it('learns a new width from the first view after a resize it sees, and from a few views after one it does not', () => {
    // long lines of short words, seen at 30 characters a row, then at 60
    const line = Array.from({ length: 60 }, (_, i) => `w${i % 10}xx`).join(' ');
    const lines = [line, '', line, '', line];
    const at30 = editor(lines, 30, 10, 12)!;
    const old = learn(undefined, at30.shown);
    assert.ok(old.width && old.width.lo <= 30 && 30 <= old.width.hi);
    let learnt: Learnt = old;
    for (let k = 0; k < VIEWS_KEPT; k++) {
      const e = editor(lines, 60, 10, 2 + k)!;
      learnt = learn(learnt, e.shown);
    }
    assert.ok(learnt.width && learnt.width.lo <= 60 && 60 <= learnt.width.hi, `60 in ${learnt.width?.lo}–${learnt.width?.hi}`);
    const seen = learn(undefined, editor(lines, 60, 10, 2)!.shown);
    assert.ok(seen.width && seen.width.lo <= 60 && 60 <= seen.width.hi, 'a resize it sees: the first view counts alone');
  });

  it("finds the editor's top edge within half a row, though the API leaves out the row partly scrolled past", () => {
    fc.assert(
      fc.property(view, ({ lines, width, height, at }) => {
        const y = at * (total(lines, width) - 1);
        const e = editor(lines, width, height, y);
        if (!e) {
          return;
        }
        const hidden = hiddenAbove(e.shown, width);
        assert.ok(Math.abs(hidden - e.hidden) <= 0.5 + 1e-9, `${hidden} rows above, really ${e.hidden}`);
        // the top as a fractional line, back in rows from the document's start: the editor's y
        const top = shiftUp(e.firstLine, hidden, e.rows);
        const line = Math.floor(top);
        const rowsAbove = e.rows.slice(0, line).reduce((s, r) => s + r, 0) + (top - line) * (e.rows[line] ?? 1);
        assert.ok(Math.abs(rowsAbove - y) <= 0.5 + 1e-6, `top at row ${rowsAbove}, really ${y}`);
      }),
    );
  });

  it('moves a fractional line up by rows, across lines of several rows, never above the first', () => {
    const rows = [1, 4, 2];
    assert.strictEqual(shiftUp(1.5, 1, rows), 1.25, 'two rows into a line of four, one up');
    assert.strictEqual(shiftUp(1, 0.5, rows), 0.5, 'into the line above');
    assert.strictEqual(shiftUp(2, 3, rows), 1 + 1 / 4);
    assert.strictEqual(shiftUp(0.5, 3, rows), 0, 'not above the start');
    assert.strictEqual(shiftUp(2.5, 0, rows), 2.5);
  });

  it('counts the rows shown completely: the height less less than a row above and below', () => {
    assert.deepStrictEqual(shownRows({ texts: [], height: 40.5, atStart: false, atEnd: false }), { min: 39, max: 40 });
    assert.deepStrictEqual(shownRows({ texts: [], height: 40.5, atStart: true, atEnd: false }), { min: 40, max: 40 });
    assert.deepStrictEqual(shownRows({ texts: [], height: 40.5, atStart: false, atEnd: true }), { min: 0, max: 40 });
  });
});
