/** The predictor contract over every registered predictor, and broken ones failing the right property. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPredictor } from '../../src/check/predictor.js';
import { formatCheckReport } from '../../src/check/report.js';
import { predictorNames, predictors } from '../../src/strategies/prefetch/registry.js';
import type { PredictorEntry } from '../../src/strategies/prefetch/predictor.js';

for (const name of predictorNames) {
  test(`${name}: the predictor contract`, async (t) => {
    const report = await checkPredictor(predictors[name], name);
    assert.equal(report.properties.length, 5);
    for (const p of report.properties) await t.test(p.name, () => assert.ok(p.ok, p.detail));
  });
}

/** Ranks partitions 0, 1, ... in order: the current one included, and reading the future. */
const naive: PredictorEntry = {
  description: 'test fixture',
  needsFuture: false,
  create: (ctx) => ({
    observe() {},
    rank(out) {
      ctx.nextUse(0);
      const n = Math.min(out.length, ctx.partitions);
      for (let q = 0; q < n; q++) out[q] = q;
      return n;
    },
  }),
};

test('a predictor that proposes the current partition and reads the future unflagged fails those two properties, with the stream', async () => {
  const r = await checkPredictor(naive, 'naive', { seed: 7 });
  assert.deepEqual(r.properties.filter((p) => !p.ok).map((p) => p.name), ['never the current partition', 'no future unless needsFuture']);
  assert.match(r.properties[0].detail!, /^1 partitions, candidates wanted 1, options prior [\d.e-]+ decay [\d.e-]+; observed 0; then rank\(\) returned \[0\], which holds the current partition 0\n\(fast-check seed 7, /);
  assert.match(r.properties[4].detail!, /ctx\.nextUse was called \d+ times, but the entry's needsFuture is false/);
  assert.match(formatCheckReport(r), /\n3 of 5 properties pass\n$/);
});

test('a predictor that writes an id out of range, or changes its answer when asked twice, is told so', async () => {
  let calls = 0;
  const flaky: PredictorEntry = { ...naive, create: () => ({ observe() {}, rank: (out) => ((out[0] = -1 - (calls++ % 2)), 1) }) };
  const r = await checkPredictor(flaky, 'flaky');
  assert.match(r.properties[1].detail!, /rank\(\) wrote \[-\d\]: -\d is not a partition id/);
  assert.match(r.properties[2].detail!, /rank\(\) returned \[-\d\] and, asked again, \[-\d\]/);
});
