/**
 * The coding margin's webview: draws the brackets the extension laid out (src/core/margin.ts) and
 * reports clicks and scrolling. Every message from the extension is parsed with zod first; study
 * text reaches the DOM only as text (textContent, attributes), never as HTML.
 */
import css from './margin.css';
import type { MarginBracketView, MarginModel, MarginWebviewMessage } from './protocol';
import { MarginHostMessageSchema } from './protocol';

interface VsCodeApi {
  postMessage(message: MarginWebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();
const post = (m: MarginWebviewMessage) => vscode.postMessage(m);

/** One editor line in the margin (the editor's default line height); the scroll sync is by lines. */
const LINE_PX = 19;
const COLUMN_PX = 120;

const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const scroller = document.createElement('div');
scroller.id = 'scroller';
const content = document.createElement('div');
content.id = 'content';
content.setAttribute('role', 'list');
scroller.append(content);
document.body.append(scroller);
document.body.style.setProperty('--line', `${LINE_PX}px`);

function fmt(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

function bracketNode(b: MarginBracketView, template: string): HTMLElement {
  const node = document.createElement('div');
  node.className = 'bracket';
  node.dataset.coding = b.coding;
  node.dataset.column = String(b.column);
  node.dataset.line = String(b.startLine);
  node.setAttribute('role', 'button');
  node.tabIndex = 0;
  node.title = b.title;
  node.setAttribute('aria-label', fmt(template, b.label, b.startLine + 1, b.endLine + 1));
  node.style.setProperty('--code', b.color);
  const top = b.top !== undefined ? lineToY(b.top) : starts[b.startLine] * LINE_PX;
  const bottom = b.bottom !== undefined ? lineToY(b.bottom) : starts[b.endLine + 1] * LINE_PX;
  node.style.top = `${inset + top + 1}px`;
  node.style.height = `${Math.max(LINE_PX, bottom - top) - 2}px`;
  node.style.left = `${4 + b.column * COLUMN_PX}px`;
  node.style.width = `${COLUMN_PX - 4}px`;
  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = b.label;
  node.append(label);
  return node;
}

/** Pixels above the first row (the editor's breadcrumbs), from the model. */
let inset = 0;

/** Where each line starts, in rows (prefix sums of the model's rows; one more entry than lines). */
let starts = new Float64Array([0, 1]);

function setRows(rows: readonly number[]): void {
  starts = new Float64Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) {
    starts[i + 1] = starts[i] + rows[i];
  }
}

/** A line (fractional while a line is half scrolled past) to pixels, and back. */
function lineToY(line: number): number {
  const last = starts.length - 2;
  const i = Math.max(0, Math.min(last, Math.floor(line)));
  return (starts[i] + (line - i) * (starts[i + 1] - starts[i])) * LINE_PX;
}

function yToLine(y: number): number {
  const row = y / LINE_PX;
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= row) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  const span = starts[lo + 1] - starts[lo] || 1;
  return lo + Math.min(1, (row - starts[lo]) / span);
}

/**
 * The scroll position the editor last set (-1: the user scrolled since): scroll events that find the
 * margin there are not sent back as the user's. By position, not by time: on a loaded machine the
 * scroll event comes late, and sent back it dragged the editor to an old position.
 */
let applied = -1;

function scrollTo(line: number): void {
  const top = Math.round(lineToY(line));
  if (Math.abs(scroller.scrollTop - top) >= 1) {
    scroller.scrollTop = top;
  }
  applied = scroller.scrollTop;
}

const byUser = () => applied < 0 || Math.abs(scroller.scrollTop - applied) >= 1;

function render(msg: MarginModel): void {
  document.title = `${msg.strings.title} — ${msg.doc}`;
  content.replaceChildren();
  inset = msg.inset ?? 0;
  setRows(msg.rows.length === msg.lineCount && msg.lineCount > 0 ? msg.rows : [1]);
  content.style.height = `${starts[starts.length - 1] * LINE_PX + scroller.clientHeight}px`;
  content.style.width = `${4 + Math.max(msg.columns, 1) * COLUMN_PX}px`;
  if (msg.brackets.length === 0) {
    const p = document.createElement('p');
    p.className = 'message';
    p.textContent = msg.strings.empty;
    content.append(p);
  }
  const frag = document.createDocumentFragment();
  for (const b of msg.brackets) {
    frag.append(bracketNode(b, msg.strings.bracketLabel));
  }
  content.append(frag);
  scrollTo(msg.top);
  document.body.dataset.ready = 'true';
  // for tests: the width the lines are laid out at, and how many models were drawn (the margin settles when it stops)
  document.body.dataset.wrap = String(msg.wrap ?? '');
  document.body.dataset.renders = String(Number(document.body.dataset.renders ?? 0) + 1);
  document.body.dataset.brackets = String(msg.brackets.length);
  document.body.dataset.columns = String(msg.columns);
}

function activate(target: EventTarget | null): void {
  const node = target instanceof Element ? target.closest<HTMLElement>('.bracket') : null;
  if (node?.dataset.coding) {
    post({ type: 'select', coding: node.dataset.coding });
  }
}

content.addEventListener('click', (e) => activate(e.target));
content.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    activate(e.target);
  }
});

let frame = 0;
scroller.addEventListener('scroll', () => {
  if (!byUser()) {
    return;
  }
  applied = -1;
  if (!frame) {
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (!byUser()) {
        return;
      }
      post({ type: 'scroll', line: yToLine(scroller.scrollTop) });
    });
  }
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = MarginHostMessageSchema.safeParse(event.data);
  if (!parsed.success) {
    console.warn('margin: ignored an invalid message', parsed.error.issues);
    return;
  }
  const msg = parsed.data;
  switch (msg.type) {
    case 'model':
      render(msg);
      break;
    case 'noTranscript': {
      const p = document.createElement('p');
      p.className = 'message';
      p.textContent = msg.strings.noTranscript;
      content.replaceChildren(p);
      content.style.height = '';
      document.body.dataset.ready = 'true';
      document.body.dataset.brackets = '0';
      break;
    }
    case 'scroll':
      scrollTo(msg.line);
      break;
  }
});

post({ type: 'ready' });
let lastSize = '';
new ResizeObserver(() => {
  // every change of a pixel: the editor's height in rows is learnt from it (a fraction of a row counts),
  // and a change of the margin's size tells the extension that the editor beside it was resized
  // (its outer size: its own scrollbars, which come and go with the content, do not resize the editor)
  const size = `${scroller.offsetWidth}x${scroller.offsetHeight}`;
  if (size !== lastSize) {
    lastSize = size;
    post({ type: 'viewport', rows: scroller.offsetHeight / LINE_PX, width: scroller.offsetWidth });
  }
}).observe(scroller);
