/**
 * The matrix panel's webview: renders what the extension computed and reports what the user does.
 * It never computes counts. Study text only ever reaches the DOM through textContent and
 * attribute setters, never as HTML, so a code named `<img src=x onerror=…>` stays text.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import css from './main.css';
import type {
  Choice,
  Choices,
  CoverageView,
  ExportFormat,
  HostMessage,
  MatrixView,
  PanelState,
  Passage,
  SaturationView,
  SynthesisView,
  UiStrings,
  View,
  WebviewMessage,
} from './protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

// ---------- tiny DOM helpers (text only, never innerHTML) ----------

type Attrs = Record<string, string | number | boolean | undefined>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: (Node | string)[]): HTMLElementTagNameMap[K];
function el(tag: string, attrs?: Attrs, ...children: (Node | string)[]): HTMLElement;
function el(tag: string, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElement {
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

function fmt(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

function formatNumber(v: number, percent: boolean): string {
  return percent ? v.toFixed(1) : String(v);
}

// ---------- state ----------

let strings: UiStrings | undefined;
let state: PanelState | undefined;
let choices: Choices | undefined;
let controlsKey = '';
let filtersOpen = false;
let matrix: MatrixView | undefined;
let selected: { row: string; column: string } | undefined;
let focusedCell: { row: string; col: number } | undefined;

const app = el('div', { id: 'app' });
document.body.append(app);

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function updateState(next: PanelState): void {
  state = next;
  vscode.setState(next);
  post({ type: 'setState', state: next });
}

// ---------- layout ----------

const toolbar = el('div', { class: 'toolbar', role: 'toolbar' });
const tablist = el('div', { class: 'views', role: 'tablist' });
const body = el('div', { class: 'body' });
const tableWrap = el('div', { class: 'table-wrap', id: 'view-panel', role: 'tabpanel' });
const passagesPane = el('aside', { class: 'passages', 'aria-live': 'polite' });
const status = el('div', { class: 'status', role: 'status' });
body.append(tableWrap, passagesPane);
app.append(toolbar, tablist, body, status);

function select(label: string, name: string, options: readonly Choice[], value: string): HTMLElement {
  const sel = el('vscode-single-select', { name, 'aria-label': label });
  for (const o of options) {
    sel.append(el('vscode-option', { value: o.id, selected: o.id === value }, o.label));
  }
  return el('label', { class: 'field' }, el('span', {}, label), sel);
}

/**
 * A filter: a group of checkboxes (nothing ticked = no filter), or a multi-select when there are
 * many values. Either reports its ticked values through the `change` handler.
 */
function filter(label: string, name: string, options: readonly Choice[], values: readonly string[]): HTMLElement {
  if (options.length > 6) {
    const sel = el('vscode-multi-select', { name, 'aria-label': label });
    for (const o of options) {
      sel.append(el('vscode-option', { value: o.id, selected: values.includes(o.id) }, o.label));
    }
    sel.addEventListener('change', () => onFilterChange(name, [...(sel as unknown as { value: string[] }).value]));
    return el('label', { class: 'field' }, el('span', {}, label), sel);
  }
  const group = el('fieldset', { class: 'filter', 'data-filter': name });
  group.append(el('legend', {}, label));
  for (const o of options) {
    group.append(el('vscode-checkbox', { value: o.id, label: o.label, checked: values.includes(o.id), 'data-value': o.id }));
  }
  group.addEventListener('change', () => {
    const ticked = [...group.querySelectorAll('vscode-checkbox')]
      .filter((c) => (c as unknown as { checked: boolean }).checked)
      .map((c) => c.getAttribute('data-value')!);
    onFilterChange(name, ticked);
  });
  return group;
}

function columnValue(s: PanelState): string {
  return s.options.columns.kind === 'attribute' ? `attribute:${s.options.columns.key}` : s.options.columns.kind;
}

