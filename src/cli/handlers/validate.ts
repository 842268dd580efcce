/** What `mcsim validate` does: check a scenario (schema and every file it names) without running it. */
import { replicationNote } from '../../report/summary.js';
import { openScenario } from '../../scenario/load.js';
import { prepare } from '../../scenario/prepare.js';
import { checkResources } from '../../scenario/resources.js';
import { checkStrategies } from '../../run/simulate.js';

export interface ValidateArgs {
  scenario: string;
  set: string[];
  'max-memory-gb': number;
}

export async function handleValidate(args: ValidateArgs): Promise<void> {
  const { scenario, baseDir, registries } = await openScenario(args.scenario, args.set);
  checkResources(scenario, args.scenario, { registries, maxMemoryGb: args['max-memory-gb'] });
  const p = prepare(scenario, baseDir, undefined, registries);
  checkStrategies(p);
  console.log(
    `${args.scenario}: valid. ${scenario.strategies.join(', ')}; ${scenario.workload.devices} device(s) x ${scenario.frames} frames x ${scenario.replications} replication(s); ${p.outcomes.classes} classes${p.partitions.length > 0 ? ` in ${p.partitions.length} partitions` : ''}.`,
  );
  for (const note of [...p.notes, ...replicationNote(scenario.replications)]) console.log(`note: ${note}`);
}
