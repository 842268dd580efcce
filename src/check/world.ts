/**
 * The world a strategy is checked in when the caller gives none: the bundled all-strategies scenario
 * (real CIFAR-10 model outputs, an LTE trace, partitions with an encoder, a cloud behind a WAN),
 * shortened, with two devices on one shared channel, Poisson arrivals and a one-frame device queue, so
 * that frames queue, contend and are sometimes dropped. Every built-in strategy runs in it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../scenario/load.js';
import { prepare, type Prepared } from '../scenario/prepare.js';

const SCENARIO = join('scenarios', 'all-strategies.yaml');

/** The settings over the bundled scenario (its own frames and replications are for a study, not a check). */
export const CHECK_SETS = ['frames=300', 'warmupFrames=40', 'replications=1', 'workload.devices=2', 'network.shared=true', 'workload.arrivals={kind: poisson, fps: 4}', 'device.maxQueue=1'];

/** The bundled scenario file: found upwards from this module (src/check in the repository, dist/src/check installed). */
export function checkScenarioPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, SCENARIO))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`${SCENARIO} not found above ${fileURLToPath(import.meta.url)}: the package is incomplete`);
    dir = up;
  }
  return join(dir, SCENARIO);
}

/** The check world, with `sets` (scenario key=value overrides) after CHECK_SETS. */
export function checkWorld(...sets: string[]): Prepared {
  const { scenario, baseDir } = loadScenario(checkScenarioPath(), [...CHECK_SETS, ...sets]);
  return prepare(scenario, baseDir);
}
