/** The toolbar (row, column and measure selectors; filters; export buttons) and the view tabs. */
import { el, fmt } from './dom';
import { post } from './host';
import { tableWrap, tablist, toolbar } from './layout';
import { renderPassagesHint } from './passages';
import type { Choice, Choices, ExportFormat, PanelState, UiStrings, View } from './protocol';
import { controlsChanged, setFiltersOpen, setSelected, store, updatePanel } from './state';

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

/** The column selector's value: the column kind, or `attribute:<key>` for a front-matter attribute. */
function columnValue(s: PanelState): string {
  return s.options.columns.kind === 'attribute' ? `attribute:${s.options.columns.key}` : s.options.columns.kind;
}

/** Rows, columns and measure: the matrix view only. */
function matrixSelects(s: PanelState, t: UiStrings, choices: Choices): HTMLElement[] {
  return [
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
  ];
}

function filtersBox(s: PanelState, t: UiStrings, choices: Choices): HTMLElement {
  const f = s.options.filters ?? {};
  const filters = el('details', { class: 'filters', open: store.filtersOpen || activeFilters(s) > 0 });
  filters.addEventListener('toggle', () => {
    setFiltersOpen((filters as HTMLDetailsElement).open);
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
  return filters;
}

function exportActions(s: PanelState, t: UiStrings): HTMLElement {
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
  return actions;
}

/** The view tabs; Left and Right move between them (and switch). */
function buildTabs(s: PanelState, t: UiStrings): void {
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

/**
 * Builds the toolbar and tabs, unless the texts, choices and view are those they were built from.
 * Answers whether it built them.
 */
export function buildControls(): boolean {
  const { strings, panel, choices } = store;
  if (!strings || !panel || !choices) {
    return false;
  }
  if (!controlsChanged(JSON.stringify([strings, choices, panel.view]))) {
    return false;
  }
  const t = strings;
  const s = panel;
  toolbar.replaceChildren();
  if (s.view === 'matrix') {
    toolbar.append(...matrixSelects(s, t, choices));
  }
  toolbar.append(filtersBox(s, t, choices), el('span', { class: 'spacer' }));
  toolbar.append(exportActions(s, t));

  toolbar.querySelectorAll('vscode-single-select').forEach((node) => {
    node.addEventListener('change', () => onControlChange(node as HTMLElement & { value: string | string[]; name?: string }));
  });

  buildTabs(s, t);
  return true;
}

/**
 * Resolves when the toolbar's selects have rendered (Lit renders each in a microtask after it is
 * connected). Each select measures itself as it renders (getBoundingClientRect, to place its
 * dropdown), which makes the browser lay out the page: before the matrix is in the page that is a
 * layout of the toolbar, after it one of the 6,000 cells per select (profiled: most of the first
 * render of a 300 × 20 matrix).
 */
export function controlsRendered(): Promise<unknown> {
  const selects = toolbar.querySelectorAll('vscode-single-select, vscode-multi-select');
  return Promise.all([...selects].map((node) => (node as HTMLElement & { updateComplete?: Promise<boolean> }).updateComplete));
}

/** Clears the toolbar and tabs (no study). */
export function clearControls(): void {
  toolbar.replaceChildren();
  tablist.replaceChildren();
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
  const s = store.panel;
  if (!s || s.view === view) {
    return;
  }
  updatePanel({ ...s, view });
  buildControls();
  document.getElementById(`tab-${view}`)?.focus();
  setSelected(undefined);
  renderPassagesHint();
}

function onFilterChange(name: string, values: string[]): void {
  const s = store.panel;
  if (!s) {
    return;
  }
  const filters: Record<string, string[]> = { ...(s.options.filters ?? {}) };
  const key = name === 'polarity' ? 'polarity' : name === 'origin' ? 'origin' : name === 'cases' ? 'cases' : 'coders';
  if (values.length) {
    filters[key] = values;
  } else {
    delete filters[key];
  }
  setSelected(undefined);
  renderPassagesHint();
  updatePanel({ ...s, options: { ...s.options, filters: filters as PanelState['options']['filters'] } });
  const summary = toolbar.querySelector('details.filters summary');
  if (summary && store.strings) {
    summary.textContent = filterSummary(store.panel!, store.strings);
  }
}

function onControlChange(node: HTMLElement & { value: string | string[] }): void {
  const s = store.panel;
  if (!s) {
    return;
  }
  const name = node.getAttribute('name');
  const o = s.options;
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
  setSelected(undefined);
  renderPassagesHint();
  updatePanel({ ...s, options });
}
