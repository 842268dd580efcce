import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/sim/rng.js';
import { MarkovPredictor } from '../../src/strategies/prefetch/markov.js';
import { predictors } from '../../src/strategies/prefetch/registry.js';
import type { Predictor, PredictorContext } from '../../src/strategies/prefetch/predictor.js';

const opts = { prior: 1, decay: 1 };
const ctx = (partitions: number, nextUse: (q: number) => number = () => Infinity): PredictorContext => ({ partitions, nextUse });
const top = (p: Predictor, k = 1) => {
  const out = new Int32Array(k);
  return Array.from(out.subarray(0, p.rank(out)));
};

test('markov: after one lap of a cyclic route it names the next partition every time', () => {
  const route = [3, 0, 4, 1, 2];
  const m = predictors.markov.create(ctx(5), opts);
  for (const p of route) m.observe(p);
  m.observe(route[0]);
  let right = 0;
  for (let lap = 0; lap < 3; lap++) {
    for (let i = 1; i <= route.length; i++) {
      const next = route[i % route.length];
      if (top(m)[0] === next) right++;
      m.observe(next);
    }
  }
  assert.equal(right, 15);
});

test('markov: repeated observations of the current partition are not transitions; never ranks the current one', () => {
  const m = predictors.markov.create(ctx(4), opts);
  for (const p of [1, 1, 1, 2, 2, 1, 1, 2]) m.observe(p);
  assert.deepEqual(top(m, 3)[0], 1);
  assert.ok(!top(m, 3).includes(2));
  assert.equal(top(m, 10).length, 3);
});

test('markov: an empty row backs off to the popularity of observed scenes', () => {
  const m = predictors.markov.create(ctx(6), opts);
  // Scenes enter 4 most often, then 5; partition 0 has never been left, so its row is empty.
  for (const p of [4, 1, 4, 2, 4, 5, 3, 5, 4, 0]) m.observe(p);
  assert.deepEqual(top(m, 2), [4, 5]);
});

test('markov: on independent draws its top guess converges to the most popular other partition', () => {
  const weights = [0.4, 0.3, 0.2, 0.1];
  const rng = new Rng('indep');
  const draw = () => {
    let u = rng.uniform(), q = 0;
    while (u >= weights[q]) (u -= weights[q]), q++;
    return q;
  };
  const m = predictors.markov.create(ctx(4), opts);
  for (let i = 0; i < 20_000; i++) m.observe(draw());
  for (const current of [0, 1, 2, 3]) {
    m.observe(current);
    assert.equal(top(m)[0], current === 0 ? 1 : 0, `after ${current}`);
  }
});

test('markov: decay below 1 relearns a changed routine quickly; without decay old counts dominate', () => {
  const run = (decay: number) => {
    const m = predictors.markov.create(ctx(3), { prior: 1, decay });
    for (let i = 0; i < 50; i++) (m.observe(0), m.observe(1));
    for (let i = 0; i < 3; i++) (m.observe(0), m.observe(2));
    m.observe(0);
    return top(m)[0];
  };
  assert.equal(run(1), 1);
  assert.equal(run(0.5), 2);
});

test('markov: transition weights and the popularity back-off on a hand example (prior 1 and 2, decay 1 and 0.5)', () => {
  const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} != ${b}`);
  // Nothing observed: every partition scores prior x (0 + 1) / (0 + 4).
  const m = new MarkovPredictor(4, { prior: 1, decay: 1 });
  for (let b = 0; b < 4; b++) near(m.score(b), 1 / 4, `empty, b ${b}`);
  // 0 1 0 2 0 1 (a repeated 1 is no scene change): transitions 0>1 twice, 1>0, 0>2, 2>0; scenes entered
  // m = (3, 2, 1, 0), M = 6, P = 4. From 1: n(1, 0) = 1, so 1 + 4/10; 2 and 3 only the back-off.
  for (const p of [0, 1, 0, 2, 0, 1, 1]) m.observe(p);
  near(m.score(0), 1 + 4 / 10, 'from 1, b 0');
  near(m.score(2), 2 / 10, 'from 1, b 2');
  near(m.score(3), 1 / 10, 'from 1, b 3');
  assert.deepEqual(top(m, 3), [0, 2, 3]);
  // Then 0 (m(0) = 4, M = 7): n(0, 1) = 2, n(0, 2) = 1.
  m.observe(0);
  near(m.score(1), 2 + 3 / 11, 'from 0, b 1');
  near(m.score(2), 1 + 2 / 11, 'from 0, b 2');
  near(m.score(3), 1 / 11, 'from 0, b 3');
  // Decay 0.5 scales row 0 before each new count: [0, 1, 0, 0] > [0, 0.5, 1, 0] > [0, 1.25, 0.5, 0];
  // prior 2: back-off 2 (m(b) + 1) / 11.
  const d = new MarkovPredictor(4, { prior: 2, decay: 0.5 });
  for (const p of [0, 1, 0, 2, 0, 1, 0]) d.observe(p);
  near(d.score(1), 1.25 + 6 / 11, 'decayed, b 1');
  near(d.score(2), 0.5 + 4 / 11, 'decayed, b 2');
  near(d.score(3), 2 / 11, 'decayed, b 3');
});

test('oracle: ranks the other partitions by their next use and skips those never used again', () => {
  const nextUse = [7, 3, Infinity, 12];
  const o = predictors.oracle.create(ctx(4, (q) => nextUse[q]), opts);
  o.observe(1);
  assert.deepEqual(top(o, 4), [0, 3]);
  assert.ok(predictors.oracle.needsFuture && !predictors.markov.needsFuture && !predictors.none.needsFuture);
});

test('none never proposes anything', () => {
  const n = predictors.none.create(ctx(4), opts);
  n.observe(2);
  assert.deepEqual(top(n, 3), []);
});
