/** The factor coverage view: literature factors × cases, then the codes linked to no factor. */
import { el, fmt, numberCell } from '../dom';
import type { CoverageView, UiStrings } from '../protocol';

function factorTable(cov: CoverageView, t: UiStrings): HTMLTableElement {
  const table = el('table', { class: 'coverage', 'aria-label': t.viewCoverage });
  const head = el('tr');
  head.append(
    el('th', { scope: 'col' }, t.literatureFactor),
    el('th', { scope: 'col' }, t.authors),
    el('th', { scope: 'col' }, t.linkedCodes),
  );
  for (const c of cov.cases) {
    head.append(el('th', { scope: 'col', class: 'n' }, c.missing ? t.noValue : c.label));
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
    if (f.noEvidence) {
      name.append(el('span', { class: 'badge' }, t.noEvidence));
    }
    const tr = el(
      'tr',
      { class: f.noEvidence ? 'no-evidence' : undefined, 'data-factor': f.id },
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
  return table;
}

function unlinkedTable(cov: CoverageView, t: UiStrings): HTMLTableElement {
  const codes = el('table', { class: 'coverage unlinked', 'aria-label': t.unlinkedCodes });
  const chead = el('tr', {}, el('th', { scope: 'col' }, t.code));
  for (const c of cov.cases) {
    chead.append(el('th', { scope: 'col', class: 'n' }, c.missing ? t.noValue : c.label));
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
  return codes;
}

/** The view's content. */
export function coverageNodes(cov: CoverageView, t: UiStrings): Node[] {
  const without = cov.factors.filter((f) => f.noEvidence).length;
  return [
    el('p', { class: 'hint' }, fmt(t.factorsWithoutEvidence, without, cov.factors.length)),
    factorTable(cov, t),
    el('h3', {}, t.unlinkedCodes),
    el('p', { class: 'hint' }, t.unlinkedHint),
    unlinkedTable(cov, t),
  ];
}
