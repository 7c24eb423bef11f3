/**
 * The Codeboom activity-bar container: the code tree, the quotations of the selected code, the
 * transcripts, and the literature factors. One model (the study), four views that refresh on its
 * events; every change goes through `study.transact` and is saved by the study service.
 */
import * as vscode from 'vscode';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../coding/colorIcons';
import { CodeTreeProvider } from './codeTree';
import { CodeTreeCommands } from './codeCommands';
import { QuotationsProvider, registerQuotationCommands } from './quotations';
import { TranscriptsProvider, registerTranscriptCommands } from './transcripts';
import { FactorsProvider } from './factors';
import type { FactorNode } from './factors';
import type { QuotationNode } from './quotations';
import type { TranscriptNode } from './transcripts';
import { plural } from './studyWatch';
import { uncountedOf } from '../core/counting';

export interface TreeApi {
  readonly codes: CodeTreeProvider;
  readonly codeView: vscode.TreeView<string>;
  readonly quotations: QuotationsProvider;
  readonly quotationView: vscode.TreeView<QuotationNode>;
  readonly transcripts: TranscriptsProvider;
  readonly factors: FactorsProvider;
  readonly factorView: vscode.TreeView<FactorNode>;
}

export const VIEW_IDS = {
  codes: 'codeboom.codes',
  quotations: 'codeboom.quotations',
  transcripts: 'codeboom.transcripts',
  factors: 'codeboom.factors',
} as const;

/** Creates the views and their commands; everything is added to `context.subscriptions`. */
export function registerTree(context: vscode.ExtensionContext, service: StudyService, icons: ColorIcons): TreeApi {
  const codes = new CodeTreeProvider(service, icons);
  const quotations = new QuotationsProvider(service, icons);
  const transcripts = new TranscriptsProvider(service, context.workspaceState);
  const factors = new FactorsProvider(service, icons);
  const codeView = vscode.window.createTreeView(VIEW_IDS.codes, {
    treeDataProvider: codes,
    dragAndDropController: codes,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const quotationView = vscode.window.createTreeView(VIEW_IDS.quotations, { treeDataProvider: quotations, showCollapseAll: true });
  const transcriptView = vscode.window.createTreeView<TranscriptNode>(VIEW_IDS.transcripts, {
    treeDataProvider: transcripts,
    showCollapseAll: true,
  });
  const factorView = vscode.window.createTreeView(VIEW_IDS.factors, {
    treeDataProvider: factors,
    dragAndDropController: factors,
    showCollapseAll: true,
  });

  const setContext = (key: string, value: unknown): void => void vscode.commands.executeCommand('setContext', key, value);

  const updateCodeView = (): void => {
    const study = service.study;
    codeView.description =
      codes.scope === 'transcript'
        ? vscode.l10n.t(
            'counts: {0}',
            codes.currentDocument?.slice(codes.currentDocument.lastIndexOf('/') + 1) ?? vscode.l10n.t('no transcript'),
          )
        : study
          ? vscode.l10n.t('{0} codes', study.codes.length)
          : undefined;
    codeView.message = codes.filter
      ? vscode.l10n.t('Filter “{0}”: {1} codes match.', codes.filter, codes.matches?.size ?? 0)
      : study && study.codes.length === 0
        ? vscode.l10n.t('No codes yet: add one with + or code a passage (Ctrl+Alt+C).')
        : undefined;
    setContext('codeboom.tree.filtered', !!codes.filter);
    setContext('codeboom.tree.countScope', codes.scope);
  };
  const updateQuotationView = (): void => {
    const study = service.study;
    const code = quotations.code ? study?.code(quotations.code) : undefined;
    quotationView.description = code?.name;
    const coder = quotations.coder;
    const coderName = coder === undefined ? undefined : (study?.project.coders.find((c) => c.id === coder)?.name ?? coder);
    const filter = [
      ...Object.entries(quotations.attributes).map(([k, v]) => `${k} = ${v}`),
      ...(coderName !== undefined ? [`coder = ${coderName}`] : []),
    ].join(', ');
    if (!code) {
      quotationView.message = study ? vscode.l10n.t('Select a code in the Codeboom view to see its quotations.') : undefined;
    } else {
      // The view lists orphaned codings too (marked); they are not counted (core/counting).
      const listed = quotations.quotations();
      const orphans = study ? uncountedOf(study, listed) : 0;
      const n = listed.length - orphans;
      quotationView.message = [
        plural(n, vscode.l10n.t('1 quotation'), vscode.l10n.t('{0} quotations', n)) +
          (orphans > 0 ? ` ${vscode.l10n.t('(+{0} orphaned)', orphans)}` : ''),
        quotations.subtree ? vscode.l10n.t('with subcodes') : undefined,
        filter ? vscode.l10n.t('filter: {0}', filter) : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
    }
    setContext('codeboom.quotations.filtered', !!filter);
    setContext('codeboom.quotations.subcodes', quotations.subtree);
  };
  const updateFactorView = (): void => {
    const s = factors.summary();
    factorView.description = service.study && s.total ? vscode.l10n.t('{0} of {1} with evidence', s.withEvidence, s.total) : undefined;
    factorView.message = factors.onlyMissing ? vscode.l10n.t('Only factors without evidence in the data.') : undefined;
    setContext('codeboom.factors.onlyMissing', factors.onlyMissing);
  };
  const updateTranscriptView = (): void => {
    transcriptView.description = transcripts.groupBy ? vscode.l10n.t('by {0}', transcripts.groupBy) : undefined;
  };

  const commands = new CodeTreeCommands(service, icons, codes, () => codeView);
  context.subscriptions.push(
    codes,
    quotations,
    transcripts,
    factors,
    codeView,
    quotationView,
    transcriptView,
    factorView,
    ...commands.register(),
    ...registerQuotationCommands(service, quotations),
    ...registerTranscriptCommands(service, transcripts),
    vscode.commands.registerCommand('codeboom.factors.toggleMissing', (on?: unknown) => {
      factors.setOnlyMissing(typeof on === 'boolean' ? on : !factors.onlyMissing);
      return factors.onlyMissing;
    }),
    codeView.onDidChangeSelection((e) => {
      if (e.selection.length > 0) {
        quotations.setCode(e.selection[0]);
      }
    }),
    codes.onDidChangeState(updateCodeView),
    codes.onDidChangeTreeData(updateCodeView),
    quotations.onDidChangeState(updateQuotationView),
    quotations.onDidChangeTreeData(updateQuotationView),
    factors.onDidChangeState(updateFactorView),
    transcripts.onDidChangeTreeData(updateTranscriptView),
    service.onDidChangeStudy(() => {
      updateCodeView();
      updateQuotationView();
      updateFactorView();
      updateTranscriptView();
    }),
  );
  updateCodeView();
  updateQuotationView();
  updateFactorView();
  updateTranscriptView();
  return { codes, codeView, quotations, quotationView, transcripts, factors, factorView };
}
