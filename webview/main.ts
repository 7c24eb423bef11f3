/**
 * The matrix panel's webview: renders what the extension computed and reports what the user does.
 * It never computes counts. Study text only ever reaches the DOM through textContent and
 * attribute setters, never as HTML (./dom), so a code named `<img src=x onerror=…>` stays text.
 *
 * This entry wires the parts: ./state (what the webview remembers), ./controls (toolbar, filters,
 * tabs), ./views/* (one renderer per view), ./passages (the side list) and ./host (messages out).
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import css from './main.css';
import { buildControls, clearControls, controlsRendered } from './controls';
import { el } from './dom';
import { post } from './host';
import { mountLayout, passagesPane, showView } from './layout';
import { renderPassages } from './passages';
import type { HostMessage } from './protocol';
import { receiveModel, receiveNoStudy, store } from './state';
import { coverageNodes } from './views/coverage';
import { showMatrix } from './views/matrix';
import { saturationNodes } from './views/saturation';
import { synthesisNodes } from './views/synthesis';

const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
mountLayout();

/** Raised by every model: a render that waited for the toolbar draws only if no newer model came. */
let renders = 0;

async function render(msg: Extract<HostMessage, { type: 'model' }>): Promise<void> {
  const mine = ++renders;
  receiveModel(msg);
  const t = msg.strings;
  const view = msg.state.view;
  document.title = `${t.title} — ${msg.study}`;
  if (buildControls()) {
    // The toolbar's selects render (and measure themselves) before the view is in the page.
    await controlsRendered();
    if (mine !== renders) {
      return;
    }
  }
  passagesPane.hidden = view !== 'matrix';
  if (view === 'matrix' && msg.matrix) {
    showMatrix(msg.matrix);
  } else if (view === 'coverage' && msg.coverage) {
    showView(...coverageNodes(msg.coverage, t));
  } else if (view === 'synthesis' && msg.synthesis) {
    showView(...synthesisNodes(msg.synthesis, t));
  } else if (view === 'saturation' && msg.saturation) {
    showView(...saturationNodes(msg.saturation, t));
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
      void render(msg);
      break;
    case 'noStudy':
      renders++;
      receiveNoStudy(msg.strings);
      clearControls();
      showView(el('p', { class: 'hint' }, msg.strings.noStudy));
      passagesPane.hidden = true;
      break;
    case 'passages': {
      const selected = store.selected;
      if (selected && selected.row === msg.row && selected.column === msg.column) {
        renderPassages(msg.title, msg.passages);
      }
      break;
    }
    case 'busy':
      document.body.classList.toggle('busy', msg.busy);
      break;
  }
});

post({ type: 'ready' });
