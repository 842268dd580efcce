import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intervalNotes, meanCi, replicationLossNotes, replicationNote, summarize, t975, withoutFullCounts } from '../../src/report/summary.js';
import { withCi } from '../../src/report/table.js';
import { CORE_METRICS, metricRange } from '../../src/world/metrics.js';

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
  assert.deepEqual(meanCi([7]), { mean: 7, lo: NaN, hi: NaN }, 'one replication has no interval, not a zero-width one');
});

test('bounds are cut at the metric\'s range, with a note; the table then shows [lo, hi], not a symmetric ±', () => {
  const range = metricRange(CORE_METRICS);
  assert.deepEqual(range('accuracy'), [0, 1]);
  assert.deepEqual(range('latency_mean'), [0, Infinity]);
  assert.equal(range('latency_mean_lo'), undefined);
  assert.equal(range('widgets'), undefined, 'a column the catalogue does not name is not cut');
  assert.equal(metricRange([{ ...CORE_METRICS[1], signed: true }])(CORE_METRICS[1].name), undefined, 'a signed metric is not cut');
  // A skewed latency over 3 replications: normal theory gives a negative lower bound.
  const runs = [{ latency_mean: 0.1, accuracy: 0.99 }, { latency_mean: 0.1, accuracy: 1 }, { latency_mean: 2, accuracy: 1 }];
  const raw = meanCi(runs.map((r) => r.latency_mean));
  assert.ok(raw.lo < 0);
  const row = summarize(runs, range);
  assert.equal(row.latency_mean_lo, 0);
  assert.equal(row.latency_mean_hi, raw.hi, 'the other bound stays');
  assert.equal(row.accuracy_hi, 1);
  assert.ok(row.accuracy_lo > 0.98);
  assert.deepEqual(summarize(runs), { ...row, latency_mean_lo: raw.lo, accuracy_hi: meanCi(runs.map((r) => r.accuracy)).hi }, 'without a range nothing is cut');
  assert.deepEqual(intervalNotes([{ strategy: 'edge-only', metrics: row }], range), [
    "95% intervals cut at the metric's range, where normal theory went beyond it (too few replications for a skewed metric; more replications narrow them): latency_mean_lo at 0 (edge-only); accuracy_hi at 1 (edge-only)",
  ]);
  // A sweep cuts one bound at many points: the note names 3 and counts the rest.
  const many = ['a', 'b', 'c', 'd', 'e'].map((strategy) => ({ strategy, metrics: row }));
  assert.match(intervalNotes(many, range)[0], /latency_mean_lo at 0 \(a, b, c and 2 more\); accuracy_hi at 1 \(a, b, c and 2 more\)$/);
  // All replications equal: an interval at the range's end that is not a cut.
  assert.deepEqual(intervalNotes([{ strategy: 'x', metrics: summarize([{ accuracy: 1 }, { accuracy: 1 }], range) }], range), []);
  assert.match(withCi(row, 'latency_mean', 1000, 1), /^733\.3 \[0\.0, \d+\.\d\]$/);
  assert.match(withCi(summarize([{ a: 1 }, { a: 2 }, { a: 3 }]), 'a'), /^2\.0 ± 2\.5$/);
  assert.equal(withCi(summarize([{ a: 1 }]), 'a'), '1.0');
});

test('fewer than 3 replications are noted; a replication without a value lowers that metric\'s n, with a note and an m_n column', () => {
  assert.deepEqual(replicationNote(3), []);
  assert.match(replicationNote(1)[0], /^replications: 1, so no interval/);
  assert.match(replicationNote(2)[0], /12\.706 standard errors/);
  const rows = [
    { strategy: 'edge-only', metrics: summarize([{ latency_mean: 0.2, accuracy: 0.9 }, { latency_mean: NaN, accuracy: 0.8 }, { latency_mean: 0.4, accuracy: 0.7 }]) },
    { strategy: 'device-only', metrics: summarize([{ latency_mean: 0.1, accuracy: 0.9, hit: NaN }, { latency_mean: 0.1, accuracy: 0.9, hit: NaN }, { latency_mean: 0.1, accuracy: 0.9, hit: NaN }]) },
  ];
  assert.ok(Math.abs(rows[0].metrics.latency_mean - 0.3) < 1e-15, 'the mean of the replications with a value');
  assert.equal(rows[0].metrics.replications, 3);
  assert.deepEqual(replicationLossNotes(rows), ['means over fewer replications than ran, where a replication gave no value (column <metric>_n says how many): latency_mean (edge-only: 2 of 3)']);
  const shown = withoutFullCounts(rows.map((r): Record<string, string | number> => ({ strategy: r.strategy, ...r.metrics })));
  assert.deepEqual(shown.map((r) => r.latency_mean_n), [2, 3], 'the telling column is kept for every row');
  assert.ok(shown.every((r) => !('accuracy_n' in r) && !('hit_n' in r)), 'columns of all-equal or no counts go');
});
