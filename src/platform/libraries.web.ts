/**
 * The browser build's lazy libraries. The desktop bundle keeps exceljs, mammoth, docx and the Snowball
 * stemmers in dist/*.js and `require`s them on first use; a web worker extension host has no `require`
 * (VS Code evaluates an extension's CommonJS file with a `require` that knows only 'vscode') and no
 * ES modules. So scripts/build.mjs bundles each library for the browser as dist/web/<name>.js,
 * rewrites `import('<library>')` in the extension's sources to `codeboomLibrary('<library>')`, and
 * this function loads the file the same way VS Code loads the extension itself: fetched from the
 * extension's folder and evaluated as CommonJS.
 */
import * as vscode from 'vscode';

const EXTENSION_ID = 'codeboom.codeboom';
const FILES: Readonly<Record<string, string>> = {
  exceljs: 'exceljs',
  mammoth: 'mammoth',
  docx: 'docx',
  'snowball-stemmers': 'snowball',
};
const loaded = new Map<string, Promise<unknown>>();

/** The library's module namespace (its CommonJS exports, also as `default`), loaded once. */
export function codeboomLibrary(name: string): Promise<unknown> {
  let module = loaded.get(name);
  if (!module) {
    module = load(name);
    loaded.set(name, module);
    module.catch(() => loaded.delete(name));
  }
  return module;
}

async function load(name: string): Promise<unknown> {
  const file = FILES[name];
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!file || !extension) {
    throw new Error(`Codeboom: the library ${name} is not part of this build.`);
  }
  const uri = vscode.Uri.joinPath(extension.extensionUri, 'dist', 'web', `${file}.js`);
  const code = await readText(uri);
  const module: { exports: Record<string, unknown> } = { exports: {} };
  const refuse = (id: string): never => {
    throw new Error(`Cannot load module '${id}' in the browser`);
  };
  new Function('module', 'exports', 'require', `${code}\n//# sourceURL=${uri.toString(true)}`)(module, module.exports, refuse);
  const exports = module.exports;
  return { ...exports, default: exports };
}

/** The file's text: fetched (the worker maps the extension's vscode-remote/file URIs to its server), else through workspace.fs. */
async function readText(uri: vscode.Uri): Promise<string> {
  try {
    const response = await fetch(uri.toString(true));
    if (response.ok) {
      return await response.text();
    }
  } catch {
    // not fetchable from here: try the file system below
  }
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
