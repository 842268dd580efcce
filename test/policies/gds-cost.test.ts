/**
 * GDS with a physical miss cost (PolicyOptions.missCost, what edge-models passes): priorities by hand.
 * Without a cost every miss costs 1 and GDS with unit sizes evicts like LRU; with costs it keeps the
 * expensive object that LRU would evict, and the inflation L makes a cheap object that keeps coming back
 * outlive an expensive one not requested again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access } from '../../src/policies/policy.js';
import { gds } from '../../src/policies/gds.js';

test('GDS keeps the object whose miss costs more, where LRU and cost-1 GDS evict it', () => {
  const costs = [10, 1, 2];
  const cache = gds({ capacity: 2, keySpace: 3, missCost: (k) => costs[k] });
  for (const k of [0, 1]) access(cache, k, 1, Infinity);
  // H(0) = 0 + 10e6, H(1) = 0 + 1e6: key 1 goes though key 0 is older.
  assert.equal(cache.victim(), 1);
  access(cache, 2, 1, Infinity); // evicts 1: L = 1e6; H(2) = 1e6 + 2e6 = 3e6
  assert.ok(cache.has(0) && cache.has(2) && !cache.has(1));
  assert.equal(cache.victim(), 2);
  const plain = gds({ capacity: 2, keySpace: 3 });
  for (const k of [0, 1, 2]) access(plain, k, 1, Infinity);
  assert.ok(!plain.has(0) && plain.has(1) && plain.has(2), 'cost 1, unit sizes: the least recent goes');
});

test('GDS inflation: the cheap object requested again and again outlives the expensive one left alone', () => {
  const costs = [4, 1, 1];
  const cache = gds({ capacity: 2, keySpace: 3, missCost: (k) => costs[k] });
  access(cache, 0, 1, Infinity); // H(0) = 4e6
  // Keys 1 and 2 alternate: each miss evicts the other at its H, raising L by 1e6 each time (1e6, 2e6,
  // 3e6) until the other's H ties H(0) = 4e6: key 0, requested longer ago, goes; then both fit and hit.
  const evicted: number[] = [];
  for (const k of [1, 2, 1, 2, 1, 2, 1]) {
    const before = [0, 1, 2].filter((x) => cache.has(x));
    access(cache, k, 1, Infinity);
    evicted.push(...before.filter((x) => !cache.has(x)));
  }
  assert.deepEqual(evicted, [1, 2, 1, 0]);
  assert.ok(cache.has(1) && cache.has(2));
});
