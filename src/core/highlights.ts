/** What the editor draws for a transcript's codings, in offsets: spans per colour and overlaps. */
import type { Coding } from './model';
import type { Study } from './study';

export interface HighlightSpans {
  /** Spans per code colour; a coding with several codes takes its first code's colour. */
  readonly byColor: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>;
  /** Where two or more codings overlap. */
  readonly overlaps: ReadonlyArray<readonly [number, number]>;
}

/** True when `at` falls between the two halves of a surrogate pair (inside an emoji or other astral character). */
function splitsCodePoint(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) {
    return false;
  }
  const hi = text.charCodeAt(at - 1);
  const lo = text.charCodeAt(at);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/**
 * The spans of `codings`; with the transcript's `text`, widened to whole code points. A span that
 * starts or ends between the halves of a surrogate pair (an offset counted in code points elsewhere, a
 * stale anchor) makes the editor draw no tint over that emoji at all.
 */
export function highlightSpans(study: Study | undefined, codings: readonly Coding[], text?: string): HighlightSpans {
  const byColor = new Map<string, Array<readonly [number, number]>>();
  const bounds: number[] = [];
  for (const c of codings) {
    if (c.orphaned) {
      continue;
    }
    const color = study?.code(c.codes[0])?.color ?? '#888888';
    let list = byColor.get(color);
    if (!list) {
      list = [];
      byColor.set(color, list);
    }
    const start = text !== undefined && splitsCodePoint(text, c.start) ? c.start - 1 : c.start;
    const end = text !== undefined && splitsCodePoint(text, c.end) ? c.end + 1 : c.end;
    list.push([start, end]);
    // Encode boundary events as numbers: offset * 2 (+1 for a start), so ends sort before starts.
    bounds.push(start * 2 + 1, end * 2);
  }
  bounds.sort((a, b) => a - b);
  const overlaps: Array<readonly [number, number]> = [];
  let depth = 0;
  let from = -1;
  for (const b of bounds) {
    const at = b >> 1;
    const before = depth;
    depth += b & 1 ? 1 : -1;
    if (before < 2 && depth >= 2) {
      from = at;
    } else if (before >= 2 && depth < 2 && at > from) {
      const last = overlaps[overlaps.length - 1];
      if (last && last[1] === from) {
        overlaps[overlaps.length - 1] = [last[0], at];
      } else {
        overlaps.push([from, at]);
      }
    }
  }
  return { byColor, overlaps };
}

/** Offsets → (line, character) by binary search over line starts, as an editor's positionAt does. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      this.starts.push(i + 1);
    }
  }

  positionAt(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
}
