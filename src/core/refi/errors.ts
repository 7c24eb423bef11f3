/** A problem with a REFI-QDA file that the user can act on; the message says what and why. */
export class RefiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefiError';
  }
}
