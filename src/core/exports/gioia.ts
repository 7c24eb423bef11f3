/**
 * The Gioia data structure (thesis 004 fig. 7; Gioia, Corley & Hamilton 2013): 1st-order
 * concepts → 2nd-order themes → aggregate dimensions, read from a 3-level code tree (top-level
 * codes are the dimensions, their children the themes, everything below a theme its concepts).
 * As an SVG picture for the thesis and as a Markdown table. Pure.
 */
import type { Study } from '../study';
import type { ExportLabels } from './labels';
import { DEFAULT_LABELS } from './labels';
import { htmlEscape } from './codebook';
import { markdownTable } from './markdown';
import { append } from '../port';

export interface GioiaConcept {
  readonly id: string;
  readonly name: string;
}
export interface GioiaTheme {
  readonly id: string;
  readonly name: string;
  readonly concepts: readonly GioiaConcept[];
}
export interface GioiaDimension {
  readonly id: string;
  readonly name: string;
  readonly themes: readonly GioiaTheme[];
}

/**
 * Top-level codes → dimensions, their children → themes, deeper codes → concepts. A codebook of
 * only two levels (factor → pattern, as thesis 000's) has no concepts; then its patterns are the
 * concepts, its factors the themes, and the factors' polarity (hindering / stimulating) the
 * aggregate dimensions, which is how that thesis grouped its factors.
 */
export function gioiaStructure(study: Study, labels: ExportLabels = DEFAULT_LABELS): GioiaDimension[] {
  const top = study.children(undefined);
  const deep = study.codes.some((c) => study.depthOf(c.id) >= 2);
  if (!deep) {
    const groups = new Map<string, GioiaTheme[]>();
    for (const factor of top) {
      const key = factor.polarity ?? '';
      const theme = { id: factor.id, name: factor.name, concepts: study.children(factor.id).map((c) => ({ id: c.id, name: c.name })) };
      groups.set(key, [...(groups.get(key) ?? []), theme]);
    }
    return [...groups].map(([polarity, themes]) => ({
      id: `polarity:${polarity}`,
      name: polarity ? labels.polarities[polarity as keyof ExportLabels['polarities']] : '—',
      themes,
    }));
  }
  return top.map((dim) => ({
    id: dim.id,
    name: dim.name,
    themes: study.children(dim.id).map((theme) => ({
      id: theme.id,
      name: theme.name,
      concepts: study
        .subtree(theme.id)
        .slice(1)
        .map((id) => ({ id, name: study.code(id)!.name })),
    })),
  }));
}

export function gioiaMarkdown(dims: readonly GioiaDimension[], labels: ExportLabels = DEFAULT_LABELS): string {
  const rows: string[][] = [];
  for (const d of dims) {
    const themes = d.themes.length ? d.themes : [{ id: '', name: '', concepts: [] }];
    themes.forEach((t, i) => {
      rows.push([t.concepts.map((c) => `• ${c.name}`).join('\n'), t.name, i === 0 ? d.name : '']);
    });
  }
  return `# ${labels.gioia}\n\n` + markdownTable({ header: [labels.firstOrder, labels.secondOrder, labels.aggregateDimension], rows });
}

// ---------- SVG ----------

const FONT = 13;
const LINE = 17;
/** Average glyph width of a sans-serif font at 13 px, for wrapping without measuring. */
const CHAR = 6.9;
const CHAR_BOLD = 7.8;
const PAD = 8;
const GAP = 10;
const COL = { concept: { x: 20, w: 380 }, theme: { x: 470, w: 260 }, dim: { x: 800, w: 220 } };
const WIDTH = 1040;
const HEADER = 44;

/** Greedy word wrap to a number of characters; long words are split. */
export function wrapText(text: string, maxChars: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (let w of words) {
    while (w.length > maxChars) {
      if (cur) {
        lines.push(cur);
        cur = '';
      }
      lines.push(w.slice(0, maxChars - 1) + '-');
      w = w.slice(maxChars - 1);
    }
    if (!cur) {
      cur = w;
    } else if (cur.length + 1 + w.length <= maxChars) {
      cur += ' ' + w;
    } else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) {
    lines.push(cur);
  }
  return lines.length ? lines : [''];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
  kind: 'concept' | 'theme' | 'dim';
}

function box(kind: Box['kind'], text: string, y: number, minH = 0): Box {
  const col = COL[kind];
  const lines = wrapText(text, Math.floor((col.w - 2 * PAD) / (kind === 'dim' ? CHAR_BOLD : CHAR)));
  const h = Math.max(minH, lines.length * LINE + 2 * PAD - (LINE - FONT));
  return { x: col.x, y, w: col.w, h, lines, kind };
}