function buildControls(): void {
  if (!strings || !state || !choices) {
    return;
  }
  const key = JSON.stringify([strings, choices, state.view]);
  if (key === controlsKey) {
    return;
  }
  controlsKey = key;
  const t = strings;
  const s = state;
  toolbar.replaceChildren();
  if (s.view === 'matrix') {
    toolbar.append(
      select(
        t.rows,
        'rows',
        [
          { id: 'tree', label: t.rowsTree },
          { id: 'top', label: t.rowsTop },
        ],
        s.options.rows,
      ),
      select(
        t.columns,
        'columns',
        [
          { id: 'case', label: t.columnCase },
          { id: 'respondent', label: t.columnRespondent },
          { id: 'transcript', label: t.columnTranscript },
          ...choices.attributes.map((a) => ({ id: `attribute:${a}`, label: fmt(t.columnAttribute, a) })),
          { id: 'factor', label: t.columnFactor },
          { id: 'code', label: t.columnCode },
        ],
        columnValue(s),
      ),
      select(
        t.measure,
        'measure',
        [
          { id: 'codings', label: t.measureCodings },
          { id: 'transcripts', label: t.measureTranscripts },
          { id: 'respondents', label: t.measureRespondents },
          { id: 'rowPercent', label: t.measureRowPercent },
          { id: 'columnPercent', label: t.measureColumnPercent },
        ],
        s.options.measure,
      ),
    );
  }
  const f = s.options.filters ?? {};
  const filters = el('details', { class: 'filters', open: filtersOpen || activeFilters(s) > 0 });
  filters.addEventListener('toggle', () => {
    filtersOpen = (filters as HTMLDetailsElement).open;
  });
  filters.append(
    el('summary', {}, filterSummary(s, t)),
    el(
      'div',
      { class: 'filter-groups' },
      filter(t.polarity, 'polarity', choices.polarities, f.polarity ?? []),
      filter(t.origin, 'origin', choices.origins, f.origin ?? []),
      filter(t.case, 'cases', choices.cases, f.cases ?? []),
      filter(t.coder, 'coders', choices.coders, f.coders ?? []),
    ),
  );
  toolbar.append(filters, el('span', { class: 'spacer' }));
  const actions = el('div', { class: 'actions', role: 'group', 'aria-label': t.exportLabel });
  const exportButton = (format: ExportFormat, label: string, title?: string): HTMLElement => {
    const b = el('vscode-button', { secondary: true, 'data-export': format, title }, label);
    b.addEventListener('click', () => post({ type: 'export', format }));
    return b;
  };
  if (s.view === 'saturation') {
    // like the "Saturation Report" command: the table as Markdown with the chart as SVG beside it
    actions.append(exportButton('markdown', t.exportSaturation, t.exportSaturationTitle));
  } else {
    actions.append(exportButton('csv', t.exportCsv), exportButton('xlsx', t.exportXlsx), exportButton('markdown', t.exportMarkdown));
  }
  toolbar.append(actions);

  toolbar.querySelectorAll('vscode-single-select').forEach((node) => {
    node.addEventListener('change', () => onControlChange(node as HTMLElement & { value: string | string[]; name?: string }));
  });

  tablist.replaceChildren();
  const views: [View, string][] = [
    ['matrix', t.viewMatrix],
    ['coverage', t.viewCoverage],
    ['synthesis', t.viewSynthesis],
    ['saturation', t.viewSaturation],
  ];
  for (const [view, label] of views) {
    const active = view === s.view;
    const tab = el(
      'button',
      { role: 'tab', id: `tab-${view}`, 'aria-selected': String(active), 'aria-controls': 'view-panel', tabindex: active ? 0 : -1 },
      label,
    );
    tab.addEventListener('click', () => switchView(view));
    tab.addEventListener('keydown', (e) => {
      const i = views.findIndex(([v]) => v === view);
      const next =
        e.key === 'ArrowRight'
          ? views[(i + 1) % views.length]
          : e.key === 'ArrowLeft'
            ? views[(i + views.length - 1) % views.length]
            : undefined;
      if (next) {
        e.preventDefault();
        switchView(next[0]);
      }
    });
    tablist.append(tab);
  }
  tableWrap.setAttribute('aria-labelledby', `tab-${s.view}`);
}

