import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { energyAtAccuracy, paretoFrontier, savingAtAccuracy } from '../../src/report/iso-accuracy.js';

test('Pareto frontier: dominated points (costlier and no more accurate) are left out', () => {
  const f = paretoFrontier([
    { accuracy: 0.8, energy: 2 },
    { accuracy: 0.7, energy: 1 },
    { accuracy: 0.75, energy: 3 }, // dominated by (0.8, 2)
    { accuracy: 0.9, energy: 4 },
    { accuracy: 0.7, energy: 1.5 }, // dominated by (0.7, 1)
  ]);
  assert.deepEqual(f, [{ accuracy: 0.7, energy: 1 }, { accuracy: 0.8, energy: 2 }, { accuracy: 0.9, energy: 4 }]);
});

test('energy at an accuracy, by hand: at a point, between two (mixing thresholds), below the cheapest, beyond the best', () => {
  const curve = [{ accuracy: 0.7, energy: 1 }, { accuracy: 0.8, energy: 2 }, { accuracy: 0.9, energy: 4 }];
  assert.equal(energyAtAccuracy(curve, 0.8), 2);
  assert.ok(Math.abs(energyAtAccuracy(curve, 0.85) - 3) < 1e-12);
  assert.equal(energyAtAccuracy(curve, 0.5), 1);
  assert.ok(Number.isNaN(energyAtAccuracy(curve, 0.95)));
  const cheaper = curve.map((p) => ({ ...p, energy: p.energy / 2 }));
  assert.ok(Math.abs(savingAtAccuracy(cheaper, curve, 0.85) - 0.5) < 1e-12);
});

test('property: energy at accuracy never decreases with the accuracy asked, and never exceeds a point that reaches it', () => {
  const point = fc.record({ accuracy: fc.double({ min: 0, max: 1, noNaN: true }), energy: fc.double({ min: 0, max: 10, noNaN: true }) });
  fc.assert(
    fc.property(fc.array(point, { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (pts, a, b) => {
      const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
      const [eLo, eHi] = [energyAtAccuracy(pts, lo), energyAtAccuracy(pts, hi)];
      if (!Number.isNaN(eHi)) assert.ok(eLo <= eHi + 1e-9, `${eLo} > ${eHi}`);
      for (const p of pts) if (p.accuracy >= hi) assert.ok(eHi <= p.energy + 1e-9);
    }),
    { seed: 5 },
  );
});
