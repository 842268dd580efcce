/**
 * belady-size (libCacheSim's BeladySize, exact variant): a hand case where size decides against plain
 * Belady, and the bundled cloudPhysicsIO trace with byte capacities against cachesim's sampled variant
 * (commit aa0fc409, `cachesim cloudPhysicsIO.oracleGeneral.bin oracleGeneral beladySize
 * 10000000,100000000,1000000000`: miss ratios 0.7928, 0.6787, 0.4361; 128 objects sampled an eviction,
 * so the exact scan does as well or better).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access } from '../../src/policies/policy.js';
import { beladySize } from '../../src/policies/belady-size.js';
import { replayPolicy } from '../../src/mrc/replay.js';
import { readCacheTrace } from '../../src/traces/read-trace.js';
import { nextUses } from '../../src/traces/next-use.js';
import { cacheTrace } from '../shared-data.js';

test('size x distance decides: the big object needed soon goes before the small one needed later', () => {
  // Capacity 10: A (8 bytes, next at 10) and B (2 bytes, next at 20) cached at request 2; C (2 bytes) misses.
  // Belady would evict B (farther); size x distance: A 8 x 8 = 64 > B 2 x 18 = 36, so A goes.
  const cache = beladySize({ capacity: 10, keySpace: 3 });
  cache.position!(0);
  access(cache, 0, 8, 10);
  cache.position!(1);
  access(cache, 1, 2, 20);
  cache.position!(2);
  access(cache, 2, 2, 30);
  assert.ok(!cache.has(0) && cache.has(1) && cache.has(2));
  cache.position!(3);
  assert.equal(access(cache, 1, 2, Infinity), true);
  assert.equal(cache.victim(), 1, 'an object never requested again goes first');
  assert.equal(cache.admit!(0, 8, Infinity), false, 'and is not inserted when it misses');
});

test('cloudPhysicsIO, byte capacities: pinned miss counts, each at or below cachesim\'s sampled BeladySize and within 0.5 points of it', async () => {
  const trace = await readCacheTrace(cacheTrace('cloudPhysicsIO.oracleGeneral.bin'));
  const next = nextUses(trace.keys, trace.keySpace);
  const cachesim = { 10_000_000: 0.7928, 100_000_000: 0.6787, 1_000_000_000: 0.4361 };
  const pinned = { 10_000_000: 89948, 100_000_000: 77105, 1_000_000_000: 49656 };
  for (const [capacity, ratio] of Object.entries(cachesim)) {
    const r = replayPolicy(trace, 'belady-size', { capacity: Number(capacity), bytes: true, next });
    assert.equal(r.misses, pinned[Number(capacity) as keyof typeof pinned], `misses at ${capacity}`);
    const ours = r.misses / r.requests;
    assert.ok(ours <= ratio + 5e-5 && ratio - ours < 0.005, `${ours} vs cachesim ${ratio} at ${capacity}`);
    assert.ok(r.misses <= replayPolicy(trace, 'belady', { capacity: Number(capacity), bytes: true, next }).misses, 'fewer misses than size-blind Belady here');
  }
});
