/**
 * A sweep on disk. The output folder holds `sweep.plan.json` (what is swept) and one
 * `jobs/<id>.json` per finished job, each written atomically as soon as it is done: an interrupted
 * sweep keeps its finished jobs and `--resume` runs only the rest. Shards write the same files into
 * their own folders; `mergeSweeps` gathers them into the result an unsharded run gives.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { readJson } from '../models/read-table.js';
import { writeFileAtomic } from '../report/files.js';
import type { SweepTable } from '../report/results.js';
import { summaryNotes, withoutFullCounts } from '../report/summary.js';
import { metricRange } from '../world/metrics.js';
import type { MetricRow } from '../world/recorder.js';
import { strategyAxisTitles, strategyMetricCatalogue } from '../strategies/registry.js';
import type { PluginInfo } from '../scenario/plugins.js';
import { builtinRegistries, pluginDifference, type Registries } from '../scenario/registries.js';
import { gridSchema } from '../scenario/grid.js';
import { formatIssues } from '../scenario/load.js';
import { runJobs } from './sweep-pool.js';
import { assemble, assembleRuns, planSweep, sweepFingerprint, type Job, type JobResult, type SweepPlan, type SweepSpec } from './sweep.js';

export interface SweepRunOptions {
  out: string;
  workers: number;
  shard?: { index: number; count: number };
  resume?: boolean;
  progress?: (done: number, total: number) => void;
  /** Called with the jobs still to run, before the first starts (the duration estimate). */
  starting?: (todo: readonly Job[]) => void;
  /** The registries the spec was loaded with (openSweep's, with the spec's plugins). @defaultValue the built-ins */
  registries?: Registries;
}

export interface SweepResults {
  plan: SweepPlan;
  results: Map<string, JobResult>;
}

// The files of a sweep folder are read back (by --resume and merge) through these schemas: a file cut
// short or edited by hand is an input error naming it, not a TypeError deep in the merge.
const metricsSchema = z.record(z.string(), z.number().nullable());

const planFileSchema = z.object({
  fingerprint: z.string(),
  spec: z.object({
    raw: z.record(z.string(), z.unknown()),
    baseDir: z.string(),
    grid: gridSchema,
    name: z.string(),
    compare: z.object({ key: z.string(), reference: z.union([z.string(), z.number(), z.boolean()]) }).optional(),
    plugins: z.array(z.object({ kind: z.enum(['policy', 'strategy', 'predictor']), name: z.string(), path: z.string(), sha256: z.string() })).optional(),
  }),
});
type PlanFile = z.infer<typeof planFileSchema>;

const jobFileSchema = z.object({
  fingerprint: z.string(),
  id: z.string(),
  metrics: metricsSchema,
  /** Per replication, for paired comparisons. */
  runs: z.array(metricsSchema).optional(),
});
type JobFile = z.infer<typeof jobFileSchema>;

function readSweepFile<T>(path: string, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(readJson(path));
  if (!parsed.success) throw new InputError(`${path}: not a ${what} of mcsim sweep (${formatIssues(parsed.error.issues)}); delete it to run its job again, or run the sweep afresh`);
  return parsed.data;
}

const PLAN = 'sweep.plan.json';

const jobPath = (dir: string, id: string) => join(dir, 'jobs', `${id}.json`);

/** The files a finished sweep keeps in its folder besides its report: the plan and every job's result. */
export function sweepFiles(dir: string, plan: SweepPlan): string[] {
  return [join(dir, PLAN), ...plan.jobs.map((j) => jobPath(dir, j.id))];
}

/** JSON has no NaN: metrics are stored with null and read back as NaN, the same on every path. */
const store = (m: MetricRow) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number.isFinite(v) ? v : null]));
const load = (m: Record<string, number | null>): MetricRow => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v ?? NaN]));

function savedJobs(dir: string, fingerprint: string, into: Map<string, JobResult>): void {
  const jobs = join(dir, 'jobs');
  if (!existsSync(jobs)) return;
  for (const f of readdirSync(jobs).filter((f) => f.endsWith('.json')).sort()) {
    const job = readSweepFile(join(jobs, f), jobFileSchema, 'job file');
    if (job.fingerprint === fingerprint) into.set(job.id, { metrics: load(job.metrics), runs: (job.runs ?? []).map(load) });
  }
}