function activeFilters(s: PanelState): number {
  const f = s.options.filters ?? {};
  return (f.polarity?.length ?? 0) + (f.origin?.length ?? 0) + (f.cases?.length ?? 0) + (f.coders?.length ?? 0);
}

function filterSummary(s: PanelState, t: UiStrings): string {
  const n = activeFilters(s);
  return n ? `${t.filters} (${n})` : t.filters;
}

function switchView(view: View): void {
  if (!state || state.view === view) {
    return;
  }
  updateState({ ...state, view });
  buildControls();
  document.getElementById(`tab-${view}`)?.focus();
  selected = undefined;
  renderPassagesHint();
}

function onFilterChange(name: string, values: string[]): void {
  if (!state) {
    return;
  }
  const filters: Record<string, string[]> = { ...(state.options.filters ?? {}) };
  const key = name === 'polarity' ? 'polarity' : name === 'origin' ? 'origin' : name === 'cases' ? 'cases' : 'coders';
  if (values.length) {
    filters[key] = values;
  } else {
    delete filters[key];
  }
  selected = undefined;
  renderPassagesHint();
  updateState({ ...state, options: { ...state.options, filters: filters as PanelState['options']['filters'] } });
  const summary = toolbar.querySelector('details.filters summary');
  if (summary && strings) {
    summary.textContent = filterSummary(state!, strings);
  }
}

function onControlChange(node: HTMLElement & { value: string | string[] }): void {
  if (!state) {
    return;
  }
  const name = node.getAttribute('name');
  const o = state.options;
  let options = o;
  switch (name) {
    case 'rows':
      options = { ...o, rows: node.value === 'top' ? 'top' : 'tree' };
      break;
    case 'columns': {
      const v = String(node.value);
      options = {
        ...o,
        columns: v.startsWith('attribute:')
          ? { kind: 'attribute', key: v.slice('attribute:'.length) }
          : { kind: v as 'case' | 'respondent' | 'transcript' | 'factor' | 'code' },
      };
      break;
    }
    case 'measure':
      options = { ...o, measure: node.value as PanelState['options']['measure'] };
      break;
    default:
      return;
  }
  selected = undefined;
  renderPassagesHint();
  updateState({ ...state, options });
}

// ---------- matrix ----------

function visibleRows(m: MatrixView, collapsed: ReadonlySet<string>): boolean[] {
  const hiddenUnder = new Map<string, boolean>();
  return m.rows.map((r) => {
    const parentHidden = r.parent !== undefined ? (hiddenUnder.get(r.parent) ?? false) || collapsed.has(r.parent) : false;
    hiddenUnder.set(r.code, parentHidden);
    return !parentHidden;
  });
}

