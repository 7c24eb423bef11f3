/**
 * What importing a transcript yields: a source read into blocks (speaker turns and plain
 * paragraphs) with what the file tells (date, duration, front matter), or a refusal with a typed
 * reason. The reasons are codes, not sentences: the extension and a CLI put them in words.
 */
import type { AttributeKeys, AttributeValue } from '../model';
import type { DocxTextReader } from '../port';

/** The formats an import reads. */
export type TranscriptFormat = 'docx' | 'txt' | 'md' | 'vtt' | 'srt';

/** Why a file is not imported. `detail` is data for the message (an extension, an encoding, a size, a parser's words). */
export type RefusalReason = 'encrypted' | 'empty' | 'unsupported' | 'tooLarge' | 'notUtf8' | 'damaged';

export interface Refused {
  readonly kind: 'refused';
  readonly reason: RefusalReason;
  readonly detail?: string;
}

/** One timed piece of a caption file (.vtt, .srt), speaker and tags taken out of its text. */
export interface Cue {
  /** Seconds from the start of the recording. */
  readonly start: number;
  readonly end: number;
  /** The raw speaker name (a `<v Name>` tag or a `Name:` label), when the cue names one. */
  readonly speaker?: string;
  readonly text: string;
}

/**
 * One paragraph of the transcript. A turn is written `**Speaker:** text` (the form the speaker
 * auto-coding reads, src/core/autocode.ts); `time` (seconds) becomes a `[hh:mm:ss]` marker after the label.
 * A paragraph is kept as it is (Markdown of the source, or caption text without speakers).
 */
export type Block =
  | { readonly kind: 'turn'; readonly speaker: string; readonly time?: number; readonly text: string }
  | { readonly kind: 'paragraph'; readonly time?: number; readonly text: string };

/** A raw speaker of a source, with how many turns it has, in the order of first appearance. */
export interface SpeakerCount {
  readonly name: string;
  readonly turns: number;
}

/** A source file read into blocks, before the speakers are mapped and the front matter is filled. */
export interface SourceTranscript {
  readonly kind: 'read';
  readonly format: TranscriptFormat;
  /** The source's file name (for the preview and the report; never written into the transcript). */
  readonly name: string;
  readonly blocks: readonly Block[];
  readonly speakers: readonly SpeakerCount[];
  /** An ISO date (yyyy-mm-dd) the file tells: its name, or a Word document's creation date. */
  readonly date?: string;
  /** Seconds, from the end of the last cue of a caption file. */
  readonly durationSeconds?: number;
  /** The front matter a Markdown source already has (kept; the dialog's values win). */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** A Markdown source's body starts with its own `# heading` (then no title heading is added). */
  readonly hasHeading: boolean;
}

export type ReadResult = SourceTranscript | Refused;

/** What the person (a dialog, a script) adds: the attributes and the pseudonyms of the speakers. */
export interface TranscriptMeta {
  readonly title?: string;
  readonly case?: string;
  readonly respondent?: string;
  readonly interview?: number | string;
  /** yyyy-mm-dd; else the date the file tells. */
  readonly date?: string;
  /** Raw speaker name → the label written (a respondent id, "Interviewer"); unmapped names stay. */
  readonly speakers?: Readonly<Record<string, string>>;
  /** Which front matter keys mean case, respondent and interview (the study's `attributeKeys`). */
  readonly keys?: AttributeKeys;
}

export type { DocxTextReader } from '../port';

export interface ReadOptions {
  /** Without it a .docx is refused as unsupported. */
  readonly readDocx?: DocxTextReader;
  /** Larger files are refused (default {@link DEFAULT_MAX_BYTES}). */
  readonly maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export interface Converted {
  readonly kind: 'converted';
  readonly source: SourceTranscript;
  readonly markdown: string;
  /** A file name for the transcript (without folder); the caller makes it free in its folder. */
  readonly fileName: string;
}

export type ConversionResult = Converted | Refused;
