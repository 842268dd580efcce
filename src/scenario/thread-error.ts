/**
 * An error crossing a worker thread's boundary keeps its class and its one-line message: structured
 * cloning keeps only a built-in Error's name and message, so an InputError would arrive as a plain
 * Error and be reported as a bug, and a bug would lose its stack. The worker sends ThreadError; the
 * pool re-creates the error in the main thread, which reports it as if it had been thrown there.
 */
import { InputError, UsageError } from '../errors.js';
import { SimulationError } from '../sim/engine.js';

export interface ThreadError {
  kind: 'usage' | 'input' | 'simulation' | 'other';
  name: string;
  message: string;
  /** The worker's stack (what MCSIM_DEBUG=1 prints). */
  stack?: string;
  /** SimulationError: the simulation time, and the message of its cause. */
  time?: number;
  cause?: string;
}

export function threadError(err: unknown): ThreadError {
  if (!(err instanceof Error)) return { kind: 'other', name: 'Error', message: String(err) };
  const kind = err instanceof UsageError ? 'usage' : err instanceof InputError ? 'input' : err instanceof SimulationError ? 'simulation' : 'other';
  const cause = err instanceof SimulationError && err.cause instanceof Error ? err.cause : undefined;
  return {
    kind,
    name: err.name,
    message: err.message,
    stack: err.stack,
    ...(err instanceof SimulationError ? { time: err.time, cause: cause ? cause.message : String(err.cause) } : {}),
  };
}

export function fromThreadError(e: ThreadError): Error {
  let err: Error;
  if (e.kind === 'usage') err = new UsageError(e.message);
  else if (e.kind === 'input') err = new InputError(e.message);
  else if (e.kind === 'simulation') err = new SimulationError(e.time ?? NaN, e.cause);
  else {
    err = new Error(e.message);
    err.name = e.name;
  }
  if (e.stack) err.stack = `${e.stack}\n    (in a worker thread)`;
  return err;
}
