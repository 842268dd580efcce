/** The positional scenario and the --set overrides, shared by the commands that read a scenario. */
import type { Argv } from 'yargs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { defaultMemoryLimitGb, machineMemoryGb } from '../scenario/memory-limit.js';
import { packageRoot } from './package.js';

export const DEFAULT_SCENARIO = join(packageRoot(), 'scenarios', 'default.yaml');

/** `--max-memory-gb`: the limit scenario/resources.ts checks against (default and ceiling in scenario/memory-limit.ts: the heap V8 allows, at most 80% of the memory). */
export function maxMemoryArgs<T>(y: Argv<T>) {
  return y.option('max-memory-gb', {
    type: 'number',
    default: defaultMemoryLimitGb(),
    describe: 'Refuse scenarios estimated to need more memory than this (GB)',
    coerce: (v: number) => {
      if (!(v > 0)) throw new UsageError(`--max-memory-gb '${v}': expected a positive number of gigabytes`);
      const machine = machineMemoryGb();
      if (v > machine) throw new UsageError(`--max-memory-gb '${v}': above this machine's memory (${machine.toPrecision(3)} GB)`);
      return v;
    },
  });
}

export function scenarioArgs<T>(y: Argv<T>) {
  return maxMemoryArgs(y)
    .positional('scenario', { type: 'string', default: DEFAULT_SCENARIO, describe: 'Scenario file (YAML or JSON)', defaultDescription: 'scenarios/default.yaml' })
    .option('set', { type: 'string', array: true, default: [] as string[], describe: 'Override a key: --set cachenet.tau=0.3 (repeatable)' });
}
