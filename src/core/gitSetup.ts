/**
 * What a study in a git repository needs so that a team's merges never need a person for study
 * files: `.gitattributes` lines (the merge driver for codeboom.json and codings files; LF line ends
 * for them and the transcripts, whose codings count offsets in the text) and the local git config
 * entry that says what the driver runs. Pure: the extension and the CLI write and check them.
 */

/** Whether git would use Codeboom's merge set-up for a study's files. */
export interface GitSetupState {
  /** False when the study is not in a git repository (or git is not installed): nothing to set up. */
  readonly inRepository: boolean;
  /** What is missing, in words for a person (empty: set up). */
  readonly missing: readonly string[];
  /** The driver command in the repository's config, if any. */
  readonly driver?: string;
}

/** The merge driver's name in `.gitattributes` (`merge=codeboom`) and git config (`merge.codeboom.driver`). */
export const MERGE_DRIVER_NAME = 'codeboom';

/** The git config keys of the driver. */
export const DRIVER_CONFIG_KEY = `merge.${MERGE_DRIVER_NAME}.driver`;
export const DRIVER_NAME_KEY = `merge.${MERGE_DRIVER_NAME}.name`;

/** The arguments git gives the driver: base, ours (the result goes here), theirs, the path. */
export const DRIVER_ARGUMENTS = 'merge-driver %O %A %B %P';

/** The attribute lines, relative to the study folder (where the `.gitattributes` is written). */
export const GIT_ATTRIBUTE_LINES: readonly string[] = [
  `codeboom.json merge=${MERGE_DRIVER_NAME} text eol=lf`,
  `.codeboom/codings/** merge=${MERGE_DRIVER_NAME} text eol=lf`,
  '*.md text eol=lf',
];

const HEADER = '# Codeboom: study files merge record by record (codeboom merge-driver); LF line ends keep codings on their text';

/** The lines of {@link GIT_ATTRIBUTE_LINES} that a `.gitattributes` text lacks (same pattern and attributes, whatever the spacing). */
export function missingAttributeLines(existing: string): string[] {
  const have = new Set(
    existing
      .split(/\r?\n/)
      .map((l) => l.trim().split(/\s+/).join(' '))
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
  return GIT_ATTRIBUTE_LINES.filter((l) => !have.has(l));
}

/** A `.gitattributes` text with Codeboom's lines added (existing lines are kept as they are). */
export function gitAttributesText(existing = ''): string {
  const missing = missingAttributeLines(existing);
  if (missing.length === 0) {
    return existing;
  }
  const head = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
  return `${head}${head === '' ? '' : '\n'}${HEADER}\n${missing.join('\n')}\n`;
}

/**
 * The driver command for git config: a program (a list of words: node and the bundled CLI, or
 * npx codeboom) quoted for the shell git runs it with, then the driver's arguments.
 */
export function driverCommand(program: readonly string[]): string {
  const quote = (w: string): string => (/^[\w./:@=+-]+$/.test(w) ? w : `"${w.replace(/(["\\$`])/g, '\\$1')}"`);
  return `${program.map(quote).join(' ')} ${DRIVER_ARGUMENTS}`;
}
