/**
 * Bandwidth against hand computations: rate look-up, bits over an interval and its inverse (time to
 * send), across zero-rate bins, repeating periods, exact laps and a start offset. Every expected value
 * below is worked out in the comment beside it, never by calling Bandwidth a second way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bandwidth } from '../../src/sim/bandwidth.js';

const Mb = 1e6;
const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} != ${b}`);
/** One-second bins with the given rates in Mb/s, repeating every rates.length seconds. */
const looped = (...mbps: number[]) => new Bandwidth(Float64Array.from(mbps, (_, i) => i), Float64Array.from(mbps, (r) => r * Mb), mbps.length);

test('a transfer crossing into a faster bin ends where the cumulative bits reach the target, not in the zero bin after it', () => {
  // 1, 8, 0, 2 Mb/s; 8.5 Mb from t = 0.5: 0.5 Mb by t = 1, the other 8 Mb exactly fill [1, 2): done at 2.
  const bw = looped(1, 8, 0, 2);
  near(bw.transmitTime(0.5, 8.5 * Mb), 1.5, '8.5 Mb from 0.5');
  near(bw.transmitTime(0.5, 0.25 * Mb), 0.25, 'within the first bin');
  // From inside the zero bin: wait until 3, then 1 Mb at 2 Mb/s.
  near(bw.transmitTime(2.25, 1 * Mb), 1.25, '1 Mb from the zero bin');
});

test('a transfer that starts inside one bin and ends inside the next (hand-computed)', () => {
  // 2, 4 Mb/s, one-second bins. 2.5 Mb from 0.25: 0.75 s x 2 = 1.5 Mb by 1, then 1 Mb at 4 Mb/s: done at 1.25.
  const bw = looped(2, 4);
  near(bw.transmitTime(0.25, 2.5 * Mb), 1, '2.5 Mb from 0.25');
  near(bw.bitsBetween(0.25, 1.25), 2.5 * Mb, 'bits over [0.25, 1.25]');
  // The same across the wrap: 3 Mb from 1.5 is 2 Mb by 2, then 1 Mb at 2 Mb/s: done at 2.5.
  near(bw.transmitTime(1.5, 3 * Mb), 1, '3 Mb from 1.5');
  near(bw.bitsBetween(1.5, 2.5), 3 * Mb, 'bits over [1.5, 2.5]');
  // Just short of the bin's end stays in the bin: bits / rate exactly.
  assert.equal(bw.transmitTime(0.25, 1.5 * Mb - 2), (1.5 * Mb - 2) / (2 * Mb));
});

test('repeating trace: whole laps plus a remainder, with the lap count from the bits sent', () => {
  // One lap of 1, 8, 0, 2 Mb/s carries 11 Mb in 4 s.
  const bw = looped(1, 8, 0, 2);
  // 12 Mb from 0: one lap (4 s), then 1 Mb at 1 Mb/s.
  near(bw.transmitTime(0, 12 * Mb), 5, '12 Mb');
  // 19.5 Mb from 0 (1.77 laps): one lap, then 1 Mb in [4, 5) and 7.5 Mb at 8 Mb/s.
  near(bw.transmitTime(0, 19.5 * Mb), 4 + 1 + 7.5 / 8, '19.5 Mb');
  // Bits over [0, 7]: a lap (11) plus 1 + 8 + 0; over [1.5, 7.5]: 4 + 0 + 2, then 1 + 8 + 0 + 1.
  near(bw.bitsBetween(0, 7), 20 * Mb, 'bits over [0, 7]');
  near(bw.bitsBetween(1.5, 7.5), 16 * Mb, 'bits over [1.5, 7.5]');
  assert.equal(bw.rateAt(7.5), 2 * Mb);
  assert.equal(bw.rateAt(6), 0);
  assert.equal(bw.rateAt(4), 1 * Mb);
});

