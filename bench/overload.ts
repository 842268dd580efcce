/**
 * Scale and overload (issue 13): scenarios/multi-device.yaml, cachenet only, one replication, at 16,
 * 64, 100 and 1,000 devices. `fixed`: one LTE cell and one edge GPU whatever the device count, so
 * from about 32 devices the uplink is overloaded and its backlog grows for the whole run; `scaled`:
 * cell bandwidth and edge workers x N / 8, the capacity-scaled reference. Each case simulates about
 * 60,000 frames in all (frames per device = 60,000 / N, at least 60); the figure is frames/s, and the
 * extra is the process's peak RSS after it (a backlog that cost memory per event would show here).
 *
 * `multi-device-10000x<F>` (issue 21): 10,000 devices x F frames on the scaled capacity (cell bandwidth
 * x 5,000, 1,250 edge workers), one run in a fresh process on the compiled build (scenario.ts'
 * scenarioRun): its frames/s and peak RSS, at F = 50 and 500 (5 M frames): memory bounded in the
 * frames means the same peak at both.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../src/scenario/load.js';
import { prepare } from '../src/scenario/prepare.js';
import { simulateRun } from '../src/run/simulate.js';
import type { BenchCase } from './harness.js';
import { scenarioRun } from './scenario.js';

const SCENARIO = join(fileURLToPath(new URL('..', import.meta.url)), 'scenarios', 'multi-device.yaml');

/** The `--set`s of `devices` x `frames` cachenet frames; scaled: the cell and the edge grow with the devices (the scenario's 8 devices get the trace x 4 and one worker). */
function overloadSets(devices: number, frames: number, capacity: 'fixed' | 'scaled'): string[] {
  const scale = (4 * devices) / 8;
  const sets = [`workload.devices=${devices}`, `frames=${frames}`, 'warmupFrames=0', 'replications=1', 'strategies=[cachenet]'];
  if (capacity === 'scaled') sets.push(`network.uplink.scale=${scale}`, `network.downlink.scale=${scale}`, `edge.workers=${Math.ceil(devices / 8)}`);
  return sets;
}

export function overloadCase(devices: number, capacity: 'fixed' | 'scaled'): BenchCase {
  const frames = Math.max(60, Math.round(60_000 / devices));
  const { scenario, baseDir } = loadScenario(SCENARIO, overloadSets(devices, frames, capacity));
  const prepared = prepare(scenario, baseDir);
  return {
    name: `overload-${capacity}-${devices}-devices`,
    unit: 'frames/s',
    work: frames * devices,
    // The first round also compiles the simulator's hot paths: three rounds, the best kept.
    rounds: 3,
    subject: () => simulateRun(prepared, 'cachenet', 0),
    events: () => simulateRun(prepared, 'cachenet', 0).events,
    extra: () => ({ max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }),
  };
}

function multiDeviceCase(devices: number, frames: number): BenchCase {
  return {
    name: `multi-device-${devices}x${frames}`,
    unit: 'frames/s',
    work: devices * frames,
    rounds: 1,
    subject: () => scenarioRun(SCENARIO, 'cachenet', 1, overloadSets(devices, frames, 'scaled')),
  };
}

export const overloadCases = (): BenchCase[] => [
  ...[16, 64, 100, 1000].flatMap((n) => [overloadCase(n, 'fixed'), overloadCase(n, 'scaled')]),
  multiDeviceCase(10_000, 50),
  multiDeviceCase(10_000, 500),
];
