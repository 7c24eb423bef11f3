/**
 * Lines other features add to a code's tooltip in the code tree (the codebook's history from git,
 * src/team): a provider gives a code's lines; the tree shows them and refreshes when they change.
 */
import * as vscode from 'vscode';

export type CodeTooltipLines = (codeId: string) => readonly string[];

const providers = new Set<CodeTooltipLines>();
const changes = new vscode.EventEmitter<void>();

/** Fires when a provider's lines changed (the code tree rebuilds its tooltips). */
export const onDidChangeCodeTooltips = changes.event;

/** Adds a provider until the returned disposable is disposed. */
export function registerCodeTooltip(provider: CodeTooltipLines): vscode.Disposable {
  providers.add(provider);
  changes.fire();
  return new vscode.Disposable(() => {
    providers.delete(provider);
    changes.fire();
  });
}

/** Tells the code tree that the providers' lines changed. */
export function codeTooltipsChanged(): void {
  changes.fire();
}

/** Every provider's lines for a code. */
export function codeTooltipLines(codeId: string): string[] {
  return [...providers].flatMap((p) => [...p(codeId)]);
}
