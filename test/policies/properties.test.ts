/** Properties from caching theory, over arbitrary sequences (unit sizes unless said otherwise). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { policyNames } from '../../src/policies/registry.js';
import { replayPolicy } from '../../src/mrc/replay.js';
import { lruMissCurve, type MissCurve } from '../../src/mrc/stack-distance.js';
import type { CacheTrace } from '../../src/traces/cache-trace.js';
import { requests, type Requests } from '../../src/check/policy.js';

const asTrace = (r: Requests): CacheTrace => ({ file: 'gen', keys: Int32Array.from(r.keys), sizes: Uint32Array.from(r.sizes), keySpace: r.keySpace });
const distinct = (r: Requests) => new Set(r.keys).size;

/** steps() lists exactly the capacities where the curve changes, and their values. */
function checkSteps(curve: MissCurve): void {
  const steps = curve.steps();
  assert.equal(steps[0].capacity, curve.minCapacity);
  for (let j = 0; j < steps.length; j++) {
    assert.deepEqual(curve.at(steps[j].capacity), steps[j]);
    if (j === 0) continue;
    assert.ok(steps[j].misses < steps[j - 1].misses);
    assert.equal(curve.at(steps[j].capacity - 1).misses, steps[j - 1].misses);
  }
  assert.equal(steps.at(-1)!.misses, curve.coldMisses);
}

test('LRU inclusion: misses never increase with capacity', () => {
  fc.assert(
    fc.property(requests(15, 1, 150), (r) => {
      const t = asTrace(r);
      let prev = Infinity;
      for (let c = 0; c <= r.keySpace + 1; c++) {
        const m = replayPolicy(t, 'lru', { capacity: c }).misses;
        assert.ok(m <= prev, `capacity ${c}: ${m} misses > ${prev} at ${c - 1}`);
        prev = m;
      }
    }),
    { numRuns: 200 },
  );
});

test('LRU stack distances equal LRU replay at every capacity (unit sizes)', () => {
  fc.assert(
    fc.property(requests(15, 1, 150), (r) => {
      const t = asTrace(r), curve = lruMissCurve(t.keys, t.keySpace);
      for (let c = 1; c <= r.keySpace + 1; c++) {
        const sim = replayPolicy(t, 'lru', { capacity: c });
        assert.equal(curve.at(c).misses, sim.misses, `capacity ${c}`);
      }
      assert.equal(curve.coldMisses, distinct(r));
      checkSteps(curve);
    }),
    { numRuns: 200 },
  );
});

test('LRU stack distances equal LRU replay with hundreds of keys (a bitset of many words, compacted several times)', () => {
  // Lengths of at least 2,000 requests over at most 300 keys: the window (2 x keys + 2) fills and
  // compacts several times. A hot set of 20 keys gives short distances next to the long ones.
  const trace = fc.integer({ min: 40, max: 300 }).chain((keySpace) =>
    fc.record({
      keySpace: fc.constant(keySpace),
      keys: fc.array(fc.oneof(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: keySpace - 1 })), { minLength: 2000, maxLength: 3000 }),
      capacities: fc.array(fc.integer({ min: 1, max: keySpace }), { minLength: 1, maxLength: 6 }),
    }),
  );
  fc.assert(
    fc.property(trace, ({ keySpace, keys, capacities }) => {
      const t = asTrace({ keys, sizes: keys.map(() => 1), keySpace }), curve = lruMissCurve(t.keys, keySpace);
      for (const c of capacities) assert.equal(curve.at(c).misses, replayPolicy(t, 'lru', { capacity: c }).misses, `capacity ${c}`);
    }),
    { numRuns: 50 },
  );
});

test('LRU stack distances equal LRU replay in bytes at every capacity >= the largest object', () => {
  fc.assert(
    fc.property(requests(10, 6, 120), (r) => {
      const t = asTrace(r), curve = lruMissCurve(t.keys, t.keySpace, t.sizes);
      assert.equal(curve.minCapacity, Math.max(...r.sizes));
      for (let c = curve.minCapacity; c <= 6 * r.keySpace + 1; c++) {
        const sim = replayPolicy(t, 'lru', { capacity: c, bytes: true });
        const at = curve.at(c);
        assert.deepEqual([at.misses, at.missBytes], [sim.misses, sim.missBytes], `capacity ${c}`);
      }
      checkSteps(curve);
    }),
    { numRuns: 100 },
  );
});

test('Belady: misses <= every other policy; = compulsory misses once capacity >= distinct objects', () => {
  fc.assert(
    fc.property(requests(12, 1, 150), fc.integer({ min: 1, max: 12 }), (r, c) => {
      const t = asTrace(r), opt = replayPolicy(t, 'belady', { capacity: c }).misses;
      for (const p of policyNames) {
        // Belady is optimal among demand policies only: these may refuse a miss (gdsf, gds: a new object that would be its own victim, as libCacheSim's GDSF_get).
        if (p === 'belady-bypass' || p === 'belady-size' || p === 'gdsf' || p === 'gds') continue;
        assert.ok(opt <= replayPolicy(t, p, { capacity: c }).misses, `${p} beats belady at ${c}`);
      }
      assert.equal(replayPolicy(t, 'belady', { capacity: distinct(r) }).misses, distinct(r));
    }),
    { numRuns: 200 },
  );
});

test('belady-bypass: misses <= belady, and compulsory once everything fits', () => {
  fc.assert(
    fc.property(requests(12, 1, 150), fc.integer({ min: 1, max: 12 }), (r, c) => {
      const t = asTrace(r);
      assert.ok(replayPolicy(t, 'belady-bypass', { capacity: c }).misses <= replayPolicy(t, 'belady', { capacity: c }).misses);
      assert.equal(replayPolicy(t, 'belady-bypass', { capacity: distinct(r) }).misses, distinct(r));
    }),
    { numRuns: 200 },
  );
});

test('belady-bypass is a different policy: it can beat belady', () => {
  // Capacity 1: a b a. belady must insert b (evicting a, 3 misses); bypass keeps a (2 misses).
  const t: CacheTrace = { file: 'x', keys: Int32Array.from([0, 1, 0]), keySpace: 2 };
  assert.equal(replayPolicy(t, 'belady', { capacity: 1 }).misses, 3);
  assert.equal(replayPolicy(t, 'belady-bypass', { capacity: 1 }).misses, 2);
});

test('an object larger than the cache is a miss and displaces nothing', () => {
  const t: CacheTrace = { file: 'x', keys: Int32Array.from([0, 1, 0, 1, 0]), sizes: Uint32Array.from([2, 9, 2, 9, 2]), keySpace: 2 };
  // Without the big object: key 0 alone (s3fifo and twoq refuse it too, as larger than their small queue).
  const alone: CacheTrace = { file: 'y', keys: Int32Array.from([0, 0, 0]), sizes: Uint32Array.from([2, 2, 2]), keySpace: 1 };
  for (const p of policyNames) {
    const r = replayPolicy(t, p, { capacity: 5, bytes: true }), a = replayPolicy(alone, p, { capacity: 5, bytes: true });
    assert.deepEqual([r.misses, r.missBytes, r.bytes], [a.misses + 2, a.missBytes + 18, 24], p);
    if (p !== 's3fifo' && p !== 'twoq') assert.equal(a.misses, 1, p);
  }
});
