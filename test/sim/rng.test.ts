import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mean, standardDeviation } from 'simple-statistics';
import { Rng } from '../../src/sim/rng.js';
import { sampler, meanOf, lognormalFromMoments, type Dist } from '../../src/sim/dist.js';

const draw = (r: Rng, f: (r: Rng) => number, n: number) => Array.from({ length: n }, () => f(r));

test('same seed and name give the same stream; different seeds or names differ', () => {
  const a = draw(Rng.stream(42, 0, 'device-1/compute'), (r) => r.uniform(), 100);
  const b = draw(Rng.stream(42, 0, 'device-1/compute'), (r) => r.uniform(), 100);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, draw(Rng.stream(43, 0, 'device-1/compute'), (r) => r.uniform(), 100));
  assert.notDeepEqual(a, draw(Rng.stream(42, 1, 'device-1/compute'), (r) => r.uniform(), 100));
  assert.notDeepEqual(a, draw(Rng.stream(42, 0, 'device-2/compute'), (r) => r.uniform(), 100));
});

test('draws have the right first two moments', () => {
  const n = 200_000;
  const r = new Rng('moments');
  const cases: Array<[string, (r: Rng) => number, number, number]> = [
    ['uniform', (r) => r.uniform(), 0.5, Math.sqrt(1 / 12)],
    ['exponential(2)', (r) => r.exponential(2), 2, 2],
    ['normal(3,0.5)', (r) => r.normal(3, 0.5), 3, 0.5],
    ['lognormal(0,0.5)', (r) => r.lognormal(0, 0.5), Math.exp(0.125), Math.sqrt((Math.exp(0.25) - 1) * Math.exp(0.25))],
    ['geometric(5)', (r) => r.geometric(5), 5, Math.sqrt(20)],
  ];
  for (const [name, f, mu, sd] of cases) {
    const xs = draw(r, f, n);
    assert.ok(Math.abs(mean(xs) - mu) < 0.01 * Math.max(1, mu) + (4 * sd) / Math.sqrt(n), `${name} mean ${mean(xs)}`);
    assert.ok(Math.abs(standardDeviation(xs) - sd) / sd < 0.02, `${name} sd ${standardDeviation(xs)}`);
  }
  assert.ok(draw(r, (r) => r.geometric(3), 1000).every((x) => Number.isInteger(x) && x >= 1));
});

test('distribution samplers match their stated means', () => {
  const dists: Dist[] = [
    { kind: 'fixed', value: 0.012 },
    { kind: 'exponential', mean: 0.02 },
    { kind: 'normal', mean: 10, sd: 1 },
    lognormalFromMoments(5, 2),
    { kind: 'empirical', samples: [1, 2, 3, 10] },
  ];
  const r = new Rng('dists');
  for (const d of dists) {
    const f = sampler(d);
    const m = mean(draw(r, f, 100_000));
    assert.ok(Math.abs(m - meanOf(d)) / meanOf(d) < 0.02, `${d.kind}: ${m} vs ${meanOf(d)}`);
  }
});
