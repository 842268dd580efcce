/**
 * `mcsim sweep`: its command line. What it does (run a grid of scenario variations on worker threads;
 * write CSV, JSON, charts, HTML) is in handlers/sweep.ts, loaded when it runs.
 */
import type { CommandModule } from 'yargs';
import { maxMemoryArgs } from './scenario-args.js';
import { workersOption } from './workers.js';
import { commandInfo } from './commands.js';
import { chartFormatArg } from './chart.js';
import type { SweepArgs } from './handlers/sweep.js';

export const sweepCommand: CommandModule<object, SweepArgs> = {
  ...commandInfo.sweep,
  builder: (y) =>
    maxMemoryArgs(y)
      .positional('sweep', { type: 'string', demandOption: true, describe: 'Scenario with a sweep: {grid} block, or a sweep file {scenario, grid}' })
      .option('set', { type: 'string', array: true, default: [] as string[], describe: 'Override a key of the base scenario (repeatable)' })
      .option('out', { type: 'string', describe: 'Output folder', defaultDescription: 'reports/<sweep file name>' })
      .option('workers', workersOption('cores', 'Worker threads'))
      .option('shard', { type: 'string', describe: 'Run only slice i of n (0-based), e.g. 3/16; combine the slices with mcsim merge' })
      .option('resume', { type: 'boolean', default: false, describe: 'Keep the jobs an earlier run finished in --out; run the rest' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
      .option('chart-format', chartFormatArg('formats of the charts in charts/ (the report page always shows the SVG)'))
      .example('$0 sweep scenarios/tau-sweep.yaml', 'Policies x tau on all cores: sweep.csv, charts/*.svg, report.html')
      .example('$0 sweep scenarios/tau-sweep.yaml --shard $SLURM_ARRAY_TASK_ID/16 --out sweep/shard-$SLURM_ARRAY_TASK_ID', 'One slice of a Slurm job array')
      .example('$0 sweep scenarios/tau-sweep.yaml --resume --out reports/tau', 'Finish an interrupted sweep') as never,
  handler: async (args) => (await import('./handlers/sweep.js')).handleSweep(args),
};
