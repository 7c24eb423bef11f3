import { execFile } from 'child_process';
import { userInfo } from 'os';

/**
 * The coder's name when nothing configures it: git's user.name (in `cwd`), else the OS user, else
 * "coder". The extension uses it below its `codeboom.coder` setting, the CLI as the default of `--edited-by`.
 */
export async function systemCoderName(cwd: string | undefined): Promise<string> {
  const fromGit = await new Promise<string>((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 2000 }, (err, stdout) => resolve(err ? '' : stdout.trim()));
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
