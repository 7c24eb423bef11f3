import * as vscode from 'vscode';
import type { Feature } from '../feature';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import { autoCode } from './autoCode';
import type { AutoCodeArgs } from './autoCode';
import { saturationReport } from './reports';
import { MemoLinks, openJournal, openTranscriptMemo, searchMemos } from './memos';

/** Method features: auto-code, saturation, memos (agreement: src/agreement). */
export const methodFeature: Feature = ({ extension, service, icons }) =>
  vscode.Disposable.from(
    registerCommand(Command.autoCode, (args?: AutoCodeArgs) => autoCode(service, icons, args)),
    registerCommand(Command.saturation, (open?: boolean) => saturationReport(service, open ?? true, extension.extensionUri)),
    registerCommand(Command.openTranscriptMemo, (doc?: string) => openTranscriptMemo(service, doc)),
    registerCommand(Command.openJournal, () => openJournal(service)),
    registerCommand(Command.searchMemos, () => searchMemos(service)),
    vscode.languages.registerDocumentLinkProvider({ language: 'markdown' }, new MemoLinks(service)),
  );
