/**
 * Sentences the core writes for people (report headings, error messages) are English templates
 * with `{0}`, `{1}`, … placeholders. The core has no translation service: a caller may pass a
 * {@link Translate} (the extension's looks the template up in its l10n bundle, see
 * src/l10n/coreMessages.ts); a CLI or a test keeps the English.
 */
export type MessageArg = string | number;

/** Translates a template and fills its placeholders. */
export type Translate = (message: string, ...args: MessageArg[]) => string;

/** Fills `{0}`, `{1}`, … in a message; placeholders without an argument stay as they are. */
export function formatMessage(message: string, ...args: MessageArg[]): string {
  return message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** The English, untranslated: what every report and error uses when no translator is given. */
export const english: Translate = formatMessage;

/** An error whose message is a template and its arguments, so that the extension can show it translated. */
export interface TemplatedError {
  readonly template: string;
  readonly args: readonly MessageArg[];
}

export function isTemplatedError(e: unknown): e is Error & TemplatedError {
  return (
    e instanceof Error && typeof (e as Partial<TemplatedError>).template === 'string' && Array.isArray((e as Partial<TemplatedError>).args)
  );
}
