/**
 * Edge batching in whole runs (scenarios/edge-batching.yaml, sim/batch-server.ts): batch size 1 gives
 * the numbers of a server without batching; every frame is answered once; the edge's compute energy is
 * each frame's share of its batch, adding up to power x busy time; and a frame table that grows
 * mid-run (many frames in flight) loses no edge energy (it once did: Remote kept the column array it
 * saw first, and frames in the grown table were charged nothing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHORT = ['frames=400', 'warmupFrames=0', 'replications=1', 'strategies=[edge-only]'];
const POWER = 30, BATCH1 = 0.00608, PER_EXTRA = 0.2118;

function edgeOnly(sets: string[]) {
  const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios/edge-batching.yaml'), [...SHORT, ...sets]);
  return runScenario(prepare(scenario, baseDir)).runs[0].metrics;
}

test('batch size 1 gives exactly the numbers of a server without batching', () => {
  const batched = edgeOnly(['workload.devices=20', 'edge.batching.maxBatch=1']);
  const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios/edge-batching.yaml'), [...SHORT, 'workload.devices=20']);
  delete (scenario.edge as { batching?: unknown }).batching;
  const plain = runScenario(prepare(scenario, baseDir)).runs[0].metrics;
  assert.equal(batched.edge_batch_mean, 1);
  const { edge_batch_mean: _, ...rest } = batched;
  assert.deepEqual(rest, plain);
});

test('every frame answered once at the edge; edge energy = each frame its share of its batch; latency falls as batches grow', () => {
  const at = (maxBatch: number) => edgeOnly(['workload.devices=40', `edge.batching.maxBatch=${maxBatch}`]);
  const one = at(1), eight = at(8);
  for (const m of [one, eight]) {
    assert.equal(m.frames, 40 * 400);
    assert.equal(m.answered_edge, 1);
    assert.equal(m.drop_rate, 0);
  }
  // Without batching every frame costs 30 W x 6.08 ms, in a table that grew to hold thousands of frames in flight.
  assert.ok(Math.abs(one.energy_edge_compute_j_per_frame - POWER * BATCH1) < 1e-12, `${one.energy_edge_compute_j_per_frame}`);
  // With batches of mean size b (as the linear law charges them, in the run's mix of sizes), the
  // energy per frame lies between the cost at the largest batch and at batch 1, and below batch 1.
  const b = eight.edge_batch_mean;
  assert.ok(b > 1 && b <= 8, `mean batch ${b}`);
  const perFrameAt8 = (POWER * BATCH1 * (1 + PER_EXTRA * 7)) / 8;
  assert.ok(eight.energy_edge_compute_j_per_frame < POWER * BATCH1 && eight.energy_edge_compute_j_per_frame > perFrameAt8);
  // Overloaded at batch 1 (200 frames/s offered, 164 served), not with batches.
  assert.ok(one.edge_utilization > 0.99 && eight.edge_utilization < 0.9);
  assert.ok(eight.latency_mean < one.latency_mean / 5, `${eight.latency_mean} vs ${one.latency_mean}`);
});
