/**
 * What the report writers read: the documented result of a scenario's runs (run/run.ts builds
 * it) and what a report says about the scenario. Strategies are names here: report/ knows no strategy,
 * and no metric either: the metric catalogue (world/metrics.ts) comes with the results and says which
 * columns the tables show, which are compared and which are drawn.
 */
import type { MetricSpec } from '../world/metrics.js';
import type { MetricRow } from '../world/recorder.js';

export { TRADEOFF_ROLES, type MetricChart, type MetricSpec } from '../world/metrics.js';

/** One run's metrics: one strategy, one replication. */
export interface RunRow<S extends string = string> {
  strategy: S;
  replication: number;
  metrics: MetricRow;
}

/** A scenario's runs, in strategy-major then replication order, and what they sum up to. */
export interface ScenarioResult<S extends string = string> {
  runs: RunRow<S>[];
  /** Per strategy, each metric's mean over replications with 95% confidence bounds (`_lo`, `_hi`). */
  summary: Array<{ strategy: S; metrics: MetricRow }>;
  /** Latency distribution of each strategy's first replication. */
  latencyCdf: Array<{ strategy: S; latency: number; cdf: number }>;
  /** The metric catalogue: the core metrics and every registered strategy's. */
  metrics: readonly MetricSpec[];
  /** What a reader of the summary must know about its intervals (summary.ts: replicationNote, intervalNotes). */
  notes: string[];
}

/** The scenario as a report names it; the object passed is saved whole as the resolved scenario. */
export interface ScenarioInfo {
  name: string;
  description?: string;
  seed: number | string;
  replications: number;
  frames: number;
  warmupFrames: number;
  /** Paired comparisons against this strategy (`<m>_vs_ref` in the other strategies' summaries). */
  compare?: { reference: string };
  /** The plugin modules the scenario named: which code made the results. */
  plugins?: readonly PluginRecord[];
}

/** A plugin as results record it: its kind, declared name, module path and content hash. */
export interface PluginRecord {
  kind: string;
  name: string;
  path: string;
  sha256: string;
}

/**
 * A sweep as its report reads it (run/sweep-run.ts builds it): one row per point and strategy
 * (point index, the point's swept values, strategy, each metric's mean and 95% bounds), and per row
 * the swept keys its run saw (only these can change its numbers).
 */
export interface SweepTable {
  name: string;
  /** The grid as written: swept key -> its values (or range). */
  grid: Record<string, unknown>;
  /** Every point of the grid, as (key, value) pairs (the rows may cover only a shard's). */
  points: ReadonlyArray<ReadonlyArray<readonly [string, unknown]>>;
  /** Distinct runs behind the rows. */
  runs: number;
  /** Replications per run, as the scenario gives them (undefined: the scenario's default). */
  replications: unknown;
  rows: Array<Record<string, string | number>>;
  /** What a reader of the rows must know about their intervals (as ScenarioResult.notes). */
  notes: string[];
  /** One row per point, strategy and replication: what runs.csv holds. */
  runRows: Array<Record<string, string | number>>;
  /** Per row, the swept keys its run saw. */
  seen: ReadonlyArray<ReadonlySet<string>>;
  /** Paired comparisons: each point against the point where only `key` is set to `reference` (rows then carry `<m>_vs_ref`). */
  compare?: { key: string; reference: string | number | boolean };
  /** The metric catalogue: the core metrics and every registered strategy's. */
  metrics: readonly MetricSpec[];
  /** Axis titles of swept strategy options (`<strategy>.<key>`), from their entries. */
  axisTitles: Readonly<Record<string, string>>;
  /** The plugin modules the sweep named. */
  plugins?: readonly PluginRecord[];
}
