/**
 * fallback_accuracy_loss is the accuracy the fallback gives up: on the same frames (common random
 * numbers) the run that waits for loads answers every frame with its application's model, so its
 * accuracy minus the fallback run's is fallback_rate x fallback_accuracy_loss, exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { ROOT } from './helpers.js';

const run = (miss: string) => {
  const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios/edge-models.yaml'), ['frames=400', 'warmupFrames=50', 'replications=1', 'edge-models.policy=lfu', `edge-models.miss=${miss}`]);
  return runScenario(prepare(scenario, baseDir)).runs[0].metrics;
};

test('accuracy(load) - accuracy(fallback) = fallback_rate x fallback_accuracy_loss', () => {
  const load = run('load'), fallback = run('fallback');
  assert.equal(load.drop_rate, 0);
  assert.equal(fallback.drop_rate, 0);
  assert.ok(fallback.fallback_rate > 0.1, `${fallback.fallback_rate}`);
  assert.ok(fallback.fallback_accuracy_loss > 0.2, `${fallback.fallback_accuracy_loss}`);
  assert.ok(Math.abs(load.accuracy - fallback.accuracy - fallback.fallback_rate * fallback.fallback_accuracy_loss) < 1e-12);
  assert.equal(load.fallback_accuracy_loss, undefined, 'no fallback frame, no figure');
});
