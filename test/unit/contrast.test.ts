import * as assert from 'assert';
import * as fc from 'fast-check';
import {
  MIN_TEXT_CONTRAST,
  MIN_TINT_DELTA_E,
  THEME_COLORS,
  blend,
  contrastRatio,
  deltaE,
  relativeLuminance,
  tintAlpha,
  tintCss,
  tintFor,
} from '../../src/core/contrast';
import { CODE_PALETTE } from '../../src/core/palette';
import { highlightSpans } from '../../src/core/highlights';
import { Study } from '../../src/core/study';
import type { Coding } from '../../src/core/model';
import { smallProject } from './helpers';

describe('contrast', () => {
  it('computes WCAG luminance and contrast and CIE76 ΔE on known values', () => {
    assert.strictEqual(relativeLuminance('#ffffff'), 1);
    assert.strictEqual(relativeLuminance('#000000'), 0);
    assert.strictEqual(contrastRatio('#000000', '#ffffff'), 21);
    assert.ok(Math.abs(contrastRatio('#767676', '#ffffff') - 4.54) < 0.01);
    assert.ok(Math.abs(deltaE('#000000', '#ffffff') - 100) < 0.01);
    assert.strictEqual(deltaE('#4e79a7', '#4e79a7'), 0);
    assert.strictEqual(blend('#ff0000', '#ffffff', 0.5), '#ff8080');
  });

  for (const [theme, { background, foreground }] of Object.entries(THEME_COLORS)) {
    it(`every palette colour's tint stands out on the ${theme} background (${background}) and keeps the text readable`, () => {
      for (const color of CODE_PALETTE) {
        const tint = tintFor(color, background, foreground);
        assert.ok(deltaE(tint, background) >= MIN_TINT_DELTA_E, `${color} on ${background}: ΔE ${deltaE(tint, background)}`);
        assert.ok(contrastRatio(tint, foreground) >= MIN_TEXT_CONTRAST, `${color}: text contrast ${contrastRatio(tint, foreground)}`);
      }
    });

    it(`the tint as drawn (the CSS colour, its opacity in 8 bits) is the tint that was checked (${theme})`, () => {
      for (const color of CODE_PALETTE) {
        const css = tintCss(color, background, foreground);
        const drawn = blend(css.slice(0, 7), background, parseInt(css.slice(7), 16) / 255);
        assert.strictEqual(drawn, tintFor(color, background, foreground), color);
        assert.ok(deltaE(drawn, background) >= MIN_TINT_DELTA_E, `${color} drawn on ${background}: ΔE ${deltaE(drawn, background)}`);
      }
    });
  }

  it('the old 22 % tint of grey and yellow was nearly invisible on white; the computed one is not', () => {
    for (const color of ['#bab0ac', '#edc948']) {
      assert.ok(deltaE(blend(color, '#ffffff', 0x38 / 255), '#ffffff') < MIN_TINT_DELTA_E);
      assert.ok(deltaE(tintFor(color, '#ffffff', '#3b3b3b'), '#ffffff') >= MIN_TINT_DELTA_E);
    }
  });

  it('any two default palette colours are clearly distinct (ΔE ≥ 25)', () => {
    for (let i = 0; i < CODE_PALETTE.length; i++) {
      for (let j = i + 1; j < CODE_PALETTE.length; j++) {
        const d = deltaE(CODE_PALETTE[i], CODE_PALETTE[j]);
        assert.ok(d >= 25, `${CODE_PALETTE[i]} vs ${CODE_PALETTE[j]}: ΔE ${d.toFixed(1)}`);
      }
    }
  });

  it('the tint of any colour is a valid #rrggbbaa with an opacity between 15 % and 90 %', () => {
    const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => '#' + n.toString(16).padStart(6, '0'));
    fc.assert(
      fc.property(hex, fc.constantFrom(...Object.values(THEME_COLORS)), (color, t) => {
        const alpha = tintAlpha(color, t.background, t.foreground);
        assert.ok(alpha >= 0.15 && alpha <= 0.9);
        assert.match(tintCss(color, t.background, t.foreground), /^#[0-9a-f]{8}$/);
      }),
    );
  });
});

describe('highlight spans and astral characters', () => {
  const coding = (start: number, end: number): Coding => ({
    id: 'x',
    doc: 'd',
    coder: 'eva',
    codes: ['mandaat'],
    start,
    end,
    quote: '',
    prefix: '',
    suffix: '',
    created: 't',
  });
  const isSplit = (text: string, at: number) =>
    at > 0 && at < text.length && /[\uD800-\uDBFF]/.test(text[at - 1]) && /[\uDC00-\uDFFF]/.test(text[at]);

  it('any span over text with emoji maps to ranges that cover whole code points', () => {
    const piece = fc.constantFrom('a', 'b ', 'é', '😀', '👍🏽', '𝒳', '\n', 'wij');
    const text = fc.array(piece, { minLength: 1, maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(
        text.chain((t) => fc.tuple(fc.constant(t), fc.nat(t.length), fc.nat(t.length))),
        ([t, a, b]) => {
          const [start, end] = a <= b ? [a, b] : [b, a];
          const spans = highlightSpans(new Study(smallProject()), [coding(start, end), coding(start, end)], t);
          for (const list of [...spans.byColor.values(), spans.overlaps]) {
            for (const [s, e] of list) {
              assert.ok(!isSplit(t, s) && !isSplit(t, e), `[${s}, ${e}] splits a code point in ${JSON.stringify(t)}`);
              assert.ok(s <= start && e >= end, 'the span still covers the coding');
            }
          }
        },
      ),
    );
  });
});
