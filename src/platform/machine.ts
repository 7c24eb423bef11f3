/**
 * The machine the composition root gives the study service: Node's answers (git, the OS user, the
 * local disk) in the desktop build. The browser build (scripts/build.mjs) puts machine.web.ts here.
 */
import type { LocalMachine } from './localMachine';
import { NODE_MACHINE } from '../node/localMachine';

export const MACHINE: LocalMachine = NODE_MACHINE;
