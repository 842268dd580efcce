/**
 * An offloading strategy decides, for each arriving frame, the order of steps: where it is
 * computed, what crosses which link, when it is answered. It is the only place that knows that order;
 * device, links and servers are the World's, shared by every strategy.
 *
 * A strategy file exports one StrategyEntry: its description, the zod schema of its options (a block
 * of the scenario named after the strategy) and `create`. Registration is one line in registry.ts.
 */
import type { z } from 'zod';
import type { MetricSpec } from '../world/metrics.js';
import type { PolicyEntry } from '../policies/registry.js';
import type { MetricRow } from '../world/recorder.js';
import type { World } from '../world/world.js';
import type { PreparedWorld } from '../world/world-spec.js';
import { InputError } from '../errors.js';
import type { PredictorEntry } from './prefetch/predictor.js';

export interface Strategy {
  /** A frame has arrived at its device; `slot` is its row in world.frames. */
  arrive(slot: number): void;
  /** Strategy-specific metrics for the run (hit rate, downloads...): exactly those its entry declares. */
  metrics?(): MetricRow;
}

/** Reads a file through prepare's I/O, once per scenario: `read(reader, ...args)` returns `reader(...args)`. */
export type ReadOnce = <A extends unknown[], T>(reader: (...args: A) => T, ...args: A) => T;

/**
 * The policies and prefetch predictors a strategy may name in its options: the built-in ones plus the
 * scenario's plugins (scenario/registries.ts builds it), passed in so no strategy reads a global table.
 */
export interface Components {
  policies: Readonly<Record<string, PolicyEntry>>;
  predictors: Readonly<Record<string, PredictorEntry>>;
}

/** Every strategy by name, and the components they may name: what a scenario can refer to. */
export interface RegistryTables extends Components {
  strategies: Readonly<Record<string, StrategyEntry>>;
}

/** The kind of component an option names (a registry entry, or a plugin module by path). */
export type ComponentKind = 'policy' | 'predictor';

export interface StrategyEntry<S extends z.ZodType = z.ZodType, L = unknown> {
  description: string;
  options: S;
  /**
   * The metrics its `Strategy.metrics()` reports (world/metrics.ts): reports show them like the core
   * ones (summary.csv, tables, sweeps, charts), and a run fails on a column returned but not declared
   * or declared (not optional) but not returned.
   */
  metrics?: readonly MetricSpec[];
  /** Reads the edge encoder's partition hints (`world.prepared.hintOf`): prepare computes them only for such a strategy. */
  hints?: boolean;
  /** Axis titles of its options when a sweep varies them, by key inside its block (`tau`). */
  axisTitles?: Readonly<Record<string, string>>;
  /**
   * The options schema when they name components (a policy...): their enums list `c`'s names. `options`
   * is this over the built-ins, what `mcsim schema` prints.
   */
  optionsFor?: (c: Components) => S;
  /** Option paths (dotted, inside the strategy's block) that name a component: there a module path loads a plugin. */
  slots?: Readonly<Record<string, ComponentKind>>;
  /** Needs the future of the request stream (an oracle policy): the runner does the pre-pass. */
  needsFuture?: (options: z.output<S>, c: Components) => boolean;
  /**
   * Reads the files the options name (paths relative to `baseDir`, the scenario's folder), when the
   * scenario is prepared: a run reads no file. `create` gets what it returns; `c` resolves the
   * components the options name.
   */
  load?: (options: z.output<S>, read: ReadOnce, baseDir: string, c: Components) => L;
  /**
   * What makes its results degenerate in this world (a cache that holds nothing, one that holds
   * everything): one line each, printed by validate and run as notes, never silently.
   */
  notes?: (world: PreparedWorld, options: z.output<S>) => string[];
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
