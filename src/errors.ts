/**
 * An error in what the user gave us (a file, a field, an option). The CLI prints its message alone,
 * with no stack trace, so the message must say where (file, line or key path) and what was expected.
 */
export class InputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** `file:line: message`, the form every reader uses for a bad line. */
export function lineError(file: string, line: number, message: string): InputError {
  return new InputError(`${file}:${line}: ${message}`);
}
