/**
 * A transcript renamed outside VS Code (`git mv`, a pull, the file manager): its codings name a path
 * that is gone. When one transcript of the study holds every quote of those codings
 * (core/renames renameCandidates, never a guess), Codeboom offers "Transcript renamed? Re-link N
 * codings"; re-linking is one study transaction (undoable), as `codeboom mv` does from a terminal.
 */
import * as vscode from 'vscode';
import { moveCodingsOps, renameCandidates } from '../core/renames';
import { Disposable } from '../platform/lifecycle';
import { showError } from '../platform/commands';
import type { StudyService } from '../study/studyService';
import type { Ask } from './gitSetup';

/** How long after the last change of the study's files the candidates are looked for (a pull renames in bursts). */
const SETTLE_MS = 300;

export class OutsideRenames extends Disposable {
  /** Renames offered in this session ("old\0new"): each is offered once. */
  private readonly offered = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** How offers are made (replaced by tests). */
  ask: Ask = (message, ...actions) => vscode.window.showInformationMessage(message, ...actions);
  /** The last check (for tests): the renames re-linked by it. */
  last: Promise<number> = Promise.resolve(0);

  /**
   * `following`: the rename VS Code is following now (src/team/renames.ts), awaited first so that a
   * rename in the Explorer is never offered as an outside one.
   */
  constructor(
    private readonly service: StudyService,
    private readonly following: () => Promise<unknown> = () => Promise.resolve(),
  ) {
    super();
    this._register(
      service.onDidChangeState((s) => {
        if (s.kind === 'ready') {
          this.schedule();
        }
      }),
    );
    this._register({ dispose: () => this.timer && clearTimeout(this.timer) });
  }

  private schedule(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.last = this.check().catch((e: unknown) => {
        showError(e);
        return 0;
      });
    }, SETTLE_MS);
  }

  /** Offers each new rename found; resolves to how many codings were re-linked. */
  async check(): Promise<number> {
    await this.following();
    const { study, store } = this.service;
    if (!study || !store || study.readOnly) {
      return 0;
    }
    const found = [...renameCandidates(study, (doc) => store.text(doc))].filter(([from, to]) => !this.offered.has(`${from}\u0000${to}`));
    let moved = 0;
    for (const [from, to] of found) {
      this.offered.add(`${from}\u0000${to}`);
      const n = study.codingsOf(from).length;
      const relink = n === 1 ? vscode.l10n.t('Re-link 1 coding') : vscode.l10n.t('Re-link {0} codings', n);
      const choice = await this.ask(
        n === 1
          ? vscode.l10n.t('Codeboom: transcript renamed? {0} is gone and {1} holds the quote of its coding.', from, to)
          : vscode.l10n.t('Codeboom: transcript renamed? {0} is gone and {1} holds every quote of its {2} codings.', from, to, n),
        relink,
      );
      if (choice === relink) {
        moved += await this.relink(from, to);
      }
    }
    return moved;
  }

  /** Moves the codings of the transcript `from` (gone) to `to` in one undoable step; returns how many moved. */
  async relink(from: string, to: string): Promise<number> {
    const { study, store } = this.service;
    if (!study || !store || study.readOnly || study.document(from) || !study.document(to)) {
      return 0;
    }
    const { ops, left, moved } = moveCodingsOps(study, [{ from, to }]);
    if (ops.length === 0) {
      return 0;
    }
    study.transact(vscode.l10n.t('Re-link the codings of a renamed transcript'), ops);
    // The quotes are in the new text; where the text moved them too, they are found again there.
    const text = store.text(to);
    if (text !== undefined) {
      store.reanchorDocument(to, text);
    }
    await this.service.flush();
    await store.removeEmptyCodingFiles(left);
    return moved;
  }
}
