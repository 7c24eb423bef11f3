import * as vscode from 'vscode';
import { StudyStore } from '../core/store';
import type { LoadResult, MissingTranscript, ReanchorSummary } from '../core/store';
import { isCodingFilePath, isTranscriptPath } from '../core/store';
import { PROJECT_FILE, StudyFileError } from '../core/schema';
import type { FileProblem } from '../core/schema';
import type { Study } from '../core/study';
import { Emitter } from '../core/events';
import { VscodeFileSystem } from '../platform/vscodeFileSystem';
import type { LocalMachine } from '../platform/localMachine';
import { NO_LOCAL_MACHINE } from '../platform/localMachine';
import { ProblemReporter } from './problems';
import { errorMessage } from '../l10n/coreMessages';
import { resolveCoder } from './coder';
import { Disposable, disposeAll, toDisposable } from '../platform/lifecycle';

export type StudyState =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading'; readonly root: vscode.Uri }
  | { readonly kind: 'ready'; readonly root: vscode.Uri; readonly readOnly: boolean; readonly problems: readonly FileProblem[] }
  | { readonly kind: 'error'; readonly root: vscode.Uri; readonly problems: readonly FileProblem[] };

const SAVE_DELAY_MS = 250;

/**
 * Owns the open study: loads it, saves it (debounced, atomically, only what changed), follows the
 * editor's edits of transcripts, and reloads when study files change on disk.
 */
export class StudyService extends Disposable {
  private _state: StudyState = { kind: 'none' };
  private _store: StudyStore | undefined;
  private fs: VscodeFileSystem | undefined;
  private coder = { id: 'coder', name: 'coder' };
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private readonly studyDisposables: vscode.Disposable[] = [];
  private readonly stateEmitter = new Emitter<StudyState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly studyEmitter = new Emitter<Study | undefined>();
  /** Fires when a (different) study object becomes current. */
  readonly onDidChangeStudy = this.studyEmitter.event;
  private readonly reanchorEmitter = new Emitter<ReanchorSummary>();
  readonly onDidReanchor = this.reanchorEmitter.event;
  readonly problems: ProblemReporter;

