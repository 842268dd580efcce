/**
 * What the report writers read: the documented result of a scenario's runs (scenario/run.ts builds
 * it) and what a report says about the scenario. Strategies are names here: report/ knows no strategy.
 */
import type { MetricRow } from '../run/recorder.js';

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
}

/** The scenario as a report names it; the object passed is saved whole as the resolved scenario. */
export interface ScenarioInfo {
  name: string;
  description?: string;
  seed: number | string;
  replications: number;
  frames: number;
  warmupFrames: number;
}
