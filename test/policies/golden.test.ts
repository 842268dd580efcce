/**
 * Validation against libCacheSim: exact miss counts on cloudPhysicsIO (unit sizes), as measured with
 * libCacheSim and quoted in issue 4 (data: ../shared/data/cachetraces, see its PROVENANCE.md); and
 * checks from theory on sprite.trace.gz, for which no published figures are used.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyNames, type PolicyName } from '../../src/policies/registry.js';
import { replayPolicy } from '../../src/mrc/replay.js';
import { lruMissCurve } from '../../src/mrc/stack-distance.js';
import { nextUses } from '../../src/traces/next-use.js';
import { readCacheTrace } from '../../src/traces/read-trace.js';
import { cacheTrace } from '../shared-data.js';

const libCacheSim: Record<number, Partial<Record<PolicyName, number>>> = {
  10: { lru: 107620, lfu: 107693, fifo: 107793, belady: 102486 },
  1000: { lru: 94823, lfu: 95562, fifo: 95520, belady: 87025 },
  20000: { lru: 72053, lfu: 64431, fifo: 72229, belady: 51843 },
};

for (const file of ['cloudPhysicsIO.txt', 'cloudPhysicsIO.oracleGeneral.bin']) {
  test(`${file}: miss counts identical to libCacheSim's`, async () => {
    const trace = await readCacheTrace(cacheTrace(file));
    assert.equal(trace.keys.length, 113_872);
    assert.equal(trace.keySpace, 48_974);
    const next = nextUses(trace.keys, trace.keySpace);
    for (const [capacity, expected] of Object.entries(libCacheSim)) {
      for (const [policy, misses] of Object.entries(expected)) {
        const r = replayPolicy(trace, policy as PolicyName, { capacity: Number(capacity), next });
        assert.equal(r.misses, misses, `${policy} at ${capacity}`);
      }
    }
  });
}

/**
 * libCacheSim (commit aa0fc409) `cachesim cloudPhysicsIO.oracleGeneral.bin oracleGeneral
 * arc,s3fifo,sieve,clock,twoq 100,1000,20000 --ignore-obj-size 1` prints miss ratios to 4 decimals
 * (issue 13 quotes the 1,000 and 20,000 columns); our miss counts are pinned beside them, and must
 * round to the same ratios.
 */
const modern: Record<string, Record<number, [ratio: string, misses: number]>> = {
  arc: { 100: ['0.8547', 97330], 1000: ['0.8257', 94027], 20000: ['0.5657', 64422] },
  s3fifo: { 100: ['0.8509', 96893], 1000: ['0.8256', 94017], 20000: ['0.6184', 70417] },
  sieve: { 100: ['0.8618', 98130], 1000: ['0.8253', 93975], 20000: ['0.5658', 64431] },
  clock: { 100: ['0.8786', 100047], 1000: ['0.8319', 94727], 20000: ['0.6336', 72151] },
  twoq: { 100: ['0.8559', 97458], 1000: ['0.8265', 94117], 20000: ['0.6332', 72103] },
};

test('cloudPhysicsIO: arc, s3fifo, sieve, clock, twoq miss ratios equal libCacheSim\'s to 4 decimals', async () => {
  const trace = await readCacheTrace(cacheTrace('cloudPhysicsIO.oracleGeneral.bin'));
  for (const [policy, bySize] of Object.entries(modern)) {
    for (const [capacity, [ratio, misses]] of Object.entries(bySize)) {
      const r = replayPolicy(trace, policy as PolicyName, { capacity: Number(capacity) });
      assert.equal((r.misses / r.requests).toFixed(4), ratio, `${policy} at ${capacity}`);
      assert.equal(r.misses, misses, `${policy} at ${capacity}`);
    }
  }
});

