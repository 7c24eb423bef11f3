/**
 * Where the editor beside the margin is, as far as the extension API tells, without VS Code: which
 * width it wraps at and how far its first row is scrolled past. The API gives neither: only the
 * visible ranges, which are the rows shown *completely* (a row partly scrolled past the top or the
 * bottom is not in them). So the margin estimates both from what every visible-range change shows,
 * and the estimates are kept as ranges that the last few views narrow. A resize resets them: the
 * margin sees its own webview resize, a layout setting change, or views that contradict what it knew;
 * a resize it cannot see is outlived within a few views ({@link VIEWS_KEPT}).
 */
import { lineRows, rowStarts } from './model';

/** What an editor shows of a transcript, as its visible ranges tell. */
export interface Shown {
  /**
   * The lines shown completely, laid out as the margin lays them out (inline labels included): the
   * first from its first row shown, the last up to the end of its last row shown.
   */
  readonly texts: readonly string[];
  /** The editor's height in rows (fractional: rows partly shown above and below count in part). */
  readonly height: number;
  /** The first row shown is the document's first (the editor cannot scroll above it). */
  readonly atStart: boolean;
  /** The document's last row is shown (below it the editor may show empty space). */
  readonly atEnd: boolean;
  /**
   * Where the editor breaks lines, exactly: the first row shown starts at a column of its line, and
   * the last ends where the next row starts. Each is a whole line and a column inside it (0 < at <
   * its length) where a row starts.
   */
  readonly breaks?: ReadonlyArray<{ readonly text: string; readonly at: number }>;
}

/** The widths (characters per row) an editor may wrap at: from lo to hi, both inclusive (hi may be Infinity). */
export interface Width {
  readonly lo: number;
  readonly hi: number;
}

/** How far the editor's height may be off the margin's estimate of it, in rows (a pixel or two). */
const SLACK = 0.1;

/**
 * How many rows the editor shows completely: its height less the parts of a row above and below,
 * each less than one row; none above at the document's start, any number fewer at its end.
 */
export function shownRows(shown: Shown): { min: number; max: number } {
  const max = Math.floor(shown.height + SLACK);
  if (shown.atEnd) {
    return { min: shown.atStart ? Math.min(max, shown.texts.length) : 0, max };
  }
  const min = shown.atStart ? Math.floor(shown.height - 1 - SLACK) + 1 : Math.floor(shown.height - 2 - SLACK) + 1;
  return { min: Math.max(0, min), max };
}

const need = (texts: readonly string[], perRow: number) => texts.reduce((sum, t) => sum + lineRows(t, perRow), 0);

/**
 * The widths at which `texts` take between `min` and `max` rows; undefined when none does (or the
 * lines are empty: then every width fits them and there is nothing to learn).
 */
export function widthsFitting(texts: readonly string[], min: number, max: number): Width | undefined {
  const longest = texts.reduce((m, t) => (t.length > m ? t.length : m), 0);
  if (longest === 0 || need(texts, longest) > max) {
    return undefined;
  }
  // rows only shrink as the width grows: the narrowest width that fits in max rows …
  let lo = 1;
  let hi = longest;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (need(texts, mid) <= max) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  const narrowest = lo;
  if (need(texts, longest) >= min) {
    return { lo: narrowest, hi: Infinity };
  }
  // … and the widest that still takes min rows
  if (need(texts, narrowest) < min) {
    return undefined;
  }
  lo = narrowest;
  hi = longest - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (need(texts, mid) >= min) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return { lo: narrowest, hi: lo };
}

/**
 * The widths at which the editor may wrap, as `shown` alone tells (its rows' count and where its
 * rows start); undefined when it tells nothing. `cap`: the editor wraps at no more than this
 * (`wordWrap: bounded`).
 */
export function widthOfView(shown: Shown, cap = Infinity): Width | undefined {
  const { min, max } = shownRows(shown);
  const counted = widthsFitting(shown.texts, min, max);
  // where its rows start narrows the widths (unless the margin wraps that line otherwise than the editor)
  const fits = (counted && widthsBreaking(counted, shown.breaks ?? [])) ?? counted;
  if (!fits || fits.lo > cap) {
    return undefined;
  }
  return { lo: fits.lo, hi: Math.min(fits.hi, cap) };
}

/**
 * How many of the last views the margin keeps: the widths it lays out at agree with all of them, so
 * a resize it had no other sign of (its row counts agreeing with the old width too) is forgotten
 * after at most this many views at the new width.
 */
export const VIEWS_KEPT = 6;

