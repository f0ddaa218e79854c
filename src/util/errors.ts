/** A problem with what the user gave us (arguments, files, environment): exit 2, one line. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
