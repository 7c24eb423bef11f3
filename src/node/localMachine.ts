import type { LocalMachine } from '../platform/localMachine';
import { readTextFileSync } from './nodeFileSystem';
import { systemCoderName } from './coderName';
import { studyFileAt } from './studyLinks';

/** The desktop's answers: Node's file system, git and the OS user. */
export const NODE_MACHINE: LocalMachine = {
  readText: readTextFileSync,
  coderName: systemCoderName,
  studyFileAt,
};
