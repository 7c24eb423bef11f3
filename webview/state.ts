/**
 * Everything the webview remembers, in one object. Other modules read it through {@link store}
 * (read-only) and change it only through the update functions below.
 */
import { persist, post } from './host';
import type { Choices, HostMessage, MatrixView, PanelState, UiStrings } from './protocol';

/** A matrix cell by its row's code and its column's key. */
export interface CellRef {
  readonly row: string;
  readonly column: string;
}

/** The focused grid cell: a row's code and the cell's `data-col` (0 = the row header). */
export interface FocusRef {
  readonly row: string;
  readonly col: number;
}

export interface WebviewState {
  /** The texts, localised by the extension (from the last `model` or `noStudy` message). */
  strings: UiStrings | undefined;
  /** View, options, filters and collapsed rows: the extension's copy is kept in step (setState). */
  panel: PanelState | undefined;
  choices: Choices | undefined;
  /** The last matrix received (collapsing re-renders it without asking the extension). */
  matrix: MatrixView | undefined;
  /** The cell whose passages are listed (or asked for). */
  selected: CellRef | undefined;
  focusedCell: FocusRef | undefined;
  /** What the toolbar and tabs were last built from (rebuilt only when it changes). */
  controlsKey: string;
  /** Whether the user opened the filters (they stay open across rebuilds). */
  filtersOpen: boolean;
}

const current: WebviewState = {
  strings: undefined,
  panel: undefined,
  choices: undefined,
  matrix: undefined,
  selected: undefined,
  focusedCell: undefined,
  controlsKey: '',
  filtersOpen: false,
};

/** The state, to read; change it with the functions below. */
export const store: Readonly<WebviewState> = current;

/** A model arrived: its texts, panel state and choices become current. */
export function receiveModel(msg: Extract<HostMessage, { type: 'model' }>): void {
  current.strings = msg.strings;
  current.panel = msg.state;
  current.choices = msg.choices;
}

/** No study is open: only the texts are new, and the controls must be built afresh next time. */
export function receiveNoStudy(strings: UiStrings): void {
  current.strings = strings;
  current.controlsKey = '';
}

export function setMatrix(matrix: MatrixView): void {
  current.matrix = matrix;
}

/** The user changed the panel state: keep it here, for a reload, and in the extension. */
export function updatePanel(next: PanelState): void {
  current.panel = next;
  persist(next);
  post({ type: 'setState', state: next });
}

export function setSelected(cell: CellRef | undefined): void {
  current.selected = cell;
}

export function setFocusedCell(cell: FocusRef): void {
  current.focusedCell = cell;
}

export function setFiltersOpen(open: boolean): void {
  current.filtersOpen = open;
}

/** Whether the controls must be rebuilt for `key` (and remembers it). */
export function controlsChanged(key: string): boolean {
  if (key === current.controlsKey) {
    return false;
  }
  current.controlsKey = key;
  return true;
}
