/** The synthesis view: empirical factors (top-level codes) and their patterns × cases. */
import { el, numberCell } from '../dom';
import type { SynthesisView, UiStrings } from '../protocol';

/** The view's content. */
export function synthesisNodes(syn: SynthesisView, t: UiStrings): Node[] {
  const table = el('table', { class: 'synthesis', 'aria-label': t.viewSynthesis });
  const head = el('tr');
  head.append(
    el('th', { scope: 'col' }, t.empiricalFactor),
    el('th', { scope: 'col' }, t.empiricalPattern),
    el('th', { scope: 'col' }, t.factorOrigin),
    el('th', { scope: 'col' }, t.analysis),
  );
  for (const c of syn.cases) {
    head.append(el('th', { scope: 'col', class: 'n' }, c.missing ? t.noValue : c.label));
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
  return [table];
}
