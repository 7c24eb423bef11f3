/** Codebooks and literature factor catalogues to and from spreadsheets (CSV, XLSX). */
export type { SheetFormat, SheetRows, SheetTable } from './rows';
export { formatOfName, parseDelimited, readSheet, sheetBytes } from './rows';
export type { CodebookLayout, CodebookSheetPlan, RowRefusal, SheetImportReport } from './codebook';
export { codebookSheet, gioiaSheet, planCodebookSheetImport, readCodebookRows } from './codebook';
export type { CatalogueImportOptions, CatalogueSheetPlan } from './catalogue';
export { catalogueSheet, planCatalogueSheetImport } from './catalogue';
export { headerKey, isCatalogueHeading, isCodebookHeading } from './headers';
export { citationOf, parseBibtex, parseCslJson, parseReferences, resolveCitations } from './references';
export type { Citations } from './references';
