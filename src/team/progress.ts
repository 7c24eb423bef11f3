/**
 * The supervisor's view (issue 20 §4): the Coding Progress view, a tree in the Codeboom sidebar with
 * a row per transcript and a child per coder (coded respondent turns / all, codings, last change),
 * transcripts that two or more coders coded marked ready for an agreement check (with an action
 * that opens the agreement report for them), and exports of the same table as Markdown and XLSX.
 * Dates come from `git log` of the codings files where the study is in git, else the files' times.
 * It also gives the code tree each code's history from `git log -p` of codeboom.json.
 */
import * as vscode from 'vscode';
import type { Progress, ProgressCell, ProgressRow } from '../core/progress';
import { LAST_CHANGE_LOG_ARGS, agreementReady, codingProgress, dayOf, lastChangesOfLog, progressTable, turnsText } from '../core/progress';
import type { CodeEvent } from '../core/codebookHistory';
import { CODEBOOK_LOG_ARGS, codebookHistory, eventSentence } from '../core/codebookHistory';
import { codingFilePath } from '../core/serialize';
import { markdownDocument } from '../core/exports/markdown';
import { xlsxBytes } from '../core/exports/xlsx';
import { encodeText } from '../core/port';
import { Disposable } from '../platform/lifecycle';
import { registerCommand } from '../platform/commands';
import { Command, ViewId } from '../platform/ids';
import { VscodeFileSystem } from '../platform/vscodeFileSystem';
import { RefreshEmitter, watchStudy } from '../tree/studyWatch';
import { registerCodeTooltip, codeTooltipsChanged } from '../ui/codeTooltips';
import type { StudyService } from '../study/studyService';

/** A row (a transcript) or a cell (a coder of a transcript). */
export type ProgressElement =
  { readonly kind: 'row'; readonly row: ProgressRow } | { readonly kind: 'cell'; readonly row: ProgressRow; readonly cell: ProgressCell };

export interface ExportProgressArgs {
  readonly format?: 'markdown' | 'xlsx';
  /** Study-relative path of the file (default reports/coding-progress.md or .xlsx). */
  readonly path?: string;
  readonly open?: boolean;
}

export interface ProgressAgreementArgs {
  readonly doc: string;
  readonly coderA?: string;
  readonly coderB?: string;
  readonly open?: boolean;
}

/** How long after the last change of the study the git dates are read again. */
const GIT_DELAY_MS = 2000;

