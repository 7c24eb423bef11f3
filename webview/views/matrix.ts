/**
 * The matrix view: a tree grid of codes × columns with a heat-map, one tab stop (roving tabindex),
 * arrow keys, collapsible rows and cells that list their passages. It never computes counts.
 */
import { el, fmt, formatNumber } from '../dom';
import { post } from '../host';
import { passagesPane, showView, status, tableWrap } from '../layout';
import { renderPassagesHint, renderPassagesLoading } from '../passages';
import type { MatrixRowView, MatrixView, UiStrings } from '../protocol';
import { setFocusedCell, setMatrix, setSelected, store, updatePanel } from '../state';

function visibleRows(m: MatrixView, collapsed: ReadonlySet<string>): boolean[] {
  const hiddenUnder = new Map<string, boolean>();
  return m.rows.map((r) => {
    const parentHidden = r.parent !== undefined ? (hiddenUnder.get(r.parent) ?? false) || collapsed.has(r.parent) : false;
    hiddenUnder.set(r.code, parentHidden);
    return !parentHidden;
  });
}

function headRow(m: MatrixView, t: UiStrings): HTMLTableRowElement {
  const head = el('tr', { 'aria-rowindex': 1 });
  head.append(el('th', { scope: 'col', role: 'columnheader' }, t.code));
  for (const c of m.columns) {
    head.append(
      el('th', { scope: 'col', role: 'columnheader', class: 'col', title: c.detail ?? c.label }, c.missing ? t.noValue : c.label),
    );
  }
  head.append(el('th', { scope: 'col', role: 'columnheader', class: 'col' }, t.total));
  return head;
}

