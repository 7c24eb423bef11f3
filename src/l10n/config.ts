/**
 * The core translates with @vscode/l10n (src/core/messages.ts); this gives it VS Code's bundle for
 * the display language (the same l10n/bundle.l10n.<lang>.json that vscode.l10n.t reads).
 */
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';

let configured = false;

/** Called once, first thing at activation: from then on the core's sentences come out in the display language. */
export function configureCoreL10n(): void {
  l10n.config({ contents: vscode.l10n.bundle ?? {} });
  configured = true;
}

/**
 * Configures the core when nothing has yet in this copy of the modules: the host tests import src/
 * beside the activated bundle (dist/extension.js), whose copy of @vscode/l10n is another one.
 */
export function ensureCoreL10n(): void {
  if (!configured) {
    configureCoreL10n();
  }
}
