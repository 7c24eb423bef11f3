/** REFI-QDA (QDA-XML 1.0) exchange: codebooks (.qdc) and projects (.qdpx). */
export { RefiError } from './errors';
export type { RefiCode, RefiCodebook, RefiSet } from './codebook';
export { readCodebook, exportCodebook, codeGuid, countCodes, codebookDepth } from './codebook';
export type { CodebookImportPlan, CodebookImportOptions } from './codebookImport';
export { planCodebookImport } from './codebookImport';
export type { ImportReport, ImportOptions, NotImported, PlannedStudy, SkippedSource } from './importProject';
export { planProjectImport, importProject, MEMO_FOLDER, TRANSCRIPT_FOLDER, transcriptMemoPath } from './importProject';
export type { ExportInput, ExportReport, ExportResult, MemoFile } from './exportProject';
export { exportProject, readMemoFiles, sourceGuid, userGuid, selectionGuid } from './exportProject';
export type { ZipLimits } from './zip';
export { DEFAULT_ZIP_LIMITS, ZipReader, writeZip, looksLikeZip } from './zip';
export { PositionMap, codePointLength } from './positions';
export { derivedGuid, guidOf, isGuid, normalizeGuid } from './guid';