/** The row header: twisty (parents only), colour swatch and name, indented by depth. */
function rowHeader(r: MatrixRowView, isCollapsed: boolean): HTMLTableCellElement {
  const twisty = el(
    'button',
    { class: r.hasChildren ? 'twisty' : 'twisty leaf', tabindex: -1, 'aria-hidden': 'true' },
    r.hasChildren ? (isCollapsed ? '▸' : '▾') : '',
  );
  twisty.addEventListener('click', (e) => {
    e.stopPropagation();
    toggleRow(r.code);
  });
  const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  swatch.style.setProperty('--swatch', /^#[0-9a-f]{6}$/i.test(r.color) ? r.color : 'transparent');
  const header = el(
    'th',
    { scope: 'row', role: 'rowheader', tabindex: -1, title: r.path, 'data-col': 0 },
    twisty,
    swatch,
    el('span', { class: 'name' }, r.name),
  );
  header.style.paddingLeft = `${0.3 + r.depth * 1.1}em`;
  return header;
}

/** The heat-map in ten steps (classes, so that cells share styles and layout stays fast). */
function heatClass(v: number, codings: number, max: number): string {
  return codings === 0 ? 'zero' : `h${v > 0 ? Math.min(9, Math.ceil((v / max) * 9)) : 0}`;
}

function bodyRow(m: MatrixView, i: number, collapsed: ReadonlySet<string>, visible: boolean): HTMLTableRowElement {
  const r = m.rows[i];
  const C = m.columns.length;
  const max = m.max || 1;
  const selected = store.selected;
  const isCollapsed = collapsed.has(r.code);
  const tr = el('tr', {
    'data-code': r.code,
    'aria-rowindex': i + 2,
    'aria-level': r.depth + 1,
    'aria-expanded': r.hasChildren ? String(!isCollapsed) : undefined,
    class: r.hasChildren ? 'parent' : undefined,
  });
  tr.hidden = !visible;
  tr.append(rowHeader(r, isCollapsed));
  for (let c = 0; c < C; c++) {
    const v = m.values[i * C + c];
    const td = document.createElement('td');
    td.className = heatClass(v, m.codings[i * C + c], max);
    td.tabIndex = -1;
    td.setAttribute('role', 'gridcell');
    td.dataset.col = String(c + 1);
    td.textContent = formatNumber(v, m.percent);
    if (selected && selected.row === r.code && selected.column === m.columns[c].key) {
      td.setAttribute('aria-selected', 'true');
    }
    tr.append(td);
  }
  tr.append(el('td', { role: 'gridcell', class: 'total', tabindex: -1, 'data-col': C + 1 }, String(m.rowTotals[i])));
  return tr;
}

function totalsRow(m: MatrixView, t: UiStrings): HTMLTableRowElement {
  const tr = el('tr', { class: 'totals', 'aria-rowindex': m.rows.length + 2 });
  tr.append(el('th', { scope: 'row', role: 'rowheader' }, t.total));
  for (let c = 0; c < m.columns.length; c++) {
    tr.append(el('td', { role: 'gridcell' }, String(m.columnTotals[c])));
  }
  tr.append(el('td', { role: 'gridcell' }, m.showGrandTotal ? String(m.grandTotal) : ''));
  return tr;
}

/** The table on screen and what its layout was made from (rows, columns, texts, collapsed rows). */
let rendered: { readonly table: HTMLTableElement; readonly shape: string; m: MatrixView } | undefined;

/**
 * A live update (one coding changed) leaves the rows and columns as they were: then only the
 * numbers, heat classes and totals that changed are set in the table on screen, which keeps its
 * focus, selection and scroll; rebuilding 6,000 cells took longer than a frame.
 */
function patchMatrix(table: HTMLTableElement, prev: MatrixView, m: MatrixView): void {
  const C = m.columns.length;
  const max = m.max || 1;
  // With the same maximum, a cell whose numbers did not change keeps its text and heat class: not even read.
  const all = m.max !== prev.max;
  const rows = table.tBodies[0].rows;
  const set = (cell: HTMLTableCellElement, text: string, className?: string): void => {
    if (cell.textContent !== text) {
      cell.textContent = text;
    }
    if (className !== undefined && cell.className !== className) {
      cell.className = className;
    }
  };
  for (let i = 0; i < m.rows.length; i++) {
    const cells = rows[i].cells;
    for (let c = 0; c < C; c++) {
      const k = i * C + c;
      const v = m.values[k];
      if (all || v !== prev.values[k] || m.codings[k] !== prev.codings[k]) {
        set(cells[c + 1], formatNumber(v, m.percent), heatClass(v, m.codings[k], max));
      }
    }
    if (m.rowTotals[i] !== prev.rowTotals[i]) {
      set(cells[C + 1], String(m.rowTotals[i]));
    }
  }
  const foot = table.tFoot?.rows[0]?.cells;
  if (foot) {
    for (let c = 0; c < C; c++) {
      set(foot[c + 1], String(m.columnTotals[c]));
    }
    set(foot[C + 1], m.showGrandTotal ? String(m.grandTotal) : '');
  }
}

export function renderMatrix(m: MatrixView): void {
  const t = store.strings!;
  const s = store.panel!;
  const C = m.columns.length;
  const shape = JSON.stringify([m.rows, m.columns, m.percent, m.totalsRow, s.collapsed, t]);
  if (rendered && rendered.shape === shape && rendered.table.parentElement === tableWrap) {
    patchMatrix(rendered.table, rendered.m, m);
    rendered.m = m;
    setStatus(m, t);
    return;
  }
  const collapsed = new Set(s.collapsed);
  const table = el('table', {
    class: 'matrix',
    role: 'treegrid',
    'aria-label': t.title,
    'aria-rowcount': m.rows.length + 1,
    'aria-colcount': C + 2,
  });
  table.append(el('thead', {}, headRow(m, t)));
  const tbody = el('tbody');
  const visible = visibleRows(m, collapsed);
  m.rows.forEach((_r, i) => tbody.append(bodyRow(m, i, collapsed, visible[i])));
  table.append(tbody);
  if (m.totalsRow) {
    table.append(el('tfoot', {}, totalsRow(m, t)));
  }
  table.addEventListener('click', onMatrixClick);
  table.addEventListener('keydown', onMatrixKey);
  tableWrap.replaceChildren(table);
  rendered = { table, shape, m };
  restoreFocus(table);
  setStatus(m, t);
}

/** The status line: how long the computation took, and the codings left out of every number. */
function setStatus(m: MatrixView, t: UiStrings): void {
  const C = m.columns.length;
  // Orphaned codings are in no number (core/counting): the footer says so.
  status.textContent = [
    fmt(t.computed, m.ms.toFixed(1), m.rows.length, C),
    ...(m.uncounted === 1 ? [t.uncountedOne] : m.uncounted > 0 ? [fmt(t.uncounted, m.uncounted)] : []),
  ].join(' · ');
}

/** A matrix arrived: show it, and keep the passages of the selected cell live. */
export function showMatrix(m: MatrixView): void {
  setMatrix(m);
  if (m.rows.length === 0) {
    showView(el('p', { class: 'hint' }, store.strings!.empty));
  } else {
    renderMatrix(m);
  }
  if (!passagesPane.hasChildNodes()) {
    renderPassagesHint();
  }
  // keep the side list live: ask again for the selected cell's passages (the study may have changed)
  const selected = store.selected;
  if (selected && m.rows.some((r) => r.code === selected.row) && m.columns.some((c) => c.key === selected.column)) {
    post({ type: 'openCell', row: selected.row, column: selected.column });
  } else if (selected) {
    setSelected(undefined);
    renderPassagesHint();
  }
}

/** One tab stop in the grid (roving tabindex): the focused cell, else the first row header. */
function restoreFocus(table: HTMLTableElement): void {
  const hadFocus = document.activeElement === document.body || table.contains(document.activeElement);
  const focused = store.focusedCell;
  let cell: HTMLElement | null = null;
  if (focused) {
    const row = [...table.tBodies[0].rows].find((r) => r.dataset.code === focused.row && !r.hidden);
    cell = (row?.querySelector(`[data-col="${focused.col}"]`) as HTMLElement | null) ?? null;
  }
  cell ??= table.querySelector('tbody tr:not([hidden]) th');
  if (cell) {
    cell.tabIndex = 0;
    if (hadFocus && focused) {
      cell.focus({ preventScroll: true });
    }
  }
}

function cellOf(target: EventTarget | null): HTMLTableCellElement | null {
  const node = target instanceof Element ? target.closest('td, th') : null;
  return node instanceof HTMLTableCellElement && node.closest('tbody') ? node : null;
}

function onMatrixClick(e: MouseEvent): void {
  const cell = cellOf(e.target);
  if (!cell) {
    return;
  }
  focusCell(cell);
  if (cell.tagName === 'TD') {
    activateCell(cell);
  }
}

/** Selects a data cell and asks the extension for its passages (not for empty cells or totals). */
function activateCell(cell: HTMLTableCellElement): void {
  const m = store.matrix;
  const row = cell.parentElement as HTMLTableRowElement;
  const col = Number(cell.dataset.col) - 1;
  if (!m || col < 0 || col >= m.columns.length || cell.classList.contains('zero')) {
    return;
  }
  const code = row.dataset.code!;
  setSelected({ row: code, column: m.columns[col].key });
  cell
    .closest('table')!
    .querySelectorAll('td[aria-selected]')
    .forEach((n) => n.removeAttribute('aria-selected'));
  cell.setAttribute('aria-selected', 'true');
  renderPassagesLoading();
  post({ type: 'openCell', row: code, column: m.columns[col].key });
}

function focusCell(cell: HTMLElement): void {
  const table = cell.closest('table');
  table?.querySelectorAll('[tabindex="0"]').forEach((n) => ((n as HTMLElement).tabIndex = -1));
  cell.tabIndex = 0;
  cell.focus();
  const row = cell.parentElement as HTMLTableRowElement;
  if (row.dataset.code) {
    setFocusedCell({ row: row.dataset.code, col: Number(cell.dataset.col) });
  }
}

/** Collapses or expands a row (`expand` forces one way); the extension only keeps the state. */
export function toggleRow(code: string, expand?: boolean): void {
  const s = store.panel;
  if (!s) {
    return;
  }
  const collapsed = new Set(s.collapsed);
  const isCollapsed = collapsed.has(code);
  if (expand === true && !isCollapsed) {
    return;
  }
  if (expand === false && isCollapsed) {
    return;
  }
  if (isCollapsed) {
    collapsed.delete(code);
  } else {
    collapsed.add(code);
  }
  updatePanel({ ...s, collapsed: [...collapsed] });
  if (store.matrix) {
    // collapsing is local: re-render from the model we have without waiting for the extension
    renderMatrix(store.matrix);
  }
}

/** Keyboard navigation of the grid (the WAI-ARIA treegrid pattern). */
function onMatrixKey(e: KeyboardEvent): void {
  const cell = cellOf(e.target);
  if (!cell) {
    return;
  }
  const row = cell.parentElement as HTMLTableRowElement;
  const rows = [...row.parentElement!.children].filter((r) => !(r as HTMLElement).hidden) as HTMLTableRowElement[];
  const ri = rows.indexOf(row);
  const ci = Number(cell.dataset.col);
  const cellAt = (r: HTMLTableRowElement | undefined, c: number): HTMLElement | null =>
    r ? (r.querySelector(`[data-col="${c}"]`) as HTMLElement | null) : null;
  const lastCol = row.cells.length - 1;
  const code = row.dataset.code!;
  let target: HTMLElement | null = null;
  switch (e.key) {
    case 'ArrowDown':
      target = cellAt(rows[ri + 1], ci);
      break;
    case 'ArrowUp':
      target = cellAt(rows[ri - 1], ci);
      break;
    case 'ArrowRight':
      if (ci === 0 && row.getAttribute('aria-expanded') === 'false') {
        toggleRow(code, true);
        e.preventDefault();
        return;
      }
      target = cellAt(row, Math.min(lastCol, ci + 1));
      break;
    case 'ArrowLeft':
      if (ci === 0) {
        if (row.getAttribute('aria-expanded') === 'true') {
          toggleRow(code, false);
          e.preventDefault();
          return;
        }
        const parent = store.matrix?.rows.find((r) => r.code === code)?.parent;
        target = parent
          ? cellAt(
              rows.find((r) => r.dataset.code === parent),
              0,
            )
          : null;
      } else {
        target = cellAt(row, ci - 1);
      }
      break;
    case 'Home':
      target = e.ctrlKey ? cellAt(rows[0], 0) : cellAt(row, 0);
      break;
    case 'End':
      target = e.ctrlKey ? cellAt(rows[rows.length - 1], lastCol) : cellAt(row, lastCol);
      break;
    case 'PageDown':
      target = cellAt(rows[Math.min(rows.length - 1, ri + 10)], ci);
      break;
    case 'PageUp':
      target = cellAt(rows[Math.max(0, ri - 10)], ci);
      break;
    case 'Enter':
    case ' ':
      if (ci === 0) {
        if (row.hasAttribute('aria-expanded')) {
          toggleRow(code);
        }
      } else {
        activateCell(cell);
      }
      e.preventDefault();
      return;
    default:
      return;
  }
  e.preventDefault();
  if (target) {
    focusCell(target);
  }
}
