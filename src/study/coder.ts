import * as vscode from 'vscode';
import { coderSlug } from '../core/ids';
import { systemCoderName } from '../node/coderName';

/** The active coder: the `codeboom.coder` setting, else git's user.name, else the OS user. */
export async function resolveCoder(cwd: string | undefined): Promise<{ id: string; name: string }> {
  const configured = vscode.workspace.getConfiguration('codeboom').get<string>('coder', '').trim();
  if (configured) {
    return { id: coderSlug(configured), name: configured };
  }
  const name = await systemCoderName(cwd);
  return { id: coderSlug(name), name };
}
