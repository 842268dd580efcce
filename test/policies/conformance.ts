/**
 * The contract every registered policy must keep, as fast-check properties over arbitrary request
 * sequences, sizes and capacities (fast-check shrinks a failure to a minimal sequence).
 * `conformanceSuite(name)` registers the tests for one policy; conformance.test.ts runs it for every
 * registry entry, so a new policy is checked by adding its registry line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { access } from '../../src/policies/policy.js';
import { createPolicy, policies, type PolicyEntry, type PolicyName } from '../../src/policies/registry.js';
import { nextUseAt, nextUses } from '../../src/traces/next-use.js';
import { referenceReplay, type Trail } from './reference.js';

export interface Requests {
  keys: number[];
  /** Per request; each key keeps one size (as objects do in a trace). */
  sizes: number[];
  keySpace: number;
}

/** Request sequences over up to `keySpace` keys, each key with a fixed size in [1, maxSize]. */
export function requests(maxKeys = 12, maxSize = 1, maxLength = 80): fc.Arbitrary<Requests> {
  return fc.integer({ min: 1, max: maxKeys }).chain((keySpace) =>
    fc
      .record({
        keys: fc.array(fc.integer({ min: 0, max: keySpace - 1 }), { minLength: 1, maxLength }),
        sizeOf: fc.array(fc.integer({ min: 1, max: maxSize }), { minLength: keySpace, maxLength: keySpace }),
      })
      .map(({ keys, sizeOf }) => ({ keys, sizes: keys.map((k) => sizeOf[k]), keySpace })),
  );
}

/**
 * Request sequences of at least two objects with a capacity that holds the largest object but not all
 * of them, so that every run evicts (unless the policy refuses to admit).
 */
export function evicting(maxSize: number): fc.Arbitrary<{ reqs: Requests; capacity: number }> {
  return fc
    .tuple(requests(10, maxSize, 120), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }))
    .filter(([reqs]) => new Set(reqs.keys).size >= 2)
    .map(([reqs, fraction]) => {
      const sizeOf = new Map(reqs.keys.map((k, i) => [k, reqs.sizes[i]]));
      const largest = Math.max(...sizeOf.values()), all = [...sizeOf.values()].reduce((a, b) => a + b, 0);
      return { reqs, capacity: largest + Math.floor(fraction * (all - largest)) };
    });
}

/** Plays reqs through a fresh cache, checking the per-request invariants; returns what happened. */
export function playChecked(name: PolicyName, capacity: number, reqs: Requests, seed = 'conformance'): Trail {
  const cache = createPolicy(name, { capacity, keySpace: reqs.keySpace, seed });
  const next = nextUses(Int32Array.from(reqs.keys), reqs.keySpace);
  const cached = new Map<number, number>();
  const trail: Trail = { hits: [], evicted: [] };
  reqs.keys.forEach((key, i) => {
    const size = reqs.sizes[i];
    const wasCached = cache.has(key);
    assert.equal(wasCached, cached.has(key), `has(${key}) disagrees with what was inserted and evicted`);
    // victim() is a pure look-up and names what evict() would remove.
    const v = cache.victim();
    assert.equal(cache.victim(), v);
    assert.equal(v === -1, cache.count === 0);
    if (v !== -1) assert.ok(cached.has(v), `victim ${v} is not cached`);
    const before = new Set(cached.keys());
    const hit = access(cache, key, size, nextUseAt(next, i));
    assert.equal(hit, wasCached, 'a request hits iff its object is cached');
    // Track what the policy did: whatever left was evicted, in full. Eviction order is not
    // observable from outside, so evictions are compared as sets per request.
    const gone = [...before].filter((k) => !cache.has(k));
    for (const k of gone) cached.delete(k);
    if (cache.has(key)) cached.set(key, cached.get(key) ?? size);
    else assert.ok(!hit && (size > capacity || cache.admit !== undefined), `${name} did not insert missed key ${key}`);
    assert.ok(cache.used <= capacity, `occupancy ${cache.used} > capacity ${capacity}`);
    assert.equal(cache.count, cached.size);
    assert.equal(cache.used, [...cached.values()].reduce((a, b) => a + b, 0));
    trail.hits.push(hit);
    trail.evicted.push(gone);
  });
  return trail;
}

