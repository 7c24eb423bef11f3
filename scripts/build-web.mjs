// The browser build of the extension (vscode.dev, github.dev, the web worker extension host):
// dist/web/extension.js (package.json "browser"), CommonJS as VS Code's web worker host expects (it
// fetches the file and evaluates it with a `require` that knows only 'vscode'; ES modules are refused).
//
// - The same composition root (src/extension.ts). A module `x.ts` that has a sibling `x.web.ts` is
//   replaced by it here (src/platform/machine.web.ts, localDisk.web.ts: no Node, no processes).
// - The heavy libraries stay out of the main bundle as in the desktop build: each is bundled for the
//   browser as dist/web/<name>.js, and `import('<library>')` in the sources becomes
//   `codeboomLibrary('<library>')` (src/platform/libraries.web.ts), which fetches and evaluates it
//   on first use (there is no `require`, and no dynamic import of extension files, in that worker).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The lazily loaded libraries: package → dist/web/<file>.js (entry scripts/<entry>-entry.cjs). */
export const WEB_LIBRARIES = { exceljs: 'exceljs', mammoth: 'mammoth', docx: 'docx', 'snowball-stemmers': 'snowball' };
const ENTRIES = { exceljs: 'exceljs', mammoth: 'mammoth', docx: 'docx', snowball: 'snowball' };

const webVariants = {
  name: 'web-variants',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const base = path.resolve(args.resolveDir, args.path);
      const variant = `${base}.web.ts`;
      return existsSync(variant) && args.importer !== variant ? { path: variant } : undefined;
    });
  },
};

const LIBRARY_IMPORT = new RegExp(`\\bimport\\((['"])(${Object.keys(WEB_LIBRARIES).join('|')})\\1\\)`, 'g');

const lazyWebLibraries = {
  name: 'lazy-web-libraries',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!LIBRARY_IMPORT.test(text)) {
        return undefined;
      }
      LIBRARY_IMPORT.lastIndex = 0;
      return { contents: text.replace(LIBRARY_IMPORT, (_, q, name) => `codeboomLibrary(${q}${name}${q})`), loader: 'ts' };
    });
  },
};

/** The esbuild options of the browser build (the extension and its lazy libraries). */
export function webBuilds(common) {
  const libraries = Object.entries(ENTRIES).map(([file, entry]) => ({
    ...common,
    entryPoints: [`scripts/${entry}-entry.cjs`],
    outfile: `dist/web/${file}.js`,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    define: { global: 'globalThis' },
  }));
  return [
    ...libraries,
    {
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/web/extension.js',
      platform: 'browser',
      format: 'cjs',
      target: 'es2022',
      external: ['vscode'],
      mainFields: ['browser', 'module', 'main'],
      inject: ['src/platform/libraries.web.ts'],
      define: { global: 'globalThis' },
      plugins: [webVariants, lazyWebLibraries],
    },
  ];
}

/**
 * The host suite for the web worker extension host (run-host-tests --web): test/host/web/index.ts with
 * mocha's browser build, Node's `assert` replaced by test/host/web/assert.ts, `Buffer` from the
 * `buffer` package, and the same .web.ts variants and library loading as the extension.
 */
export function webTestBuild(common, { outfile, grep = '' }) {
  const assertShim = path.resolve('test/host/web/assert.ts');
  return {
    ...common,
    entryPoints: ['test/host/web/index.ts'],
    outfile,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    inject: ['src/platform/libraries.web.ts', 'test/host/web/buffer.ts'],
    define: { global: 'globalThis', CODEBOOM_TEST_GREP: JSON.stringify(grep) },
    plugins: [
      webVariants,
      lazyWebLibraries,
      { name: 'assert-shim', setup: (b) => b.onResolve({ filter: /^assert$/ }, () => ({ path: assertShim })) },
      // mocha's browser build is UMD: bundled as is, it saw this bundle's `module` and replaced the
      // suite's exports (run) with mocha itself, so the host called mocha.run(path, callback), the run's
      // end threw and was never reported. Evaluated without module/exports/define it sets globalThis.mocha.
      {
        name: 'mocha-global',
        setup: (b) =>
          b.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, (args) => ({
            contents: `(function (module, exports, define) {\n${readFileSync(args.path, 'utf8')}\n}).call(globalThis);`,
            loader: 'js',
          })),
      },
    ],
  };
}
