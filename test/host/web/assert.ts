// The subset of Node's `assert` the host tests use, for the web worker extension host (no Node
// modules there): the web test bundle (scripts/build-web.mjs, webTestBuild) maps 'assert' here.
class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(v: unknown): string {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
}

function fail(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) {
    throw message;
  }
  throw new AssertionError(message ?? fallback);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    return false;
  }
  if (a instanceof Map && b instanceof Map) {
    return a.size === b.size && [...a].every(([k, v]) => b.has(k) && deepEqual(v, b.get(k)));
  }
  if (a instanceof Set && b instanceof Set) {
    return a.size === b.size && [...a].every((v) => b.has(v));
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    return deepEqual([...(a as unknown as Iterable<unknown>)], [...(b as unknown as Iterable<unknown>)]);
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as never)[k], (b as never)[k]))
  );
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) {
    fail(message, `expected a truthy value, got ${show(value)}`);
  }
}

export function strictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) {
    fail(message, `${show(actual)} !== ${show(expected)}`);
  }
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) {
    fail(message, `expected not ${show(expected)}`);
  }
}

export function deepStrictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!deepEqual(actual, expected)) {
    fail(message, `not deep-equal:\n  actual   ${show(actual)}\n  expected ${show(expected)}`);
  }
}

export function notDeepStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (deepEqual(actual, expected)) {
    fail(message, `expected not deep-equal to ${show(expected)}`);
  }
}

export function match(value: string, re: RegExp, message?: string | Error): void {
  if (!re.test(value)) {
    fail(message, `${show(value)} does not match ${re}`);
  }
}

export function doesNotMatch(value: string, re: RegExp, message?: string | Error): void {
  if (re.test(value)) {
    fail(message, `${show(value)} matches ${re}`);
  }
}

export async function rejects(fn: Promise<unknown> | (() => Promise<unknown>), expected?: unknown, message?: string): Promise<void> {
  try {
    await (typeof fn === 'function' ? fn() : fn);
  } catch (e) {
    if (expected instanceof RegExp && !expected.test(String((e as Error)?.message ?? e))) {
      fail(message, `rejected with ${String(e)}, not matching ${expected}`);
    }
    return;
  }
  fail(message, 'expected a rejection');
}

export function throws(fn: () => unknown, expected?: unknown, message?: string): void {
  try {
    fn();
  } catch (e) {
    if (expected instanceof RegExp && !expected.test(String((e as Error)?.message ?? e))) {
      fail(message, `threw ${String(e)}, not matching ${expected}`);
    }
    return;
  }
  fail(message, 'expected an exception');
}

export const equal = strictEqual;
export const deepEqualAssert = deepStrictEqual;
