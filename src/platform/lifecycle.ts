/**
 * Lifetimes of registrations. A feature or a provider extends {@link Disposable} and hands every
 * listener, command, view and child it creates to `_register`; disposing it disposes them all, in
 * reverse order, once. (After the shape of VS Code's own `Disposable` in base/common/lifecycle.)
 */
import type * as vscode from 'vscode';

/** Disposes every item, last first; an item that throws does not keep the others alive. The first error is rethrown. */
export function disposeAll(items: Iterable<vscode.Disposable>): void {
  const list = [...items];
  let first: unknown;
  for (let i = list.length - 1; i >= 0; i--) {
    try {
      list[i].dispose();
    } catch (e) {
      first ??= e;
    }
  }
  if (first !== undefined) {
    throw first;
  }
}

export abstract class Disposable implements vscode.Disposable {
  private readonly _lifetime: vscode.Disposable[] = [];
  private _isDisposed = false;

  protected get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Ties `item` to this object's lifetime; registered after disposal, it is disposed at once. */
  protected _register<T extends vscode.Disposable>(item: T): T {
    if (this._isDisposed) {
      item.dispose();
    } else {
      this._lifetime.push(item);
    }
    return item;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    const items = this._lifetime.splice(0);
    disposeAll(items);
  }
}

/** A disposable that runs `fn` once. */
export function toDisposable(fn: () => void): vscode.Disposable {
  let done = false;
  return {
    dispose: () => {
      if (!done) {
        done = true;
        fn();
      }
    },
  };
}

/** A holder of one disposable that can be replaced (a listener on the current study). */
export class MutableDisposable<T extends vscode.Disposable> implements vscode.Disposable {
  private _value: T | undefined;

  get value(): T | undefined {
    return this._value;
  }

  set value(next: T | undefined) {
    if (this._value !== next) {
      this._value?.dispose();
      this._value = next;
    }
  }

  dispose(): void {
    this.value = undefined;
  }
}