/** The data structure as a standalone SVG picture (black on white, for print). */
export function gioiaSvg(dims: readonly GioiaDimension[], labels: ExportLabels = DEFAULT_LABELS, title = labels.gioia): string {
  const boxes: Box[] = [];
  const links: [Box, Box][] = [];
  let y = HEADER + 10;
  for (const d of dims) {
    const dimTop = y;
    const themeBoxes: Box[] = [];
    for (const t of d.themes) {
      const themeTop = y;
      const conceptBoxes: Box[] = [];
      let cy = themeTop;
      for (const c of t.concepts) {
        const b = box('concept', c.name, cy);
        conceptBoxes.push(b);
        cy += b.h + GAP / 2;
      }
      const conceptsHeight = conceptBoxes.length ? cy - GAP / 2 - themeTop : 0;
      const tb = box('theme', t.name, themeTop);
      const block = Math.max(conceptsHeight, tb.h);
      tb.y = themeTop + (block - tb.h) / 2;
      for (const b of conceptBoxes) {
        b.y += (block - conceptsHeight) / 2;
        links.push([b, tb]);
      }
      append(boxes, conceptBoxes).push(tb);
      themeBoxes.push(tb);
      y = themeTop + block + GAP;
    }
    const themesHeight = themeBoxes.length ? y - GAP - dimTop : 0;
    const db = box('dim', d.name, dimTop);
    const block = Math.max(themesHeight, db.h);
    db.y = dimTop + (block - db.h) / 2;
    if (themesHeight < block) {
      // a tall dimension box: move its themes (and their concepts) down to its middle
      const shift = (block - themesHeight) / 2;
      for (const b of boxes.filter((x) => x.y >= dimTop && x.kind !== 'dim')) {
        b.y += shift;
      }
    }
    for (const t of themeBoxes) {
      links.push([t, db]);
    }
    boxes.push(db);
    // more room between dimensions than between themes
    y = dimTop + block + 2 * GAP;
  }
  const lines = links.map(([a, b]) => connector(a.x + a.w, a.y + a.h / 2, b.x, b.y + b.h / 2));
  const height = Math.ceil(y + 10);
  const e = htmlEscape;
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="gioia-title" font-family="Arial, Helvetica, sans-serif" font-size="${FONT}">`,
    `<title id="gioia-title">${e(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g font-weight="bold" fill="#000000">`,
    `<text x="${COL.concept.x + COL.concept.w / 2}" y="28" text-anchor="middle">${e(labels.firstOrder)}</text>`,
    `<text x="${COL.theme.x + COL.theme.w / 2}" y="28" text-anchor="middle">${e(labels.secondOrder)}</text>`,
    `<text x="${COL.dim.x + COL.dim.w / 2}" y="28" text-anchor="middle">${e(labels.aggregateDimension)}</text>`,
    `</g>`,
    `<g stroke="#000000" stroke-width="1" fill="none">`,
    ...lines,
    `</g>`,
  ];
  for (const b of boxes) {
    const fill = b.kind === 'dim' ? '#e8e8e8' : b.kind === 'theme' ? '#f4f4f4' : '#ffffff';
    out.push(`<g class="${b.kind}">`);
    out.push(
      `<rect x="${b.x}" y="${r(b.y)}" width="${b.w}" height="${r(b.h)}" rx="${b.kind === 'concept' ? 2 : 6}" fill="${fill}" stroke="#000000"/>`,
    );
    const textTop = b.y + (b.h - (b.lines.length * LINE - (LINE - FONT))) / 2 + FONT - 2;
    const anchor = b.kind === 'concept' ? 'start' : 'middle';
    const tx = b.kind === 'concept' ? b.x + PAD : b.x + b.w / 2;
    out.push(
      `<text x="${tx}" y="${r(textTop)}" text-anchor="${anchor}"${b.kind === 'dim' ? ' font-weight="bold"' : ''}>` +
        b.lines.map((l, i) => `<tspan x="${tx}" dy="${i === 0 ? 0 : LINE}">${e(l)}</tspan>`).join('') +
        `</text>`,
    );
    out.push(`</g>`);
  }
  out.push(`</svg>`, '');
  return out.join('\n');
}

function r(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

function connector(x1: number, y1: number, x2: number, y2: number): string {
  const mx = (x1 + x2) / 2;
  return `<path d="M${r(x1)} ${r(y1)} H${r(mx)} V${r(y2)} H${r(x2)}"/>`;
}
