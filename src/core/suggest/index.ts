export type { Analyzer, SuggestLanguage } from './analyzer';
export { analyzer, loadStemmers, suggestLanguage, words } from './analyzer';
export type { Codebook, RankOptions, Suggestion, SuggestLevel } from './model';
export { SuggestModel, levelMap } from './model';
export { PassageIndex } from './passageIndex';
export type { IndexedPassage, Neighbour } from './passageIndex';
export { StudySuggester, suggesterFor } from './engine';
export type { Evaluation, Scores } from './evaluate';
export { evaluate } from './evaluate';
