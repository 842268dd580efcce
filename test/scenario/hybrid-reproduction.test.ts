/**
 * The hybrid paper's reproduction (docs/reproduction.md): exit rates within 2 points of the paper's at
 * the calibrated tau, and compute_energy_reduction equal to the reduction the stated MAC split and
 * per-MAC energies give at the measured exit rate: within 15% of 5.5x on CIFAR-10; on CIFAR-100 the
 * documented gap (3.8x against 4.8x) is pinned, so a change that closes or widens it is seen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { simulateRun } from '../../src/run/simulate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const E32 = 4.6e-12;

const cases = [
  { file: 'hybrid-cifar10.yaml', exit: 0.65, paper: 5.5, prefix: 182895872 * (0.2 / 64 + 0.03 / 8) * 1e-12, suffix: 209717760 * E32, full: 392612352 * E32, within: [4.675, 6.325] },
  { file: 'hybrid-cifar100.yaml', exit: 0.52, paper: 4.8, prefix: 182907392 * (0.2 / 4 + 0.03 / 2) * 1e-12, suffix: 209740800 * E32, full: 392635392 * E32, within: [3.6, 4.0] },
];

for (const c of cases) {
  test(`scenarios/paper/${c.file}: exit rate within 2 points of ${c.exit}; reduction from the stated MACs (paper ${c.paper}x)`, () => {
    const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios/paper', c.file), ['frames=4000', 'replications=1', 'strategies=[early-exit]']);
    const m = simulateRun(prepare(scenario, baseDir), 'early-exit', 0).metrics;
    assert.ok(Math.abs(m.exit_rate - c.exit) <= 0.02, `exit rate ${m.exit_rate}`);
    const expected = c.full / (c.prefix + (1 - m.exit_rate) * c.suffix);
    assert.ok(Math.abs(m.compute_energy_reduction - expected) <= 1e-9 * expected, `${m.compute_energy_reduction} != ${expected}`);
    assert.ok(m.compute_energy_reduction >= c.within[0] && m.compute_energy_reduction <= c.within[1], `reduction ${m.compute_energy_reduction}`);
  });
}
