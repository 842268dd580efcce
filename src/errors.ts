/**
 * Failure classes. An error in what the user gave us (a file, a field, an option) or a failure of the
 * operating system on a path (unreadable input, full disk) is printed by the CLI as one line, with no
 * stack trace, so its message must say where (file, line or key path) and what was expected. Anything
 * that classifyError does not recognize is a bug in mcsim and keeps its stack trace.
 */

/**
 * Control characters of a message (a newline quoted from a bad file by JSON.parse, a NUL byte) as
 * escapes, so that every message is one printable line.
 */
// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

/** Bad input: exit code 1. */
export class InputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(oneLine(message), options);
    this.name = 'InputError';
  }
}

/** A bad command-line option (e.g. `--workers abc`): exit code 2, like yargs' own usage errors. */
export class UsageError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `file:line: message`, the form every reader uses for a bad line. */
export function lineError(file: string, line: number, message: string): InputError {
  return new InputError(`${file}:${line}: ${message}`);
}

/** What the operating system said, in words; the code stays in the message for searching. */
const OS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, expected a file',
  ENOTDIR: 'a part of the path is a file, expected a folder',
  EEXIST: 'already exists (as a file where a folder is needed, or the other way round)',
  ENOTEMPTY: 'the folder is not empty',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EFBIG: 'the file is too large',
  EBUSY: 'the file is busy',
  // Opening /dev/stdin (what `-` stands for) when standard input is a socket, as a program that starts
  // mcsim with its default pipes gives it: the path cannot be reopened, a pipe or a file can.
  ENXIO: 'no such device or address (standard input is a socket: pipe the data in, e.g. cat file | mcsim ..., or give its path)',
};

type Classified = { message: string; exitCode: 1 | 2 };

interface NodeError extends Error {
  code?: unknown;
  path?: string;
  dest?: string;
  syscall?: string;
  lines?: number;
  linePos?: Array<{ line: number }>;
}

/** Errors of the zlib module (a truncated or corrupt .gz): codes Z_BUF_ERROR, Z_DATA_ERROR, ... */
function isZlibError(e: NodeError): boolean {
  return typeof e.code === 'string' && e.code.startsWith('Z_');
}

/** csv-parse's CsvError (unclosed quote, quote inside a field, ...), with the line it stopped at. */
function isCsvError(e: NodeError): boolean {
  return e.constructor.name === 'CsvError' || (typeof e.code === 'string' && e.code.startsWith('CSV_'));
}

const firstLine = (s: string) => s.split('\n')[0].trim();

/**
 * The one line to print for an anticipated failure, with its exit code (1 input or OS, 2 usage), or
 * undefined for a bug. `source` names the input being read when the error itself carries no path
 * (a stream error: zlib, CSV).
 */
export function classifyError(err: unknown, source?: string): Classified | undefined {
  if (err instanceof UsageError) return { message: firstLine(err.message), exitCode: 2 };
  if (err instanceof InputError) return { message: firstLine(err.message), exitCode: 1 };
  if (!(err instanceof Error)) return undefined;
  const e = err as NodeError;
  const where = source ?? '';
  if (typeof e.code === 'string' && e.code in OS_ERRORS && (e.syscall || e.path)) {
    const path = e.path ?? source ?? '(unknown path)';
    const to = e.dest ? ` -> ${e.dest}` : '';
    return { message: `${path}${to}: ${OS_ERRORS[e.code]} (${e.code}${e.syscall ? ` in ${e.syscall}` : ''})`, exitCode: 1 };
  }
  if (isZlibError(e)) return { message: `${where || 'gzip input'}: not a complete gzip stream (${firstLine(e.message)}, ${String(e.code)}); the file may be truncated`, exitCode: 1 };
  if (isCsvError(e)) return { message: `${where}${e.lines ? `:${e.lines}` : ''}: invalid CSV: ${firstLine(e.message)}`, exitCode: 1 };
  if (e.name === 'YAMLParseError') return { message: `${where}${e.linePos ? `:${e.linePos[0].line}` : ''}: invalid YAML: ${firstLine(e.message)}`, exitCode: 1 };
  return undefined;
}

/**
 * Names `path` in an OS error that lacks one: a write or close on an open file descriptor (ENOSPC on a
 * full disk, EIO, EFBIG) reports no path, which would print as "(unknown path)".
 */
export function withPath<T>(err: T, path: string): T {
  const e = err as NodeError;
  if (err instanceof Error && typeof e.code === 'string' && e.path === undefined) e.path = path;
  return err;
}

/** An anticipated failure as an InputError naming `source`; anything else (a bug) unchanged. */
export function asInputError(err: unknown, source: string): unknown {
  if (err instanceof InputError) return err;
  const known = classifyError(err, source);
  return known ? new InputError(known.message, { cause: err }) : err;
}
