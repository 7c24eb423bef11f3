/**
 * Colour arithmetic for highlights people can see: WCAG relative luminance and contrast ratio, and the
 * perceptual difference ΔE (CIE76, in CIELAB) between two colours.
 *
 * Why ΔE for the tint: a highlight is told apart from the page by its hue as much as by its lightness.
 * WCAG's contrast ratio measures lightness only, so a yellow tint on white scores almost 1:1 however
 * visible it is, and reaching a luminance target would force tints so dark the text on them suffers.
 * ΔE measures the whole difference the eye sees; the text's own WCAG contrast on the tint is then
 * checked separately so reading stays comfortable.
 */

export type Rgb = readonly [number, number, number];

export function parseHex(hex: string): Rgb {
  let h = hex.trim().replace(/^#/, '');
  if (h.length === 3) {
    h = [...h].map((c) => c + c).join('');
  }
  h = h.slice(0, 6);
  const n = parseInt(h, 16);
  return Number.isNaN(n) || h.length !== 6 ? [136, 136, 136] : [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex([r, g, b]: Rgb): string {
  return (
    '#' +
    [r, g, b]
      .map((v) =>
        Math.round(Math.min(255, Math.max(0, v)))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  );
}

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance, 0 (black) … 1 (white). */
export function relativeLuminance(color: string): number {
  const [r, g, b] = parseHex(color).map(linear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function lab(color: string): [number, number, number] {
  const [r, g, b] = parseHex(color).map(linear);
  // sRGB (D65) → XYZ, normalised by the D65 white point.
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** Perceptual difference (CIE76 ΔE*ab): about 2.3 is just noticeable, above 20 clearly different colours. */
export function deltaE(a: string, b: string): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** `color` laid over `background` at opacity `alpha` (0 … 1), as an opaque colour. */
export function blend(color: string, background: string, alpha: number): string {
  const c = parseHex(color);
  const bg = parseHex(background);
  return toHex([0, 1, 2].map((i) => bg[i] + (c[i] - bg[i]) * alpha) as unknown as Rgb);
}

/** How far a highlight must stand out from the editor background (ΔE), and the least text contrast on it. */
export const MIN_TINT_DELTA_E = 20;
export const MIN_TEXT_CONTRAST = 4.5;

/**
 * How opaque a code colour must be laid over an editor background: the least opacity at which the
 * blend differs from the background by at least `minDeltaE`, while the theme's text (`foreground`)
 * keeps at least `MIN_TEXT_CONTRAST` on it where the colour allows. The editor draws the colour at
 * this opacity (translucent, so selections and overlapping codings still show through).
 */
export function tintAlpha(color: string, background: string, foreground: string, minDeltaE = MIN_TINT_DELTA_E): number {
  // Opacities a CSS colour can hold (n/255), from 15 % to 90 %: the one checked here is the one drawn.
  const first = Math.ceil(0.15 * 255);
  let best = first / 255;
  for (let step = first; step <= Math.floor(0.9 * 255); step++) {
    const alpha = step / 255;
    const tint = blend(color, background, alpha);
    if (contrastRatio(tint, foreground) < MIN_TEXT_CONTRAST && deltaE(blend(color, background, best), background) >= minDeltaE * 0.75) {
      return best;
    }
    best = alpha;
    if (deltaE(tint, background) >= minDeltaE) {
      return alpha;
    }
  }
  return best;
}

/**
 * The tint's opacity in 8 bits, as a CSS colour holds it; {@link tintAlpha} chooses among these
 * values only, so the tint that is checked is exactly the tint that is drawn.
 */
function drawnAlpha(color: string, background: string, foreground: string, minDeltaE: number): number {
  return Math.round(tintAlpha(color, background, foreground, minDeltaE) * 255);
}

/** The tint as it looks on the background: the colour blended at the drawn opacity. */
export function tintFor(color: string, background: string, foreground: string, minDeltaE = MIN_TINT_DELTA_E): string {
  return blend(color, background, drawnAlpha(color, background, foreground, minDeltaE) / 255);
}

/** The colour with the tint's opacity as a CSS #rrggbbaa value, for a decoration's backgroundColor. */
export function tintCss(color: string, background: string, foreground: string, minDeltaE = MIN_TINT_DELTA_E): string {
  return toHex(parseHex(color)) + drawnAlpha(color, background, foreground, minDeltaE).toString(16).padStart(2, '0');
}

/** VS Code's default editor background and foreground per theme kind. */
export const THEME_COLORS = {
  light: { background: '#ffffff', foreground: '#3b3b3b' },
  dark: { background: '#1f1f1f', foreground: '#cccccc' },
  highContrast: { background: '#000000', foreground: '#ffffff' },
  highContrastLight: { background: '#ffffff', foreground: '#292929' },
} as const;
