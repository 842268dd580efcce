import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanCi, t975 } from '../../src/report/summary.js';

test('t quantiles: the table, and the expansion beyond it against reference values', () => {
  assert.equal(t975(1), 12.706);
  assert.equal(t975(30), 2.042);
  // Reference values of t(0.975, df) (R: qt(0.975, df)).
  for (const [df, t] of [[31, 2.039513], [40, 2.021075], [60, 2.000298], [100, 1.983972], [200, 1.971896], [1000, 1.962339]]) {
    assert.ok(Math.abs(t975(df) - t) < 2e-5, `df ${df}: ${t975(df)} vs ${t}`);
  }
});

test('mean and 95% interval of replications', () => {
  const ci = meanCi([1, 2, 3, 4]);
  assert.equal(ci.mean, 2.5);
  const half = (3.182 * Math.sqrt(5 / 3)) / 2;
  assert.ok(Math.abs(ci.hi - 2.5 - half) < 1e-12 && Math.abs(2.5 - ci.lo - half) < 1e-12);
  assert.deepEqual(meanCi([7]), { mean: 7, lo: 7, hi: 7 });
});
