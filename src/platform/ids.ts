/**
 * Every command id, context key and view id of Codeboom in one place. package.json contributes the
 * same ids (test/unit/ids.test.ts checks both ways), so a rename is one edit here and one there.
 */

/** Command ids (package.json contributes.commands). */
export const Command = {
  newProject: 'codeboom.newProject',
  openStudy: 'codeboom.openStudy',
  reload: 'codeboom.reload',
  showStudyInfo: 'codeboom.showStudyInfo',
  showProblems: 'codeboom.showProblems',
  undo: 'codeboom.undo',
  redo: 'codeboom.redo',
  codeSelection: 'codeboom.codeSelection',
  codeInVivo: 'codeboom.codeInVivo',
  repeatLastCode: 'codeboom.repeatLastCode',
  uncode: 'codeboom.uncode',
  recode: 'codeboom.recode',
  editCodingMemo: 'codeboom.editCodingMemo',
  showOrphans: 'codeboom.showOrphans',
  reattachOrphan: 'codeboom.reattachOrphan',
  importRefiCodebook: 'codeboom.importRefiCodebook',
  exportRefiCodebook: 'codeboom.exportRefiCodebook',
  importRefiProject: 'codeboom.importRefiProject',
  exportRefiProject: 'codeboom.exportRefiProject',
  importCodebookSheet: 'codeboom.importCodebookSheet',
  exportCodebookSheet: 'codeboom.exportCodebookSheet',
  importFactorSheet: 'codeboom.importFactorSheet',
  exportFactorSheet: 'codeboom.exportFactorSheet',
  importTranscripts: 'codeboom.importTranscripts',
  revealCode: 'codeboom.revealCode',
  treeNewCode: 'codeboom.tree.newCode',
  treeNewChildCode: 'codeboom.tree.newChildCode',
  treeRename: 'codeboom.tree.rename',
  treeChangeColor: 'codeboom.tree.changeColor',
  treeEditDefinition: 'codeboom.tree.editDefinition',
  treeSetPolarity: 'codeboom.tree.setPolarity',
  treeSetOrigin: 'codeboom.tree.setOrigin',
  treeLinkFactors: 'codeboom.tree.linkFactors',
  treeMerge: 'codeboom.tree.merge',
  treeMove: 'codeboom.tree.move',
  treeDelete: 'codeboom.tree.delete',
  treeFilter: 'codeboom.tree.filter',
  treeClearFilter: 'codeboom.tree.clearFilter',
  treeToggleCounts: 'codeboom.tree.toggleCounts',
  quotationsShow: 'codeboom.quotations.show',
  quotationsToggleSubcodes: 'codeboom.quotations.toggleSubcodes',
  quotationsFilter: 'codeboom.quotations.filter',
  quotationsFilterCoder: 'codeboom.quotations.filterCoder',
  quotationsClearFilter: 'codeboom.quotations.clearFilter',
  quotationsOpen: 'codeboom.quotations.open',
  quotationsCopy: 'codeboom.quotations.copy',
  quotationsExport: 'codeboom.quotations.export',
  transcriptsGroupBy: 'codeboom.transcripts.groupBy',
  factorsUnlink: 'codeboom.factors.unlink',
  factorsToggleMissing: 'codeboom.factors.toggleMissing',
  autoCode: 'codeboom.autoCode',
  agreement: 'codeboom.agreement',
  saturation: 'codeboom.saturation',
  openTranscriptMemo: 'codeboom.openTranscriptMemo',
  openJournal: 'codeboom.openJournal',
  searchMemos: 'codeboom.searchMemos',
  openSample: 'codeboom.openSample',
  openMatrix: 'codeboom.openMatrix',
  exportMatrix: 'codeboom.exportMatrix',
  exportCodebook: 'codeboom.exportCodebook',
  exportRespondents: 'codeboom.exportRespondents',
  exportSynthesis: 'codeboom.exportSynthesis',
  exportGioia: 'codeboom.exportGioia',
  openWalkthrough: 'codeboom.openWalkthrough',
  toggleInlineLabels: 'codeboom.toggleInlineLabels',
  showCodingMargin: 'codeboom.showCodingMargin',
  suggestTranscript: 'codeboom.suggestTranscript',
  suggestionsAccept: 'codeboom.suggestions.accept',
  suggestionsReject: 'codeboom.suggestions.reject',
  suggestionsChangeCode: 'codeboom.suggestions.changeCode',
  suggestionsAcceptAbove: 'codeboom.suggestions.acceptAbove',
} as const;
export type CommandId = (typeof Command)[keyof typeof Command];

/** Context keys set with `setContext` and read in package.json `when` / `enablement` clauses. */
export const ContextKey = {
  /** A study is open and ready. */
  studyOpen: 'codeboom.studyOpen',
  /** The active editor shows a transcript of the open study. */
  isTranscript: 'codeboom.isTranscript',
  treeFiltered: 'codeboom.tree.filtered',
  treeCountScope: 'codeboom.tree.countScope',
  quotationsFiltered: 'codeboom.quotations.filtered',
  quotationsSubcodes: 'codeboom.quotations.subcodes',
  factorsOnlyMissing: 'codeboom.factors.onlyMissing',
} as const;
export type ContextKeyId = (typeof ContextKey)[keyof typeof ContextKey];

/** The views of the Codeboom container (package.json contributes.views). */
export const ViewId = {
  codes: 'codeboom.codes',
  quotations: 'codeboom.quotations',
  transcripts: 'codeboom.transcripts',
  factors: 'codeboom.factors',
  suggestions: 'codeboom.suggestions',
} as const;
