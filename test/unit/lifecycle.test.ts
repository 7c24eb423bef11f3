// The lifetime rules every feature relies on (src/platform/lifecycle.ts): what a feature registers is
// disposed with it, last first, exactly once, even when one item throws.
import * as assert from 'assert';
import { Disposable, MutableDisposable, disposeAll, toDisposable } from '../../src/platform/lifecycle';

class Feature extends Disposable {
  add<T extends { dispose(): void }>(item: T): T {
    return this._register(item);
  }
}

describe('lifecycle: Disposable and _register', () => {
  it('disposes what was registered, last first, once', () => {
    const log: string[] = [];
    const f = new Feature();
    f.add(toDisposable(() => log.push('a')));
    f.add(toDisposable(() => log.push('b')));
    f.add(toDisposable(() => log.push('c')));
    f.dispose();
    f.dispose();
    assert.deepStrictEqual(log, ['c', 'b', 'a']);
  });

  it('an item registered after disposal is disposed at once', () => {
    const log: string[] = [];
    const f = new Feature();
    f.dispose();
    f.add(toDisposable(() => log.push('late')));
    assert.deepStrictEqual(log, ['late']);
  });

  it('one item that throws does not keep the others alive; the first error is rethrown', () => {
    const log: string[] = [];
    const f = new Feature();
    f.add(toDisposable(() => log.push('a')));
    f.add({
      dispose: () => {
        throw new Error('first');
      },
    });
    f.add({
      dispose: () => {
        throw new Error('second');
      },
    });
    f.add(toDisposable(() => log.push('d')));
    assert.throws(() => f.dispose(), /second/);
    assert.deepStrictEqual(log, ['d', 'a']);
  });

  it('disposeAll disposes a plain list last first', () => {
    const log: number[] = [];
    disposeAll([1, 2, 3].map((n) => toDisposable(() => log.push(n))));
    assert.deepStrictEqual(log, [3, 2, 1]);
  });

  it('MutableDisposable disposes the value it replaces, and the last one with itself', () => {
    const log: string[] = [];
    const m = new MutableDisposable();
    m.value = toDisposable(() => log.push('first'));
    m.value = toDisposable(() => log.push('second'));
    assert.deepStrictEqual(log, ['first']);
    m.value = undefined;
    assert.deepStrictEqual(log, ['first', 'second']);
    m.value = toDisposable(() => log.push('third'));
    m.dispose();
    assert.deepStrictEqual(log, ['first', 'second', 'third']);
  });
});
