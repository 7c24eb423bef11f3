import * as vscode from 'vscode';
import { execFile } from 'child_process';
import { userInfo } from 'os';
import { coderSlug } from '../core/ids';

/** The active coder: the `codeboom.coder` setting, else git's user.name, else the OS user. */
export async function resolveCoder(cwd: string | undefined): Promise<{ id: string; name: string }> {
  const configured = vscode.workspace.getConfiguration('codeboom').get<string>('coder', '').trim();
  if (configured) {
    return { id: coderSlug(configured), name: configured };
  }
  const fromGit = await new Promise<string>((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 2000 }, (err, stdout) => resolve(err ? '' : stdout.trim()));
  });
  const name = fromGit || safeUserName();
  return { id: coderSlug(name), name };
}

function safeUserName(): string {
  try {
    return userInfo().username || 'coder';
  } catch {
    return 'coder';
  }
}
