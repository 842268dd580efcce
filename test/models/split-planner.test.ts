import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { LayerProfile } from '../../src/models/layer-profile.js';
import { readNeurosurgeonProfile } from '../../src/models/layer-profile.js';
import { bestJaladSplit, bestSplit, splitCosts, type DevicePower, type SplitLink } from '../../src/models/split-planner.js';
import { fitLink } from '../../src/models/bandwidth-estimator.js';

const ALEXNET = fileURLToPath(new URL('../../../shared/data/layer-profiles/neurosurgeon-alexnet/', import.meta.url));

// ----- an independent brute force: every cut priced from the definitions, no prefix sums -----

interface Brute {
  cut: number;
  latency: number;
  energy: number;
}

function brute(p: LayerProfile, link: SplitLink, k: number, bits = 32, resultBytes = 0, power?: DevicePower): Brute {
  const L = p.layers.length;
  let dev = 0;
  for (let i = 0; i < k; i++) dev += p.layers[i].deviceS;
  const computeW = power?.computeW ?? 0;
  if (k === L) return { cut: k, latency: dev, energy: computeW * dev };
  let srv = 0;
  for (let i = k; i < L; i++) srv += p.layers[i].serverS;
  const sent = k === 0 ? p.inputBytes : (p.layers[k - 1].outBytes * bits) / 32;
  const up = (sent * 8) / link.bandwidthBps;
  const down = (resultBytes * 8) / link.bandwidthBps;
  const energy = computeW * dev + (power?.transmitW ?? 0) * up + (power?.idleW ?? 0) * (link.rtt + srv + down);
  return { cut: k, latency: dev + link.rtt + up + down + srv, energy };
}

function bruteBest(p: LayerProfile, link: SplitLink, by: 'latency' | 'energy', resultBytes = 0, power?: DevicePower): Brute {
  const all: Brute[] = [];
  for (let k = 0; k <= p.layers.length; k++) all.push(brute(p, link, k, 32, resultBytes, power));
  all.sort((a, b) => a[by] - b[by] || a.cut - b.cut);
  return all[0];
}

// Dyadic values (multiples of 1/1024, powers-of-two bandwidths) keep every sum exact in floating
// point, whatever the summation order, so ties are real ties and the tie rules are tested exactly
// (0-byte outputs, frequent here, tie every bit width at their cut).
const dyadic = (max: number) => fc.integer({ min: 0, max }).map((n) => n / 1024);
const layerArb = (maxTime: number) =>
  fc.record({ name: fc.constant('layer'), deviceS: dyadic(maxTime), serverS: dyadic(maxTime), outBytes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })) });
const profileArb = (maxTime = 2048) =>
  fc.record({
    model: fc.constant('random'),
    inputBytes: fc.integer({ min: 0, max: 100_000 }),
    layers: fc.array(layerArb(maxTime), { minLength: 1, maxLength: 12 }),
    source: fc.constant('fast-check'),
  });
const linkArb = fc.record({ bandwidthBps: fc.integer({ min: 10, max: 30 }).map((j) => 2 ** j), rtt: dyadic(256) });
const powerArb = fc.record({ computeW: dyadic(8192), transmitW: dyadic(8192), idleW: dyadic(1024) });

/** A hand-made profile from [deviceS, serverS, outBytes] rows. */
function toy(inputBytes: number, rows: Array<[number, number, number]>): LayerProfile {
  return { model: 'toy', inputBytes, layers: rows.map(([deviceS, serverS, outBytes], i) => ({ name: `l${i}`, deviceS, serverS, outBytes })), source: 'test' };
}

