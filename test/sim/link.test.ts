import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bandwidth } from '../../src/sim/bandwidth.js';
import { Engine } from '../../src/sim/engine.js';
import { Link } from '../../src/sim/link.js';
import { Rng } from '../../src/sim/rng.js';

function transfer(link: Link, e: Engine, bytes: number, at = 0): () => number {
  let t = NaN;
  const done = e.on(() => (t = e.now));
  e.scheduleAt(at, e.on(() => link.send(bytes, done, 0)));
  return () => t;
}

test('constant bandwidth: transfer time = bytes / bandwidth + rtt, exactly', () => {
  for (const [bytes, mbps, rtt] of [[125_000, 10, 0.02], [3_072, 5.5, 0.031], [1, 1e3, 0]]) {
    const e = new Engine();
    const link = new Link(e, { bandwidth: Bandwidth.constant(mbps * 1e6), rtt });
    const t = transfer(link, e, bytes, 0.25);
    e.run();
    // The engine adds the two delays to the clock in turn.
    assert.equal(t(), 0.25 + (8 * bytes) / (mbps * 1e6) + rtt);
  }
});

test('piecewise-constant bandwidth: a transfer spanning three steps (hand-computed)', () => {
  // 8 Mb/s on [0,1), 0 on [1,2), 2 Mb/s from 2 on. 1.5 MB = 12 Mb sent from t = 0.5:
  // 4 Mb by t=1, nothing until 2, then 8 Mb at 2 Mb/s = 4 s: delivered at 6 (+ rtt 0.1).
  const bw = new Bandwidth(Float64Array.of(0, 1, 2), Float64Array.of(8e6, 0, 2e6));
  const e = new Engine();
  const link = new Link(e, { bandwidth: bw, rtt: 0.1 });
  const t = transfer(link, e, 1.5e6, 0.5);
  e.run();
  assert.ok(Math.abs(t() - 6.1) < 1e-12, `${t()}`);
  assert.equal(bw.bitsBetween(0.5, 6), 12e6);
});

test('traced bandwidth: transfers that start inside one bin and end inside the next, fifo and processor sharing (hand-computed)', () => {
  // 2 Mb/s on [0, 1), 4 Mb/s on [1, 2), repeating. Alone: 1.5 Mb from 0.5 is 1 Mb by 1, then 0.5 Mb at 4 Mb/s: 1.125.
  const bw = new Bandwidth(Float64Array.of(0, 1), Float64Array.of(2e6, 4e6), 2);
  const e1 = new Engine();
  const alone = transfer(new Link(e1, { bandwidth: bw }), e1, 187_500, 0.5);
  e1.run();
  assert.ok(Math.abs(alone() - 1.125) < 1e-12, `alone ${alone()}`);
  // Shared: A 2 Mb at 0.5, B 1 Mb at 0.75. A alone sends 0.5 Mb by 0.75; then 1 Mb/s each: 0.25 Mb each
  // by 1 (A 1.25 Mb left, B 0.75). From 1, 2 Mb/s each: B leaves at 1.375; A, 0.5 Mb left, alone at
  // 4 Mb/s, at 1.5.
  const e = new Engine();
  const link = new Link(e, { bandwidth: bw, sharing: 'ps' });
  const a = transfer(link, e, 250_000, 0.5), b = transfer(link, e, 125_000, 0.75);
  e.run();
  assert.ok(Math.abs(b() - 1.375) < 1e-12, `B ${b()}`);
  assert.ok(Math.abs(a() - 1.5) < 1e-12, `A ${a()}`);
});

test('fifo sharing serves transfers one after another', () => {
  const e = new Engine();
  const link = new Link(e, { bandwidth: Bandwidth.constant(1e6), rtt: 0.5 });
  const a = transfer(link, e, 125_000), b = transfer(link, e, 125_000);
  e.run();
  assert.equal(a(), 1.5);
  assert.equal(b(), 2.5);
});

test('processor sharing splits the bandwidth among active transfers (hand-computed)', () => {
  // 1 Mb/s. A: 1 Mb at t=0, B: 0.5 Mb at t=0.25. Alone A sends 0.25 Mb by 0.25; then each gets 0.5 Mb/s:
  // B needs 1 s (leaves at 1.25, A has 0.25 Mb left), A alone again leaves at 1.5.
  const e = new Engine();
  const link = new Link(e, { bandwidth: Bandwidth.constant(1e6), sharing: 'ps' });
  const a = transfer(link, e, 125_000, 0), b = transfer(link, e, 62_500, 0.25);
  e.run();
  assert.ok(Math.abs(b() - 1.25) < 1e-12, `B ${b()}`);
  assert.ok(Math.abs(a() - 1.5) < 1e-12, `A ${a()}`);
  assert.equal(link.transferTimes.count, 2);
});

