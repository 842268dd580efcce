/**
 * A scenario's runs: every strategy in every replication (replication r of every strategy sees the
 * same frames and draws), then a summary per strategy across replications.
 */
import type { FrameSink } from '../world/recorder.js';
import type { CostTraceSink } from '../world/cost-trace.js';
import type { RunRow, ScenarioResult } from '../report/results.js';
import { comparedColumns } from '../report/paired.js';
import { summarize, summaryNotes } from '../report/summary.js';
import { strategyMetricCatalogue, type StrategyName } from '../strategies/registry.js';
import { metricRange } from '../world/metrics.js';
import type { RegistryTables } from '../strategies/strategy.js';
import type { Prepared } from '../scenario/prepare.js';
import { simulateRunSteps } from './simulate.js';

export interface RunOptions {
  sink?: FrameSink;
  /** Run only these replications (indices); all by default. */
  replications?: readonly number[];
  /** Called after each run with (runs done, runs in all). */
  progress?: (done: number, total: number) => void;
  /** runScenarioSteps pauses every this many events within a run, as well as after each run. @defaultValue 2^14 */
  sliceEvents?: number;
  /** The sink of each run's cache requests with their miss costs (--export-cost-trace). */
  costTrace?: (strategy: StrategyName, replication: number) => CostTraceSink;
}

export function runScenario(p: Prepared, o: RunOptions = {}): ScenarioResult {
  // Nothing runs between steps here: one slice per run.
  const steps = runScenarioSteps(p, { sliceEvents: Infinity, ...o });
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs a step generator (runScenarioSteps, runJobSteps) to its end, letting the event loop in after
 * each step, so that a signal is handled within a step's few milliseconds (cli/interrupt.ts).
 */
export async function stepsLettingIn<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise(setImmediate);
  }
}

/**
 * runScenario in steps: the generator pauses after each run and every `sliceEvents` events within
 * one (a few milliseconds), so a caller on the main thread can let the event loop in between (to handle
 * SIGINT at once, for one).
 */
export function* runScenarioSteps(p: Prepared, o: RunOptions = {}): Generator<void, ScenarioResult> {
  const s = p.scenario;
  const reps = o.replications ?? Array.from({ length: s.replications }, (_, r) => r);
  const runs: RunRow[] = [];
  const latencyCdf: ScenarioResult['latencyCdf'] = [];
  const total = s.strategies.length * reps.length;
  for (const strategy of s.strategies) {
    for (const r of reps) {
      const out = yield* simulateRunSteps(p, strategy, r, o.sink, o.sliceEvents ?? 1 << 14, o.costTrace?.(strategy, r));
      runs.push({ strategy, replication: r, metrics: out.metrics });
      if (r === 0) for (const [latency, cdf] of out.latencyCdf) latencyCdf.push({ strategy, latency, cdf });
      o.progress?.(runs.length, total);
      yield;
    }
  }
  return scenarioResult(s.strategies, runs, latencyCdf, s.compare?.reference, p.registries.strategies);
}

/**
 * The result of runs given in strategy-major, replication order: each strategy's summary added, and
 * with a reference, each other strategy's paired differences against it (`<m>_vs_ref`, bounds);
 * `table` holds the strategies' entries (with the scenario's plugins).
 */
export function scenarioResult(
  strategies: readonly StrategyName[], runs: RunRow[], latencyCdf: ScenarioResult['latencyCdf'], reference: StrategyName | undefined,
  table: RegistryTables['strategies'],
): ScenarioResult {
  // The catalogue of the registries in use: a plugin strategy's metrics are reported like built-in ones.
  const metrics = strategyMetricCatalogue(table);
  const range = metricRange(metrics);
  const metricsOf = (strategy: StrategyName) => runs.filter((r) => r.strategy === strategy).map((r) => r.metrics);
  const summary = strategies.map((strategy) => ({
    strategy,
    metrics: {
      ...summarize(metricsOf(strategy), range),
      ...(reference !== undefined && strategy !== reference ? comparedColumns(metricsOf(strategy), metricsOf(reference), metrics) : {}),
    },
  }));
  return { runs, summary, latencyCdf, metrics, notes: summaryNotes(summary, range) };
}
