import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EwmaBandwidth, fitLink } from '../../src/models/bandwidth-estimator.js';

test('EWMA converges to a constant bandwidth: the error shrinks by (1 − alpha) per transfer', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.05, max: 1, noNaN: true }),
      fc.double({ min: 1e5, max: 1e9, noNaN: true }),
      fc.double({ min: 1e5, max: 1e9, noNaN: true }),
      fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 120 }),
      (alpha, initial, bps, sizes) => {
        const est = new EwmaBandwidth(alpha, initial);
        for (const bytes of sizes) est.observe(bytes, (8 * bytes) / bps);
        const bound = (1 - alpha) ** sizes.length * Math.abs(initial - bps);
        assert.ok(Math.abs(est.estimate - bps) <= bound + 1e-9 * bps, `${est.estimate} vs ${bps} (bound ${bound})`);
      },
    ),
    { numRuns: 200 },
  );
  // 200 transfers at alpha 0.1 from 10× too high: within 1e-7 of 5 Mbit/s (0.9^200 · 45e6 ≈ 3.2e-2 bit/s).
  const e = new EwmaBandwidth(0.1, 50e6);
  for (let i = 0; i < 200; i++) e.observe(1000 + 37 * i, (8 * (1000 + 37 * i)) / 5e6);
  assert.ok(Math.abs(e.estimate - 5e6) < 0.05);
});

test('EWMA: one step by hand, 0-byte transfers ignored, bad arguments rejected', () => {
  const e = new EwmaBandwidth(0.25, 8e6);
  e.observe(2e6, 1); // sample 16 Mbit/s
  assert.equal(e.estimate, 8e6 + 0.25 * (16e6 - 8e6));
  e.observe(0, 3);
  assert.equal(e.estimate, 10e6);
  assert.throws(() => new EwmaBandwidth(0, 1), /alpha/);
  assert.throws(() => new EwmaBandwidth(0.5, 0), /initialBps/);
  assert.throws(() => e.observe(10, 0), /seconds/);
  assert.throws(() => e.observe(-1, 1), /bytes/);
});

test('fitLink recovers rtt and bandwidth from exact transfers; a negative intercept falls back to rtt = 0', () => {
  const bw = 20e6, rtt = 0.03;
  const samples = [1e3, 5e4, 2e5, 1e6].map((bytes) => ({ bytes, seconds: rtt + (8 * bytes) / bw }));
  const fit = fitLink(samples);
  assert.ok(Math.abs(fit.bandwidthBps / bw - 1) < 1e-9);
  assert.ok(Math.abs(fit.rtt - rtt) < 1e-12);
  // Times below proportional at small sizes: the free fit would give rtt < 0.
  const neg = fitLink([{ bytes: 1000, seconds: 0 }, { bytes: 2000, seconds: 0.002 }, { bytes: 3000, seconds: 0.004 }]);
  assert.equal(neg.rtt, 0);
  // Through the origin: B = Σx² / Σxy with x = 8·bytes (8000, 16000, 24000), y = (0, 0.002, 0.004).
  assert.ok(Math.abs(neg.bandwidthBps - (8000 ** 2 + 16000 ** 2 + 24000 ** 2) / (16000 * 0.002 + 24000 * 0.004)) < 1e-6);
  assert.throws(() => fitLink([{ bytes: 5, seconds: 1 }, { bytes: 5, seconds: 2 }]), /two different/);
});
