/** What `mcsim check <plugin>` does: run the contract suite of the plugin's kind against it; exit 1 on any failure. */
import { resolve } from 'node:path';
import { checkPolicy, checkPredictor, checkStrategy, formatCheckReport, passed, type CheckReport } from '../../check/index.js';
import { loadPlugin } from '../../scenario/plugins.js';

export interface CheckArgs {
  plugin: string;
  runs?: number;
  seed?: number;
}

export async function handleCheck(args: CheckArgs): Promise<void> {
  const { info, entry } = await loadPlugin(resolve(args.plugin));
  const o = { numRuns: args.runs, seed: args.seed };
  let report: CheckReport;
  if (entry.kind === 'policy') report = await checkPolicy(entry, info.name, o);
  else if (entry.kind === 'strategy') report = await checkStrategy(entry, info.name, o);
  else report = await checkPredictor(entry, info.name, o);
  process.stdout.write(formatCheckReport(report));
  if (!passed(report)) process.exitCode = 1;
}
