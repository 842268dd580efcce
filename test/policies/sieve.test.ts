/** SIEVE's hand when the object under it is removed from outside (CacheNet, a user's remove()): a hand case. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access } from '../../src/policies/policy.js';
import { sieve } from '../../src/policies/sieve.js';

test('sieve: removing the object under the hand moves the hand to the next newer one', () => {
  const c = sieve({ capacity: 3, keySpace: 10, seed: 's' });
  for (const k of [1, 2, 3]) access(c, k, 1, Infinity);
  access(c, 1, 1, Infinity); // a hit: 1's bit is set
  // 4 misses: the hand clears 1's bit, evicts 2 and rests on 3.
  access(c, 4, 1, Infinity);
  assert.deepEqual([1, 2, 3, 4].map((k) => c.has(k)), [true, false, true, true]);
  assert.equal(c.victim(), 3);
  // 3, under the hand, leaves: the hand moves on to 4, the next newer object.
  assert.ok(c.remove(3));
  assert.equal(c.victim(), 4);
  access(c, 5, 1, Infinity);
  assert.equal(c.evict(), 4, 'the eviction starts where the hand went, at 4 (1 is older but was passed)');
  assert.deepEqual([1, 4, 5].map((k) => c.has(k)), [true, false, true]);
  assert.equal(c.count, 2);
});
