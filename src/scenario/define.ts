/**
 * What a plugin module's default export is: one entry of a built-in registry (a policy, a strategy or a
 * prefetch predictor, the very types registry.ts holds) plus the name it is known by in scenarios,
 * made with its `define...` helper, which tags the kind and gives the options their types.
 */
import type { z } from 'zod';
import type { PolicyEntry } from '../policies/registry.js';
import type { PredictorEntry } from '../strategies/prefetch/predictor.js';
import type { StrategyEntry } from '../strategies/strategy.js';

export type PluginKind = 'policy' | 'strategy' | 'predictor';

export interface PolicyPlugin extends PolicyEntry {
  kind: 'policy';
  /** The name scenarios, mrc tables and sweep rows show. */
  name: string;
}

export interface StrategyPlugin<S extends z.ZodType = z.ZodType, L = unknown> extends StrategyEntry<S, L> {
  kind: 'strategy';
  /** The name in `strategies` and results; its option block is the scenario key of this name. */
  name: string;
}

export interface PredictorPlugin extends PredictorEntry {
  kind: 'predictor';
  name: string;
}

export type Plugin = PolicyPlugin | StrategyPlugin | PredictorPlugin;

type Defined<E extends { needsFuture: boolean }> = Omit<E, 'needsFuture' | 'kind'> & { needsFuture?: boolean };

/** A cache policy plugin: `create(options)` returns a CachePolicy; `needsFuture` (default false) marks an oracle. */
export function definePolicy(entry: Defined<PolicyPlugin>): PolicyPlugin {
  return { ...entry, needsFuture: entry.needsFuture ?? false, kind: 'policy' };
}

/** An offloading strategy plugin: its options (a zod schema, the scenario block named `name`) and `create`. */
export function defineStrategy<S extends z.ZodType, L = undefined>(entry: Omit<StrategyPlugin<S, L>, 'kind'>): StrategyPlugin<S, L> {
  return { ...entry, kind: 'strategy' };
}

/** A prefetch predictor plugin (`cachenet.prefetch.predictor`). */
export function definePredictor(entry: Defined<PredictorPlugin>): PredictorPlugin {
  return { ...entry, needsFuture: entry.needsFuture ?? false, kind: 'predictor' };
}
