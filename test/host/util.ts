import * as vscode from 'vscode';
import type { CodeboomApi } from '../../src/extension';

export async function api(): Promise<CodeboomApi> {
  const ext = vscode.extensions.getExtension<CodeboomApi>('codeboom.codeboom');
  if (!ext) {
    throw new Error('extension codeboom.codeboom not found');
  }
  const a = await ext.activate();
  await a.ready;
  return a;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('no workspace folder');
  }
  return folder.uri;
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) {
      return v as T;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
