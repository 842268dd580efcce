/**
 * `mcsim check <plugin>`: its command line. What it does (run the contract suite of the plugin's kind
 * against it; exit 1 on any failure) is in handlers/check.ts, loaded when it runs.
 */
import type { CommandModule } from 'yargs';
import { commandInfo } from './commands.js';
import type { CheckArgs } from './handlers/check.js';

export const checkCommand: CommandModule<object, CheckArgs> = {
  ...commandInfo.check,
  builder: (y) =>
    y
      .positional('plugin', { type: 'string', demandOption: true, describe: 'Plugin module (.ts, .js, .mjs) whose default export is made with definePolicy, defineStrategy or definePredictor' })
      .option('runs', { type: 'number', describe: 'Generated cases per property', defaultDescription: '150' })
      .option('seed', { type: 'number', describe: 'fast-check seed, to replay a failure a report names' })
      .example('$0 check ./policies/window-lfu.ts', "A policy against the properties every built-in passes (capacity kept, hit iff cached, victim() is what evict() removes, ...)")
      .example('$0 check ./bw-gate.ts', 'A strategy against the strategy contract (every frame answered or dropped once, parts add up, no label read, ...)') as never,
  handler: async (args) => (await import('./handlers/check.js')).handleCheck(args),
};
