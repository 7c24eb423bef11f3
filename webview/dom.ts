/**
 * Tiny DOM helpers for the webview. Study text only ever reaches the DOM through text nodes and
 * attribute setters, never as HTML (no innerHTML anywhere), so a code named `<img src=x onerror=…>`
 * stays text.
 */

export type Attrs = Record<string, string | number | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: (Node | string)[]): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Attrs, ...children: (Node | string)[]): HTMLElement;
export function el(tag: string, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) {
      continue;
    }
    node.setAttribute(k, v === true ? '' : String(v));
  }
  node.append(...children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element; like el(), text only ever as text nodes. */
export function svg(tag: string, attrs: Attrs = {}, ...children: (Node | string)[]): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== false) {
      node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  node.append(...children);
  return node;
}

/** Fills `{0}`, `{1}`, … in a localised template. */
export function fmt(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

export function formatNumber(v: number, percent: boolean): string {
  return percent ? v.toFixed(1) : String(v);
}

/** A right-aligned number cell (coverage, synthesis, saturation tables). */
export function numberCell(v: number): HTMLTableCellElement {
  return el('td', { class: 'n' }, String(v));
}
