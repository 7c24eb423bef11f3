/** The panel's fixed layout: toolbar, view tabs, the view (table) beside the passages, a status line. */
import { el } from './dom';

export const app = el('div', { id: 'app' });
export const toolbar = el('div', { class: 'toolbar', role: 'toolbar' });
export const tablist = el('div', { class: 'views', role: 'tablist' });
export const body = el('div', { class: 'body' });
export const tableWrap = el('div', { class: 'table-wrap', id: 'view-panel', role: 'tabpanel' });
export const passagesPane = el('aside', { class: 'passages', 'aria-live': 'polite' });
export const status = el('div', { class: 'status', role: 'status' });

/** Puts the layout into the page (once, from main.ts). */
export function mountLayout(): void {
  document.body.append(app);
  body.append(tableWrap, passagesPane);
  app.append(toolbar, tablist, body, status);
}

/** Shows a view's content (not the matrix, which keeps its own focus) with an empty status line. */
export function showView(...nodes: Node[]): void {
  tableWrap.replaceChildren(...nodes);
  status.textContent = '';
}
