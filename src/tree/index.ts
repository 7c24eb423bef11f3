/**
 * The Codeboom activity-bar container: the code tree, the quotations of the selected code, the
 * transcripts, and the literature factors. One model (the study), four views that refresh on its
 * events; every change goes through `study.transact` and is saved by the study service.
 */
import * as vscode from 'vscode';
import type { Feature, FeatureContext } from '../feature';
import type { StudyService } from '../study/studyService';
import { Disposable } from '../platform/lifecycle';
import { registerCommand, setContext } from '../platform/commands';
import { Command, ContextKey, ViewId } from '../platform/ids';
import { uncountedOf } from '../core/counting';
import { CodeTreeProvider } from './codeTree';
import { CodeTreeCommands } from './codeCommands';
import { CodeStructureCommands } from './structureCommands';
import { QuotationsProvider } from './quotations';
import type { QuotationNode } from './quotations';
import { QuotationCommands } from './quotationCommands';
import { TranscriptsProvider, registerTranscriptCommands } from './transcripts';
import type { TranscriptNode } from './transcripts';
import { FactorsProvider } from './factors';
import type { FactorNode } from './factors';
import { plural } from './studyWatch';
import { counted } from '../core/plural';

/** The views and their providers (the host tests read them). */
export class TreeFeature extends Disposable {
  readonly codes: CodeTreeProvider;
  readonly codeView: vscode.TreeView<string>;
  readonly quotations: QuotationsProvider;
  readonly quotationView: vscode.TreeView<QuotationNode>;
  readonly transcripts: TranscriptsProvider;
  readonly transcriptView: vscode.TreeView<TranscriptNode>;
  readonly factors: FactorsProvider;
  readonly factorView: vscode.TreeView<FactorNode>;
  private readonly service: StudyService;

  constructor({ service, icons, extension }: FeatureContext) {
    super();
    this.service = service;
    this.codes = this._register(new CodeTreeProvider(service, icons));
    this.quotations = this._register(new QuotationsProvider(service, icons));
    this.transcripts = this._register(new TranscriptsProvider(service, extension.workspaceState));
    this.factors = this._register(new FactorsProvider(service, icons));
    this.codeView = this._register(
      vscode.window.createTreeView(ViewId.codes, {
        treeDataProvider: this.codes,
        dragAndDropController: this.codes,
        showCollapseAll: true,
        canSelectMany: true,
      }),
    );
    this.quotationView = this._register(
      vscode.window.createTreeView(ViewId.quotations, { treeDataProvider: this.quotations, showCollapseAll: true }),
    );
    this.transcriptView = this._register(
      vscode.window.createTreeView<TranscriptNode>(ViewId.transcripts, { treeDataProvider: this.transcripts, showCollapseAll: true }),
    );
    this.factorView = this._register(
      vscode.window.createTreeView(ViewId.factors, {
        treeDataProvider: this.factors,
        dragAndDropController: this.factors,
        showCollapseAll: true,
      }),
    );
    this.registerCommands(service, icons);
    this.listen();
    this.updateAll();
  }

  private registerCommands(service: StudyService, icons: FeatureContext['icons']): void {
    this._register(new CodeTreeCommands(service, icons, this.codes, () => this.codeView));
    this._register(new CodeStructureCommands(service, icons, () => this.codeView));
    this._register(new QuotationCommands(service, this.quotations));
    for (const command of registerTranscriptCommands(service, this.transcripts)) {
      this._register(command);
    }
    this._register(
      registerCommand(Command.factorsToggleMissing, (on?: unknown) => {
        this.factors.setOnlyMissing(typeof on === 'boolean' ? on : !this.factors.onlyMissing);
        return this.factors.onlyMissing;
      }),
    );
  }

  private listen(): void {
    this._register(
      this.codeView.onDidChangeSelection((e) => {
        if (e.selection.length > 0) {
          this.quotations.setCode(e.selection[0]);
        }
      }),
    );
    this._register(this.codes.onDidChangeState(() => this.updateCodeView()));
    this._register(this.codes.onDidChangeTreeData(() => this.updateCodeView()));
    this._register(this.quotations.onDidChangeState(() => this.updateQuotationView()));
    this._register(this.quotations.onDidChangeTreeData(() => this.updateQuotationView()));
    this._register(this.factors.onDidChangeState(() => this.updateFactorView()));
    this._register(this.transcripts.onDidChangeTreeData(() => this.updateTranscriptView()));
    this._register(this.service.onDidChangeStudy(() => this.updateAll()));
  }

  private updateAll(): void {
    this.updateCodeView();
    this.updateQuotationView();
    this.updateFactorView();
    this.updateTranscriptView();
  }

  private updateCodeView(): void {
    const { codes, codeView } = this;
    const study = this.service.study;
    codeView.description =
      codes.scope === 'transcript'
        ? vscode.l10n.t(
            'counts: {0}',
            codes.currentDocument?.slice(codes.currentDocument.lastIndexOf('/') + 1) ?? vscode.l10n.t('no transcript'),
          )
        : study
          ? counted(study.codes.length, 'code')
          : undefined;
    codeView.message = codes.filter
      ? (codes.matches?.size ?? 0) === 1
        ? vscode.l10n.t('Filter “{0}”: 1 code matches.', codes.filter)
        : vscode.l10n.t('Filter “{0}”: {1} codes match.', codes.filter, codes.matches?.size ?? 0)
      : study && study.codes.length === 0
        ? vscode.l10n.t('No codes yet: add one with + or code a passage (Ctrl+Alt+C).')
        : undefined;
    setContext(ContextKey.treeFiltered, !!codes.filter);
    setContext(ContextKey.treeCountScope, codes.scope);
  }

  private updateQuotationView(): void {
    const { quotations, quotationView } = this;
    const study = this.service.study;
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
    setContext(ContextKey.quotationsFiltered, !!filter);
    setContext(ContextKey.quotationsSubcodes, quotations.subtree);
  }

  private updateFactorView(): void {
    const s = this.factors.summary();
    this.factorView.description =
      this.service.study && s.total ? vscode.l10n.t('{0} of {1} with evidence', s.withEvidence, s.total) : undefined;
    this.factorView.message = this.factors.onlyMissing ? vscode.l10n.t('Only factors without evidence in the data.') : undefined;
    setContext(ContextKey.factorsOnlyMissing, this.factors.onlyMissing);
  }

  private updateTranscriptView(): void {
    this.transcriptView.description = this.transcripts.groupBy ? vscode.l10n.t('by {0}', this.transcripts.groupBy) : undefined;
  }
}

export const treeFeature: Feature<TreeFeature> = (ctx) => new TreeFeature(ctx);
