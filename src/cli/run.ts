/** `mcsim run`: simulate a scenario, write its report, print the comparison table. */
import type { CommandModule } from 'yargs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { AtomicFileWriter } from '../report/files.js';
import { FRAME_COLUMNS } from '../run/recorder.js';
import { summaryRows, writeRunReport } from '../report/run-report.js';
import { formatTable, withCi } from '../report/table.js';
import { loadScenario } from '../scenario/load.js';
import { prepare, type Prepared } from '../scenario/prepare.js';
import { runScenarioOnWorkers } from '../scenario/run-parallel.js';
import { runScenario, type ScenarioResult } from '../scenario/run.js';
import { progress } from './progress.js';
import { scenarioArgs } from './scenario-args.js';

interface RunArgs {
  scenario: string;
  set: string[];
  out?: string;
  'per-frame'?: boolean;
  quiet: boolean;
  workers: number;
}

/** Runs in this thread, writing the per-frame log (if `framesPath`) atomically. */
function runWithLog(prepared: Prepared, framesPath: string | null, progress: (d: number, t: number) => void): ScenarioResult {
  const frames = framesPath ? new AtomicFileWriter(framesPath) : null;
  frames?.write(FRAME_COLUMNS.join(',') + '\n');
  try {
    const result = runScenario(prepared, { sink: frames ?? undefined, progress });
    frames?.commit();
    return result;
  } catch (err) {
    frames?.abort();
    throw err;
  }
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [scenario]',
  describe: 'Simulate a scenario and write summary.csv/json (+ per-frame CSV)',
  builder: (y) =>
    scenarioArgs(y)
      .option('out', { type: 'string', describe: 'Output folder', defaultDescription: 'output.dir of the scenario' })
      .option('per-frame', { type: 'boolean', describe: 'Also write frames.csv (one line per frame)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
      .option('workers', { type: 'number', default: 1, describe: `Worker threads, one run (strategy x replication) at a time each; pays ~0.3 s of start-up per worker, so for long runs (this machine: ${availableParallelism()} cores)` })
      .example('$0 run', 'Run the default scenario (scenarios/default.yaml)')
      .example('$0 run scenarios/default.yaml --set cachenet.tau=0.3 --set device.cache.slots=4', 'Override keys')
      .example('$0 run my.yaml --out reports/my --per-frame', 'Write the report and a per-frame CSV to reports/my') as never,
  async handler(args) {
    const loaded = loadScenario(args.scenario, args.set);
    const { scenario, baseDir } = loaded;
    const dir = args.out ?? join(process.cwd(), scenario.output.dir);
    const perFrame = args['per-frame'] ?? scenario.output.perFrame;
    // Read and check every file before any run (or worker) starts; the in-thread path runs on it.
    const prepared = prepare(scenario, baseDir);
    const bar = progress(`${scenario.name}: runs`, !args.quiet);
    const update = (d: number, t: number) => bar.update(d, t);
    let result: ScenarioResult;
    try {
      // The per-frame log is written in run order, so it runs in this thread.
      result = perFrame || args.workers <= 1 ? runWithLog(prepared, perFrame ? join(dir, 'frames.csv') : null, update) : await runScenarioOnWorkers(loaded, args.workers, update);
    } finally {
      bar.stop();
    }
    await writeRunReport(dir, scenario, result);
    const rows = summaryRows(result).map((r) => [
      r.strategy,
      withCi(r, 'latency_mean', 1e3, 2),
      withCi(r, 'latency_p95', 1e3, 2),
      withCi(r, 'accuracy', 100, 2),
      withCi(r, 'answered_device', 100, 1),
      withCi(r, 'energy_per_frame_j', 1e3, 1),
      withCi(r, 'bytes_up_per_frame', 1e-3, 2),
    ]);
    console.log(`${scenario.name}: ${scenario.replications} replication(s) x ${scenario.frames} frames per device; mean ± 95% CI\n`);
    console.log(formatTable(['strategy', 'latency ms', 'p95 ms', 'accuracy %', 'on device %', 'active energy mJ', 'up kB'], rows));
    console.log(`\nwrote ${dir}/summary.csv, summary.json, runs.csv, scenario.resolved.json, charts/, report.html${perFrame ? ', frames.csv' : ''}`);
  },
};
