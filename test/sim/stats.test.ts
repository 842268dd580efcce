import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { quantileSorted, sampleVariance } from 'simple-statistics';
import { LogHistogram, Samples, Tally, TimeAverage } from '../../src/sim/stats.js';

test('property: Samples quantiles and Tally moments agree with simple-statistics', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
      const s = new Samples(1), t = new Tally();
      for (const x of xs) (s.add(x), t.add(x));
      const sorted = [...xs].sort((a, b) => a - b);
      // simple-statistics uses the same type-7 interpolation for quantileSorted only at exact ranks;
      // compare against a direct type-7 computation and the order statistics at the ends.
      const h = (xs.length - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, xs.length - 1);
      const expected = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
      assert.ok(Math.abs(s.quantile(p) - expected) <= 1e-9 * (1 + Math.abs(expected)));
      // === rather than assert.equal (Object.is): -0 and 0 are the same order statistic.
      assert.ok(s.quantile(0) === sorted[0], 'quantile(0) is the minimum');
      assert.ok(s.quantile(1) === quantileSorted(sorted, 1), 'quantile(1) is the maximum');
      assert.ok(Math.abs(t.variance - sampleVariance(xs)) <= 1e-6 * (1 + sampleVariance(xs)));
      assert.ok(t.min === sorted[0] && t.max === sorted[sorted.length - 1], 'min and max');
    }),
  );
});

test('TimeAverage integrates a piecewise-constant value', () => {
  const q = new TimeAverage(0, 0);
  q.set(1, 2); // 0 on [0,1)
  q.set(3, 1); // 2 on [1,3)
  assert.equal(q.mean(4), (0 + 4 + 1) / 4); // 1 on [3,4)
  q.reset(4);
  assert.equal(q.mean(6), 1);
});

test('property: LogHistogram quantiles are within the documented relative error of the nearest-rank value', () => {
  // The documented bound: a factor sqrt((1 + e) / (1 - e)) either way, e = 5e-4 (plus float round-off).
  const e = 5e-4, factor = Math.sqrt((1 + e) / (1 - e)) * (1 + 1e-12);
  const sampleAndRank = fc
    // Far past any fixed range (the histogram once capped at 1e6 s): subnormals to the largest double.
    .array(fc.oneof(fc.double({ min: 1e-6, max: 1e3, noNaN: true }), fc.double({ min: 1e6, max: 1e15, noNaN: true }), fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true })), { minLength: 3, maxLength: 300 })
    // Interior ranks only: the extremes are exact by construction (checked below), so every run tests a rank read from the buckets.
    .chain((xs) => fc.tuple(fc.constant(xs), fc.integer({ min: 2, max: xs.length - 1 })));
  fc.assert(
    fc.property(sampleAndRank, ([xs, rank]) => {
      const h = new LogHistogram();
      for (const x of xs) h.add(x);
      const sorted = [...xs].sort((a, b) => a - b);
      // p in the middle of the rank's interval, so that ceil(p n) is the rank despite round-off.
      const q = h.quantile((rank - 0.5) / xs.length), exact = sorted[rank - 1];
      assert.ok(q <= exact * factor && q >= exact / factor, `rank ${rank} of ${xs.length}: ${q} vs ${exact}`);
      assert.ok(h.quantile(0) === sorted[0], 'quantile(0) is the minimum');
      assert.equal(h.quantile(1), sorted[sorted.length - 1]);
    }),
    { numRuns: 300 },
  );
});

test('LogHistogram: an overloaded run (latencies growing to 1e9 s) keeps p50 <= p95 <= p99 within the bound of the sorted quantiles, p95 above the mean', () => {
  const e = 5e-4, factor = Math.sqrt((1 + e) / (1 - e)) * (1 + 1e-12);
  for (const top of [1e9, 1e15]) {
    const h = new LogHistogram(), xs: number[] = [];
    // A queue that never drains: the k-th frame waits k times as long as the first.
    for (let k = 1; k <= 20_000; k++) xs.push((top * k) / 20_000);
    for (const x of xs) h.add(x);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    for (const p of [0.5, 0.95, 0.99]) {
      const exact = xs[Math.ceil(p * xs.length) - 1];
      assert.ok(h.quantile(p) <= exact * factor && h.quantile(p) >= exact / factor, `top ${top}, p ${p}: ${h.quantile(p)} vs ${exact}`);
    }
    assert.ok(h.quantile(0.5) <= h.quantile(0.95) && h.quantile(0.95) <= h.quantile(0.99) && h.quantile(0.99) <= top);
    assert.ok(h.quantile(0.95) > mean, `p95 ${h.quantile(0.95)} above the mean ${mean}`);
  }
});

test('LogHistogram: 0 and Infinity are counted exactly; a negative or NaN observation is refused', () => {
  const h = new LogHistogram();
  for (const x of [0, 0, 0, 2, Infinity]) h.add(x);
  assert.equal(h.quantile(0.5), 0);
  assert.ok(Math.abs(h.quantile(0.7) / 2 - 1) < 5.1e-4);
  assert.equal(h.quantile(0.9), Infinity);
  assert.deepEqual(h.cdf().at(-1), [Infinity, 1]);
  assert.throws(() => h.add(-1), RangeError);
  assert.throws(() => h.add(NaN), RangeError);
});