test('exact laps on a trace that ends in a zero-rate bin end where the last bits flow, not after the idle tail', () => {
  // 1, 8, 0 Mb/s: a lap carries 9 Mb, the last of them at t = 2; [2, 3) sends nothing.
  const bw = looped(1, 8, 0);
  near(bw.transmitTime(0, 9 * Mb), 2, 'one exact lap from 0');
  near(bw.transmitTime(0, 18 * Mb), 5, 'two exact laps from 0');
  // From 2.5 (zero bin): idle until 3, then a whole lap's 9 Mb by 5.
  near(bw.transmitTime(2.5, 9 * Mb), 2.5, 'one exact lap from the idle tail');
  // From 0.5: 0.5 Mb by 1 and 8 Mb by 2: 8.5 Mb ends the lap exactly.
  near(bw.transmitTime(0.5, 8.5 * Mb), 1.5, 'the rest of a lap');
  // A trace that opens with a zero-rate bin: idle [0, 1), 2 Mb by 2, idle [2, 3), 2 Mb by 4.
  near(new Bandwidth(Float64Array.of(0, 1), Float64Array.of(0, 2 * Mb), 2).transmitTime(0, 4 * Mb), 4, 'zero bin first');
});

test('a trace started at an offset: times and bits are those of the trace from that point (hand-computed)', () => {
  // 8, 0, 2 Mb/s repeating every 3 s, simulation time 0 at trace time 1.25 (inside the zero bin).
  const bw = looped(8, 0, 2).startingAt(1.25);
  assert.equal(bw.rateAt(0), 0); // trace 1.25
  assert.equal(bw.rateAt(1), 2 * Mb); // trace 2.25
  assert.equal(bw.rateAt(1.8), 8 * Mb); // trace 3.05 = phase 0.05
  // 1 Mb from 0: idle until trace 2 (0.75 s), then 0.5 s at 2 Mb/s.
  near(bw.transmitTime(0, 1 * Mb), 1.25, '1 Mb from 0');
  // 4 Mb from 0.5 (trace 1.75): idle 0.25 s, 2 Mb in [2, 3), 2 Mb at 8 Mb/s in 0.25 s.
  near(bw.transmitTime(0.5, 4 * Mb), 1.5, '4 Mb from 0.5');
  // [0, 2] is trace [1.25, 3.25]: 0 + 2 + 0.25 x 8.
  near(bw.bitsBetween(0, 2), 4 * Mb, 'bits over [0, 2]');
  // [4, 6] is trace [5.25, 7.25] = phases [2.25, 3) then [0, 1.25): 0.75 x 2 + 8 + 0.
  near(bw.bitsBetween(4, 6), 9.5 * Mb, 'bits over [4, 6]');
  assert.throws(() => bw.startingAt(-1), /offset must be >= 0/);
});

test('a trace that does not repeat keeps its last rate; one that repeats wraps around its period', () => {
  const once = new Bandwidth(Float64Array.of(0, 1), Float64Array.of(1 * Mb, 3 * Mb));
  near(once.transmitTime(0, 10 * Mb), 1 + 3, 'the last rate holds');
  // 1 Mb/s for 1 s then 3 Mb/s for 1 s, period 2: 10 Mb from 0 take 2 periods (8 Mb) + 1 s + 1/3 s.
  const bw = new Bandwidth(Float64Array.of(0, 1), Float64Array.of(1 * Mb, 3 * Mb), 2);
  near(bw.transmitTime(0, 10 * Mb), 4 + 1 + 1 / 3, '10 Mb');
  assert.equal(bw.rateAt(3.5), 3 * Mb);
  near(bw.bitsBetween(1.5, 5.5), 8 * Mb, 'bits over [1.5, 5.5]');
});

test('bad bandwidth traces are refused with the reason', () => {
  assert.throws(() => new Bandwidth(Float64Array.of(1), Float64Array.of(1)), /first segment must start at 0/);
  assert.throws(() => new Bandwidth(Float64Array.of(0, 0), Float64Array.of(1, 1)), /must increase/);
  assert.throws(() => new Bandwidth(Float64Array.of(0), Float64Array.of(-1)), /rate #0/);
  assert.throws(() => new Bandwidth(Float64Array.of(0, 1), Float64Array.of(0, 0), 2), /must carry some bits/);
});
