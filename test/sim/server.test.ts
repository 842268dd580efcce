import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/sim/engine.js';
import { Rng } from '../../src/sim/rng.js';
import { Server } from '../../src/sim/server.js';

/** Erlang C: probability that an arrival waits in M/M/k with offered load a = lambda / mu. */
function erlangC(k: number, a: number): number {
  let term = 1, sum = 1;
  for (let i = 1; i < k; i++) {
    term *= a / i;
    sum += term;
  }
  const last = (term * a) / k / (1 - a / k);
  return last / (sum + last);
}

/** Simulates M/M/k; returns mean wait in queue and utilization after a warm-up. */
function simulateMMk(k: number, lambda: number, mu: number, customers: number, seed: string) {
  const e = new Engine();
  const server = new Server(e, { workers: k });
  const arrivals = new Rng(`${seed}/arrivals`), service = new Rng(`${seed}/service`);
  const warmup = Math.floor(customers / 10);
  let n = 0;
  const done = e.on(() => {});
  const arrive = e.on(() => {
    if (n === warmup) server.resetStats();
    server.submit(n, service.exponential(1 / mu), done);
    if (++n < customers) e.schedule(arrivals.exponential(1 / lambda), arrive);
  });
  e.schedule(0, arrive);
  e.run();
  return { wait: server.waits.mean, utilization: server.busy.mean(e.now) / k, served: server.waits.count };
}

for (const [k, rho] of [[1, 0.5], [1, 0.8], [3, 0.5], [3, 0.8]] as const) {
  test(`M/M/${k} at rho=${rho}: mean wait and utilization match the analytic values`, () => {
    const mu = 1, lambda = rho * k * mu;
    const wq = erlangC(k, lambda / mu) / (k * mu - lambda);
    const waits: number[] = [], utils: number[] = [];
    for (let r = 0; r < 5; r++) {
      const s = simulateMMk(k, lambda, mu, 200_000, `mmk/${k}/${rho}/${r}`);
      waits.push(s.wait);
      utils.push(s.utilization);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // 5 x 180,000 customers: the relative error of the mean wait is a few percent at rho=0.8.
    assert.ok(Math.abs(mean(waits) - wq) / wq < 0.05, `Wq ${mean(waits)} vs ${wq}`);
    assert.ok(Math.abs(mean(utils) - rho) < 0.01, `utilization ${mean(utils)} vs ${rho}`);
  });
}

test('jobs are served FIFO; a full queue drops arrivals', () => {
  const e = new Engine();
  const s = new Server(e, { workers: 1, maxQueue: 2 });
  const order: number[] = [];
  const done = e.on((j) => order.push(j));
  const results = [1, 2, 3, 4].map((j) => s.submit(j, 1, done));
  assert.deepEqual(results, [true, true, true, false]);
  e.run();
  assert.deepEqual(order, [1, 2, 3]);
  assert.equal(s.dropped, 1);
  assert.equal(e.now, 3);
  assert.equal(s.waits.mean, (0 + 1 + 2) / 3);
  assert.equal(s.busy.mean(e.now), 1);
});

test('a done handler may resubmit to the same server', () => {
  const e = new Engine();
  const s = new Server(e);
  let n = 0;
  const done: number = e.on(() => {
    if (++n < 3) s.submit(n, 2, done);
  });
  s.submit(0, 2, done);
  e.run();
  assert.equal(n, 3);
  assert.equal(e.now, 6);
});

test('bad options are refused with the option named', () => {
  assert.throws(() => new Server(new Engine(), { workers: 0 }), /workers must be a positive integer/);
  assert.throws(() => new Server(new Engine(), { maxQueue: -1 }), /maxQueue/);
});

test('workers cost memory only once busy: a billion-worker server serves 5 jobs at once in a few bytes', () => {
  const before = process.memoryUsage().arrayBuffers;
  const e = new Engine();
  const server = new Server(e, { workers: 1e9 });
  const ends: number[] = [];
  const done = e.on(() => ends.push(e.now));
  for (let j = 0; j < 5; j++) server.submit(j, 1 + j, done);
  assert.equal(server.inService, 5);
  assert.ok(process.memoryUsage().arrayBuffers - before < 1e6);
  e.run();
  assert.deepEqual(ends, [1, 2, 3, 4, 5]);
  // Used workers are taken again before fresh ones; a second wave finds them.
  for (let j = 0; j < 5; j++) server.submit(j, 1, done);
  assert.equal(server.inService, 5);
});
