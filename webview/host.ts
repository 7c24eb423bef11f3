/** The webview's line to the extension: `acquireVsCodeApi()` may be called once per page, so only here. */
import type { PanelState, WebviewMessage } from './protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

/** Keeps the panel state for a reload of the webview (vscode.setState). */
export function persist(state: PanelState): void {
  vscode.setState(state);
}
