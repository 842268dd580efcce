/** `mcsim schema`: print the scenario JSON Schema (for editors: `mcsim schema > scenario.schema.json`). */
import type { CommandModule } from 'yargs';
import { z } from 'zod';
import { scenarioSchema } from '../scenario/schema.js';
import { commandInfo } from './commands.js';

export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' });
}

export const schemaCommand: CommandModule = {
  ...commandInfo.schema,
  builder: (y) => y.example('$0 schema > scenario.schema.json', 'Save it for editor completion'),
  handler() {
    console.log(JSON.stringify(scenarioJsonSchema(), null, 2));
  },
};
