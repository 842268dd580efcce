/**
 * `mcsim validate`: its command line. What it does (check a scenario, its schema and every file it names,
 * without running it) is in handlers/validate.ts, loaded when it runs.
 */
import type { CommandModule } from 'yargs';
import { scenarioArgs } from './scenario-args.js';
import { commandInfo } from './commands.js';
import type { ValidateArgs } from './handlers/validate.js';

export const validateCommand: CommandModule<object, ValidateArgs> = {
  ...commandInfo.validate,
  builder: (y) => scenarioArgs(y).example('$0 validate scenarios/default.yaml', 'Exit 0 and print a summary if valid') as never,
  handler: async (args) => (await import('./handlers/validate.js')).handleValidate(args),
};
