/**
 * Highlight-to-code: the coding commands over transcript selections, the coloured highlights of
 * codings in every visible transcript editor, and the hover that lists the codings under the cursor.
 */
import * as vscode from 'vscode';
import type { Feature, FeatureContext } from '../feature';
import { Disposable } from '../platform/lifecycle';
import { CodingCommands } from './codingCommands';
import { CodingDecorations } from './decorations';
import { CodingHover } from './hover';
import { InlineLabels } from './inlineLabels';
import { CodingNavigation } from './navigation';
import { Orphans } from './orphans';

export class CodingFeature extends Disposable {
  readonly decorations: CodingDecorations;
  readonly commands: CodingCommands;
  readonly inlineLabels: InlineLabels;
  readonly orphans: Orphans;

  constructor({ service, icons, extension }: FeatureContext) {
    super();
    this.decorations = this._register(new CodingDecorations(service));
    this.commands = this._register(new CodingCommands(service, icons, extension.workspaceState));
    this.inlineLabels = this._register(new InlineLabels(service));
    this._register(new CodingNavigation(service));
    this.orphans = this._register(new Orphans(service));
    this._register(vscode.languages.registerHoverProvider({ language: 'markdown' }, new CodingHover(service)));
  }
}

export const codingFeature: Feature<CodingFeature> = (ctx) => new CodingFeature(ctx);
