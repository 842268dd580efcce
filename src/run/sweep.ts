/**
 * Parameter sweeps. A sweep is a scenario plus a grid of overrides (sweep.ts numbers the pipeline):
 *  1. load: the scenario file with a `sweep: {grid}` block, or a sweep file `{scenario, grid}`;
 *  2. plan: expand the grid into points, validate every point, and cut each point into jobs, one per
 *     strategy. A job keeps only the overrides that can change its strategy's results (another
 *     strategy's option block cannot), so equal jobs are run once: device-only in a tau sweep runs
 *     once per replication set, not once per tau;
 *  3. run the jobs (worker threads, see sweep-pool.ts), each job's result saved as it completes;
 *  4. assemble one tidy row per point and strategy, in point order: the output depends only on the
 *     plan and the job results, never on workers, shards or completion order.
 * Common random numbers: a job's streams depend on the seed and replication, not on the point.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { MetricRow } from '../world/recorder.js';
import { strategyMetricCatalogue, type StrategyName } from '../strategies/registry.js';
import { expandGrid, gridSchema, inShard, type Grid, type Point } from '../scenario/grid.js';
import { checkKeyPath } from '../scenario/key-path.js';
import { applySets, baseDirOf, formatIssues, moduleRefs, type KeySchema, nameModules, parseScenario, readScenarioFile, setPath } from '../scenario/load.js';
import { mapModules, mapValueAt, type MapModule } from '../scenario/plugin-paths.js';
import type { PluginInfo } from '../scenario/plugins.js';
import { builtinRegistries, loadRegistries, type Registries } from '../scenario/registries.js';
import { ScenarioFiles } from '../scenario/files.js';
import { prepare, type Prepared } from '../scenario/prepare.js';
import type { ScenarioResult } from '../report/results.js';
import { runScenario, runScenarioSteps, type RunOptions } from './run.js';
import { comparedColumns } from '../report/paired.js';

export interface SweepSpec {
  /** The scenario as written, without its sweep block, plus command-line overrides. */
  raw: Record<string, unknown>;
  baseDir: string;
  grid: Grid;
  /** Names the sweep in outputs. */
  name: string;
  /** Paired comparisons: each point against the point that differs only in `key`, set to `reference`. */
  compare?: SweepCompare;
  /** The plugin modules the scenario and grid name (by their names in `raw` and `grid`): every worker and shard loads these, checked by hash. */
  plugins?: PluginInfo[];
}

/** A sweep with the registries its points are read against. */
export interface LoadedSweep {
  spec: SweepSpec;
  registries: Registries;
}

export interface SweepCompare {
  key: string;
  reference: string | number | boolean;
}

export interface Job {
  strategy: StrategyName;
  /** The point's overrides that matter to this strategy. */
  sets: Point;
  /** Stable identity: strategy + overrides (names the job's result file). */
  id: string;
  /** Only this replication (a scenario's runs spread over workers); every replication if absent. */
  replication?: number;
  /** Frames it simulates (frames x devices x replications): its share of the work, for the duration estimate. */
  frames: number;
}

export interface SweepPlan {
  spec: SweepSpec;
  points: Point[];
  /** Indices of the points this run covers (a shard's, or all). */
  mine: number[];
  /** Per point, per strategy of the point's scenario: the job index. */
  pointJobs: Array<Array<{ strategy: StrategyName; job: number }>>;
  jobs: Job[];
}

const sweepFileSchema = z.strictObject({
  scenario: z.string().describe('The scenario to vary, relative to this file'),
  grid: gridSchema,
  set: z.record(z.string(), z.unknown()).optional().describe('Fixed overrides for every point'),
  compare: z
    .strictObject({ key: z.string(), reference: z.union([z.string(), z.number(), z.boolean()]) })
    .optional()
    .describe('Compare each point with the point where only `key` differs, set to `reference` (paired differences, <m>_vs_ref)'),
});

/** A grid's values with their module paths mapped through `fn` (a value of `strategies` is a list). */
function mapGrid(grid: Grid, fn: MapModule): Grid {
  return Object.fromEntries(Object.entries(grid).map(([k, spec]) => [k, Array.isArray(spec) ? spec.map((v) => mapValueAt(k, v, builtinRegistries.strategies, fn)) : spec]));
}

/**
 * 1. A scenario with a `sweep:` block, or a sweep file naming a scenario. Module paths resolve against
 * the file they are written in (the scenario's, or the sweep file's for its grid and `set`), those of
 * `sets` against the working folder.
 */
