export { sheetsFeature } from './sheetCommands';
export type { SheetArgs, SheetImportResult } from './sheetCommands';
