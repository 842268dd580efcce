/**
 * A scenario's runs on worker threads, one job per strategy and replication, through the sweep pool.
 * Runs share nothing (each has its own world and named random streams), so the result equals
 * runScenario's, in the same order, whatever the number of workers or the order jobs finish in.
 */
import type { LoadedScenario } from '../scenario/load.js';
import type { RunRow, ScenarioResult } from '../report/results.js';
import { scenarioResult } from './run.js';
import { runJobs } from './sweep-pool.js';
import { planSweep, type Job, type SweepSpec } from './sweep.js';

export async function runScenarioOnWorkers(
  loaded: LoadedScenario,
  workers: number,
  progress?: (done: number, total: number) => void,
): Promise<ScenarioResult> {
  const { scenario } = loaded;
  const plugins = loaded.registries.plugins;
  const spec: SweepSpec = { raw: loaded.raw, baseDir: loaded.baseDir, grid: {}, name: scenario.name, ...(plugins.length > 0 ? { plugins: [...plugins] } : {}) };
  const jobs: Job[] = planSweep(spec, undefined, loaded.registries).jobs.flatMap((job) =>
    Array.from({ length: scenario.replications }, (_, replication) => ({ ...job, id: `${job.id}/${replication}`, replication })),
  );
  const results = new Map<string, ScenarioResult>();
  await runJobs(spec, jobs, workers, (job, result) => {
    results.set(job.id, result);
    progress?.(results.size, jobs.length);
  }, loaded.registries);
  const ordered = scenario.strategies.flatMap((strategy) => jobs.filter((j) => j.strategy === strategy).map((j) => results.get(j.id)!));
  const runs: RunRow[] = ordered.flatMap((r) => r.runs);
  return scenarioResult(scenario.strategies, runs, ordered.flatMap((r) => r.latencyCdf), scenario.compare?.reference, loaded.registries.strategies);
}
