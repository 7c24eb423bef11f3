/**
 * What Codeboom asks of the machine it runs on beyond VS Code's API. The desktop build answers with
 * Node (src/node/localMachine.ts, chosen in the composition root); a build without a local disk
 * (a browser) answers with {@link NO_LOCAL_MACHINE}. Features and the study service see only this port.
 */
import type { StudyFileKind } from '../core/store';
import type { GitSetupState } from '../core/gitSetup';

export interface LocalMachine {
  /** The text of a file on the local disk, or undefined (unreadable, not UTF-8, or no local disk). */
  readText(fsPath: string): string | undefined;
  /** The user's name: git's user.name (asked in `cwd`, or only the global config when undefined), else the OS user. */
  coderName(cwd: string | undefined): Promise<string>;
  /** Which file of the study at `root` the local file `target` is, following symbolic links (undefined: none). */
  studyFileAt(
    root: string,
    target: string,
    transcriptFolders: readonly string[],
  ): Promise<{ path: string; kind: StudyFileKind } | undefined>;
  /** Whether the study folder is in a git repository, and what of Codeboom's merge set-up it lacks. */
  gitSetup(studyDir: string): Promise<GitSetupState>;
  /** Writes the study's .gitattributes and the repository's driver entry (running the CLI bundled in `extensionPath`). */
  setUpGit(studyDir: string, extensionPath: string): Promise<{ attributes: boolean; driver: string }>;
  /** The output of `git log <args>` run in `cwd` (paths unquoted), or undefined (no git, not a repository, no local disk). */
  gitLog(cwd: string, args: readonly string[]): Promise<string | undefined>;
}

/** No local disk and no git: texts are never known, the coder is "coder", links are not followed. */
export const NO_LOCAL_MACHINE: LocalMachine = {
  readText: () => undefined,
  coderName: async () => 'coder',
  studyFileAt: async () => undefined,
  gitSetup: async () => ({ inRepository: false, missing: [] }),
  setUpGit: async () => {
    throw new Error('git is not available here');
  },
  gitLog: async () => undefined,
};
