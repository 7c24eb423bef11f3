import { formatMessage } from '../messages';
import type { MessageArg, TemplatedError } from '../messages';

/** A mutation the study refuses; its message is an English template with arguments (see ../messages). */
export class StudyError extends Error implements TemplatedError {
  readonly args: readonly MessageArg[];
  constructor(
    readonly template: string,
    ...args: MessageArg[]
  ) {
    super(formatMessage(template, ...args));
    this.name = 'StudyError';
    this.args = args;
  }
}
