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

test('lognormal: meanOf is exp(mu + sigma^2/2), and the sampler agrees within 4 standard errors (seeded)', () => {
  const d: Dist = { kind: 'lognormal', mu: -3, sigma: 0.8 };
  const theory = Math.exp(-3 + 0.8 ** 2 / 2);
  assert.ok(Math.abs(meanOf(d) - theory) < 1e-15 * theory, `${meanOf(d)} vs ${theory}`);
  const s = sampler(d);
  const r = new Rng('lognormal-mean');
  const n = 200_000;
  const xs = Array.from({ length: n }, () => s(r));
  const se = standardDeviation(xs) / Math.sqrt(n);
  // exp(mu) would be 0.0498 vs 0.0686: about 90 standard errors away.
  assert.ok(Math.abs(mean(xs) - meanOf(d)) < 4 * se, `sample mean ${mean(xs)}, meanOf ${meanOf(d)}, se ${se}`);
});

test('normal truncated at 0 by resampling: sample mean matches mean + sd * phi(a) / (1 - Phi(a)), a = -mean/sd; no mass at 0 (seeded)', () => {
  // mean 0.5, sd 1: a = -0.5, phi(a) = 0.3520653, 1 - Phi(a) = 0.6914625: truncated mean 1.0091604.
  // Clamping at 0 instead would give a mean of 0.6978 and put 30.9% of the samples exactly at 0.
  const phi = Math.exp(-0.125) / Math.sqrt(2 * Math.PI);
  const expected = 0.5 + phi / 0.6914624612740131;
  const s = sampler({ kind: 'normal', mean: 0.5, sd: 1 });
  const r = new Rng('truncated-normal');
  const n = 200_000;
  const xs = Array.from({ length: n }, () => s(r));
  assert.ok(xs.every((x) => x >= 0));
  assert.equal(xs.filter((x) => x === 0).length, 0);
  const se = standardDeviation(xs) / Math.sqrt(n);
  assert.ok(Math.abs(mean(xs) - expected) < 4 * se, `sample mean ${mean(xs)}, expected ${expected}, se ${se}`);
});
