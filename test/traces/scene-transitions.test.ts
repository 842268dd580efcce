import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { Rng } from '../../src/sim/rng.js';
import { sceneTransitions, type Transitions } from '../../src/traces/scene-transitions.js';
import { popularityCdf } from '../../src/traces/video.js';
import { tiny } from '../scenario/helpers.js';

const uniform10 = popularityCdf(10, { kind: 'uniform' });

/** Switches of a law from a random start: the fraction that go to `expected(current)`. */
function follows(t: Transitions, expected: (c: number) => number, n = 20_000): number {
  const next = sceneTransitions(t, uniform10);
  const rng = new Rng('transitions-test');
  let c = next(-1, rng), same = 0;
  for (let i = 0; i < n; i++) {
    const d = next(c, rng);
    if (d === expected(c)) same++;
    c = d;
  }
  return same / n;
}

test('patrol: without noise a switch always goes to the next class of the route; noise q leaves it with probability q(1 - 1/C)', () => {
  const route = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
  const after = (c: number) => route[(route.indexOf(c) + 1) % route.length];
  assert.equal(follows({ kind: 'patrol', noise: 0, route }, after), 1);
  const q = 0.4;
  const share = follows({ kind: 'patrol', noise: q, route }, after);
  assert.ok(Math.abs(share - (1 - q + q / 10)) < 0.015, `${share}`);
  assert.equal(follows({ kind: 'patrol', noise: 0 }, (c) => (c + 1) % 10), 1, 'default route: every class in order');
});

test('sparse: a switch goes only to one of the row\'s successors, never to itself; the matrix depends on its seed only', () => {
  const next = sceneTransitions({ kind: 'sparse', noise: 0, successors: 2, seed: 5 }, uniform10);
  const seen = Array.from({ length: 10 }, () => new Set<number>());
  const rng = new Rng('x');
  for (let i = 0; i < 20_000; i++) {
    const c = i % 10;
    seen[c].add(next(c, rng));
  }
  for (let c = 0; c < 10; c++) {
    assert.equal(seen[c].size, 2, `class ${c}: ${[...seen[c]]}`);
    assert.ok(!seen[c].has(c));
  }
  const again = sceneTransitions({ kind: 'sparse', noise: 0, successors: 2, seed: 5 }, uniform10);
  const other = sceneTransitions({ kind: 'sparse', noise: 0, successors: 2, seed: 6 }, uniform10);
  const draws = (f: typeof next) => Array.from({ length: 10 }, (_, c) => f(c, new Rng('same')));
  assert.deepEqual(draws(again), draws(next));
  assert.notDeepEqual(draws(other), draws(next));
});

test('independent: the next class does not depend on the current one', () => {
  const next = sceneTransitions({ kind: 'independent' }, uniform10);
  const a = new Rng('i'), b = new Rng('i');
  for (let i = 0; i < 100; i++) assert.equal(next(3, a), next(8, b));
});

test('bad transition parameters are one-line errors naming the key', () => {
  assert.throws(() => tiny('workload.scene.transitions={kind: patrol, route: [0, 12]}'), (e: unknown) => e instanceof InputError && /transitions.route\[1\]: class 12, but the outcome model has 10 classes/.test(e.message));
  assert.throws(() => tiny('workload.scene.transitions={kind: sparse, successors: 10}'), (e: unknown) => e instanceof InputError && /transitions.successors: 10, but a class has only 9 others/.test(e.message));
});
