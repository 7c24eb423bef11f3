import * as vscode from 'vscode';
import { coderSlug } from '../core/ids';
import type { LocalMachine } from '../platform/localMachine';

/** The active coder: the `codeboom.coder` setting, else git's user.name, else the OS user. In Restricted
 *  Mode git is not run inside the untrusted folder (only the user's global git config is asked). */
export async function resolveCoder(machine: LocalMachine, cwd: string | undefined): Promise<{ id: string; name: string }> {
  const configured = vscode.workspace.getConfiguration('codeboom').get<string>('coder', '').trim();
  if (configured) {
    return { id: coderSlug(configured), name: configured };
  }
  const name = await machine.coderName(vscode.workspace.isTrusted ? cwd : undefined);
  return { id: coderSlug(name), name };
}