/** What the margin learnt of the editor's width: the widths each of the last views allows, newest last. */
export interface Learnt {
  readonly views: readonly Width[];
  /** The widths all of them allow (undefined: none seen yet). */
  readonly width: Width | undefined;
}

/**
 * The widths the editor may wrap at after it showed `shown`: the newest views narrow them while they
 * agree (a contradiction, or where the newest view's rows start, tells the editor was resized
 * between: the older ones are dropped), and only the last {@link VIEWS_KEPT} count, so a stale width
 * never outlives a few views. `was` undefined: the editor was resized or changed (the margin saw it
 * resize, or a setting changed): only what it shows now counts.
 */
export function learn(was: Learnt | undefined, shown: Shown, cap = Infinity): Learnt {
  const now = widthOfView(shown, cap);
  if (!now) {
    return was ?? { views: [], width: undefined };
  }
  const breaks = shown.breaks ?? [];
  const views = [now];
  let width = now;
  const older = was?.views ?? [];
  for (let i = older.length - 1; i >= 0 && views.length < VIEWS_KEPT; i--) {
    const v = older[i];
    const both = { lo: Math.max(width.lo, v.lo), hi: Math.min(width.hi, v.hi) };
    // the rows' count may agree with a width the editor no longer has; where its rows start may not
    const fits = both.lo <= both.hi ? widthsBreaking(both, breaks) : undefined;
    if (!fits) {
      break;
    }
    width = fits;
    views.unshift(v);
  }
  return { views, width };
}

/** {@link learn} of a single range (what the views before told, as one): for callers that keep no views. */
export function learnWidth(was: Width | undefined, shown: Shown, cap = Infinity): Width | undefined {
  return learn(was && { views: [was], width: was }, shown, cap).width;
}

/** Of the widths `fits`, from the first to the last at which a row starts at each of `breaks`; undefined when none does. */
export function widthsBreaking(fits: Width, breaks: ReadonlyArray<{ readonly text: string; readonly at: number }>): Width | undefined {
  if (breaks.length === 0) {
    return fits;
  }
  // a row cannot start inside a line at a width as long as the line
  // (and the editor's width is not far above the narrowest that fits: a bounded search)
  let top = Math.min(fits.hi, fits.lo + 400);
  for (const b of breaks) {
    top = Math.min(top, b.text.length - 1);
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let p = fits.lo; p <= top; p++) {
    if (breaks.every((b) => rowStarts(b.text, p).includes(b.at))) {
      lo = Math.min(lo, p);
      hi = p;
    }
  }
  return lo <= hi ? { lo, hi } : undefined;
}

/**
 * The width to lay the transcript out at: the middle of the range, or at least `fallback` when it is
 * open; with `breaks`, the width nearest that at which the rows start where the editor's do.
 */
export function perRowOf(
  width: Width | undefined,
  fallback: number,
  breaks: ReadonlyArray<{ readonly text: string; readonly at: number }> = [],
): number {
  if (!width) {
    return fallback;
  }
  const mid = width.hi === Infinity ? Math.max(width.lo, fallback) : Math.round((width.lo + width.hi) / 2);
  const fits = (p: number) => p >= width.lo && p <= width.hi && breaks.every((b) => rowStarts(b.text, p).includes(b.at));
  for (let d = 0; breaks.length > 0 && d <= 400 && (mid - d >= width.lo || mid + d <= width.hi); d++) {
    if (fits(mid - d)) {
      return mid - d;
    }
    if (fits(mid + d)) {
      return mid + d;
    }
  }
  return mid;
}

/**
 * How much of a row the editor shows above the first row it shows completely: the rows it has room
 * for, less the rows shown completely, is what the partly shown rows above and below share, each
 * less than one. Half of it is never more than half a row off (none at the document's start; half
 * a row at its end, where empty space may follow the last row).
 */
export function hiddenAbove(shown: Shown, perRow: number | undefined): number {
  if (shown.atStart) {
    return 0;
  }
  if (shown.atEnd) {
    return 0.5;
  }
  const rows = perRow ? need(shown.texts, perRow) : shown.texts.length;
  return Math.min(0.99, Math.max(0, (shown.height - rows) / 2));
}

/**
 * A fractional line (line + the share of its rows above the position) moved `up` rows towards the
 * document's start, by the rows each line takes; never above the first line.
 */
export function shiftUp(line: number, up: number, rows: readonly number[]): number {
  let i = Math.max(0, Math.min(rows.length - 1, Math.floor(line)));
  if (rows.length === 0) {
    return Math.max(0, line - up);
  }
  let at = (line - i) * rows[i] - up;
  while (at < 0 && i > 0) {
    i--;
    at += rows[i];
  }
  return i + Math.max(0, at) / rows[i];
}