export function conformanceSuite(name: PolicyName, numRuns = 150): void {
  test(`${name}: invariants (occupancy, hit iff cached, misses inserted) with unit and byte sizes`, () => {
    const splitsCapacity = (policies[name] as PolicyEntry).splitsCapacity === true;
    for (const maxSize of [1, 5]) {
      fc.assert(
        fc.property(requests(12, maxSize), fc.integer({ min: 0, max: 16 }), (reqs, capacity) => {
          const { hits } = playChecked(name, capacity, reqs);
          // Compulsory misses: every object's first request misses; once the cache holds every object
          // (none refused), those are the only misses.
          const sizeOf = new Map(reqs.keys.map((k, i) => [k, reqs.sizes[i]]));
          const misses = hits.filter((h) => !h).length;
          assert.ok(misses >= sizeOf.size, `${misses} misses, fewer than the ${sizeOf.size} objects`);
          const all = [...sizeOf.values()].reduce((a, b) => a + b, 0);
          if (capacity >= all && !splitsCapacity) assert.equal(misses, sizeOf.size, `capacity ${capacity} holds all ${all}: only compulsory misses`);
        }),
        { numRuns },
      );
    }
  });

  test(`${name}: agrees request by request with the linear-scan reference model`, () => {
    const admits = createPolicy(name, { capacity: 1, keySpace: 1 }).admit === undefined;
    for (const maxSize of [1, 4]) {
      fc.assert(
        fc.property(evicting(maxSize), ({ reqs, capacity }) => {
          const sorted = (t: Trail) => ({ hits: t.hits, evicted: t.evicted.map((e) => [...e].sort((a, b) => a - b)) });
          const played = playChecked(name, capacity, reqs, 'ref');
          assert.deepEqual(sorted(played), sorted(referenceReplay(name, capacity, reqs.keys, reqs.sizes, 'ref')));
          // A policy that admits every object must evict: the objects do not fit together, each fits alone.
          if (admits) assert.ok(played.evicted.some((e) => e.length > 0), `no eviction at capacity ${capacity}`);
        }),
        { numRuns },
      );
    }
  });

  test(`${name}: evict() removes victim(), remove() reports and removes`, () => {
    fc.assert(
      fc.property(requests(10, 3), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 9 }), (reqs, capacity, probe) => {
        const cache = createPolicy(name, { capacity, keySpace: Math.max(reqs.keySpace, probe + 1), seed: 's' });
        const next = nextUses(Int32Array.from(reqs.keys), reqs.keySpace);
        reqs.keys.forEach((k, i) => access(cache, k, reqs.sizes[i], nextUseAt(next, i)));
        const had = cache.has(probe), count = cache.count;
        assert.equal(cache.remove(probe), had);
        assert.ok(!cache.has(probe));
        assert.equal(cache.count, count - (had ? 1 : 0));
        while (cache.count > 0) {
          const v = cache.victim();
          assert.equal(cache.evict(), v);
          assert.ok(!cache.has(v));
        }
        assert.equal(cache.used, 0);
        assert.equal(cache.victim(), -1);
      }),
      { numRuns },
    );
  });

  test(`${name}: the same seed gives the same run`, () => {
    fc.assert(
      fc.property(requests(16, 2, 150), fc.integer({ min: 1, max: 8 }), (reqs, capacity) => {
        assert.deepEqual(playChecked(name, capacity, reqs, 'x'), playChecked(name, capacity, reqs, 'x'));
      }),
      { numRuns: Math.ceil(numRuns / 3) },
    );
  });
}
