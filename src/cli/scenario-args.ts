/** The positional scenario and the --set overrides, shared by the commands that read a scenario. */
import type { Argv } from 'yargs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SCENARIO = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));

export function scenarioArgs<T>(y: Argv<T>) {
  return y
    .positional('scenario', { type: 'string', default: DEFAULT_SCENARIO, describe: 'Scenario file (YAML or JSON)', defaultDescription: 'scenarios/default.yaml' })
    .option('set', { type: 'string', array: true, default: [] as string[], describe: 'Override a key: --set cachenet.tau=0.3 (repeatable)' });
}