/** The sweep as its report reads it (its rows and, per row, the swept keys its run saw); `registries` (with the sweep's plugins) give the metric catalogue. */
export function sweepTable({ plan, results }: SweepResults, registries: Registries = builtinRegistries): SweepTable {
  const all = assemble(plan, results, registries);
  const rows = withoutFullCounts(all);
  const seen = rows.map((r) => {
    const pj = plan.pointJobs[r.point as number].find((j) => j.strategy === r.strategy)!;
    return new Set(plan.jobs[pj.job].sets.map(([k]) => k));
  });
  const { spec } = plan;
  const metrics = strategyMetricCatalogue(registries.strategies);
  const labelled = all.map((r) => ({ strategy: `${r.strategy} at point ${r.point}`, metrics: r as MetricRow }));
  return {
    name: spec.name, grid: spec.grid, points: plan.points, runs: plan.jobs.length, replications: spec.raw.replications, rows, runRows: assembleRuns(plan, results), seen,
    notes: summaryNotes(labelled, metricRange(metrics)),
    ...(spec.compare ? { compare: spec.compare } : {}),
    ...(spec.plugins ? { plugins: spec.plugins } : {}),
    metrics,
    axisTitles: strategyAxisTitles(registries.strategies),
  };
}

export async function runSweep(spec: SweepSpec, o: SweepRunOptions): Promise<SweepResults> {
  const plan = planSweep(spec, o.shard, o.registries);
  const fingerprint = sweepFingerprint(spec);
  const planPath = join(o.out, PLAN);
  if (existsSync(planPath)) {
    const previous = readSweepFile(planPath, planFileSchema, 'plan file');
    if (previous.fingerprint !== fingerprint) {
      const plugins = pluginDifference(previous.spec.plugins, spec.plugins);
      if (plugins) throw new InputError(`${o.out} was made with other plugin code: ${plugins}; choose another --out or empty it`);
      throw new InputError(`${o.out} holds another sweep (${previous.spec.name}); choose another --out or empty it`);
    }
  }
  writeFileAtomic(planPath, JSON.stringify({ fingerprint, spec } satisfies PlanFile, null, 2) + '\n');
  const results = new Map<string, JobResult>();
  if (o.resume) savedJobs(o.out, fingerprint, results);
  const todo = plan.jobs.filter((j) => !results.has(j.id));
  o.starting?.(todo);
  let done = plan.jobs.length - todo.length;
  o.progress?.(done, plan.jobs.length);
  await runJobs(spec, todo, o.workers, (job, result) => {
    const stored = store(result.summary[0].metrics);
    const runs = result.runs.map((r) => store(r.metrics));
    writeFileAtomic(jobPath(o.out, job.id), JSON.stringify({ fingerprint, id: job.id, metrics: stored, runs } satisfies JobFile) + '\n');
    results.set(job.id, { metrics: load(stored), runs: runs.map(load) });
    o.progress?.(++done, plan.jobs.length);
  }, o.registries);
  return { plan, results };
}

function readPlan(dir: string): PlanFile {
  const path = join(dir, PLAN);
  if (!existsSync(path)) throw new InputError(`${dir}: not a sweep folder (no ${PLAN})`);
  return readSweepFile(path, planFileSchema, 'plan file');
}

/** The plugins a sweep folder was made with (to load, with registriesOf, before merging it). */
export function sweepPlugins(dir: string): PluginInfo[] {
  return readPlan(dir).spec.plugins ?? [];
}

/**
 * The whole sweep from the folders of its shards (or of interrupted runs); `registries` must hold the
 * plugins they were made with (registriesOf(sweepPlugins(dirs[0])) loads them, checking their hashes).
 */
export function mergeSweeps(dirs: readonly string[], registries: Registries = builtinRegistries): SweepResults {
  if (dirs.length === 0) throw new InputError('merge: name at least one sweep folder');
  const plans = dirs.map(readPlan);
  const other = plans.findIndex((p) => p.fingerprint !== plans[0].fingerprint);
  if (other >= 0) {
    const plugins = pluginDifference(plans[0].spec.plugins, plans[other].spec.plugins);
    throw new InputError(`${dirs[other]} holds another sweep than ${dirs[0]}${plugins ? `: ${plugins}` : ''}`);
  }
  const plugins = pluginDifference(plans[0].spec.plugins, registries.plugins);
  if (plugins) throw new InputError(`merge: ${dirs[0]} was made with other plugin code than loaded: ${plugins}`);
  const results = new Map<string, JobResult>();
  for (const d of dirs) savedJobs(d, plans[0].fingerprint, results);
  const plan = planSweep(plans[0].spec, undefined, registries);
  const missing = plan.jobs.filter((j) => !results.has(j.id)).length;
  if (missing > 0) throw new InputError(`merge: ${missing} of ${plan.jobs.length} jobs have no result in ${dirs.join(', ')} (a shard missing or unfinished?)`);
  return { plan, results };
}
