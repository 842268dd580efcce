/**
 * `mcsim merge`: its command line. What it does (combine the folders of sweep shards into the report an
 * unsharded sweep writes) is in handlers/merge.ts, loaded when it runs.
 */
import type { CommandModule } from 'yargs';
import { commandInfo } from './commands.js';
import { chartFormatArg } from './chart.js';
import type { MergeArgs } from './handlers/merge.js';

export const mergeCommand: CommandModule<object, MergeArgs> = {
  ...commandInfo.merge,
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Shard output folders' })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for the merged report' })
      .option('chart-format', chartFormatArg('formats of the charts in charts/ (the report page always shows the SVG)'))
      .example('$0 merge sweep/shard-* --out reports/tau', 'After all shards of a job array have finished') as never,
  handler: async (args) => (await import('./handlers/merge.js')).handleMerge(args),
};
