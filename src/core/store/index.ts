/**
 * The study on disk: {@link StudyStore} opens, saves and follows a study's files (./studyStore,
 * opening in phases in ./load, merges in ./merge); which paths are study files (./files).
 */
export { StudyStore } from './studyStore';
export type { FileChange, LoadResult, MissingTranscript, ReanchorSummary } from './types';
export type { StudyFileKind } from './files';
export { backupCodings, createProject, isCodingFilePath, isTranscriptPath, readTranscript, studyFileKind } from './files';
export { mergeCodings, mergeProject } from './merge';
export { frontMatterProblem } from './problems';
export type { CodeConflict } from './merge';
export type { StudyFileMerge } from './mergeFiles';
export { mergeKind, mergeStudyFile } from './mergeFiles';
export { MERGE_CONFLICTS_FILE, mergeConflictProblems, parseMergeConflicts, recordMergeConflicts } from './mergeConflicts';
