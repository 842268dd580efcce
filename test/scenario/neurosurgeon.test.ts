/**
 * The Neurosurgeon reproduction (scenarios/paper/neurosurgeon-alexnet.yaml, docs/reproduction.md): the
 * powers derived from the paper's anchors are what the scenario says, and over each of the paper's
 * networks the planner does what its objective says: the latency-optimal cut is never slower than
 * either end, the energy-optimal cut never costs the phone more energy than either end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { simulateRun } from '../../src/run/simulate.js';
import type { StrategyName } from '../../src/strategies/registry.js';

const FILE = fileURLToPath(new URL('../../scenarios/paper/neurosurgeon-alexnet.yaml', import.meta.url));
const INPUT_BYTES = 618_348;

test('the device powers are the ones the paper\'s anchors give: 0.87 J / 81 ms, 2.41 J over the input\'s LTE upload', () => {
  const { scenario } = loadScenario(FILE);
  assert.ok(Math.abs(scenario.device.power.compute - 0.87 / 0.081) < 0.01);
  const lteUpload = (INPUT_BYTES * 8) / 5.85e6;
  assert.ok(Math.abs(scenario.device.power.transmit - 2.41 / lteUpload) < 0.01);
  assert.equal(scenario.workload.inputBytes, INPUT_BYTES);
});

for (const mbps of [1.1, 5.85, 18.88]) {
  test(`at ${mbps} Mbit/s the latency cut is no slower and the energy cut no costlier for the phone than device-only and edge-only`, () => {
    const run = (objective: string, strategy: StrategyName) => {
      const { scenario, baseDir } = loadScenario(FILE, ['frames=40', 'warmupFrames=5', 'replications=1', `network.uplink.mbps=${mbps}`, `split.objective=${objective}`]);
      return simulateRun(prepare(scenario, baseDir), strategy, 0).metrics;
    };
    const [device, edge] = [run('latency', 'device-only'), run('latency', 'edge-only')];
    const fast = run('latency', 'split'), frugal = run('energy', 'split');
    assert.ok(fast.latency_mean <= Math.min(device.latency_mean, edge.latency_mean) + 1e-9, `latency ${fast.latency_mean}`);
    const phone = (m: typeof device) => m.energy_device_total_j_per_frame;
    assert.ok(phone(frugal) <= Math.min(phone(device), phone(edge)) + 1e-9, `energy ${phone(frugal)}`);
  });
}
