/**
 * Acceptance tests of predictive prefetch (issue 15) on the tiny scenario: 10 classes, one partition
 * each, a cached right partition always answers (in-specialty entropy 0) and a wrong one always
 * declines, so a scene start is answered on the device exactly when its partition is cached.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanCi } from '../../src/report/summary.js';
import { simulateRun } from '../../src/run/simulate.js';
import { popularityCdf } from '../../src/traces/video.js';
import { tiny } from '../scenario/helpers.js';

const BASE = ['device.cache.slots=2', 'cachenet.probe=all', 'warmupFrames=300'];
const REPS = [0, 1, 2, 3, 4];

/** Per-replication metric `m` of cachenet with predictor `predictor`. */
function metric(sets: string[], predictor: string, m: string): number[] {
  const p = tiny(...BASE, ...sets, `cachenet.prefetch.predictor=${predictor}`);
  return REPS.map((rep) => simulateRun(p, 'cachenet', rep).metrics[m]);
}

test('independent scene draws: markov\'s prefetch hit rate is within its interval of the popularity-only guess', () => {
  const sets = ['frames=3000', 'workload.scene={meanRun: 10, popularity: {kind: zipf, s: 1}}'];
  const rate = meanCi(metric(sets, 'markov', 'prefetch_hit_rate'));
  // Popularity-only guess: with 2 slots the cache holds the current partition c and one guess, the
  // most popular other one g(c); the next scene (a different partition) is g(c) with probability
  // pi(g(c)) / (1 - pi(c)), and scene starts visit c in proportion to pi(c) (1 - pi(c)).
  const cdf = popularityCdf(10, { kind: 'zipf', s: 1 });
  const pi = Array.from(cdf, (x, i) => x - (i > 0 ? cdf[i - 1] : 0));
  let guess = 0, weight = 0;
  pi.forEach((pc, c) => {
    const g = c === 0 ? 1 : 0;
    guess += pc * (1 - pc) * (pi[g] / (1 - pc));
    weight += pc * (1 - pc);
  });
  guess /= weight;
  assert.ok(rate.lo <= guess && guess <= rate.hi, `markov ${rate.mean} [${rate.lo}, ${rate.hi}], popularity guess ${guess}`);
  // The test can fail: the oracle, which knows the next scene, is far above the guess.
  assert.ok(meanCi(metric(sets, 'oracle', 'prefetch_hit_rate')).lo > guess + 0.3);
});

test('predictable route: markov beats reactive push by more than the paired interval and approaches oracle as the route becomes deterministic', () => {
  const gaps: number[] = [];
  for (const noise of [0.5, 0.2, 0]) {
    const sets = ['frames=1500', `workload.scene={meanRun: 5, transitions: {kind: patrol, noise: ${noise}}}`];
    const none = metric(sets, 'none', 'prefetch_hit_rate');
    const markov = metric(sets, 'markov', 'prefetch_hit_rate');
    const oracle = metric(sets, 'oracle', 'prefetch_hit_rate');
    const gain = meanCi(markov.map((x, i) => x - none[i]));
    assert.ok(gain.lo > 0, `noise ${noise}: markov - none = ${gain.mean} [${gain.lo}, ${gain.hi}]`);
    gaps.push(meanCi(oracle.map((x, i) => x - markov[i])).mean);
  }
  assert.ok(gaps[0] > gaps[1] && gaps[1] > gaps[2], `oracle - markov by noise 0.5, 0.2, 0: ${gaps}`);
  assert.ok(gaps[2] < 0.01, `deterministic route: oracle - markov = ${gaps[2]}`);
});

test('wasted prefetch bytes and their radio energy are reported in every run that prefetches, and only then', () => {
  const sets = ['frames=1000', 'workload.scene={meanRun: 5}'];
  const p = (predictor: string) => simulateRun(tiny(...BASE, ...sets, `cachenet.prefetch.predictor=${predictor}`), 'cachenet', 0).metrics;
  const none = p('none');
  assert.equal(none.wasted_prefetch_bytes_per_frame, undefined);
  assert.ok(Number.isFinite(none.prefetch_hit_rate));
  for (const predictor of ['markov', 'oracle']) {
    const m = p(predictor);
    assert.ok(m.prefetch_pushes_per_frame > 0, predictor);
    // A wasted push is 50 kB at 16 Mbit/s (25 ms of reception at 1 W).
    const joulesPerByte = (8 / 16e6) * 1;
    assert.ok(Math.abs(m.wasted_prefetch_radio_energy_j_per_frame - m.wasted_prefetch_bytes_per_frame * joulesPerByte) < 1e-12, predictor);
    if (predictor === 'markov') assert.ok(m.wasted_prefetch_bytes_per_frame > 0, 'independent uniform draws: markov guesses wrong most of the time');
    else assert.ok(m.wasted_prefetch_bytes_per_frame < m.prefetch_pushes_per_frame * 50_000 * 0.05, 'the oracle wastes (almost) nothing');
  }
});

test('a budget of two partitions per scene keeps the two likeliest next partitions on the device', () => {
  // Sparse matrix, 2 successors per class, no noise: with 3 slots (current + 2 prefetched) and a budget of
  // two partitions every scene start finds its partition, once the chain is learnt; one partition does not.
  const sets = ['frames=1500', 'device.cache.slots=3', 'workload.scene={meanRun: 5, transitions: {kind: sparse, successors: 2, seed: 3}}'];
  const one = meanCi(metric(sets, 'markov', 'prefetch_hit_rate'));
  const two = meanCi(metric([...sets, 'cachenet.prefetch.bytes=100000'], 'markov', 'prefetch_hit_rate'));
  assert.ok(two.mean > 0.95, `budget 2: ${two.mean}`);
  assert.ok(two.lo > one.hi, `budget 1: ${one.mean} [${one.lo}, ${one.hi}], budget 2: ${two.mean} [${two.lo}, ${two.hi}]`);
});

test('blocking pushes with prefetch: every frame is answered and frames wait less for partitions than with reactive push alone', () => {
  const sets = ['frames=800', 'cachenet.push=blocking', 'workload.scene={meanRun: 5, transitions: {kind: patrol, noise: 0.3}}'];
  const m = simulateRun(tiny(...BASE, ...sets, 'cachenet.prefetch.predictor=markov'), 'cachenet', 0).metrics;
  const none = simulateRun(tiny(...BASE, ...sets), 'cachenet', 0).metrics;
  assert.equal(m.frames, none.frames, 'every frame is answered');
  assert.ok(m.t_partition_wait < none.t_partition_wait, `${m.t_partition_wait} vs ${none.t_partition_wait}`);
});

test('a prefetch budget below one partition is an input error naming the key', () => {
  assert.throws(() => simulateRun(tiny(...BASE, 'frames=400', 'cachenet.prefetch={predictor: markov, bytes: 1000}'), 'cachenet', 0), /cachenet.prefetch.bytes: 1000 is below one partition \(50000 bytes\)/);
});
