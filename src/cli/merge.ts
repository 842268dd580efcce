/** `mcsim merge`: combine the folders of sweep shards into the report an unsharded sweep writes. */
import type { CommandModule } from 'yargs';
import { checkOutputs } from '../report/output-check.js';
import { commitAfter, FileSet } from '../report/files.js';
import { folderManifest } from '../report/manifest.js';
import { renderThread } from '../report/render-thread.js';
import { writeSweepReport } from '../report/sweep-report.js';
import { registriesOf } from '../scenario/registries.js';
import { mergeSweeps, sweepPlugins, sweepTable } from '../run/sweep-run.js';
import { guardOutputs } from './interrupt.js';
import { commandInfo } from './commands.js';
import { chartFormatArg } from './chart.js';
import type { ChartFormat } from '../report/chart-formats.js';

export const mergeCommand: CommandModule<object, { dirs: string[]; out: string; 'chart-format': ChartFormat[] }> = {
  ...commandInfo.merge,
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Shard output folders' })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for the merged report' })
      .option('chart-format', chartFormatArg('formats of the charts in charts/ (the report page always shows the SVG)'))
      .example('$0 merge sweep/shard-* --out reports/tau', 'After all shards of a job array have finished') as never,
  async handler(args) {
    checkOutputs([{ path: args.out, kind: 'folder' }], args.dirs);
    // The plugins are loaded (and their hashes checked) to read the plan's points against them.
    const registries = args.dirs.length > 0 ? await registriesOf(sweepPlugins(args.dirs[0])) : undefined;
    const result = mergeSweeps(args.dirs, registries);
    const unguard = guardOutputs({ folder: { path: args.out, subfolders: ['charts'] } });
    // The merged report replaces what the previous command wrote into the folder.
    const files = new FileSet(folderManifest(args.out));
    const table = sweepTable(result, registries);
    await commitAfter(files, () => writeSweepReport(args.out, table, { render: renderThread(), files, chartFormats: args['chart-format'] }));
    unguard();
    console.log(`merged ${args.dirs.length} folder(s): ${result.plan.points.length} points; wrote ${args.out}/sweep.csv, runs.csv, sweep.json, charts/, report.html`);
    for (const note of table.notes) console.log(`note: ${note}`);
  },
};