test('splitCosts by hand: a two-layer profile, every cut', () => {
  const p = toy(1000, [[0.5, 0.25, 500], [1, 0.125, 10]]);
  // 8000 bit/s: 1000 B upload = 1 s, 500 B = 0.5 s; a 100 B result = 0.1 s down; rtt 0.25 s.
  const c = splitCosts(p, { bandwidthBps: 8000, rtt: 0.25 }, { resultBytes: 100, power: { computeW: 2, transmitW: 4, idleW: 1 } });
  assert.deepEqual(c.map((x) => x.bytes), [1000, 500, 0]);
  assert.deepEqual(c.map((x) => x.deviceS), [0, 0.5, 1.5]);
  assert.deepEqual(c.map((x) => x.serverS), [0.375, 0.125, 0]);
  // All-local: no rtt and no result download.
  assert.deepEqual(c.map((x) => x.transferS), [1 + 0.25 + 0.1, 0.5 + 0.25 + 0.1, 0]);
  assert.deepEqual(c.map((x) => x.latency), [0.375 + 1.35, 0.5 + 0.85 + 0.125, 1.5]);
  // energy = 2 W · device + 4 W · upload + 1 W · (rtt + server + download)
  const e = c.map((x) => x.deviceEnergyJ!);
  assert.ok(Math.abs(e[0] - (4 * 1 + (0.25 + 0.375 + 0.1))) < 1e-12);
  assert.ok(Math.abs(e[1] - (2 * 0.5 + 4 * 0.5 + (0.25 + 0.125 + 0.1))) < 1e-12);
  assert.equal(e[2], 2 * 1.5);
  // bits = 8 shrinks only the intermediate cut, not the input.
  assert.deepEqual(splitCosts(p, { bandwidthBps: 8000, rtt: 0.25 }, { bits: 8 }).map((x) => x.bytes), [1000, 125, 0]);
  assert.equal(splitCosts(p, { bandwidthBps: 8000, rtt: 0 })[0].deviceEnergyJ, undefined);
  assert.equal(bestSplit(p, { bandwidthBps: 8000, rtt: 0.25 }, { resultBytes: 100 }).cut, 1);
});

test('bestSplit equals a brute-force argmin over all cuts (latency and energy; ties → smallest cut)', () => {
  fc.assert(
    fc.property(profileArb(), linkArb, fc.integer({ min: 0, max: 4096 }), powerArb, (p, link, resultBytes, power) => {
      const lat = bestSplit(p, link, { resultBytes });
      const want = bruteBest(p, link, 'latency', resultBytes);
      assert.equal(lat.cut, want.cut);
      assert.equal(lat.latency, want.latency);
      const en = bestSplit(p, link, { resultBytes, power, objective: 'energy' });
      const wantE = bruteBest(p, link, 'energy', resultBytes, power);
      assert.equal(en.cut, wantE.cut);
      assert.equal(en.deviceEnergyJ, wantE.energy);
    }),
    { numRuns: 300 },
  );
});

test('bestSplit on arbitrary doubles: its latency is the brute-force minimum (to rounding)', () => {
  const layer = fc.record({
    name: fc.constant('l'),
    deviceS: fc.double({ min: 0, max: 2, noNaN: true }),
    serverS: fc.double({ min: 0, max: 2, noNaN: true }),
    outBytes: fc.double({ min: 0, max: 5e6, noNaN: true }),
  });
  const profile = fc.record({ model: fc.constant('r'), inputBytes: fc.double({ min: 0, max: 5e6, noNaN: true }), layers: fc.array(layer, { minLength: 1, maxLength: 20 }), source: fc.constant('') });
  const link = fc.record({ bandwidthBps: fc.double({ min: 1e3, max: 1e10, noNaN: true }), rtt: fc.double({ min: 0, max: 0.5, noNaN: true }) });
  fc.assert(
    fc.property(profile, link, (p, l) => {
      const best = bestSplit(p, l);
      const want = bruteBest(p, l, 'latency');
      const tol = 1e-12 * (1 + want.latency);
      assert.ok(Math.abs(best.latency - want.latency) <= tol, `${best.latency} vs ${want.latency}`);
      assert.ok(Math.abs(brute(p, l, best.cut).latency - best.latency) <= tol);
    }),
    { numRuns: 200 },
  );
});

test('extreme bandwidths: infinite link → the uniformly faster side; a trickle → all on the device', () => {
  const positive = fc.array(fc.double({ min: 1e-4, max: 1, noNaN: true }), { minLength: 1, maxLength: 15 });
  const bytes = fc.integer({ min: 1, max: 1e6 });
  fc.assert(
    fc.property(positive, fc.double({ min: 1.5, max: 100, noNaN: true }), bytes, (dev, factor, b) => {
      const L = dev.length;
      const serverFaster: LayerProfile = { model: 's', inputBytes: b, layers: dev.map((d) => ({ name: 'l', deviceS: d, serverS: d / factor, outBytes: b })), source: '' };
      const deviceFaster: LayerProfile = { ...serverFaster, layers: dev.map((d) => ({ name: 'l', deviceS: d, serverS: d * factor, outBytes: b })) };
      for (const bandwidthBps of [Infinity, 1e30]) {
        assert.equal(bestSplit(serverFaster, { bandwidthBps, rtt: 0 }).cut, 0);
        assert.equal(bestSplit(deviceFaster, { bandwidthBps, rtt: 0 }).cut, L);
      }
      // 1 bit/s: any upload (>= 3 B) takes >= 24 s, more than all the device work (<= 15 s).
      for (const prof of [serverFaster, deviceFaster]) {
        const slow = bestSplit({ ...prof, inputBytes: b + 2, layers: prof.layers.map((l) => ({ ...l, outBytes: b + 2 })) }, { bandwidthBps: 1, rtt: 0 });
        assert.equal(slow.cut, L);
        assert.equal(slow.transferS, 0);
      }
    }),
    { numRuns: 150 },
  );
});

