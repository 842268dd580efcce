import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { auroc } from '../../src/sim/auroc.js';

test('auroc: hand-computed cases', () => {
  assert.equal(auroc(Float64Array.of(2, 3), Float64Array.of(0, 1)), 1);
  assert.equal(auroc(Float64Array.of(0), Float64Array.of(1)), 0);
  assert.equal(auroc(Float64Array.of(1, 1), Float64Array.of(1)), 0.5);
  // Pairs (pos, neg): (1,0) win, (1,2) loss, (3,0) win, (3,2) win -> 3/4.
  assert.equal(auroc(Float64Array.of(3, 1), Float64Array.of(2, 0)), 0.75);
  assert.ok(Number.isNaN(auroc(new Float64Array(0), Float64Array.of(1))));
});

test('property: auroc equals the pairwise count, ties one half', () => {
  const values = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 30 });
  fc.assert(
    fc.property(values, values, (pos, neg) => {
      let wins = 0;
      for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
      assert.equal(auroc(Float64Array.from(pos), Float64Array.from(neg)), wins / (pos.length * neg.length));
    }),
    { numRuns: 200 },
  );
});
