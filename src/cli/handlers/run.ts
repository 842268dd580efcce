/** What `mcsim run` does: simulate a scenario, write its report, print the comparison table. */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commitAfter, FileSet, StreamedFile } from '../../report/files.js';
import { folderManifest } from '../../report/manifest.js';
import { checkOutputs } from '../../report/output-check.js';
import { CostTraces } from '../../world/cost-trace.js';
import { FRAME_COLUMNS } from '../../world/recorder.js';
import { renderThread } from '../../report/render-thread.js';
import { summaryRows, writeRunReport } from '../../report/run-report.js';
import { terminalTable } from '../../report/table.js';
import { openScenario } from '../../scenario/load.js';
import { prepare, type Prepared } from '../../scenario/prepare.js';
import { runScenarioOnWorkers } from '../../run/run-parallel.js';
import type { ScenarioResult } from '../../report/results.js';
import { runScenarioSteps, stepsLettingIn } from '../../run/run.js';
import { requireRereadable, scenarioInputs } from '../../scenario/inputs.js';
import { checkResources, durationNote } from '../../scenario/resources.js';
import { guardOutputs } from '../interrupt.js';
import { progress } from '../progress.js';
import type { ChartFormat } from '../../report/chart-formats.js';

export interface RunArgs {
  scenario: string;
  set: string[];
  out?: string;
  'per-frame'?: boolean;
  'export-cost-trace'?: boolean;
  quiet: boolean;
  workers: number;
  reference?: string;
  'max-memory-gb': number;
  'chart-format': ChartFormat[];
}

/** Files a run writes into its folder (checked before the run, so none can overwrite an input). */
const RUN_FILES = ['summary.csv', 'summary.json', 'runs.csv', 'scenario.resolved.json', 'report.html', 'charts', 'frames.csv', 'cost-traces'];
const FOLDERS = new Set(['charts', 'cost-traces']);

/**
 * Runs in this thread, writing the per-frame log (if `framesPath`) into `files` (it appears with the
 * report); lets the event loop in every few milliseconds, so a signal is handled at once
 * (cli/interrupt.ts).
 */
async function runWithLog(prepared: Prepared, framesPath: string | null, costTraceDir: string | null, files: FileSet, progress: (d: number, t: number) => void): Promise<ScenarioResult> {
  const frames = framesPath ? new StreamedFile(framesPath) : null;
  frames?.write(FRAME_COLUMNS.join(',') + '\n');
  const traces = new Map<string, CostTraces>();
  const costTrace = costTraceDir
    ? (strategy: string, rep: number) => {
        const run = new CostTraces();
        traces.set(`${strategy}-r${rep}`, run);
        return run;
      }
    : undefined;
  try {
    const result = await stepsLettingIn(runScenarioSteps(prepared, { sink: frames ?? undefined, progress, costTrace }));
    if (frames) files.adopt(frames);
    // Only the runs that made cache requests (edge-models) have traces: one per cache (edge server).
    for (const [name, run] of traces) {
      run.caches.forEach((trace, cache) => {
        if (trace.length === 0) return;
        files.write(join(costTraceDir!, `${name}-edge${cache}.csv`), trace.csv());
        files.write(join(costTraceDir!, `${name}-edge${cache}.oracleGeneral.bin`), trace.oracleGeneral());
      });
    }
    return result;
  } catch (err) {
    frames?.abort();
    throw err;
  }
}

export async function handleRun(args: RunArgs): Promise<void> {
  const loaded = await openScenario(args.scenario, args.reference === undefined ? args.set : [...args.set, `compare={reference: ${args.reference}}`]);
  const { scenario, baseDir, registries } = loaded;
  // output.dir may be absolute; a relative one is relative to the working folder.
  const dir = args.out ?? resolve(process.cwd(), scenario.output.dir);
  const perFrame = args['per-frame'] ?? scenario.output.perFrame;
  const costTraces = args['export-cost-trace'] === true;
  // Check the bounds, read and check every file and every output before any run (or worker) starts.
  const threads = perFrame || costTraces ? 1 : args.workers;
  checkResources(scenario, args.scenario, { registries, maxMemoryGb: args['max-memory-gb'], workers: threads, frameLogDir: perFrame ? dir : undefined });
  const prepared = prepare(scenario, baseDir, undefined, registries);
  for (const note of prepared.notes) console.log(`note: ${note}`);
  const inputs = scenarioInputs(args.scenario, loaded.raw, baseDir);
  requireRereadable(inputs, args.scenario, threads);
  checkOutputs([{ path: dir, kind: 'folder' }, ...RUN_FILES.map((f) => ({ path: join(dir, f), kind: FOLDERS.has(f) ? ('folder' as const) : ('file' as const) }))], inputs);
  const unguard = guardOutputs({ folder: { path: dir, subfolders: [...FOLDERS] } });
  const render = renderThread(); // vega loads on another thread while the runs go
  const note = args.quiet ? null : durationNote(scenario.strategies.length * scenario.replications * scenario.workload.devices * scenario.frames, threads);
  if (note) process.stderr.write(`${scenario.name}: ${note}\n`);
  const bar = progress(`${scenario.name}: runs`, !args.quiet);
  const update = (d: number, t: number) => bar.update(d, t);
  // The per-frame log and the report, renamed into place together, replacing the previous run's set.
  const files = new FileSet(folderManifest(dir));
  const result = await commitAfter(files, async () => {
    let result: ScenarioResult;
    try {
      // The per-frame log and the cost traces are written in run order, so they run in this thread.
      result = threads <= 1
        ? await runWithLog(prepared, perFrame ? join(dir, 'frames.csv') : null, costTraces ? join(dir, 'cost-traces') : null, files, update)
        : await runScenarioOnWorkers(loaded, args.workers, update);
    } finally {
      bar.stop();
    }
    // The resolved scenario and the summary name the plugins' code by hash.
    await writeRunReport(dir, registries.plugins.length > 0 ? { ...scenario, plugins: registries.plugins } : scenario, result, { render, files, chartFormats: args['chart-format'] });
    return result;
  });
  unguard();
  // The terminal shows the main columns; report.html has them all.
  const reference = scenario.compare?.reference;
  console.log(`${scenario.name}: ${scenario.replications} replication(s) x ${scenario.frames} frames per device; mean ± 95% CI${reference ? '; Δ: paired difference ± paired 95% CI' : ''}\n`);
  console.log(terminalTable(summaryRows(result), result.metrics, reference));
  for (const note of result.notes) console.log(`note: ${note}`);
  const traced = costTraces && existsSync(join(dir, 'cost-traces')) && readdirSync(join(dir, 'cost-traces')).length > 0;
  console.log(`\nwrote ${dir}/summary.csv, summary.json, runs.csv, scenario.resolved.json, charts/, report.html${perFrame ? ', frames.csv' : ''}${traced ? ', cost-traces/' : ''}`);
  if (costTraces && !traced) console.log('note: --export-cost-trace: no strategy of this scenario made cache requests (edge-models does), so no cost trace was written');
}
