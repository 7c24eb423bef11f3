import * as vscode from 'vscode';
import type { Study, StudyChange } from '../core/study';
import type { StudyService } from '../study/studyService';
import { Disposable } from '../platform/lifecycle';

/**
 * Calls `listener` synchronously on every change of the open study and when another study (or none)
 * becomes current (`undefined` then), so views can drop cached numbers at once.
 */
export function watchStudy(
  service: StudyService,
  listener: (change: StudyChange | undefined, study: Study | undefined) => void,
): vscode.Disposable {
  let studyListener: { dispose(): void } | undefined;
  const attach = (study: Study | undefined): void => {
    studyListener?.dispose();
    studyListener = study?.onDidChange((e) => listener(e, study));
    listener(undefined, study);
  };
  const sub = service.onDidChangeStudy(attach);
  attach(service.study);
  return new vscode.Disposable(() => {
    sub.dispose();
    studyListener?.dispose();
  });
}

/** Coalesces bursts of refresh requests (typing moves codings on every keystroke) into one event per tick. */
export class RefreshEmitter<T> implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<T | undefined | void>();
  readonly event = this.emitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;

  fire(): void {
    if (this.timer) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, 30);
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.emitter.dispose();
  }
}

/** Arguments from a view's context menu are (element, selectedElements); from code they are whatever the caller passed. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** "1 coding" / "12 codings": the message for one and for several (both already translated). */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/**
 * What every view's provider shares: the study service, a tree-change event coalesced per tick, and
 * a state event (the view's title and message follow it). The subclass calls {@link watch} once,
 * at the end of its constructor, with what a change of the study means for it.
 */
export abstract class StudyTreeProvider<T> extends Disposable implements vscode.TreeDataProvider<T> {
  protected readonly changes = this._register(new RefreshEmitter<T>());
  readonly onDidChangeTreeData = this.changes.event;
  protected readonly stateEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires when what the view shows about itself (title, message, filters) may have changed. */
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(protected readonly service: StudyService) {
    super();
  }

  protected get study(): Study | undefined {
    return this.service.study;
  }

  /** Calls `listener` now and on every change of the open study or of which study is open. */
  protected watch(listener: (change: StudyChange | undefined, study: Study | undefined) => void): void {
    this._register(watchStudy(this.service, listener));
  }

  abstract getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem>;
  abstract getChildren(element?: T): vscode.ProviderResult<T[]>;
}
