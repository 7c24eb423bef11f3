/**
 * REFI-QDA counts Unicode code points from 0; Codeboom (like VS Code and JavaScript) counts UTF-16
 * code units. The two differ after every character outside the Basic Multilingual Plane (emoji,
 * some CJK), so positions are converted exactly, never assumed equal.
 */

/** Maps positions of one text between code points and UTF-16 code units. */
export class PositionMap {
  /** UTF-16 offset of each code point index (length = code points + 1); undefined when the text has no surrogate pairs. */
  private readonly utf16Of: Int32Array | undefined;
  readonly codePoints: number;

  constructor(readonly text: string) {
    let pairs = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          pairs++;
          i++;
        }
      }
    }
    this.codePoints = text.length - pairs;
    if (pairs === 0) {
      this.utf16Of = undefined;
      return;
    }
    const map = new Int32Array(this.codePoints + 1);
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      map[cp++] = i;
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
        }
      }
    }
    map[cp] = text.length;
    this.utf16Of = map;
  }

  /** UTF-16 offset of a code point position; undefined when it is outside the text. */
  toUtf16(codePoint: number): number | undefined {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.codePoints) {
      return undefined;
    }
    return this.utf16Of ? this.utf16Of[codePoint] : codePoint;
  }

  /** Code point position of a UTF-16 offset (an offset inside a surrogate pair counts from the pair's start). */
  toCodePoint(utf16: number): number {
    const offset = Math.max(0, Math.min(utf16, this.text.length));
    if (!this.utf16Of) {
      return offset;
    }
    let lo = 0;
    let hi = this.codePoints;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.utf16Of[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}

/** Code points of a string (what REFI-QDA counts). */
export function codePointLength(text: string): number {
  return new PositionMap(text).codePoints;
}
