/**
 * An offloading strategy decides, for each arriving frame, the order of steps: where it is
 * computed, what crosses which link, when it is answered. It is the only place that knows that order;
 * device, links and servers are the World's, shared by every strategy.
 *
 * A strategy file exports one StrategyEntry: its description, the zod schema of its options (a block
 * of the scenario named after the strategy) and `create`. Registration is one line in registry.ts.
 */
import type { z } from 'zod';
import type { MetricRow } from '../run/recorder.js';
import type { World } from '../run/world.js';
import { InputError } from '../errors.js';

export interface Strategy {
  /** A frame has arrived at its device; `slot` is its row in world.frames. */
  arrive(slot: number): void;
  /** Strategy-specific metrics for the run (hit rate, downloads...). */
  metrics?(): MetricRow;
}

export interface StrategyEntry<S extends z.ZodType = z.ZodType> {
  description: string;
  options: S;
  /** Needs the future of the request stream (an oracle policy): the runner does the pre-pass. */
  needsFuture?: (options: z.output<S>) => boolean;
  create(world: World, options: z.output<S>): Strategy;
}

/**
 * Resolves a strategy option against the world (an outcome-model or hardware-table name), turning
 * the failure into an InputError that names the option, e.g. `early-exit.exits[0].outcome: ...`.
 */
export function resolveOption<T>(field: string, resolve: () => T): T {
  try {
    return resolve();
  } catch (err) {
    throw new InputError(`${field}: ${(err as Error).message}`);
  }
}
