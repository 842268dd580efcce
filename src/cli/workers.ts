/** `--workers`: an integer from 1 to the number of cores, checked at parse time (a usage error otherwise). */
import { availableParallelism } from 'node:os';
import { UsageError } from '../errors.js';

/**
 * Each worker is a CPU-bound thread holding its own copy of the scenario's tables, so threads beyond
 * the cores add memory and start-up time, never speed.
 */
export const maxWorkers = (): number => availableParallelism();

export function parseWorkers(value: unknown): number {
  const text = String(value).trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  const cap = maxWorkers();
  if (!(n >= 1 && n <= cap)) throw new UsageError(`--workers '${String(value)}': expected a whole number from 1 to ${cap} (the cores of this machine)`);
  return n;
}

/** The yargs option; `fallback` is the default ('cores' for all of them). */
export function workersOption(fallback: number | 'cores', describe: string) {
  return {
    type: 'string',
    default: fallback === 'cores' ? String(maxWorkers()) : String(fallback),
    defaultDescription: fallback === 'cores' ? 'all cores' : String(fallback),
    describe,
    coerce: parseWorkers,
  } as const;
}
