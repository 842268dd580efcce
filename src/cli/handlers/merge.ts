/** What `mcsim merge` does: combine the folders of sweep shards into the report an unsharded sweep writes. */
import { checkOutputs } from '../../report/output-check.js';
import { commitAfter, FileSet } from '../../report/files.js';
import { folderManifest } from '../../report/manifest.js';
import { renderThread } from '../../report/render-thread.js';
import { writeSweepReport } from '../../report/sweep-report.js';
import { registriesOf } from '../../scenario/registries.js';
import { mergeSweeps, sweepPlugins, sweepTable } from '../../run/sweep-run.js';
import type { ChartFormat } from '../../report/chart-formats.js';
import { guardOutputs } from '../interrupt.js';

export interface MergeArgs {
  dirs: string[];
  out: string;
  'chart-format': ChartFormat[];
}

export async function handleMerge(args: MergeArgs): Promise<void> {
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
}
