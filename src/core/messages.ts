/**
 * Sentences the core writes for people (report headings, error messages) are English templates
 * with `{0}`, `{1}`, … placeholders, said with `@vscode/l10n` where they are made:
 * `l10n.t('Code {0} exists already.', id)`, or `l10n.t('Code {0} exists already.')` for the
 * template alone when it is kept as data (an error's {@link TemplatedError}) and filled later.
 * The literal at the call site is what `npm run l10n` extracts into the bundle. Without a
 * configured bundle (tests, the CLI without a language) the English comes out; the extension gives
 * @vscode/l10n VS Code's bundle at activation (src/l10n/index.ts), the CLI one read from l10n/
 * (src/node/l10nBundle.ts).
 */
import { t as lookUp } from '@vscode/l10n';

export type MessageArg = string | number;

/** Fills `{0}`, `{1}`, … in a message; placeholders without an argument stay as they are. */
export function formatMessage(message: string, ...args: MessageArg[]): string {
  return message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/**
 * A template kept as data, in the display language, filled. An English template (the bundle's key)
 * is looked up in the configured bundle; one already said with `l10n.t('…')` where it was made is
 * no key and stays as it is.
 */
export function translate(template: string, ...args: MessageArg[]): string {
  return formatMessage(lookUp(template), ...args);
}

/** An error whose message is a template and its arguments (see {@link translate}). */
export interface TemplatedError {
  readonly template: string;
  readonly args: readonly MessageArg[];
}

export function isTemplatedError(e: unknown): e is Error & TemplatedError {
  return (
    e instanceof Error && typeof (e as Partial<TemplatedError>).template === 'string' && Array.isArray((e as Partial<TemplatedError>).args)
  );
}
