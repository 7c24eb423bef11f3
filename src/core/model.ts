/** The domain's plain data. Everything here is serialisable and has no behaviour. */

export type Polarity = 'belemmerend' | 'stimulerend' | 'neutral';
export type Origin = 'literature' | 'empirical' | 'in-vivo';

export const POLARITIES: readonly Polarity[] = ['belemmerend', 'stimulerend', 'neutral'];
export const ORIGINS: readonly Origin[] = ['literature', 'empirical', 'in-vivo'];

export interface Code {
  readonly id: string;
  readonly name: string;
  /** Parent code id; undefined for a top-level code. */
  readonly parent?: string;
  readonly color: string;
  readonly definition?: string;
  readonly memo?: string;
  readonly polarity?: Polarity;
  readonly origin?: Origin;
  readonly aliases?: readonly string[];
}

export interface LiteratureFactor {
  readonly id: string;
  readonly name: string;
  readonly authors: readonly string[];
  readonly description?: string;
}

export interface FactorCategory {
  readonly id: string;
  readonly name: string;
  readonly factors: readonly LiteratureFactor[];
}

export interface FactorCatalogue {
  readonly id: string;
  readonly name: string;
  readonly source?: string;
  readonly categories: readonly FactorCategory[];
}

export interface CodeFactorLink {
  readonly code: string;
  readonly factor: string;
  readonly note?: string;
}

export interface CaseInfo {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
}

export interface RespondentInfo {
  readonly id: string;
  readonly case?: string;
  readonly function?: string;
  readonly functionType?: string;
  readonly focusGroup?: boolean;
}

export interface CoderInfo {
  readonly id: string;
  readonly name?: string;
}

/** Which front-matter keys carry the case, respondent and interview number. */
export interface AttributeKeys {
  readonly case: string;
  readonly respondent: string;
  readonly interview: string;
}

export interface ProjectData {
  readonly schemaVersion: number;
  readonly name: string;
  readonly description?: string;
  /**
   * The language of the study's exports (headings, labels): a language code such as "nl" or "en".
   * Unset: the extension's display language in VS Code, English in the CLI; `--lang` overrides it.
   */
  readonly language?: string;
  /** Folders (relative to the study root) searched recursively for Markdown transcripts. */
  readonly transcriptFolders: readonly string[];
  /** Every export and REFI archive refuses until the pseudonym check passes (or the override is given). */
  readonly confidential?: boolean;
  /** Where the pseudonym list (the key) is: relative to the study folder or absolute; default beside the study folder. */
  readonly pseudonymKey?: string;
  readonly attributeKeys: AttributeKeys;
  readonly cases: readonly CaseInfo[];
  readonly respondents: readonly RespondentInfo[];
  readonly coders: readonly CoderInfo[];
  readonly codes: readonly Code[];
  readonly catalogues: readonly FactorCatalogue[];
  readonly links: readonly CodeFactorLink[];
}

/** A coded span of one transcript. Offsets are UTF-16 code units into the whole file, as VS Code counts. */
export interface Coding {
  readonly id: string;
  readonly doc: string;
  readonly coder: string;
  readonly codes: readonly string[];
  readonly start: number;
  readonly end: number;
  /** The exact covered text, and some text before and after it: how the coding is found again after edits. */
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly created: string;
  readonly modified?: string;
  readonly memo?: string;
  /** Set when the coded text was deleted; the coding is kept and can be re-attached. */
  readonly orphaned?: boolean;
}

export type AttributeValue = string | number | boolean;

export interface TranscriptDocument {
  /** Path relative to the study root, with forward slashes. */
  readonly path: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Offset where the body starts (after the front matter). */
  readonly bodyStart: number;
  readonly length: number;
  readonly title: string;
}

export const DEFAULT_ATTRIBUTE_KEYS: AttributeKeys = { case: 'case', respondent: 'respondent', interview: 'interview' };

export function emptyProject(name: string): ProjectData {
  return {
    schemaVersion: 1,
    name,
    transcriptFolders: ['.'],
    attributeKeys: DEFAULT_ATTRIBUTE_KEYS,
    cases: [],
    respondents: [],
    coders: [],
    codes: [],
    catalogues: [],
    links: [],
  };
}