export class CodingProgressView extends Disposable implements vscode.TreeDataProvider<ProgressElement> {
  private readonly changes = this._register(new RefreshEmitter<ProgressElement>());
  readonly onDidChangeTreeData = this.changes.event;
  /** Last change per codings file (study-relative path → ISO date): git's, else the file's time. */
  private dates = new Map<string, string>();
  /** Each code's history from git (empty outside git). */
  private history = new Map<string, CodeEvent[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The progress computed since the last change (cleared by every change of the study, transcript texts and dates). */
  private cached: { readonly study: object; readonly progress: Progress } | undefined;
  /** The last read of git (for tests): resolves when dates and history are current. */
  loaded: Promise<void> = Promise.resolve();

  constructor(private readonly service: StudyService) {
    super();
    this._register(vscode.window.createTreeView(ViewId.progress, { treeDataProvider: this, showCollapseAll: true }));
    this._register(
      watchStudy(service, (change) => {
        this.cached = undefined;
        this.changes.fire();
        if (change) {
          this.scheduleReload();
        } else {
          this.loaded = this.reload();
        }
      }),
    );
    // A transcript changed on disk (its turns may have): counted again.
    this._register(
      service.onDidChangeState(() => {
        this.cached = undefined;
        this.changes.fire();
      }),
    );
    this._register(
      registerCodeTooltip((id) => {
        const events = this.history.get(id) ?? [];
        return events.length ? [vscode.l10n.t('History (git):'), ...events.map(eventSentence)] : [];
      }),
    );
    this._register({ dispose: () => this.timer && clearTimeout(this.timer) });
    this._register(registerCommand(Command.progressRefresh, () => (this.loaded = this.reload())));
    this._register(registerCommand(Command.progressExport, (args?: ExportProgressArgs) => this.export(args)));
    this._register(
      registerCommand(Command.progressAgreement, (arg?: ProgressElement | ProgressAgreementArgs) =>
        this.agreement(arg && 'kind' in arg ? { doc: arg.row.doc } : arg),
      ),
    );
  }

  /** The progress of the open study now (undefined: no study). */
  progress(): Progress | undefined {
    const { study, store } = this.service;
    if (!study || !store) {
      return undefined;
    }
    // One computation per change of the study (the tree asks for every row it expands).
    if (this.cached?.study === study) {
      return this.cached.progress;
    }
    const progress = codingProgress(
      study,
      (doc) => store.text(doc),
      (doc, coder) => this.dates.get(codingFilePath(doc, coder)),
    );
    this.cached = { study, progress };
    return progress;
  }

  /** The history of a code from git (oldest first). */
  historyOf(code: string): readonly CodeEvent[] {
    return this.history.get(code) ?? [];
  }

  getChildren(element?: ProgressElement): ProgressElement[] {
    const p = this.progress();
    if (!p) {
      return [];
    }
    if (!element) {
      return p.rows.map((row) => ({ kind: 'row', row }));
    }
    return element.kind === 'row' ? element.row.cells.map((cell) => ({ kind: 'cell', row: element.row, cell })) : [];
  }

  getTreeItem(e: ProgressElement): vscode.TreeItem {
    if (e.kind === 'cell') {
      const item = new vscode.TreeItem(e.cell.coder, vscode.TreeItemCollapsibleState.None);
      item.id = `${e.row.doc}\u0000${e.cell.coder}`;
      item.description = cellText(e.cell, e.row.turns);
      item.iconPath = new vscode.ThemeIcon(
        e.cell.codings === 0 ? 'circle-large-outline' : e.cell.codedTurns === e.row.turns ? 'pass-filled' : 'circle-large-filled',
      );
      item.tooltip = cellText(e.cell, e.row.turns);
      return item;
    }
    const ready = agreementReady(e.row);
    const item = new vscode.TreeItem(e.row.doc, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = e.row.doc;
    item.resourceUri = this.service.uriOf(e.row.doc);
    item.iconPath = new vscode.ThemeIcon(ready ? 'check-all' : 'file');
    item.description = ready
      ? vscode.l10n.t('{0} — ready for an agreement check', e.row.coders.join(', '))
      : e.row.coders.length === 1
        ? e.row.coders[0]
        : vscode.l10n.t('not coded yet');
    item.tooltip = ready
      ? vscode.l10n.t('{0}: coded by {1}; an agreement check can compare them.', e.row.doc, e.row.coders.join(', '))
      : e.row.doc;
    item.contextValue = ready ? 'progress.ready' : 'progress.row';
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [this.service.uriOf(e.row.doc)] };
    return item;
  }

  private scheduleReload(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.loaded = this.reload();
    }, GIT_DELAY_MS);
  }

  /** Reads the dates (git log of the codings files, else their times) and the codebook's history. */
  private async reload(): Promise<void> {
    const { root, study } = this.service;
    if (!root || !study) {
      this.dates = new Map();
      this.history = new Map();
      return;
    }
    const machine = this.service.machine;
    const local = root.scheme === 'file' && vscode.workspace.isTrusted;
    const [datesLog, historyLog] = local
      ? await Promise.all([machine.gitLog(root.fsPath, LAST_CHANGE_LOG_ARGS), machine.gitLog(root.fsPath, CODEBOOK_LOG_ARGS)])
      : [undefined, undefined];
    const dates = datesLog === undefined ? new Map<string, string>() : lastChangesOfLog(datesLog);
    const fs = new VscodeFileSystem(root);
    const files = new Set([...study.allCodings()].map((c) => codingFilePath(c.doc, c.coder)));
    for (const f of files) {
      if (!dates.has(f)) {
        const s = await fs.stat(f).catch(() => undefined);
        if (s) {
          dates.set(f, new Date(s.mtime).toISOString());
        }
      }
    }
    if (this.service.study !== study) {
      return;
    }
    this.dates = dates;
    this.cached = undefined;
    this.history = historyLog === undefined ? new Map() : codebookHistory(historyLog);
    this.changes.fire();
    codeTooltipsChanged();
  }

  private async export(args?: ExportProgressArgs): Promise<vscode.Uri | undefined> {
    const p = this.progress();
    const root = this.service.root;
    if (!p || !root) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
      return undefined;
    }
    const format =
      args?.format ??
      (
        await vscode.window.showQuickPick(
          [
            { label: 'Markdown', format: 'markdown' as const },
            { label: 'Excel (.xlsx)', format: 'xlsx' as const },
          ],
          { title: vscode.l10n.t('Export Coding Progress') },
        )
      )?.format;
    if (!format) {
      return undefined;
    }
    await this.loaded;
    const fresh = this.progress() ?? p;
    const table = progressTable(fresh);
    const title = vscode.l10n.t('Coding progress: {0}', this.service.study?.name ?? '');
    const data =
      format === 'markdown' ? encodeText(markdownDocument(title, [table])) : await xlsxBytes([table], { title, creator: 'Codeboom' });
    const path = args?.path ?? `reports/coding-progress.${format === 'markdown' ? 'md' : 'xlsx'}`;
    const fs = new VscodeFileSystem(root);
    await fs.writeFileAtomic(path, data);
    const uri = fs.uri(path);
    if (args?.open ?? true) {
      const open = vscode.l10n.t('Open');
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: written {0}', path), open).then((c) => {
        if (c === open) {
          void vscode.commands.executeCommand('vscode.open', uri);
        }
      });
    }
    return uri;
  }

  /** The agreement report of two coders of one transcript (asked which two when more coded it). */
  private async agreement(args?: ProgressAgreementArgs): Promise<unknown> {
    const row = this.progress()?.rows.find((r) => r.doc === args?.doc);
    if (!args || !row || !agreementReady(row)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: no two coders have coded this transcript yet.'));
      return undefined;
    }
    let pair: readonly [string, string] | undefined =
      args.coderA !== undefined && args.coderB !== undefined ? [args.coderA, args.coderB] : undefined;
    if (!pair) {
      const pairs = row.coders.flatMap((a, i) => row.coders.slice(i + 1).map((b) => [a, b] as const));
      pair =
        pairs.length === 1
          ? pairs[0]
          : (
              await vscode.window.showQuickPick(
                pairs.map((p) => ({ label: `${p[0]} × ${p[1]}`, pair: p })),
                { title: row.doc },
              )
            )?.pair;
    }
    if (!pair) {
      return undefined;
    }
    return vscode.commands.executeCommand(Command.agreement, {
      coderA: pair[0],
      coderB: pair[1],
      docs: [row.doc],
      open: args.open ?? true,
    });
  }
}

/** "12/30 turns (40 %) · 45 codings · 2026-11-30". */
function cellText(cell: ProgressCell, turns: number): string {
  return vscode.l10n.t('{0} turns · {1} codings · {2}', turnsText(cell, turns), cell.codings, dayOf(cell.lastChange));
}