  /** @param machine the local disk, git and OS user (Node on the desktop; none in a browser). */
  constructor(readonly machine: LocalMachine = NO_LOCAL_MACHINE) {
    super();
    this._register(this.stateEmitter);
    this._register(this.studyEmitter);
    this._register(this.reanchorEmitter);
    this.problems = new ProblemReporter();
    this._register(this.problems);
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.onTextChanged(e)));
    this._register(vscode.workspace.onDidSaveTextDocument((d) => this.onTextSaved(d)));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.onTextOpened(d)));
    this._register(
      vscode.workspace.onDidChangeConfiguration(async (e) => {
        if (e.affectsConfiguration('codeboom.palette') && this.study) {
          this.study.palette = readPalette();
        }
        if (e.affectsConfiguration('codeboom.coder')) {
          this.coder = await resolveCoder(this.machine, this.fs?.root.fsPath);
          this.stateEmitter.fire(this._state);
        }
      }),
    );
    // Disposed first (last registered): pending timers and the open study.
    this._register(
      toDisposable(() => {
        if (this.saveTimer) {
          clearTimeout(this.saveTimer);
        }
        if (this.reloadTimer) {
          clearTimeout(this.reloadTimer);
        }
        this.closeCurrent();
      }),
    );
  }

  get state(): StudyState {
    return this._state;
  }

  get study(): Study | undefined {
    return this._store?.study;
  }

  get store(): StudyStore | undefined {
    return this._store;
  }

  get root(): vscode.Uri | undefined {
    return this.fs?.root;
  }

  get activeCoder(): { id: string; name: string } {
    return this.coder;
  }

  /** The study-relative path of a transcript URI, if it belongs to the open study. */
  docPath(uri: vscode.Uri): string | undefined {
    const rel = this.fs?.relative(uri);
    return rel !== undefined && this.study?.document(rel) ? rel : undefined;
  }

  uriOf(doc: string): vscode.Uri {
    if (!this.fs) {
      throw new Error('No study is open.');
    }
    return this.fs.uri(doc);
  }

  /** Finds the study in the workspace: the shallowest folder with a codeboom.json. */
  async findStudyRoot(): Promise<vscode.Uri | undefined> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, PROJECT_FILE));
        return folder.uri;
      } catch {
        // not at the root of this folder
      }
    }
    const found = await vscode.workspace.findFiles(`**/${PROJECT_FILE}`, '**/{node_modules,.git,.runs}/**', 20);
    found.sort((a, b) => a.path.split('/').length - b.path.split('/').length);
    return found[0] ? vscode.Uri.joinPath(found[0], '..') : undefined;
  }

  async open(root: vscode.Uri): Promise<LoadResult | undefined> {
    await this.flush();
    this.closeCurrent();
    this.fs = new VscodeFileSystem(root);
    this.problems.clear();
    this.setState({ kind: 'loading', root });
    this.coder = await resolveCoder(this.machine, root.scheme === 'file' ? root.fsPath : undefined);
    let result: Awaited<ReturnType<typeof StudyStore.open>>;
    try {
      result = await StudyStore.open(this.fs);
    } catch (e) {
      const problems: FileProblem[] =
        e instanceof StudyFileError ? [...e.problems] : [{ file: PROJECT_FILE, path: [], message: errorMessage(e, PROJECT_FILE) }];
      await this.problems.report(this.fs, problems);
      this.setState({ kind: 'error', root, problems });
      this.watch(root);
      return undefined;
    }
    this._store = result.store;
    result.study.palette = readPalette();
    // Editors may hold newer text than the disk (unsaved edits): their text wins.
    for (const doc of vscode.workspace.textDocuments) {
      this.onTextOpened(doc);
    }
    await this.problems.report(this.fs, result.problems);
    this.studyDisposables.push(result.study.onDidChange(() => this.scheduleSave()));
    this.watch(root);
    this.setState({ kind: 'ready', root, readOnly: result.study.readOnly, problems: result.problems });
    this.studyEmitter.fire(result.study);
    for (const r of result.reanchored) {
      this.reanchorEmitter.fire(r);
    }
    for (const m of result.missing) {
      warnMissing(m);
    }
    if (this._store.isDirty) {
      this.scheduleSave();
    }
    return result;
  }

  async reload(): Promise<void> {
    const root = this.fs?.root ?? (await this.findStudyRoot());
    if (root) {
      await this.open(root);
    }
  }

  /** Saves now (waits for a save already running). */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    const store = this._store;
    if (!store) {
      return;
    }
    this.saving = this.saving.then(async () => {
      if (!store.isDirty || store.study.readOnly) {
        return;
      }
      for (const editor of vscode.workspace.textDocuments) {
        const doc = this.docPath(editor.uri);
        // A saved editor holds the file's text, which the store knows already (its quotes were
        // refreshed on save); one not reloaded yet after a write outside it (pseudonymisation)
        // holds the old text, which must not become the quotes.
        if (doc && editor.isDirty) {
          store.refreshQuotes(doc, editor.getText());
        }
      }
      try {
        await store.save();
        if (this.fs && this.problems.hasSaveProblems) {
          // the save went through: the problems of the failed one are gone
          await this.problems.report(this.fs, [], 'save');
        }
      } catch (e) {
        if (e instanceof StudyFileError && this.fs) {
          await this.problems.report(this.fs, e.problems, 'save');
        }
        void vscode.window.showErrorMessage(vscode.l10n.t('Codeboom could not save: {0}', e instanceof Error ? e.message : String(e)));
      }
    });
    await this.saving;
  }

  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  /** Reloads the study a moment after the last of a burst of file changes (a git pull). */
  private scheduleReload(): void {
    if (this.reloadTimer) {
      clearTimeout(this.reloadTimer);
    }
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload();
    }, SAVE_DELAY_MS);
  }

  private scheduleSave(): void {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
    }
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.flush();
    }, SAVE_DELAY_MS);
  }

  private watch(root: vscode.Uri): void {
    const pattern = new vscode.RelativePattern(root, `{${PROJECT_FILE},.codeboom/codings/**/*.json,**/*.md,**/*.markdown}`);
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const onChange = (uri: vscode.Uri): void => void this.fileChanged(uri);
    this.studyDisposables.push(watcher, watcher.onDidChange(onChange), watcher.onDidCreate(onChange), watcher.onDidDelete(onChange));
  }

  private async fileChanged(uri: vscode.Uri): Promise<void> {
    const rel = this.fs?.relative(uri);
    if (rel === undefined) {
      return;
    }
    if (!this._store) {
      if (rel === PROJECT_FILE) {
        await this.reload();
      }
      return;
    }
    if (rel !== PROJECT_FILE && !isCodingFilePath(rel) && !isTranscriptPath(rel)) {
      return;
    }
    // An open editor is the truth for a transcript; the disk catches up when the user saves.
    if (isTranscriptPath(rel) && vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) {
      return;
    }
    if (this._store.study.readOnly) {
      // Read-only because of a problem in the files: this change may be its fix (or the rest of a git
      // pull), so everything is read and validated again, as when the study is opened.
      this.scheduleReload();
      return;
    }
    // Unsaved changes go to disk first (merged with what is there), so that a problem this change
    // brings, which makes the study read-only, cannot hold them back.
    await this.flush();
    if (!this._store) {
      return;
    }
    try {
      const change = await this._store.fileChanged(rel);
      const state = this._state;
      if (change.warnings && state.kind === 'ready' && this.fs) {
        // The transcript's warnings now (front matter fixed or broken) replace those it had.
        const problems = [...state.problems.filter((p) => p.file !== rel), ...change.warnings];
        if (problems.length !== state.problems.length || change.warnings.length > 0) {
          await this.problems.report(this.fs, problems);
          this.setState({ ...state, problems });
        }
      }
      if (change.kind === 'transcript' || change.kind === 'removed') {
        this.stateEmitter.fire(this._state);
      }
      if (change.reanchored) {
        this.reanchorEmitter.fire(change.reanchored);
      }
      if (change.missing) {
        warnMissing(change.missing);
      }
    } catch (e) {
      if (e instanceof StudyFileError && this.fs) {
        await this.problems.report(this.fs, e.problems);
        void vscode.window.showErrorMessage(
          vscode.l10n.t(
            'Codeboom: a study file changed on disk and is not valid; the study keeps the last valid state and will not overwrite it. {0}',
            e.message,
          ),
        );
        this._store.study.readOnly = true;
        this.setState({ kind: 'ready', root: this.fs.root, readOnly: true, problems: e.problems });
      }
    }
  }

  private onTextChanged(e: vscode.TextDocumentChangeEvent): void {
    const study = this.study;
    if (!study || e.contentChanges.length === 0) {
      return;
    }
    const doc = this.docPath(e.document.uri);
    if (!doc) {
      return;
    }
    if (
      !e.document.isDirty &&
      e.reason === undefined &&
      (isTextOnDisk(this.machine, e.document) || this._store?.text(doc) === e.document.getText())
    ) {
      // The editor took the file's text from disk (a change outside VS Code, a revert, Codeboom's own
      // write of the transcript). Where the disk cannot be read at once (the browser, a virtual file
      // system), the text the store already holds tells it: Codeboom wrote it, or the watcher came first. VS Code
      // reports that as one replacement of every line from the first change to the last, which
      // would cut or orphan the codings in between: they are found again from their quotes instead,
      // as in a closed transcript. If the file watcher came first, this text is known already.
      // (The first keystroke in a saved document is not dirty yet either, but differs from the disk.)
      this.onTextOpened(e.document);
      return;
    }
    // VS Code reports a multi-cursor edit's changes from the end of the document backwards, each
    // relative to the text before the event, so they can be applied one after the other.
    study.applyTextEdits(
      doc,
      e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, newLength: c.text.length })),
    );
    this._store?.setText(doc, e.document.getText());
  }

  private onTextSaved(d: vscode.TextDocument): void {
    const doc = this.docPath(d.uri);
    if (doc && this._store) {
      this._store.refreshQuotes(doc, d.getText());
      this.scheduleSave();
    }
  }

  private onTextOpened(d: vscode.TextDocument): void {
    const doc = this.docPath(d.uri);
    const store = this._store;
    if (!doc || !store) {
      return;
    }
    const text = d.getText();
    if (text !== store.text(doc)) {
      const summary = store.reanchorDocument(doc, text);
      if (summary) {
        this.reanchorEmitter.fire(summary);
      }
    }
  }

  private setState(state: StudyState): void {
    this._state = state;
    this.stateEmitter.fire(state);
  }

  private closeCurrent(): void {
    disposeAll(this.studyDisposables.splice(0));
    if (this._store) {
      this._store.study.dispose();
      this._store = undefined;
      this._state = { kind: 'none' };
      this.studyEmitter.fire(undefined);
    }
  }
}

/** Whether a document holds exactly what its file on disk holds (local files only). */
function isTextOnDisk(machine: LocalMachine, d: vscode.TextDocument): boolean {
  return d.uri.scheme === 'file' && machine.readText(d.uri.fsPath) === d.getText();
}

/** The `codeboom.palette` setting: valid #rrggbb colours only. */
function readPalette(): string[] | undefined {
  const list = vscode.workspace.getConfiguration('codeboom').get<unknown[]>('palette', []);
  const valid = (Array.isArray(list) ? list : []).filter((c): c is string => typeof c === 'string' && /^#[0-9a-fA-F]{6}$/.test(c));
  return valid.length ? valid : undefined;
}

/** A transcript with codings is missing: they are kept (on disk too) and come back with it. */
function warnMissing(m: MissingTranscript): void {
  void vscode.window.showWarningMessage(
    m.codings === 1
      ? vscode.l10n.t('Codeboom: transcript {0} is missing; its coding is kept, but not shown or counted until it is back.', m.doc)
      : vscode.l10n.t(
          'Codeboom: transcript {0} is missing; its {1} codings are kept, but not shown or counted until it is back.',
          m.doc,
          m.codings,
        ),
  );
}
