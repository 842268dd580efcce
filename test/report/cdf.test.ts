import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ecdfPoints } from '../../src/report/charts/cdf.js';

const values = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 400 }); // small range: many ties

test('property: thinned ECDF points lie on the exact ECDF, start at (min, 0), end at (max, 1), within maxPoints', () => {
  fc.assert(
    fc.property(values, fc.integer({ min: 2, max: 50 }), (xs, maxPoints) => {
      const sorted = Float64Array.from(xs).sort();
      const points = ecdfPoints(sorted, maxPoints);
      assert.ok(points.length <= maxPoints);
      assert.deepEqual(points[0], [sorted[0], 0]);
      assert.deepEqual(points.at(-1), [sorted.at(-1), 1]);
      for (const [x, p] of points.slice(1)) assert.equal(p, xs.filter((v) => v <= x).length / xs.length);
      for (let i = 2; i < points.length; i++) assert.ok(points[i][0] > points[i - 1][0] && points[i][1] > points[i - 1][1]);
    }),
    { numRuns: 200 },
  );
});

test('property: with no more distinct values than maxPoints, every step of the ECDF is kept', () => {
  fc.assert(
    fc.property(values, (xs) => {
      const sorted = Float64Array.from(xs).sort();
      const distinct = new Set(xs).size;
      assert.equal(ecdfPoints(sorted, xs.length + 1).length, distinct + 1);
    }),
    { numRuns: 100 },
  );
});

test('a million values become at most 500 points', () => {
  const sorted = new Float64Array(1_000_000).map((_, i) => i / 1000);
  const points = ecdfPoints(sorted, 500);
  assert.equal(points.length, 500);
  assert.deepEqual(points[250], [sorted[Math.round((249 * 999_999) / 498)], (Math.round((249 * 999_999) / 498) + 1) / 1_000_000]);
});