test('AlexNet (njcpe Neurosurgeon tables): at the measured link the best cut is pool5 (TCP, Pixel 3)', () => {
  // PROVENANCE.md §1: the network is not documented, so "the measured conditions" are the link fitted
  // to each table's own transmission column against the bytes sent at each cut (FP32 shapes):
  // seconds = rtt + 8·bytes/B by least squares over cuts 0..16 (input … fc8). The fits are
  // TCP (ns_latency.txt): B = 14.55 Mbit/s, rtt = 57.6 ms; Pixel 3 (ns_latency_pxl3.txt): B = 117.9 Mbit/s,
  // rtt = 12.5 ms; UDP (ns_latency_udp.txt): negative intercept, so through the origin, B = 11.66 Mbit/s.
  // The measured end_to_end is lowest at pool5 in all three files (323 / 98 / 73 ms), 36,864 B sent.
  const expected = { tcp: { bw: 14.555e6, rtt: 0.0576 }, pxl3: { bw: 117.85e6, rtt: 0.0125 }, udp: { bw: 11.659e6, rtt: 0 } };
  for (const variant of ['tcp', 'pxl3', 'udp'] as const) {
    const p = readNeurosurgeonProfile(ALEXNET, { variant });
    const L = p.layers.length;
    const sent = (k: number) => (k === 0 ? p.inputBytes : p.layers[k - 1].outBytes);
    const link = fitLink(p.transferS.slice(0, L).map((seconds, k) => ({ bytes: sent(k), seconds })));
    assert.ok(Math.abs(link.bandwidthBps / expected[variant].bw - 1) < 1e-3, `${variant} bandwidth ${link.bandwidthBps}`);
    assert.ok(Math.abs(link.rtt - expected[variant].rtt) < 1e-4, `${variant} rtt ${link.rtt}`);

    const measuredBest = p.endToEndS.indexOf(Math.min(...p.endToEndS));
    assert.equal(p.layers[measuredBest - 1].name, 'pool5');
    const best = bestSplit(p, link);
    assert.equal(best.bytes, 36_864);
    // UDP: Reshape_5 sends the same 36,864 B and its measured device (76 vs 77 ms) and server (3 vs 4 ms)
    // times are lower than pool5's, so the model picks it, 2 ms ahead: measurement noise, same split.
    assert.equal(p.layers[best.cut - 1].name, variant === 'udp' ? 'Reshape_5' : 'pool5');
    if (variant === 'udp') assert.ok(Math.abs(splitCosts(p, link)[measuredBest].latency - best.latency - 0.002) < 1e-9);
  }
});

// ----- JALAD -----

const jaladBitsArb = fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 5 });

/** Brute force over every allowed (cut, bits): least latency, then smallest cut, then most bits. */
function bruteJalad(p: LayerProfile, link: SplitLink, bitsChoices: number[], loss: (k: number, b: number) => number | undefined, maxLoss: number) {
  const L = p.layers.length;
  const cands: Array<{ cut: number; bits: number; latency: number }> = [];
  for (let k = 0; k <= L; k++) {
    cands.push({ cut: k, bits: 32, latency: brute(p, link, k).latency });
    if (k === 0 || k === L) continue;
    for (const b of bitsChoices) {
      const l = loss(k, b);
      if (l !== undefined && l <= maxLoss) cands.push({ cut: k, bits: b, latency: brute(p, link, k, b).latency });
    }
  }
  cands.sort((a, b) => a.latency - b.latency || a.cut - b.cut || b.bits - a.bits);
  return cands[0];
}

/** A random loss table: per (cut, bits) a loss in 0..4 (in 1/4 points) or no entry. */
const tableArb = fc.array(fc.option(fc.integer({ min: 0, max: 16 }).map((n) => n / 4), { nil: undefined }), { minLength: 13 * 32, maxLength: 13 * 32 });
const lookup = (t: Array<number | undefined>) => (k: number, b: number) => t[k * 32 + b];

