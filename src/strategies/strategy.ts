/**
 * An offloading strategy decides, for each arriving frame, the order of steps: where it is
 * computed, what crosses which link, when it is answered. It is the only place that knows that order;
 * device, links and servers are the World's, shared by every strategy.
 *
 * A strategy file exports one StrategyEntry: its description, the zod schema of its options (a block
 * of the scenario named after the strategy) and `create`. Registration is one line in registry.ts.
 */
import type { z } from 'zod';
import type { MetricSpec } from '../run/metrics.js';
import type { MetricRow } from '../run/recorder.js';
import type { World } from '../run/world.js';
import { InputError } from '../errors.js';

export interface Strategy {
  /** A frame has arrived at its device; `slot` is its row in world.frames. */
  arrive(slot: number): void;
  /** Strategy-specific metrics for the run (hit rate, downloads...): exactly those its entry declares. */
  metrics?(): MetricRow;
}

/** Reads a file through prepare's I/O, once per scenario: `read(reader, ...args)` returns `reader(...args)`. */
export type ReadOnce = <A extends unknown[], T>(reader: (...args: A) => T, ...args: A) => T;

export interface StrategyEntry<S extends z.ZodType = z.ZodType, L = unknown> {
  description: string;
  options: S;
  /**
   * The metrics its `Strategy.metrics()` reports (run/metrics.ts): reports show them like the core
   * ones (summary.csv, tables, sweeps, charts), and a run fails on a column returned but not declared
   * or declared (not optional) but not returned.
   */
  metrics?: readonly MetricSpec[];
  /** Reads the edge encoder's partition hints (`world.prepared.hintOf`): prepare computes them only for such a strategy. */
  hints?: boolean;
  /** Axis titles of its options when a sweep varies them, by key inside its block (`tau`). */
  axisTitles?: Readonly<Record<string, string>>;
  /** Needs the future of the request stream (an oracle policy): the runner does the pre-pass. */
  needsFuture?: (options: z.output<S>) => boolean;
  /**
   * Reads the files the options name (paths relative to `baseDir`, the scenario's folder), when the
   * scenario is prepared: a run reads no file. `create` gets what it returns.
   */
  load?: (options: z.output<S>, read: ReadOnce, baseDir: string) => L;
  create(world: World, options: z.output<S>, loaded: L): Strategy;
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
