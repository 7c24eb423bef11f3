/** The browser build's local disk: none (every URI, `file:` too, goes through `vscode.workspace.fs`). See localDisk.ts. */
import type { LocalDisk } from './localDisk';

export const LOCAL_DISK: LocalDisk | undefined = undefined;
