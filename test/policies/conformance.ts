/**
 * The per-policy reference-model comparison: each registered policy against its linear-scan model
 * (reference.ts), request by request, over sequences that evict. The contract every policy keeps
 * (capacity, hit iff cached, victim/evict, sizes, seed, Belady) is library code, src/check/policy.ts;
 * conformance.test.ts runs both over every registry entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evicting, play } from '../../src/check/policy.js';
import { createPolicy, policies, type PolicyName } from '../../src/policies/registry.js';
import { referenceReplay, type Trail } from './reference.js';

export function referenceSuite(name: PolicyName, numRuns = 150): void {
  test(`${name}: agrees request by request with the linear-scan reference model`, () => {
    const admits = createPolicy(name, { capacity: 1, keySpace: 1 }).admit === undefined;
    for (const maxSize of [1, 4]) {
      fc.assert(
        fc.property(evicting(maxSize), ({ reqs, capacity }) => {
          const sorted = (t: Trail) => ({ hits: t.hits, evicted: t.evicted.map((e) => [...e].sort((a, b) => a - b)) });
          const steps = play(createPolicy(name, { capacity, keySpace: reqs.keySpace, seed: 'ref' }), reqs, policies[name].needsFuture);
          const played: Trail = { hits: steps.map((s) => s.had), evicted: steps.map((s) => s.evictions.map((e) => e.evicted)) };
          assert.deepEqual(sorted(played), sorted(referenceReplay(name, capacity, reqs.keys, reqs.sizes, 'ref')));
          // A policy that admits every object must evict: the objects do not fit together, each fits alone.
          if (admits) assert.ok(played.evicted.some((e) => e.length > 0), `no eviction at capacity ${capacity}`);
        }),
        { numRuns },
      );
    }
  });
}
