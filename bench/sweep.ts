/**
 * Sweep throughput: one small sweep (the test fixture's scenario, 5 policies x 8 cache sizes = 40
 * points) with 1 and 2 worker threads; ratio = 2-worker rate / 1-worker rate, the parallel speed-up
 * (worker start-up included).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSweep, planSweep, type SweepSpec } from '../src/run/sweep.js';
import { runSweep } from '../src/run/sweep-run.js';
import type { BenchCase } from './harness.js';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/tiny-sweep.yaml', import.meta.url));

function spec(): SweepSpec {
  return { ...loadSweep(FIXTURE, ['frames=60000']), grid: { 'cachenet.policy': ['lru', 'lfu', 'fifo', 'random', 'belady'], 'device.cache.slots': [1, 2, 3, 4, 5, 6, 7, 8] } };
}

async function sweepOnce(workers: number): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'mcsim-bench-'));
  try {
    await runSweep(spec(), { out, workers });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function sweepCases(): BenchCase[] {
  return [{ name: 'sweep-2-workers-vs-1', unit: 'points/s', work: planSweep(spec()).points.length, rounds: 3, subject: () => sweepOnce(2), baseline: () => sweepOnce(1) }];
}
