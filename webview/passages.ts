/** The side list of passages behind the selected matrix cell. */
import { el } from './dom';
import { post } from './host';
import { passagesPane } from './layout';
import type { Passage } from './protocol';
import { store } from './state';

/** The empty list with its hint (shown only beside the matrix). */
export function renderPassagesHint(): void {
  const strings = store.strings;
  if (!strings) {
    return;
  }
  passagesPane.hidden = store.panel?.view !== 'matrix';
  passagesPane.replaceChildren(el('h2', {}, strings.passages), el('p', { class: 'hint' }, strings.passagesHint));
}

/** A spinner while the extension looks the passages up. */
export function renderPassagesLoading(): void {
  passagesPane.replaceChildren(el('vscode-progress-ring', { 'aria-label': store.strings!.passages }));
}

export function renderPassages(title: string, passages: readonly Passage[]): void {
  const t = store.strings!;
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