function renderMatrix(m: MatrixView): void {
  const t = strings!;
  const s = state!;
  const collapsed = new Set(s.collapsed);
  const C = m.columns.length;
  const table = el('table', {
    class: 'matrix',
    role: 'treegrid',
    'aria-label': t.title,
    'aria-rowcount': m.rows.length + 1,
    'aria-colcount': C + 2,
  });
  const head = el('tr', { 'aria-rowindex': 1 });
  head.append(el('th', { scope: 'col', role: 'columnheader' }, t.code));
  for (const c of m.columns) {
    head.append(
      el(
        'th',
        { scope: 'col', role: 'columnheader', class: 'col', title: c.detail ?? c.label },
        c.label === '—' && c.key.startsWith('\u0000') ? t.noValue : c.label,
      ),
    );
  }
  head.append(el('th', { scope: 'col', role: 'columnheader', class: 'col' }, t.total));
  table.append(el('thead', {}, head));
  const tbody = el('tbody');
  const visible = visibleRows(m, collapsed);
  const max = m.max || 1;
  m.rows.forEach((r, i) => {
    const isCollapsed = collapsed.has(r.code);
    const tr = el('tr', {
      'data-code': r.code,
      'aria-rowindex': i + 2,
      'aria-level': r.depth + 1,
      'aria-expanded': r.hasChildren ? String(!isCollapsed) : undefined,
      class: r.hasChildren ? 'parent' : undefined,
    });
    tr.hidden = !visible[i];
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
    tr.append(header);
    for (let c = 0; c < C; c++) {
      const v = m.values[i * C + c];
      const n = m.codings[i * C + c];
      // the heat-map in ten steps (classes, so that cells share styles and layout stays fast)
      const td = document.createElement('td');
      td.className = n === 0 ? 'zero' : `h${v > 0 ? Math.min(9, Math.ceil((v / max) * 9)) : 0}`;
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
    tbody.append(tr);
  });
  table.append(tbody);
  if (m.totalsRow) {
    const tr = el('tr', { class: 'totals', 'aria-rowindex': m.rows.length + 2 });
    tr.append(el('th', { scope: 'row', role: 'rowheader' }, t.total));
    for (let c = 0; c < C; c++) {
      tr.append(el('td', { role: 'gridcell' }, String(m.columnTotals[c])));
    }
    tr.append(el('td', { role: 'gridcell' }, s.options.measure === 'codings' ? String(m.grandTotal) : ''));
    table.append(el('tfoot', {}, tr));
  }
  table.addEventListener('click', onMatrixClick);
  table.addEventListener('keydown', onMatrixKey);
  tableWrap.replaceChildren(table);
  restoreFocus(table);
  // Orphaned codings are in no number (core/counting): the footer says so.
  status.textContent = [
    fmt(t.computed, m.ms.toFixed(1), m.rows.length, C),
    ...(m.uncounted > 0 ? [fmt(t.uncounted, m.uncounted)] : []),
  ].join(' · ');
}

/** One tab stop in the grid (roving tabindex): the focused cell, else the first row header. */
function restoreFocus(table: HTMLTableElement): void {
  const hadFocus = document.activeElement === document.body || table.contains(document.activeElement);
  let cell: HTMLElement | null = null;
  if (focusedCell) {
    const row = [...table.tBodies[0].rows].find((r) => r.dataset.code === focusedCell!.row && !r.hidden);
    cell = (row?.querySelector(`[data-col="${focusedCell.col}"]`) as HTMLElement | null) ?? null;
  }
  cell ??= table.querySelector('tbody tr:not([hidden]) th');
  if (cell) {
    cell.tabIndex = 0;
    if (hadFocus && focusedCell) {
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

function activateCell(cell: HTMLTableCellElement): void {
  const m = matrix;
  const row = cell.parentElement as HTMLTableRowElement;
  const col = Number(cell.dataset.col) - 1;
  if (!m || col < 0 || col >= m.columns.length || cell.classList.contains('zero')) {
    return;
  }
  const code = row.dataset.code!;
  selected = { row: code, column: m.columns[col].key };
  cell
    .closest('table')!
    .querySelectorAll('td[aria-selected]')
    .forEach((n) => n.removeAttribute('aria-selected'));
  cell.setAttribute('aria-selected', 'true');
  passagesPane.replaceChildren(el('vscode-progress-ring', { 'aria-label': strings!.passages }));
  post({ type: 'openCell', row: code, column: m.columns[col].key });
}

function focusCell(cell: HTMLElement): void {
  const table = cell.closest('table');
  table?.querySelectorAll('[tabindex="0"]').forEach((n) => ((n as HTMLElement).tabIndex = -1));
  cell.tabIndex = 0;
  cell.focus();
  const row = cell.parentElement as HTMLTableRowElement;
  if (row.dataset.code) {
    focusedCell = { row: row.dataset.code, col: Number(cell.dataset.col) };
  }
}

function toggleRow(code: string, expand?: boolean): void {
  if (!state) {
    return;
  }
  const collapsed = new Set(state.collapsed);
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
  state = { ...state, collapsed: [...collapsed] };
  vscode.setState(state);
  post({ type: 'setState', state });
  if (matrix) {
    // collapsing is local: re-render from the model we have without waiting for the extension
    renderMatrix(matrix);
  }
}

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
        const parent = matrix?.rows.find((r) => r.code === code)?.parent;
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

// ---------- passages ----------

function renderPassagesHint(): void {
  if (!strings) {
    return;
  }
  passagesPane.hidden = state?.view !== 'matrix';
  passagesPane.replaceChildren(el('h2', {}, strings.passages), el('p', { class: 'hint' }, strings.passagesHint));
}

function renderPassages(title: string, passages: readonly Passage[]): void {
  const t = strings!;
  const heading = el('h2', { id: 'passages-title' }, `${t.passages}: ${title} (${passages.length})`);
  if (passages.length === 0) {
    passagesPane.replaceChildren(heading, el('p', { class: 'hint' }, t.noPassages));
    return;
  }
  const list = el('ol', { 'aria-labelledby': 'passages-title' });
  for (const p of passages) {
    const button = el(
      'button',
      { class: 'passage', 'data-coding': p.coding, title: t.openPassage },
      el('span', { class: 'source' }, p.source),
      el('span', { class: 'quote' }, `“${p.quote}”`),
      el('span', { class: 'codes' }, `${p.codes.join(' · ')} — ${p.coder}`),
    );
    button.addEventListener('click', () => post({ type: 'openPassage', coding: p.coding }));
    list.append(el('li', {}, button));
  }
  passagesPane.replaceChildren(heading, list);
}

// ---------- coverage and synthesis ----------

function numberCell(v: number): HTMLTableCellElement {
  return el('td', { class: 'n' }, String(v));
}

function renderCoverage(cov: CoverageView): void {
  const t = strings!;
  const without = cov.factors.filter((f) => f.total === 0).length;
  const table = el('table', { class: 'coverage', 'aria-label': t.viewCoverage });
  const head = el('tr');
  head.append(
    el('th', { scope: 'col' }, t.literatureFactor),
    el('th', { scope: 'col' }, t.authors),
    el('th', { scope: 'col' }, t.linkedCodes),
  );
  for (const c of cov.cases) {
    head.append(el('th', { scope: 'col', class: 'n' }, c));
  }
  head.append(el('th', { scope: 'col', class: 'n' }, t.total), el('th', { scope: 'col', class: 'n' }, t.respondents));
  table.append(el('thead', {}, head));
  const tbody = el('tbody');
  let category = '';
  for (const f of cov.factors) {
    if (f.category !== category) {
      category = f.category;
      tbody.append(el('tr', { class: 'category' }, el('th', { scope: 'rowgroup', colspan: cov.cases.length + 5 }, category)));
    }
    const name = el('th', { scope: 'row' }, f.name);
    if (f.total === 0) {
      name.append(el('span', { class: 'badge' }, t.noEvidence));
    }
    const tr = el(
      'tr',
      { class: f.total === 0 ? 'no-evidence' : undefined, 'data-factor': f.id },
      name,
      el('td', {}, f.authors.join('; ')),
      el('td', {}, f.codes.join(', ')),
    );
    for (const n of f.counts) {
      tr.append(numberCell(n));
    }
    tr.append(numberCell(f.total), numberCell(f.respondents));
    tbody.append(tr);
  }
  table.append(tbody);

  const codes = el('table', { class: 'coverage unlinked', 'aria-label': t.unlinkedCodes });
  const chead = el('tr', {}, el('th', { scope: 'col' }, t.code));
  for (const c of cov.cases) {
    chead.append(el('th', { scope: 'col', class: 'n' }, c));
  }
  chead.append(el('th', { scope: 'col', class: 'n' }, t.total));
  codes.append(el('thead', {}, chead));
  const cbody = el('tbody');
  for (const c of cov.unlinked) {
    const th = el('th', { scope: 'row', title: c.path }, c.name);
    th.style.paddingLeft = `${0.5 + c.depth * 1.1}em`;
    const tr = el('tr', { 'data-code': c.id }, th);
    for (const n of c.counts) {
      tr.append(numberCell(n));
    }
    tr.append(numberCell(c.total));
    cbody.append(tr);
  }
  codes.append(cbody);
  tableWrap.replaceChildren(
    el('p', { class: 'hint' }, fmt(t.factorsWithoutEvidence, without, cov.factors.length)),
    table,
    el('h3', {}, t.unlinkedCodes),
    el('p', { class: 'hint' }, t.unlinkedHint),
    codes,
  );
  status.textContent = '';
}

function renderSynthesis(syn: SynthesisView): void {
  const t = strings!;
  const table = el('table', { class: 'synthesis', 'aria-label': t.viewSynthesis });
  const head = el('tr');
  head.append(
    el('th', { scope: 'col' }, t.empiricalFactor),
    el('th', { scope: 'col' }, t.empiricalPattern),
    el('th', { scope: 'col' }, t.factorOrigin),
    el('th', { scope: 'col' }, t.analysis),
  );
  for (const c of syn.cases) {
    head.append(el('th', { scope: 'col', class: 'n' }, c));
  }
  head.append(el('th', { scope: 'col', class: 'n' }, t.total));
  table.append(el('thead', {}, head));
  const tbody = el('tbody');
  syn.rows.forEach((r, i) => {
    const tr = el('tr', { 'data-code': r.patternCode });
    if (i === 0 || syn.rows[i - 1].factorCode !== r.factorCode) {
      const span = syn.rows.filter((x) => x.factorCode === r.factorCode).length;
      const th = el('th', { scope: 'rowgroup', rowspan: span }, r.factor);
      if (r.polarity) {
        th.append(el('span', { class: 'badge' }, r.polarity));
      }
      tr.append(th);
    }
    tr.append(
      el('th', { scope: 'row' }, r.pattern),
      el('td', { class: r.isNew ? 'origin new' : 'origin' }, r.origin),
      el('td', { class: 'analysis' }, r.analysis),
    );
    for (const n of r.counts) {
      tr.append(numberCell(n));
    }
    tr.append(numberCell(r.total));
    tbody.append(tr);
  });
  table.append(tbody);
  tableWrap.replaceChildren(table);
  status.textContent = '';
}

// ---------- saturation ----------

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element; like el(), text only ever as text nodes. */
function svg(tag: string, attrs: Attrs = {}, ...children: (Node | string)[]): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== false) {
      node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  node.append(...children);
  return node;
}

/** A round axis maximum and tick step (at most about six ticks). */
function niceScale(max: number): { top: number; step: number } {
  const target = Math.max(1, max);
  for (const base of [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000]) {
    if (target / base <= 6) {
      return { top: Math.ceil(target / base) * base, step: base };
    }
  }
  const step = 10 ** Math.ceil(Math.log10(target / 6));
  return { top: Math.ceil(target / step) * step, step };
}

/**
 * The saturation chart: per transcript (in interview order) a bar with the codes it used for the
 * first time and a line with the cumulative number of codes, both on one axis. Colours are the
 * theme's chart colours (CSS classes). The SVG is one image for screen readers; the table below
 * it carries the numbers.
 */
function saturationChart(sat: SaturationView, t: UiStrings): SVGElement {
  const n = sat.points.length;
  const rotate = n > 8;
  const longest = sat.points.reduce((m, p) => Math.max(m, Math.min(14, p.short.length)), 1);
  const padL = 40;
  const padR = 18;
  const padT = 18;
  const padB = rotate ? 22 + longest * 5.2 : 30;
  const W = Math.max(420, Math.min(1200, padL + padR + n * 56));
  const plotH = 220;
  const H = padT + plotH + padB;
  const plotW = W - padL - padR;
  const { top, step } = niceScale(sat.total);
  const y = (v: number): number => padT + plotH - (v / top) * plotH;
  const band = plotW / Math.max(1, n);
  const cx = (i: number): number => padL + band * (i + 0.5);
  const barW = Math.max(4, Math.min(28, band * 0.55));

  const chart = svg('svg', {
    class: 'saturation-chart',
    viewBox: `0 0 ${W} ${H}`,
    width: W,
    height: H,
    role: 'img',
    'aria-label': fmt(t.saturationChart, n),
  });
  const grid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
  for (let v = 0; v <= top; v += step) {
    const yy = y(v).toFixed(1);
    grid.append(
      svg('line', { x1: padL, x2: W - padR, y1: yy, y2: yy, class: v === 0 ? 'axis' : 'gridline' }),
      svg('text', { x: padL - 6, y: yy, class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, String(v)),
    );
  }
  chart.append(grid);

  const bars = svg('g', { class: 'bars' });
  sat.points.forEach((p, i) => {
    const k = p.newCodes.length;
    const g = svg('g', { class: 'point', 'data-doc': p.doc });
    g.append(
      svg('title', {}, `${p.label}${p.date ? ` (${p.date})` : ''} — ${t.saturationNew}: ${k} · ${t.saturationCumulative}: ${p.cumulative}`),
    );
    const h = (k / top) * plotH;
    g.append(
      svg('rect', {
        class: 'bar',
        x: (cx(i) - barW / 2).toFixed(1),
        y: y(k).toFixed(1),
        width: barW.toFixed(1),
        height: Math.max(0, h).toFixed(1),
      }),
    );
    if (k > 0) {
      // above the bar, unless the line's dot is there (always so for the first transcript): then inside its top
      const inside = h >= 20 && Math.abs(y(k) - y(p.cumulative)) < 14;
      g.append(
        svg(
          'text',
          {
            class: inside ? 'bar-value inside' : 'bar-value',
            x: cx(i).toFixed(1),
            y: (inside ? y(k) + Math.max(14, h / 2 + 4) : y(k) - 4).toFixed(1),
            'text-anchor': 'middle',
          },
          String(k),
        ),
      );
    }
    const lx = cx(i).toFixed(1);
    const ly = (padT + plotH + 14).toFixed(1);
    const label = p.short.length > 14 ? `${p.short.slice(0, 13)}…` : p.short;
    g.append(
      svg(
        'text',
        rotate
          ? { class: 'tick x', x: lx, y: ly, 'text-anchor': 'end', transform: `rotate(-40 ${lx} ${ly})` }
          : { class: 'tick x', x: lx, y: ly, 'text-anchor': 'middle' },
        label,
      ),
    );
    bars.append(g);
  });
  chart.append(bars);

  if (n > 0) {
    const d = sat.points.map((p, i) => `${i ? 'L' : 'M'}${cx(i).toFixed(1)},${y(p.cumulative).toFixed(1)}`).join(' ');
    const line = svg('g', { class: 'cumulative', 'aria-hidden': 'true' }, svg('path', { class: 'line', d }));
    sat.points.forEach((p, i) =>
      line.append(svg('circle', { class: 'dot', cx: cx(i).toFixed(1), cy: y(p.cumulative).toFixed(1), r: 3.5 })),
    );
    const last = sat.points[n - 1];
    line.append(
      svg(
        'text',
        { class: 'line-value', x: (cx(n - 1) + 7).toFixed(1), y: (y(last.cumulative) - 7).toFixed(1), 'text-anchor': 'end' },
        String(last.cumulative),
      ),
    );
    chart.append(line);
  }
  return chart;
}

function renderSaturation(sat: SaturationView): void {
  const t = strings!;
  if (sat.points.length === 0) {
    tableWrap.replaceChildren(el('p', { class: 'hint' }, t.saturationEmpty));
    status.textContent = '';
    return;
  }
  const summary = [
    fmt(t.saturationSummary, sat.points.length, sat.total),
    sat.trailingWithoutNew > 0 ? fmt(t.saturationStill, sat.trailingWithoutNew) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const legend = el(
    'ul',
    { class: 'legend' },
    el('li', {}, el('span', { class: 'key bar', 'aria-hidden': 'true' }), t.saturationNew),
    el('li', {}, el('span', { class: 'key line', 'aria-hidden': 'true' }), t.saturationCumulative),
  );
  const figure = el('figure', { class: 'saturation' }, saturationChart(sat, t));

  const table = el('table', { class: 'saturation', 'aria-label': t.viewSaturation });
  table.append(
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', class: 'n' }, t.saturationNumber),
        el('th', { scope: 'col' }, t.transcript),
        el('th', { scope: 'col' }, t.date),
        el('th', { scope: 'col', class: 'n' }, t.saturationNew),
        el('th', { scope: 'col', class: 'n' }, t.saturationCumulative),
        el('th', { scope: 'col' }, t.firstUsed),
      ),
    ),
  );
  const tbody = el('tbody');
  sat.points.forEach((p, i) => {
    tbody.append(
      el(
        'tr',
        { 'data-doc': p.doc, class: p.newCodes.length ? undefined : 'none-new' },
        numberCell(i + 1),
        el('th', { scope: 'row', title: p.doc }, p.label),
        el('td', { class: 'date' }, p.date ?? ''),
        numberCell(p.newCodes.length),
        numberCell(p.cumulative),
        el('td', { class: 'codes' }, p.newCodes.join(', ')),
      ),
    );
  });
  table.append(tbody);
  tableWrap.replaceChildren(el('p', { class: 'hint saturation-summary' }, summary), legend, figure, table);
  status.textContent = '';
}

// ---------- messages from the extension ----------

function render(msg: Extract<HostMessage, { type: 'model' }>): void {
  strings = msg.strings;
  state = msg.state;
  choices = msg.choices;
  document.title = `${msg.strings.title} — ${msg.study}`;
  buildControls();
  passagesPane.hidden = state.view !== 'matrix';
  if (state.view === 'matrix' && msg.matrix) {
    matrix = msg.matrix;
    if (matrix.rows.length === 0) {
      tableWrap.replaceChildren(el('p', { class: 'hint' }, msg.strings.empty));
      status.textContent = '';
    } else {
      renderMatrix(matrix);
    }
    if (!passagesPane.hasChildNodes()) {
      renderPassagesHint();
    }
    // keep the side list live: ask again for the selected cell's passages (the study may have changed)
    if (selected && matrix.rows.some((r) => r.code === selected!.row) && matrix.columns.some((c) => c.key === selected!.column)) {
      post({ type: 'openCell', row: selected.row, column: selected.column });
    } else if (selected) {
      selected = undefined;
      renderPassagesHint();
    }
  } else if (state.view === 'coverage' && msg.coverage) {
    renderCoverage(msg.coverage);
  } else if (state.view === 'synthesis' && msg.synthesis) {
    renderSynthesis(msg.synthesis);
  } else if (state.view === 'saturation' && msg.saturation) {
    renderSaturation(msg.saturation);
  }
  document.body.dataset.ready = 'true';
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') {
    return;
  }
  switch (msg.type) {
    case 'model':
      render(msg);
      break;
    case 'noStudy':
      strings = msg.strings;
      toolbar.replaceChildren();
      tablist.replaceChildren();
      controlsKey = '';
      tableWrap.replaceChildren(el('p', { class: 'hint' }, msg.strings.noStudy));
      passagesPane.hidden = true;
      status.textContent = '';
      break;
    case 'passages':
      if (selected && selected.row === msg.row && selected.column === msg.column) {
        renderPassages(msg.title, msg.passages);
      }
      break;
    case 'busy':
      document.body.classList.toggle('busy', msg.busy);
      break;
  }
});

post({ type: 'ready' });
