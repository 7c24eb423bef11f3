/** The `codeboom` CLI (src/cli/bin.ts is the executable, bundled as dist/cli.js). */
export { main } from './main';
export type { Io } from './study';
export { statistics } from './study';
export type { ParsedArgs, Options } from './args';
export { UsageError, parseArgs, stringOption } from './args';
export { EXPORTS, chooseFormat, checkOptions, exportDate, exportHelp } from './exports';
export { ExportRefused } from '../core/exports/registry';
