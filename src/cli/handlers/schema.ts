/** What `mcsim schema` does: print the JSON Schema of scenario files. */
import { z } from 'zod';
import { scenarioSchema } from '../../scenario/schema.js';

export function handleSchema(): void {
  console.log(JSON.stringify(z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }), null, 2));
}
