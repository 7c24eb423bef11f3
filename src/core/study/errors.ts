import { translate } from '../messages';
import type { MessageArg, TemplatedError } from '../messages';

/**
 * A mutation the study refuses. The core says its template where it throws,
 * `throw new StudyError(l10n.t('No code {0}.'), id)`, so `npm run l10n` finds it; glue may hand it
 * an English template instead. Either way its message is the sentence in the display language.
 */
export class StudyError extends Error implements TemplatedError {
  readonly args: readonly MessageArg[];
  constructor(
    readonly template: string,
    ...args: MessageArg[]
  ) {
    super(translate(template, ...args));
    this.name = 'StudyError';
    this.args = args;
  }
}