test('cloudPhysicsIO: LRU stack curve equals LRU replay (unit and bytes)', async () => {
  const trace = await readCacheTrace(cacheTrace('cloudPhysicsIO.oracleGeneral.bin'));
  const unit = lruMissCurve(trace.keys, trace.keySpace);
  for (const c of [1, 10, 1000, 20000, 48_973, 48_974]) assert.equal(unit.at(c).misses, replayPolicy(trace, 'lru', { capacity: c }).misses, `capacity ${c}`);
  assert.equal(unit.at(48_974).misses, 48_974);
  const bytes = lruMissCurve(trace.keys, trace.keySpace, trace.sizes);
  assert.equal(bytes.minCapacity, 69_632);
  assert.equal(bytes.bytes, 4_368_040_448);
  for (const c of [69_632, 1e7, 1e8, 1e9, 2_029_769_728]) {
    const sim = replayPolicy(trace, 'lru', { capacity: c, bytes: true });
    assert.deepEqual([bytes.at(c).misses, bytes.at(c).missBytes], [sim.misses, sim.missBytes], `capacity ${c} bytes`);
  }
  // With the whole working set cached only first requests miss.
  assert.equal(bytes.at(2_029_769_728).missBytes, 2_029_769_728);
});

test('sprite: compulsory misses, Belady optimal, bypass <= Belady, LRU monotone and equal to its stack curve', async () => {
  const trace = await readCacheTrace(cacheTrace('sprite.trace.gz'));
  assert.equal(trace.keys.length, 133_996);
  assert.equal(trace.keySpace, 7_075);
  const next = nextUses(trace.keys, trace.keySpace);
  const curve = lruMissCurve(trace.keys, trace.keySpace);
  let prevLru = Infinity;
  for (const capacity of [1, 10, 50, 100, 500, 1000, 3000, 7075]) {
    const misses = Object.fromEntries(policyNames.map((p) => [p, replayPolicy(trace, p, { capacity, next }).misses])) as Record<PolicyName, number>;
    for (const p of policyNames) {
      assert.ok(misses[p] >= 7_075, `${p} at ${capacity}: fewer misses than distinct objects`);
      // The bypassing oracles may beat Belady (demand paging must insert every miss).
      if (p !== 'belady-bypass' && p !== 'belady-size') assert.ok(misses.belady <= misses[p], `${p} beats belady at ${capacity}`);
    }
    assert.ok(misses['belady-bypass'] <= misses.belady);
    // Unit sizes: belady-size is Belady that skips objects never requested again, which cannot hurt.
    assert.ok(misses['belady-size'] <= misses.belady);
    assert.ok(misses.lru <= prevLru);
    assert.equal(misses.lru, curve.at(capacity).misses);
    prevLru = misses.lru;
    if (capacity === 7075) for (const p of policyNames) assert.equal(misses[p], 7_075, p);
  }
});

test('sprite: random depends on its seed only', async () => {
  const trace = await readCacheTrace(cacheTrace('sprite.trace.gz'));
  const run = (seed: string) => replayPolicy(trace, 'random', { capacity: 500, seed }).misses;
  assert.equal(run('a'), run('a'));
  assert.notEqual(run('a'), run('b'));
});

/**
 * GDSF on cloudPhysicsIO.oracleGeneral.bin, measured with libCacheSim's cachesim (commit aa0fc409,
 * /work/shared/tools/build-cachesim.sh) and read from one added line in its bin/cachesim/main.c that
 * prints result[i].n_miss and n_miss_byte (its 4-decimal ratios agree):
 * `cachesim cloudPhysicsIO.oracleGeneral.bin oracleGeneral gdsf 10000000,100000000,1000000000` and
 * `... gdsf 10,1000,20000 --ignore-obj-size 1`.
 */
const gdsfLibCacheSim = {
  bytes: { 10_000_000: [93742, 4282210304], 100_000_000: [90278, 4233289728], 1_000_000_000: [58912, 2688067584] },
  unit: { 10: 106280, 1000: 94176, 20000: 70479 },
};

test("cloudPhysicsIO: gdsf miss counts identical to libCacheSim's, byte and unit capacities", async () => {
  const trace = await readCacheTrace(cacheTrace('cloudPhysicsIO.oracleGeneral.bin'));
  for (const [capacity, expected] of Object.entries(gdsfLibCacheSim.bytes)) {
    const r = replayPolicy(trace, 'gdsf', { capacity: Number(capacity), bytes: true });
    assert.deepEqual([r.misses, r.missBytes], expected, `gdsf at ${capacity} bytes`);
  }
  for (const [capacity, expected] of Object.entries(gdsfLibCacheSim.unit)) {
    assert.equal(replayPolicy(trace, 'gdsf', { capacity: Number(capacity) }).misses, expected, `gdsf at ${capacity} slots`);
  }
});
