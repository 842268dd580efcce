import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayPolicy } from '../../src/mrc/replay.js';
import { readCacheTrace } from '../../src/traces/read-trace.js';
import { traceStats } from '../../src/mrc/trace-stats.js';
import type { CacheTrace } from '../../src/traces/cache-trace.js';
import { cacheTrace } from '../shared-data.js';

const trace = (keys: number[]): CacheTrace => ({ file: 'test', keys: Int32Array.from(keys), keySpace: Math.max(...keys) + 1 });

test('trace statistics of a hand-made trace', () => {
  // Reuse times: key 0 at 2 and 4 (2, 2), key 1 at 5 (4); key 2 once.
  const s = traceStats(trace([0, 1, 0, 2, 0, 1]));
  assert.equal(s.requests, 6);
  assert.equal(s.objects, 3);
  assert.equal(s.oneHitWonders, 1);
  assert.equal(s.compulsoryMissRatio, 0.5);
  assert.equal(s.reuseTimeP50, 2);
  assert.equal(s.reuseTimeP90, 4);
  // 3 re-requests can hit; LRU with 2 slots hits the two requests of 0, with 3 all three.
  assert.equal(s.lruSizeFor50PercentHits, 2);
  assert.equal(s.lruSizeFor90PercentHits, 3);
  assert.equal(s.bytes, undefined);
});

test('a Zipf(1) popularity is fitted as alpha = 1', () => {
  // Object r (rank r + 1) requested 840 / (r + 1) times: frequency exactly proportional to 1 / rank.
  const keys: number[] = [];
  for (let r = 0; r < 8; r++) for (let i = 0; i < 840 / (r + 1); i++) keys.push(r);
  const s = traceStats(trace(keys));
  assert.ok(Math.abs(s.zipfAlpha - 1) < 1e-9, `${s.zipfAlpha}`);
});

test('cloudPhysicsIO: the figures its PROVENANCE states, and LRU at the reported sizes reaches the reported share of hits', async () => {
  const t = await readCacheTrace(cacheTrace('cloudPhysicsIO.oracleGeneral.bin'));
  const s = traceStats(t);
  assert.equal(s.requests, 113_872);
  assert.equal(s.objects, 48_974);
  assert.equal(s.oneHitWonders, 21_049);
  assert.equal(s.bytes, 4_368_040_448);
  assert.equal(s.workingSetBytes, 2_029_769_728);
  const reachable = s.requests - s.objects;
  for (const [size, share] of [[s.lruSizeFor50PercentHits, 0.5], [s.lruSizeFor90PercentHits, 0.9]] as const) {
    const hits = (c: number) => s.requests - replayPolicy(t, 'lru', { capacity: c }).misses;
    assert.ok(hits(size) >= share * reachable && hits(size - 1) < share * reachable, `LRU at ${size} slots`);
  }
});
