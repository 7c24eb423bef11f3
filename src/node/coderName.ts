import { execFile } from 'child_process';
import { homedir, userInfo } from 'os';

/**
 * The coder's name when nothing configures it: git's user.name (in `cwd`), else the OS user, else
 * "coder". The extension uses it below its `codeboom.coder` setting, the CLI as the default of `--edited-by`.
 */
export async function systemCoderName(cwd: string | undefined): Promise<string> {
  const fromGit = await new Promise<string>((resolve) => {
    // Without a folder (or in Restricted Mode) only the user's own git config is asked, never a repository's.
    const args = cwd ? ['config', 'user.name'] : ['config', '--global', 'user.name'];
    execFile('git', args, { cwd: cwd ?? homedir(), timeout: 2000 }, (err, stdout) => resolve(err ? '' : stdout.trim()));
  });
  return fromGit || safeUserName();
}

function safeUserName(): string {
  try {
    return userInfo().username || 'coder';
  } catch {
    return 'coder';
  }
}