function readSweep(path: string, sets: string[], schema?: KeySchema): SweepSpec {
  const data = readScenarioFile(path);
  let raw: Record<string, unknown>, baseDir: string, grid: unknown, compare: SweepCompare | undefined;
  const sweepDir = baseDirOf(path);
  if ('grid' in data) {
    const parsed = sweepFileSchema.safeParse(data);
    if (!parsed.success) throw new InputError(`${path}: ${formatIssues(parsed.error.issues)}`);
    const scenarioPath = resolve(sweepDir, parsed.data.scenario);
    raw = readScenarioFile(scenarioPath);
    delete raw.sweep;
    baseDir = dirname(scenarioPath);
    mapModules(raw, builtinRegistries.strategies, (m) => resolve(baseDir, m));
    for (const [k, v] of Object.entries(parsed.data.set ?? {})) setPath(raw, k, mapValueAt(k, v, builtinRegistries.strategies, (m) => resolve(sweepDir, m)), `${path}: set`, schema);
    grid = parsed.data.grid;
    compare = parsed.data.compare;
  } else {
    const block = data.sweep as { grid?: unknown } | undefined;
    if (!block || typeof block !== 'object') throw new InputError(`${path}: no sweep: a sweep file has 'scenario' and 'grid', a scenario a 'sweep: {grid: ...}' block`);
    raw = data;
    delete raw.sweep;
    baseDir = sweepDir;
    mapModules(raw, builtinRegistries.strategies, (m) => resolve(baseDir, m));
    grid = block.grid;
  }
  const g = gridSchema.safeParse(grid);
  if (!g.success) throw new InputError(`${path}: sweep.grid: ${formatIssues(g.error.issues)}`);
  if (Object.keys(g.data).length === 0) throw new InputError(`${path}: sweep.grid names no key`);
  for (const key of Object.keys(g.data)) checkKeyPath(key, `${path}: sweep.grid key ${key}`, schema);
  applySets(raw, sets, process.cwd(), schema);
  // A sweep file names the sweep (tau-sweep.yaml: tau-sweep); a sweep block, its scenario.
  const name = 'grid' in data ? basename(path).replace(/\.(ya?ml|json)$/i, '') : `${String(raw.name ?? 'scenario')}-sweep`;
  if (compare && !(compare.key in g.data)) throw new InputError(`${path}: compare.key '${compare.key}' is not a swept key (${Object.keys(g.data).join(', ')})`);
  return { raw, baseDir, grid: mapGrid(g.data, (m) => resolve(sweepDir, m)), name, ...(compare ? { compare } : {}) };
}

/** The module paths a sweep names, in its scenario and its grid. */
function sweepModules(spec: SweepSpec) {
  const refs = moduleRefs(spec.raw);
  mapGrid(spec.grid, (path, kind, key) => (refs.push({ path, kind, key: `sweep.grid ${key}` }), path));
  return refs;
}

/** Loads a sweep that names built-in entries only (synchronous); one naming plugins needs openSweep. */
export function loadSweep(path: string, sets: string[] = []): SweepSpec {
  const spec = readSweep(path, sets);
  const refs = sweepModules(spec);
  if (refs.length > 0) throw new InputError(`${path}: ${refs[0].key} names a plugin module (${refs[0].path}): load the sweep with openSweep`);
  return spec;
}

/** Loads a sweep and the plugin modules it names (each replaced by its declared name in `raw` and `grid`). */
export async function openSweep(path: string, sets: string[] = []): Promise<LoadedSweep> {
  // Read once to find the plugins (their option blocks are keys a grid or set may name), then against their schema.
  const registries = await loadRegistries(sweepModules(readSweep(path, sets, null)));
  const spec = readSweep(path, sets, registries.schema);
  nameModules(spec.raw, registries);
  const grid = mapGrid(spec.grid, (m) => registries.plugins.find((p) => p.path === m)!.name);
  return { spec: { ...spec, grid, ...(registries.plugins.length > 0 ? { plugins: [...registries.plugins] } : {}) }, registries };
}

/** The scenario data of a point (a deep copy of the base with the overrides applied). */
export function pointData(spec: SweepSpec, sets: Point): Record<string, unknown> {
  const data = structuredClone(spec.raw);
  // The grid's keys were checked when the sweep was read, against the schema with its plugins' option blocks.
  for (const [k, v] of sets) setPath(data, k, v, 'sweep key', null);
  return data;
}

/** 2. Points, validated, and the distinct jobs they need. */
export function planSweep(spec: SweepSpec, shard?: { index: number; count: number }, registries: Registries = builtinRegistries): SweepPlan {
  const strategyNames = Object.keys(registries.strategies);
  const points = expandGrid(spec.grid);
  const mine = points.map((_, i) => i).filter((i) => !shard || inShard(i, shard));
  const covered = new Set(mine);
  const jobs: Job[] = [];
  const byId = new Map<string, number>();
  const pointJobs = points.map((sets, i) => {
    if (!covered.has(i)) return [];
    const where = `sweep point ${i} (${sets.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})`;
    const scenario = parseScenario(pointData(spec, sets), where, registries);
    return scenario.strategies.map((strategy) => {
      const relevant = sets.filter(([k]) => !strategyNames.some((other) => other !== strategy && k.startsWith(`${other}.`)));
      const id = createHash('sha256').update(JSON.stringify([strategy, relevant])).digest('hex').slice(0, 16);
      let job = byId.get(id);
      if (job === undefined) {
        job = jobs.push({ strategy, sets: relevant, id, frames: scenario.frames * scenario.workload.devices * scenario.replications }) - 1;
        byId.set(id, job);
      }
      return { strategy, job };
    });
  });
  return { spec, points, mine, pointJobs, jobs };
}

