// Bundles the extension (Node, CommonJS), the CLI, the webviews (browser) and the extension for
// the browser's web worker extension host (scripts/build-web.mjs: dist/web/) with esbuild.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { webBuilds } from './build-web.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
mkdirSync('dist', { recursive: true });

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

// exceljs (with its dependencies, ~1 MB) is bundled on its own and required lazily on the first
// XLSX export, so the extension bundle stays small and activation fast.
const lazyExcel = {
  name: 'lazy-exceljs',
  setup(build) {
    build.onResolve({ filter: /^exceljs$/ }, () => ({ path: './exceljs.js', external: true }));
  },
};

// mammoth (docx to text, with JSZip and an XML parser, ~350 KB minified) likewise: dist/mammoth.js,
// required on the first .docx a transcript import reads.
const lazyMammoth = {
  name: 'lazy-mammoth',
  setup(build) {
    build.onResolve({ filter: /^mammoth$/ }, () => ({ path: './mammoth.js', external: true }));
  },
};

// docx (the member-check .docx writer, ~1 MB) likewise: dist/docx.js, required on the first member-check export.
const lazyDocx = {
  name: 'lazy-docx',
  setup(build) {
    build.onResolve({ filter: /^docx$/ }, () => ({ path: './docx.js', external: true }));
  },
};

// The Snowball stemmers (all languages in one file, ~340 KB minified) likewise: dist/snowball.js,
// imported on the first code suggestion (src/core/suggest/analyzer.ts).
const lazySnowball = {
  name: 'lazy-snowball',
  setup(build) {
    build.onResolve({ filter: /^snowball-stemmers$/ }, () => ({ path: './snowball.js', external: true }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['scripts/docx-entry.cjs'],
    outfile: 'dist/docx.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['main', 'module'],
  },
  {
    ...common,
    entryPoints: ['scripts/snowball-entry.cjs'],
    outfile: 'dist/snowball.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['scripts/mammoth-entry.cjs'],
    outfile: 'dist/mammoth.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: ['scripts/exceljs-entry.cjs'],
    outfile: 'dist/exceljs.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    plugins: [lazyExcel, lazyMammoth, lazyDocx, lazySnowball],
  },
];
if (existsSync('src/cli/bin.ts')) {
  builds.push({
    ...common,
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    plugins: [lazyExcel, lazyMammoth, lazyDocx, lazySnowball],
    banner: { js: '#!/usr/bin/env node' },
  });
}
if (existsSync('webview/main.ts')) {
  builds.push({
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.css': 'text' },
  });
}

if (existsSync('webview/margin/main.ts')) {
  builds.push({
    ...common,
    entryPoints: ['webview/margin/main.ts'],
    outfile: 'dist/margin.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.css': 'text' },
  });
}

builds.push(...webBuilds(common));

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('[build] watching…');
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  const sizes = builds.map((b) => `${b.outfile} ${(statSync(b.outfile).size / 1024).toFixed(0)} KB`).join(', ');
  console.log(`[build] ${production ? 'production' : 'development'} in ${Date.now() - t0} ms: ${sizes}`);
}
