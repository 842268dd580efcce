/**
 * How a command ends when something fails: the one place that turns an error into the line the user
 * sees and the exit status a script tests. Every path ends here: a command's rejection (main.ts), an
 * exception or rejection nobody caught (an 'error' event of a stream, a callback), a worker thread's
 * failure (re-thrown in this thread by the sweep pool) and a closed standard output.
 *
 * Exit statuses (README "Exit status"):
 * - 1: bad input (a file, a key, a line) or the operating system failing on a path (errors.ts);
 * - 2: a bad command line (an unknown option, a bad option value);
 * - 70: a bug in mcsim (EX_SOFTWARE of sysexits.h), also one line; MCSIM_DEBUG=1 adds the stack trace;
 * - 141: standard output (or error) closed by its reader, e.g. `mcsim mrc ... | head -1`: the status
 *   `cat` has under a shell (killed by SIGPIPE: 128 + 13). Node ignores SIGPIPE, so the write fails
 *   with EPIPE instead: the command prints nothing more, finishes its files, and exits 141.
 */
import { classifyError } from '../errors.js';

export const EXIT_INTERNAL = 70;
export const EXIT_PIPE = 141;

/** The line and status for any thrown value. */
export function failure(err: unknown): { message: string; exitCode: number } {
  const known = classifyError(err);
  if (known) return known;
  const e = err instanceof Error ? err : new Error(String(err));
  const what = `${e.name}: ${e.message}`.split('\n')[0];
  return { message: `internal error (a bug in mcsim; MCSIM_DEBUG=1 prints the stack trace): ${what}`, exitCode: EXIT_INTERNAL };
}

/** Prints the line (and the stack with MCSIM_DEBUG=1) and sets the exit status; the caller returns. */
export function reportFailure(err: unknown): void {
  const { message, exitCode } = failure(err);
  try {
    console.error(`mcsim: ${message}`);
    if (process.env.MCSIM_DEBUG && err instanceof Error && exitCode === EXIT_INTERNAL) console.error(err.stack);
  } catch {
    // stderr itself is closed: the status is all that is left to say.
  }
  process.exitCode = exitCode;
}

/**
 * Ends the process on any failure no command caught: an uncaught exception or rejection (what would
 * print Node's stack) or an 'error' event of stdout or stderr. The process exits at once: after such
 * a failure its state is unknown.
 *
 * A closed pipe (EPIPE) is not a failure of the command: its reader has seen enough. Further output
 * to that stream is dropped, the command finishes what it writes to files (so no temporary is left
 * behind and its report is complete) and the process exits 141 unless something else fails.
 */
export function endOnUncaughtFailures(): void {
  const end = (err: unknown) => {
    reportFailure(err);
    process.exit();
  };
  process.on('uncaughtException', end);
  process.on('unhandledRejection', end);
  for (const stream of [process.stdout, process.stderr]) {
    let closed = false;
    stream.on('error', (err: NodeJS.ErrnoException) => {
      // After an EPIPE, writes already queued fail too (EPIPE, ERR_STREAM_DESTROYED): all are the one closed pipe.
      if (!closed && err.code !== 'EPIPE') return end(err);
      if (!closed && !process.exitCode) process.exitCode = EXIT_PIPE;
      closed = true;
      stream.write = () => true;
    });
  }
}
