/**
 * The coding margin's layout (ATLAS.ti-style brackets beside a transcript), pure: each coding covers
 * a range of lines; brackets whose line ranges share a line get different columns, so overlapping
 * codings never hide each other. The assignment is interval partitioning: brackets taken by first
 * line (longer first on ties, so an enclosing bracket stands left of what it encloses), each into the
 * lowest column free at its first line. That uses exactly as many columns as the most brackets on
 * any one line (the fewest possible), in O(n log n).
 */

/** One coding as the margin sees it: its lines, first and last (inclusive, 0-based). */
export interface MarginItem {
  readonly id: string;
  readonly startLine: number;
  readonly endLine: number;
}

export interface MarginBracket extends MarginItem {
  /** 0-based column, 0 nearest the text. */
  readonly column: number;
}

export interface MarginLayout {
  /** Sorted by first line, then longest first, then id. */
  readonly brackets: readonly MarginBracket[];
  /** How many columns are used (0 when there is no bracket). */
  readonly columns: number;
}

/** A binary min-heap of numbers (small and local: the core has no dependency for this). */
class MinHeap {
  private readonly a: number[] = [];
  get size(): number {
    return this.a.length;
  }
  peek(): number {
    return this.a[0];
  }
  push(v: number): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= v) {
        break;
      }
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }
  pop(): number {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) {
          break;
        }
        const c = l + 1 < a.length && a[l + 1] < a[l] ? l + 1 : l;
        if (a[c] >= last) {
          break;
        }
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

export function compareItems(a: MarginItem, b: MarginItem): number {
  return a.startLine - b.startLine || b.endLine - a.endLine || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Assigns every item a column so that no two items sharing a line share a column. */
export function layoutMargin(items: readonly MarginItem[]): MarginLayout {
  const sorted = items.slice().sort(compareItems);
  // Busy columns keyed by last line: encoded as line * 2^20 + column so one number heap orders them.
  const SHIFT = 1 << 20;
  const busy = new MinHeap();
  const free = new MinHeap();
  let columns = 0;
  const brackets: MarginBracket[] = [];
  for (const item of sorted) {
    const endLine = Math.max(item.startLine, item.endLine);
    while (busy.size > 0 && Math.floor(busy.peek() / SHIFT) < item.startLine) {
      free.push(busy.pop() % SHIFT);
    }
    const column = free.size > 0 ? free.pop() : columns++;
    busy.push(endLine * SHIFT + column);
    brackets.push({ id: item.id, startLine: item.startLine, endLine, column });
  }
  return { brackets, columns };
}

/** The most items on any one line: the fewest columns any layout can use. */
export function maxDepth(items: readonly MarginItem[]): number {
  const events: number[] = [];
  for (const i of items) {
    events.push(i.startLine * 2, Math.max(i.startLine, i.endLine) * 2 + 1);
  }
  events.sort((a, b) => a - b);
  let depth = 0;
  let max = 0;
  for (const e of events) {
    depth += e & 1 ? -1 : 1;
    max = depth > max ? depth : max;
  }
  return max;
}

/** The label of a coding with several codes: the first code's name and how many more ("mandaat +2"). */
export function chipLabel(names: readonly string[]): string {
  if (names.length === 0) {
    return '';
  }
  return names.length === 1 ? names[0] : `${names[0]} +${names.length - 1}`;
}

/**
 * Black or white, whichever contrasts more with a chip of colour `hex` (#rgb or #rrggbb; WCAG
 * relative luminance): the chip carries its own background, so it reads the same in every theme.
 */
export function chipTextColor(hex: string): '#000000' | '#ffffff' {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) {
    return '#000000';
  }
  const h = m[1].length === 3 ? [...m[1]].map((ch) => ch + ch).join('') : m[1];
  const channel = (i: number) => {
    const v = parseInt(h.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // contrast with black (l + 0.05) / 0.05 against with white 1.05 / (l + 0.05): equal at l ≈ 0.179
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}