/** 3. Runs one job: every replication (or the one named) of one strategy at one point. */
function prepareJob(spec: SweepSpec, job: Job, files: ScenarioFiles, registries: Registries): [Prepared, RunOptions] {
  const data = pointData(spec, job.sets);
  data.strategies = [job.strategy];
  delete data.compare; // one strategy: nothing to compare with inside the job
  const scenario = parseScenario(data, `job ${job.id}`, registries);
  return [prepare(scenario, spec.baseDir, files, registries), { replications: job.replication === undefined ? undefined : [job.replication] }];
}

export function runJob(spec: SweepSpec, job: Job, files = new ScenarioFiles(), registries: Registries = builtinRegistries): ScenarioResult {
  return runScenario(...prepareJob(spec, job, files, registries));
}

/** runJob in steps (runScenarioSteps), for a caller on the main thread that lets the event loop in. */
export function runJobSteps(spec: SweepSpec, job: Job, files: ScenarioFiles, registries: Registries = builtinRegistries): Generator<void, ScenarioResult> {
  return runScenarioSteps(...prepareJob(spec, job, files, registries));
}

/** Each covered point's jobs with their results and swept values, in point order (for assemble and assembleRuns). */
function* coveredResults(plan: SweepPlan, results: ReadonlyMap<string, JobResult>) {
  for (const i of plan.mine) {
    const swept = Object.fromEntries(plan.points[i].map(([k, v]) => [k, typeof v === 'number' ? v : String(v)]));
    for (const { strategy, job } of plan.pointJobs[i]) {
      const result = results.get(plan.jobs[job].id);
      if (!result) throw new InputError(`sweep point ${i}: no result for ${strategy} (job ${plan.jobs[job].id})`);
      yield { point: i, swept, strategy, job, result };
    }
  }
}

/**
 * 4. One row per covered point and strategy: point index, swept values, strategy, metrics; with
 * `compare`, the paired differences from the reference point's runs of the same strategy.
 */
export function assemble(plan: SweepPlan, results: ReadonlyMap<string, JobResult>, registries: Registries = builtinRegistries): Array<Record<string, string | number>> {
  const rows: Array<Record<string, string | number>> = [];
  const metrics = strategyMetricCatalogue(registries.strategies);
  for (const { point, swept, strategy, job, result } of coveredResults(plan, results)) {
    const ref = referencePoint(plan, point);
    // The reference's run of the same strategy; none when it is this very job (a strategy the key
    // does not change) or outside this shard.
    const refJob = ref === undefined ? undefined : plan.pointJobs[ref].find((j) => j.strategy === strategy)?.job;
    const refResult = refJob === undefined || refJob === job ? undefined : results.get(plan.jobs[refJob].id);
    rows.push({ point, ...swept, strategy, ...result.metrics, ...(refResult ? comparedColumns(result.runs, refResult.runs, metrics) : {}) });
  }
  return rows;
}

/**
 * One row per covered point, strategy and replication (runs.csv, tidy data for one's own statistics):
 * a run a strategy shares between points (its options not swept) is listed under each point.
 */
export function assembleRuns(plan: SweepPlan, results: ReadonlyMap<string, JobResult>): Array<Record<string, string | number>> {
  const rows: Array<Record<string, string | number>> = [];
  for (const { point, swept, strategy, result } of coveredResults(plan, results)) {
    result.runs.forEach((run, replication) => rows.push({ point, ...swept, strategy, replication, ...run }));
  }
  return rows;
}

/** A job's summary and its runs in replication order. */
export interface JobResult {
  metrics: MetricRow;
  runs: MetricRow[];
}

/** The point that differs from point i only in the compared key, set to the reference (undefined without compare). */
function referencePoint(plan: SweepPlan, i: number): number | undefined {
  const c = plan.spec.compare;
  if (!c) return undefined;
  const want = JSON.stringify(plan.points[i].map(([k, v]) => [k, k === c.key ? c.reference : v]));
  const ref = plan.points.findIndex((p) => JSON.stringify(p) === want);
  if (ref < 0) throw new InputError(`sweep compare: no point with ${c.key}=${JSON.stringify(c.reference)} for point ${i}`);
  return ref;
}

/**
 * Identifies a sweep definition, so shards and resumed runs of different sweeps are never mixed: the
 * plugins count by name and content, not by where they are (shards may run on other machines).
 */
export function sweepFingerprint(spec: SweepSpec): string {
  const plugins = (spec.plugins ?? []).map((p) => [p.kind, p.name, p.sha256]);
  return createHash('sha256').update(JSON.stringify(plugins.length > 0 ? [spec.raw, spec.grid, plugins] : [spec.raw, spec.grid])).digest('hex').slice(0, 16);
}

