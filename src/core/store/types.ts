/** What opening a study and a change on disk report, for the user. */
import type { FileProblem } from '../schema';
import type { Study } from '../study';

export interface ReanchorSummary {
  readonly doc: string;
  readonly moved: number;
  readonly fuzzy: number;
  readonly orphaned: number;
}

/** A transcript that codings files name but that is not in the study (deleted, moved, not pulled yet). */
export interface MissingTranscript {
  readonly doc: string;
  /** Its codings: kept in memory and on disk, left out of the analysis until it is back. */
  readonly codings: number;
}

export interface FileChange {
  readonly kind: 'ignored' | 'project' | 'codings' | 'transcript' | 'removed';
  /** For a transcript changed outside the editor: how its codings were found again. */
  readonly reanchored?: ReanchorSummary;
  /** For a transcript deleted on disk that had codings: they are kept. */
  readonly missing?: MissingTranscript;
  /** For a transcript that changed or went: its warnings now (front matter that does not parse), replacing those it had. */
  readonly warnings?: readonly FileProblem[];
}

export interface LoadResult {
  readonly study: Study;
  /** Problems that made the study read-only (bad codings files, unknown codes), and warnings (severity 'warning': unreadable front matter) that did not. */
  readonly problems: readonly FileProblem[];
  /** Transcripts whose text changed since their codings were written, and how their codings were found again. */
  readonly reanchored: readonly ReanchorSummary[];
  /** Transcripts named by codings files but not found: their codings are kept, not refused. */
  readonly missing: readonly MissingTranscript[];
}
