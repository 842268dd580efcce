/** `mcsim check <plugin>`: runs the contract suite of the plugin's kind against it; exit 1 on any failure. */
import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { checkPolicy, checkPredictor, checkStrategy, formatCheckReport, passed, type CheckReport } from '../check/index.js';
import { loadPlugin } from '../scenario/plugins.js';
import { commandInfo } from './commands.js';

interface CheckArgs {
  plugin: string;
  runs?: number;
  seed?: number;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  ...commandInfo.check,
  builder: (y) =>
    y
      .positional('plugin', { type: 'string', demandOption: true, describe: 'Plugin module (.ts, .js, .mjs) whose default export is made with definePolicy, defineStrategy or definePredictor' })
      .option('runs', { type: 'number', describe: 'Generated cases per property', defaultDescription: '150' })
      .option('seed', { type: 'number', describe: 'fast-check seed, to replay a failure a report names' })
      .example('$0 check ./policies/window-lfu.ts', "A policy against the properties every built-in passes (capacity kept, hit iff cached, victim() is what evict() removes, ...)")
      .example('$0 check ./bw-gate.ts', 'A strategy against the strategy contract (every frame answered or dropped once, parts add up, no label read, ...)') as never,
  async handler(args) {
    const { info, entry } = await loadPlugin(resolve(args.plugin));
    const o = { numRuns: args.runs, seed: args.seed };
    let report: CheckReport;
    if (entry.kind === 'policy') report = await checkPolicy(entry, info.name, o);
    else if (entry.kind === 'strategy') report = await checkStrategy(entry, info.name, o);
    else report = await checkPredictor(entry, info.name, o);
    process.stdout.write(formatCheckReport(report));
    if (!passed(report)) process.exitCode = 1;
  },
};
