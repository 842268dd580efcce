/** What `mcsim sweep` does: run a grid of scenario variations on worker threads; write CSV, JSON, charts, HTML. */
import { join } from 'node:path';
import { commitAfter, FileSet } from '../../report/files.js';
import { folderManifest } from '../../report/manifest.js';
import { renderThread } from '../../report/render-thread.js';
import { writeSweepReport } from '../../report/sweep-report.js';
import { checkOutputs } from '../../report/output-check.js';
import { expandGrid, parseShard } from '../../scenario/grid.js';
import { requireRereadable, scenarioInputs } from '../../scenario/inputs.js';
import { parseScenario } from '../../scenario/load.js';
import { checkResources, durationNote } from '../../scenario/resources.js';
import type { Registries } from '../../scenario/registries.js';
import { openSweep, pointData, type SweepSpec } from '../../run/sweep.js';
import { runSweep, sweepFiles, sweepTable } from '../../run/sweep-run.js';
import { guardOutputs } from '../interrupt.js';
import { progress } from '../progress.js';
import type { ChartFormat } from '../../report/chart-formats.js';

export interface SweepArgs {
  sweep: string;
  set: string[];
  out?: string;
  workers: number;
  shard?: string;
  resume: boolean;
  quiet: boolean;
  'max-memory-gb': number;
  'chart-format': ChartFormat[];
}

/** Every point within the memory limit, with its workers running at once and every run's summary kept. */
function checkSweepResources(spec: SweepSpec, registries: Registries, workers: number, maxMemoryGb: number): void {
  const points = expandGrid(spec.grid);
  const scenarios = points.map((sets, i) => parseScenario(pointData(spec, sets), `sweep point ${i}`, registries));
  const keptRuns = scenarios.reduce((n, s) => n + s.strategies.length * s.replications, 0);
  scenarios.forEach((s, i) => checkResources(s, `sweep point ${i}`, { registries, maxMemoryGb, workers, keptRuns }));
}

export async function handleSweep(args: SweepArgs): Promise<void> {
  const { spec, registries } = await openSweep(args.sweep, args.set);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const out = args.out ?? join(process.cwd(), 'reports', spec.name);
  checkSweepResources(spec, registries, args.workers, args['max-memory-gb']);
  const inputs = scenarioInputs(args.sweep, spec.raw, spec.baseDir);
  requireRereadable(inputs, args.sweep, args.workers);
  checkOutputs([{ path: out, kind: 'folder' }], [args.sweep, ...inputs]);
  const unguard = guardOutputs({ folder: { path: out, subfolders: ['charts', 'jobs'] } });
  const render = shard ? undefined : renderThread(); // vega loads on another thread while the jobs run
  const bar = progress(`${spec.name}: jobs`, !args.quiet);
  const starting = (todo: readonly { frames: number }[]) => {
    const note = args.quiet ? null : durationNote(todo.reduce((n, j) => n + j.frames, 0), args.workers);
    if (note) process.stderr.write(`${spec.name}: ${note}\n`);
  };
  const result = await runSweep(spec, { out, workers: args.workers, shard, resume: args.resume, registries, starting, progress: (d, t) => bar.update(d, t) }).finally(() => bar.stop());
  if (shard) {
    unguard();
    console.log(`shard ${args.shard}: ${result.plan.mine.length} of ${result.plan.points.length} points (${result.plan.jobs.length} jobs) in ${out}; combine shards with: mcsim merge <shard folders...> --out <folder>`);
    return;
  }
  // The report, the plan and the jobs replace what the previous command wrote into the folder.
  const files = new FileSet(folderManifest(out));
  for (const f of sweepFiles(out, result.plan)) files.keep(f);
  const table = sweepTable(result, registries);
  await commitAfter(files, () => writeSweepReport(out, table, { render, files, chartFormats: args['chart-format'] }));
  unguard();
  console.log(`${result.plan.points.length} points, ${result.plan.jobs.length} distinct runs: wrote ${out}/sweep.csv, runs.csv, sweep.json, charts/, report.html`);
  for (const note of table.notes) console.log(`note: ${note}`);
}
