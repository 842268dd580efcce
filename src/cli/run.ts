/**
 * `mcsim run`: its command line. What it does is in handlers/run.ts, loaded when it runs, so that
 * `mcsim run --help` loads none of it.
 */
import type { CommandModule } from 'yargs';
import { availableParallelism } from 'node:os';
import { scenarioArgs } from './scenario-args.js';
import { workersOption } from './workers.js';
import { commandInfo } from './commands.js';
import { chartFormatArg } from './chart.js';
import type { RunArgs } from './handlers/run.js';

export const runCommand: CommandModule<object, RunArgs> = {
  ...commandInfo.run,
  builder: (y) =>
    scenarioArgs(y)
      .option('out', { type: 'string', describe: 'Output folder', defaultDescription: 'output.dir of the scenario' })
      .option('per-frame', { type: 'boolean', describe: 'Also write frames.csv (one line per frame)' })
      .option('export-cost-trace', { type: 'boolean', describe: "Also write each run's cache requests with their miss costs (edge-models: the edge's model requests) to cost-traces/, as CSV and oracleGeneral" })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
      .option('chart-format', chartFormatArg('formats of the charts in charts/ (the report page always shows the SVG)'))
      .option('reference', { type: 'string', describe: 'Compare every strategy with this one, replication by replication (sets compare.reference)' })
      .option('workers', workersOption(1, `Worker threads, one run (strategy x replication) at a time each; each pays ~0.3 s of start-up, so they help only long runs (this machine: ${availableParallelism()} cores)`))
      .example('$0 run', 'Run the default scenario (scenarios/default.yaml)')
      .example('$0 run scenarios/default.yaml --set cachenet.tau=0.3 --set device.cache.slots=4', 'Override keys')
      .example('$0 run my.yaml --out reports/my --per-frame', 'Write the report and a per-frame CSV to reports/my') as never,
  handler: async (args) => (await import('./handlers/run.js')).handleRun(args),
};