test('JALAD equals a brute force over (cut, bits) on random loss tables', () => {
  fc.assert(
    fc.property(profileArb(), linkArb, jaladBitsArb, tableArb, fc.integer({ min: 0, max: 16 }).map((n) => n / 4), (p, link, bitsChoices, t, maxLoss) => {
      const loss = lookup(t);
      const got = bestJaladSplit(p, link, { bitsChoices, accuracyLoss: loss, maxLoss });
      const want = bruteJalad(p, link, bitsChoices, loss, maxLoss);
      assert.deepEqual([got.cut, got.bits, got.latency], [want.cut, want.bits, want.latency]);
      assert.equal(got.loss, got.bits === 32 ? 0 : loss(got.cut, got.bits));
      assert.ok(got.loss <= maxLoss);
    }),
    { numRuns: 300 },
  );
});

test('JALAD with maxLoss 0 and lossy quantization is bestSplit; a permissive table never does worse', () => {
  fc.assert(
    fc.property(profileArb(), linkArb, jaladBitsArb, (p, link, bitsChoices) => {
      const plain = bestSplit(p, link);
      const strict = bestJaladSplit(p, link, { bitsChoices, accuracyLoss: () => 0.5, maxLoss: 0 });
      assert.deepEqual(strict, { ...plain, bits: 32, loss: 0 });
      const none = bestJaladSplit(p, link, { bitsChoices, accuracyLoss: () => undefined, maxLoss: 100 });
      assert.deepEqual(none, { ...plain, bits: 32, loss: 0 });
      const free = bestJaladSplit(p, link, { bitsChoices, accuracyLoss: () => 0, maxLoss: 0 });
      assert.ok(free.latency <= plain.latency);
    }),
    { numRuns: 200 },
  );
});

test('JALAD: quantization moves the cut when it pays, and the table is asked only for 0 < cut < L, bits < 32', () => {
  // Device fast for layer 0 only; the intermediate tensor is 8× the input, so at full precision it is best
  // to upload the input (cut 0); at 2 bits the cut after layer 0 sends 2,000 B < 4,000 B.
  const p = toy(4000, [[0.001, 0.001, 32_000], [10, 0.001, 4]]);
  const link = { bandwidthBps: 1e6, rtt: 0.01 };
  assert.equal(bestSplit(p, link).cut, 0);
  const asked: string[] = [];
  const j = bestJaladSplit(p, link, {
    bitsChoices: [32, 8, 2],
    accuracyLoss: (k, b) => {
      asked.push(`${k}/${b}`);
      return b === 2 ? 1.5 : 0.2;
    },
    maxLoss: 2,
  });
  assert.deepEqual([j.cut, j.bits, j.bytes, j.loss], [1, 2, 2000, 1.5]);
  assert.deepEqual(asked.sort(), ['1/2', '1/8']);
  assert.throws(() => bestJaladSplit(p, link, { bitsChoices: [8], accuracyLoss: () => -1, maxLoss: 1 }), /accuracyLoss\(1, 8\)/);
  // An infinite link ties every bit width at every cut: the most bits (no loss) wins.
  const serverSlowOnA = { ...p, layers: [{ ...p.layers[0], serverS: 0.002 }, p.layers[1]] };
  const tie = bestJaladSplit(serverSlowOnA, { bandwidthBps: Infinity, rtt: 0 }, { bitsChoices: [2, 8], accuracyLoss: () => 0, maxLoss: 1 });
  assert.deepEqual([tie.cut, tie.bits, tie.loss], [1, 32, 0]);
});

test('bad planner options throw RangeError naming the field', () => {
  const p: LayerProfile = { model: 'm', inputBytes: 1, layers: [{ name: 'a', deviceS: 1, serverS: 1, outBytes: 1 }], source: '' };
  assert.throws(() => splitCosts(p, { bandwidthBps: 0, rtt: 0 }), /bandwidthBps/);
  assert.throws(() => splitCosts(p, { bandwidthBps: 1, rtt: -1 }), /rtt/);
  assert.throws(() => splitCosts(p, { bandwidthBps: 1, rtt: 0 }, { bits: 33 }), /bits/);
  assert.throws(() => bestSplit(p, { bandwidthBps: 1, rtt: 0 }, { objective: 'energy' }), /power/);
  assert.throws(() => splitCosts({ ...p, layers: [{ name: 'x', deviceS: NaN, serverS: 0, outBytes: 0 }] }, { bandwidthBps: 1, rtt: 0 }), /layer 0 \(x\)/);
});
