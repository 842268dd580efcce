/** `mcsim validate`: check a scenario (schema and every file it names) without running it. */
import type { CommandModule } from 'yargs';
import { replicationNote } from '../report/summary.js';
import { openScenario } from '../scenario/load.js';
import { prepare } from '../scenario/prepare.js';
import { checkResources } from '../scenario/resources.js';
import { checkStrategies } from '../run/simulate.js';
import { scenarioArgs } from './scenario-args.js';
import { commandInfo } from './commands.js';

export const validateCommand: CommandModule<object, { scenario: string; set: string[]; 'max-memory-gb': number }> = {
  ...commandInfo.validate,
  builder: (y) => scenarioArgs(y).example('$0 validate scenarios/default.yaml', 'Exit 0 and print a summary if valid') as never,
  async handler(args) {
    const { scenario, baseDir, registries } = await openScenario(args.scenario, args.set);
    checkResources(scenario, args.scenario, { registries, maxMemoryGb: args['max-memory-gb'] });
    const p = prepare(scenario, baseDir, undefined, registries);
    checkStrategies(p);
    console.log(
      `${args.scenario}: valid. ${scenario.strategies.join(', ')}; ${scenario.workload.devices} device(s) x ${scenario.frames} frames x ${scenario.replications} replication(s); ${p.outcomes.classes} classes${p.partitions.length > 0 ? ` in ${p.partitions.length} partitions` : ''}.`,
    );
    for (const note of [...p.notes, ...replicationNote(scenario.replications)]) console.log(`note: ${note}`);
  },
};
