/**
 * `mcsim schema`: print the scenario JSON Schema (for editors: `mcsim schema > scenario.schema.json`).
 * Its command line; zod and the schema load in handlers/schema.ts when it runs.
 */
import type { CommandModule } from 'yargs';
import { commandInfo } from './commands.js';

export const schemaCommand: CommandModule = {
  ...commandInfo.schema,
  builder: (y) => y.example('$0 schema > scenario.schema.json', 'Save it for editor completion'),
  handler: async () => (await import('./handlers/schema.js')).handleSchema(),
};
