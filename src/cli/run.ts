/** `mcsim run`: simulate a scenario, write its report, print the comparison table. */
import type { CommandModule } from 'yargs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { FileSet, StreamedFile } from '../report/files.js';
import { checkOutputs } from '../report/output-check.js';
import { FRAME_COLUMNS } from '../run/recorder.js';
import { renderThread } from '../report/render-thread.js';
import { summaryRows, writeRunReport } from '../report/run-report.js';
import { formatTable, summaryCells, SUMMARY_COLUMNS, withCi } from '../report/table.js';
import { loadScenario } from '../scenario/load.js';
import { prepare, type Prepared } from '../scenario/prepare.js';
import { runScenarioOnWorkers } from '../scenario/run-parallel.js';
import { runScenarioSteps, type ScenarioResult } from '../scenario/run.js';
import { requireRereadable, scenarioInputs } from '../scenario/inputs.js';
import { checkResources } from '../scenario/resources.js';
import { guardOutputs } from './interrupt.js';
import { progress } from './progress.js';
import { scenarioArgs } from './scenario-args.js';
import { workersOption } from './workers.js';
import { commandInfo } from './commands.js';

interface RunArgs {
  scenario: string;
  set: string[];
  out?: string;
  'per-frame'?: boolean;
  quiet: boolean;
  workers: number;
  reference?: string;
  'max-memory-gb': number;
}

const TERMINAL_COLUMNS = ['latency_mean', 'latency_p95', 'accuracy', 'answered_device', 'energy_device_total_j_per_frame', 'energy_system_total_j_per_frame', 'bytes_up_per_frame'];

/** Files a run writes into its folder (checked before the run, so none can overwrite an input). */
const RUN_FILES = ['summary.csv', 'summary.json', 'runs.csv', 'scenario.resolved.json', 'report.html', 'charts', 'frames.csv'];

/**
 * Runs in this thread, writing the per-frame log (if `framesPath`) into `files` (it appears with the
 * report); lets the event loop in after each run, so SIGINT and SIGTERM are handled
 * (cli/interrupt.ts) between runs.
 */
async function runWithLog(prepared: Prepared, framesPath: string | null, files: FileSet, progress: (d: number, t: number) => void): Promise<ScenarioResult> {
  const frames = framesPath ? new StreamedFile(framesPath) : null;
  frames?.write(FRAME_COLUMNS.join(',') + '\n');
  try {
    const steps = runScenarioSteps(prepared, { sink: frames ?? undefined, progress });
    let step = steps.next();
    while (!step.done) {
      await new Promise(setImmediate);
      step = steps.next();
    }
    if (frames) files.adopt(frames);
    return step.value;
  } catch (err) {
    frames?.abort();
    throw err;
  }
}

export const runCommand: CommandModule<object, RunArgs> = {
  ...commandInfo.run,
  builder: (y) =>
    scenarioArgs(y)
      .option('out', { type: 'string', describe: 'Output folder', defaultDescription: 'output.dir of the scenario' })
      .option('per-frame', { type: 'boolean', describe: 'Also write frames.csv (one line per frame)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
      .option('reference', { type: 'string', describe: 'Compare every strategy with this one, replication by replication (sets compare.reference)' })
      .option('workers', workersOption(1, `Worker threads, one run (strategy x replication) at a time each; each pays ~0.3 s of start-up, so they help only long runs (this machine: ${availableParallelism()} cores)`))
      .example('$0 run', 'Run the default scenario (scenarios/default.yaml)')
      .example('$0 run scenarios/default.yaml --set cachenet.tau=0.3 --set device.cache.slots=4', 'Override keys')
      .example('$0 run my.yaml --out reports/my --per-frame', 'Write the report and a per-frame CSV to reports/my') as never,
  async handler(args) {
    const loaded = loadScenario(args.scenario, args.reference === undefined ? args.set : [...args.set, `compare={reference: ${args.reference}}`]);
    const { scenario, baseDir } = loaded;
    // output.dir may be absolute; a relative one is relative to the working folder.
    const dir = args.out ?? resolve(process.cwd(), scenario.output.dir);
    const perFrame = args['per-frame'] ?? scenario.output.perFrame;
    // Check the bounds, read and check every file and every output before any run (or worker) starts.
    const threads = perFrame ? 1 : args.workers;
    checkResources(scenario, args.scenario, { maxMemoryGb: args['max-memory-gb'], workers: threads, frameLogDir: perFrame ? dir : undefined });
    const prepared = prepare(scenario, baseDir);
    const inputs = scenarioInputs(args.scenario, loaded.raw, baseDir);
    requireRereadable(inputs, args.scenario, threads);
    checkOutputs([{ path: dir, kind: 'folder' }, ...RUN_FILES.map((f) => ({ path: join(dir, f), kind: f === 'charts' ? ('folder' as const) : ('file' as const) }))], inputs);
    const unguard = guardOutputs([dir]);
    const render = renderThread(); // vega loads on another thread while the runs go
    const bar = progress(`${scenario.name}: runs`, !args.quiet);
    const update = (d: number, t: number) => bar.update(d, t);
    const files = new FileSet(); // the per-frame log and the report, renamed into place together
    let result: ScenarioResult;
    try {
      try {
        // The per-frame log is written in run order, so it runs in this thread.
        result = threads <= 1 ? await runWithLog(prepared, perFrame ? join(dir, 'frames.csv') : null, files, update) : await runScenarioOnWorkers(loaded, args.workers, update);
      } finally {
        bar.stop();
      }
      await writeRunReport(dir, scenario, result, { render, files });
      files.commit();
    } catch (err) {
      files.abort();
      throw err;
    }
    unguard();
    // The terminal shows the main columns; report.html has them all.
    const reference = scenario.compare?.reference;
    const paired = (r: Record<string, number>, key: string, scale: number) => (r.strategy === (reference as unknown) ? 'reference' : withCi(r, `${key}_vs_ref`, scale, 2));
    const columns = SUMMARY_COLUMNS.filter((c) => TERMINAL_COLUMNS.includes(c.key));
    const rows = summaryRows(result).map((r) => [
      ...summaryCells(r as { strategy: string } & Record<string, number>, columns),
      ...(reference ? [paired(r, 'latency_mean', 1e3), paired(r, 'accuracy', 100)] : []),
    ]);
    const header = ['strategy', ...columns.map((c) => c.title), ...(reference ? [`Δ latency ms vs ${reference}`, 'Δ accuracy pts'] : [])];
    console.log(`${scenario.name}: ${scenario.replications} replication(s) x ${scenario.frames} frames per device; mean ± 95% CI${reference ? '; Δ: paired difference ± paired 95% CI' : ''}\n`);
    console.log(formatTable(header, rows));
    console.log(`\nwrote ${dir}/summary.csv, summary.json, runs.csv, scenario.resolved.json, charts/, report.html${perFrame ? ', frames.csv' : ''}`);
  },
};
