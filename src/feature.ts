/**
 * The contract between the composition root (src/extension.ts) and each feature folder: a feature is
 * one function that takes the shared context and returns one disposable owning everything it
 * registered. Features that tests or other features reach return a subclass with those handles.
 */
import type * as vscode from 'vscode';
import type { StudyService } from './study/studyService';
import type { ColorIcons } from './ui/colorIcons';

export interface FeatureContext {
  /** The extension's context: storage, extension URI, workspace state. Features do not push into its subscriptions. */
  readonly extension: vscode.ExtensionContext;
  /** The model: the open study, its state and events. Features map it; they never keep their own copy. */
  readonly service: StudyService;
  /** Colour swatches of codes, shared by the tree, the pickers and the quotations. */
  readonly icons: ColorIcons;
}

export type Feature<T extends vscode.Disposable = vscode.Disposable> = (ctx: FeatureContext) => T;