test('processor sharing under Poisson load matches M/M/1-PS: mean transfer time 1 / (mu - lambda)', () => {
  // Exponential sizes with mean 125 kB at 10 Mb/s: mu = 10 transfers/s; lambda = 7/s, so E[T] = 1/3 s.
  const e = new Engine();
  const link = new Link(e, { bandwidth: Bandwidth.constant(10e6), sharing: 'ps' });
  const arrivals = new Rng('ps/arrivals'), sizes = new Rng('ps/sizes');
  let n = 0;
  const done = e.on(() => {});
  const arrive: number = e.on(() => {
    link.send(sizes.exponential(125_000), done, n);
    if (++n < 200_000) e.schedule(arrivals.exponential(1 / 7), arrive);
  });
  e.schedule(0, arrive);
  e.run();
  const mean = link.transferTimes.mean;
  assert.equal(link.transferTimes.count, 200_000);
  assert.ok(Math.abs(mean - 1 / 3) / (1 / 3) < 0.05, `E[T] ${mean}`);
  assert.ok(Math.abs(link.busy.mean(e.now) - 0.7) < 0.01, `utilization ${link.busy.mean(e.now)}`);
});

test('processor sharing: simultaneous departures leave in arrival order; airtime splits per sender (hand-computed)', () => {
  // 1 Mb/s, three 1 Mb transfers at t=0: each gets 1/3 Mb/s, all leave at 3 s. Sender 0 has two of them,
  // so each of its transfers is charged 1.5 s of airtime; sender 1's one transfer 3 s.
  const e = new Engine();
  const link = new Link(e, { bandwidth: Bandwidth.constant(1e6), sharing: 'ps' });
  const seen: Array<[number, number, number]> = [];
  const done = e.on((id) => seen.push([id, e.now, link.deliveredAirtime]));
  e.scheduleAt(0, e.on(() => [0, 0, 1].forEach((owner, id) => link.send(125_000, done, id, owner))));
  e.run();
  assert.deepEqual(seen.map(([id]) => id), [0, 1, 2]);
  for (const [id, t, air] of seen) {
    assert.ok(Math.abs(t - 3) < 1e-12, `transfer ${id} at ${t}`);
    assert.ok(Math.abs(air - (id < 2 ? 1.5 : 3)) < 1e-12, `transfer ${id} airtime ${air}`);
  }
});

test('processor sharing with a backlog of 2,000 transfers: each leaves when its size has been served to all still active', () => {
  // Sizes k x 1 kbit for k = 1..n, all at t=0, 1 Mb/s: transfer k leaves at
  // T_k = T_(k-1) + (k - (k-1)) kbit x (n - k + 1) / 1 Mb/s.
  const n = 2000, e = new Engine();
  const link = new Link(e, { bandwidth: Bandwidth.constant(1e6), sharing: 'ps' });
  const at = new Float64Array(n + 1);
  const done = e.on((k) => (at[k] = e.now));
  // Sent largest first, so arrival order is the reverse of departure order.
  e.scheduleAt(0, e.on(() => { for (let k = n; k >= 1; k--) link.send(k * 125, done, k); }));
  e.run();
  let expected = 0;
  for (let k = 1; k <= n; k++) {
    expected += (1000 * (n - k + 1)) / 1e6;
    assert.ok(Math.abs(at[k] - expected) < 1e-9 * expected, `transfer ${k} at ${at[k]}, expected ${expected}`);
  }
});

test('processor sharing: per-sender state grows with the senders seen, not their ids (a device numbered 2^30 on its own link)', () => {
  // Before: the sender arrays were sized by the id, so device k's link held O(k) and a world O(devices^2).
  const before = process.memoryUsage().arrayBuffers;
  const e = new Engine();
  const link = new Link(e, { bandwidth: Bandwidth.constant(1e6), sharing: 'ps' });
  const times = new Map<number, number>();
  const done = e.on((owner) => times.set(owner, link.deliveredAirtime));
  for (const owner of [2 ** 30, 7, 2 ** 30]) link.send(125_000, done, owner, owner);
  assert.ok(process.memoryUsage().arrayBuffers - before < 1e6, `${process.memoryUsage().arrayBuffers - before} bytes of arrays`);
  e.run();
  // Three 1 Mb transfers share 1 Mb/s and all end at 3 s: device 7 was transmitting all along (3 s),
  // and device 2^30's 3 s are split between its two transfers.
  assert.ok(Math.abs((times.get(7) ?? NaN) - 3) < 1e-9, `${times.get(7)}`);
  assert.ok(Math.abs((times.get(2 ** 30) ?? NaN) - 1.5) < 1e-9, `${times.get(2 ** 30)}`);
});

test('transferTimes records each transfer from send() to delivery, rtt included (same as the done handler sees)', () => {
  // 10 Mb/s, 125,000 B = 1 Mb: 0.1 s on the air, + rtt 0.25 s = 0.35 s, for both transfers (sent apart).
  const e = new Engine();
  const link = new Link(e, { bandwidth: Bandwidth.constant(10e6), rtt: 0.25 });
  const t1 = transfer(link, e, 125_000, 0);
  const t2 = transfer(link, e, 125_000, 5);
  e.run();
  assert.ok(Math.abs(t1() - 0.35) < 1e-12 && Math.abs(t2() - 5.35) < 1e-12, `${t1()} ${t2()}`);
  assert.equal(link.transferTimes.count, 2);
  assert.ok(Math.abs(link.transferTimes.mean - 0.35) < 1e-12, `mean transfer time ${link.transferTimes.mean}, expected 0.35 (rtt included)`);
});
