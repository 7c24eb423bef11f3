/**
 * The study's language (`language` in codeboom.json) for the reports the core writes: the core says
 * its sentences with @vscode/l10n, configured with the display language at activation; a report is
 * built with the study language's bundle instead, then the display language is back. As the matrix
 * exports (src/matrix/strings.ts) and the CLI do: English for "en", the display language when the
 * study names none or one without a bundle.
 */
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import type { Study } from '../core/study';
import { configureCoreL10n } from './config';

export type Bundle = l10n.l10nJsonFormat;

/** The bundle of the study's language; undefined: the display language's (nothing to switch). */
export async function studyBundle(study: Pick<Study, 'project'>, extensionUri: vscode.Uri | undefined): Promise<Bundle | undefined> {
  const lang = study.project.language?.toLowerCase();
  if (lang === undefined || lang === vscode.env.language.toLowerCase() || extensionUri === undefined) {
    return undefined;
  }
  if (lang === 'en' || lang.startsWith('en-')) {
    return {};
  }
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'l10n', `bundle.l10n.${lang}.json`));
    return JSON.parse(new TextDecoder().decode(bytes)) as Bundle;
  } catch {
    return undefined;
  }
}

/**
 * Runs `build` (synchronous: nothing else may speak meanwhile) with the core speaking `bundle`, then
 * gives the core the display language back.
 */
export function inLanguage<T>(bundle: Bundle | undefined, build: () => T): T {
  if (bundle === undefined) {
    return build();
  }
  l10n.config({ contents: bundle });
  try {
    return build();
  } finally {
    configureCoreL10n();
  }
}
