import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';

const PAPER = fileURLToPath(new URL('../../scenarios/paper/cachenet-cifar10.yaml', import.meta.url));

test('paper reproduction (6 of the 10 replications): CacheNet within 15% of 3.2x over device-only and 1.6x over edge-only; accuracy drop between 0 and 2 points', () => {
  const { scenario, baseDir } = loadScenario(PAPER, ['replications=6']);
  const m = Object.fromEntries(runScenario(prepare(scenario, baseDir)).summary.map((s) => [s.strategy, s.metrics]));
  const overDevice = m['device-only'].latency_mean / m.cachenet.latency_mean;
  const overEdge = m['edge-only'].latency_mean / m.cachenet.latency_mean;
  assert.ok(Math.abs(overDevice / 3.2 - 1) <= 0.15, `over device-only: ${overDevice}`);
  assert.ok(Math.abs(overEdge / 1.6 - 1) <= 0.15, `over edge-only: ${overEdge}`);
  const drop = 100 * (m['device-only'].accuracy - m.cachenet.accuracy);
  assert.ok(drop >= 0 && drop <= 2, `accuracy drop ${drop} points`);
  // The calibrated parameter sets the baselines' ratio to the paper's implied 3.2 / 1.6 = 2.
  assert.ok(Math.abs(m['device-only'].latency_mean / m['edge-only'].latency_mean - 2) < 0.01);
});
