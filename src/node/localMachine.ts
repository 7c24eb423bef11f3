import type { LocalMachine } from '../platform/localMachine';
import { readTextFileSync } from './nodeFileSystem';
import { systemCoderName } from './coderName';
import { studyFileAt } from './studyLinks';
import { bundledCliProgram, checkGitSetup, gitLog, setUpGit } from './gitSetup';

/** The desktop's answers: Node's file system, git and the OS user. */
export const NODE_MACHINE: LocalMachine = {
  readText: readTextFileSync,
  coderName: systemCoderName,
  studyFileAt,
  gitSetup: checkGitSetup,
  setUpGit: (studyDir, extensionPath) => setUpGit(studyDir, bundledCliProgram(extensionPath)),
  gitLog,
};
