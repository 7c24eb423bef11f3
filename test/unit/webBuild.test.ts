// The browser build (scripts/build-web.mjs, issue 21): built here in memory with the same options as
// `npm run build -- --production`, the main bundle stays under its budget, asks `require` for nothing
// but 'vscode' (VS Code's web worker host knows no other module), and runs its top level where there
// is no `process`, `require`, `Buffer` or `setImmediate`, as in a web worker; each lazily loaded
// library bundle runs there too and gives the library.
import * as assert from 'assert';
import * as path from 'path';
import * as vm from 'vm';
import { readFileSync } from 'fs';
import { builtinModules } from 'module';
import * as esbuild from 'esbuild';

const REPO = path.resolve(__dirname, '..', '..', '..');
const BUDGET = 1.5 * 1024 * 1024;

// a real dynamic import of the .mjs build script (TypeScript's CommonJS output would turn import() into require)
const importModule = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

interface WebBuildScript {
  webBuilds(common: esbuild.BuildOptions): esbuild.BuildOptions[];
}

/** The browser bundles by output name (relative to the repo), built with the production options. */
async function buildWeb(): Promise<Map<string, string>> {
  const script = (await importModule(path.join(REPO, 'scripts', 'build-web.mjs'))) as WebBuildScript;
  const common: esbuild.BuildOptions = { bundle: true, minify: true, sourcemap: false, legalComments: 'none', logLevel: 'silent' };
  const out = new Map<string, string>();
  const cwd = process.cwd();
  process.chdir(REPO); // the build's paths are relative to the repository, as in npm run build
  try {
    for (const options of script.webBuilds(common)) {
      const result = await esbuild.build({ ...options, absWorkingDir: REPO, write: false });
      out.set(String(options.outfile), result.outputFiles[0].text);
    }
  } finally {
    process.chdir(cwd);
  }
  return out;
}

/** Evaluates a CommonJS bundle in a fresh context that has only what a web worker has (no Node globals). */
function evaluateInWorkerLikeContext(code: string, requireFn: (id: string) => unknown): Record<string, unknown> {
  const context = vm.createContext({
    console,
    TextEncoder,
    TextDecoder,
    URL,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    performance,
    crypto: globalThis.crypto,
    atob,
    btoa,
  });
  vm.runInContext('self = globalThis;', context);
  const module = { exports: {} as Record<string, unknown> };
  const fn = vm.runInContext(`(function (module, exports, require) {${code}\n})`, context) as (
    m: typeof module,
    e: Record<string, unknown>,
    r: (id: string) => unknown,
  ) => void;
  fn(module, module.exports, requireFn);
  return module.exports;
}

/** The names the `vscode` module exports (its top-level declarations in @types/vscode). */
function vscodeApiNames(): string[] {
  const dts = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [...new Set([...dts.matchAll(/^\texport (?:class|namespace|enum|function|const|let) (\w+)/gm)].map((m) => m[1]))];
}

/**
 * A stand-in for the `vscode` module: it has the module's names as own properties (esbuild's namespace
 * import copies them), and every property is a constructible, callable stand-in again.
 */
function fakeVscode(): unknown {
  const make = (): unknown =>
    new Proxy(function () {}, {
      get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : make()),
      apply: () => make(),
      construct: () => make() as object,
    });
  const names = vscodeApiNames();
  return new Proxy(
    {},
    {
      get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : make()),
      ownKeys: () => names,
      getOwnPropertyDescriptor: (_t, key) =>
        names.includes(String(key)) ? { configurable: true, enumerable: true, writable: false, value: make() } : undefined,
    },
  );
}

describe('web build: the extension for the browser (dist/web)', function () {
  this.timeout(180000);
  let bundles: Map<string, string>;
  before(async () => {
    bundles = await buildWeb();
  });

  it(`the main bundle is under ${BUDGET / 1024 / 1024} MB and the heavy libraries are not in it`, () => {
    const main = bundles.get('dist/web/extension.js');
    assert.ok(main, `no dist/web/extension.js among ${[...bundles.keys()].join(', ')}`);
    const size = Buffer.byteLength(main);
    assert.ok(size < BUDGET, `dist/web/extension.js is ${(size / 1024).toFixed(0)} KB`);
    // each library's long string literals (messages, XML names) are in its own bundle, not in the main one
    for (const [file, code] of bundles) {
      if (file === 'dist/web/extension.js') {
        continue;
      }
      const literals = new Set([...code.matchAll(/"([^"\\\n]{30,})"/g)].map((m) => m[1]));
      const shared = [...literals].filter((l) => main.includes(l));
      assert.ok(literals.size >= 20, `${file}: only ${literals.size} long literals`);
      assert.ok(shared.length <= literals.size * 0.05, `${file}: ${shared.length} of ${literals.size} literals in the main bundle`);
    }
  });

  it('asks require only for vscode, and no bundle names a Node built-in', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    for (const [file, code] of bundles) {
      const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
      const node = required.filter((id) => builtins.has(id));
      assert.deepStrictEqual(node, [], `${file} requires Node built-ins`);
      if (file === 'dist/web/extension.js') {
        assert.deepStrictEqual([...new Set(required)], ['vscode'], file);
      }
    }
  });

  it('the main bundle runs without process, require or Buffer and exports activate and deactivate', () => {
    const requested: string[] = [];
    const exports = evaluateInWorkerLikeContext(bundles.get('dist/web/extension.js')!, (id) => {
      requested.push(id);
      if (id !== 'vscode') {
        throw new Error(`Cannot load module '${id}'`);
      }
      return fakeVscode();
    });
    assert.strictEqual(typeof exports.activate, 'function');
    assert.strictEqual(typeof exports.deactivate, 'function');
    assert.deepStrictEqual([...new Set(requested)], ['vscode']);
  });

  for (const [file, member] of [
    ['dist/web/exceljs.js', 'Workbook'],
    ['dist/web/mammoth.js', 'extractRawText'],
    ['dist/web/docx.js', 'Document'],
    ['dist/web/snowball.js', 'newStemmer'],
  ] as const) {
    it(`${file} runs in a worker-like context and gives ${member}`, () => {
      const exports = evaluateInWorkerLikeContext(bundles.get(file)!, (id) => {
        throw new Error(`Cannot load module '${id}'`);
      });
      assert.strictEqual(typeof exports[member], 'function');
    });
  }
});
