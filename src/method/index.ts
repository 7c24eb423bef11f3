import * as vscode from 'vscode';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../coding/colorIcons';
import { autoCode } from './autoCode';
import type { AutoCodeArgs } from './autoCode';
import { agreementReport, saturationReport } from './reports';
import type { AgreementArgs } from './reports';
import { MemoLinks, openJournal, openTranscriptMemo, searchMemos } from './memos';

/** Method and team features: auto-code, agreement, saturation, memos. */
export function registerMethod(service: StudyService, icons: ColorIcons): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('codeboom.autoCode', (args?: AutoCodeArgs) => autoCode(service, icons, args)),
    vscode.commands.registerCommand('codeboom.agreement', (args?: AgreementArgs) => agreementReport(service, args)),
    vscode.commands.registerCommand('codeboom.saturation', (open?: boolean) => saturationReport(service, open ?? true)),
    vscode.commands.registerCommand('codeboom.openTranscriptMemo', (doc?: string) => openTranscriptMemo(service, doc)),
    vscode.commands.registerCommand('codeboom.openJournal', () => openJournal(service)),
    vscode.commands.registerCommand('codeboom.searchMemos', () => searchMemos(service)),
    vscode.languages.registerDocumentLinkProvider({ language: 'markdown' }, new MemoLinks(service)),
  ];
}
