import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { entropyNats, readProbTable, type ProbTable } from '../../src/models/outcome-table.js';
import { simulateRun } from '../../src/run/simulate.js';
import { tiny } from '../scenario/helpers.js';
import { ROOT, eachSampleOnce, frameLines } from './helpers.js';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

const table = (name: string) => readProbTable(`${ROOT}data/model-outputs/cifar10_probs_${name}.csv.gz`);
const lenet = table('lenet5_netcal'), wrn = table('wrn16_4_netcal');
const entropies = (t: ProbTable) => Float64Array.from({ length: t.n }, (_, s) => entropyNats(t.probs, s * t.classes, t.classes));
const corrects = (t: ProbTable) =>
  Uint8Array.from({ length: t.n }, (_, s) => {
    const row = Array.from(t.probs.subarray(s * t.classes, (s + 1) * t.classes));
    return row.indexOf(Math.max(...row)) === t.labels[s] ? 1 : 0;
  });
const hLenet = entropies(lenet), okLenet = corrects(lenet), okWrn = corrects(wrn);

test('early-exit on real CIFAR-10 outputs, each sample once: exit rate and accuracy equal the direct count over the tables', () => {
  for (const tau of [0.3, 1]) {
    const m = simulateRun(eachSampleOnce('early-exit.yaml', lenet.labels, 'strategies=[early-exit]', `early-exit.exits.0.tau=${tau}`), 'early-exit', 0).metrics;
    let exits = 0, right = 0;
    for (let s = 0; s < lenet.n; s++) {
      const exit = hLenet[s] < tau;
      exits += exit ? 1 : 0;
      right += exit ? okLenet[s] : okWrn[s];
    }
    assert.ok(exits > 500 && exits < 9500, `tau ${tau}: a non-trivial exit count (${exits})`);
    assert.equal(m.exit_rate, exits / lenet.n);
    assert.equal(m.answered_device, exits / lenet.n);
    assert.equal(m.accuracy, right / lenet.n);
  }
});

const small = 'outcomes.models.small={accuracy: 0.6, entropyCorrect: {kind: fixed, value: 0.1}, entropyWrong: {kind: fixed, value: 1}}';
const oneExit = 'early-exit={exits: [{outcome: small, tau: 0.5, cost: part, featureElements: 1000}], featureBits: 8, suffix: {outcome: big, cost: full, tier: edge}, fullPrecisionMacs: 5e6}';
// The prefix (device `part`) at 8 bits, the suffix (edge `full`) at 32-bit float: 0.23 pJ and 4.6 pJ per MAC (Horowitz 2014).
const byMacs = 'energy.macs=[{tier: device, model: part, macs: 1e6, bits: 8}, {tier: edge, model: full, macs: 4e6, bits: 32}]';
const E8 = 0.23e-12, E32 = 4.6e-12;

test('early-exit latency on the tiny fixture, hand-computed: a frame that exits, a frame that goes to the edge', () => {
  const lines: string[] = [];
  simulateRun(tiny(small, oneExit, byMacs, 'strategies=[early-exit]'), 'early-exit', 0, { write: (l) => void lines.push(l) });
  const frames = frameLines(lines, 'early-exit');
  assert.equal(frames.length, 200);
  // Exit: the 10 ms segment. Server: segment + 1000 B up at 8 Mbit/s + 10 ms + edge 5 ms + 100 B down at 16 Mbit/s + 10 ms.
  const exitLatency = 0.01, serverLatency = 0.01 + (8 * 1000) / 8e6 + 0.01 + 0.005 + (8 * 100) / 16e6 + 0.01;
  const exited = frames.filter((f) => f[10] === '0'), served = frames.filter((f) => f[10] === '1');
  assert.ok(exited.length > 80 && served.length > 50, `${exited.length} exited, ${served.length} served`);
  for (const f of exited) {
    assert.equal(f[9], 'device');
    close(Number(f[12]), exitLatency, 1e-9);
    close(Number(f[20]), 1e6 * E8, 1e-15); // device compute: the prefix's MAC energy
    assert.equal(Number(f[21]), 0); // nothing crosses the link
    assert.equal(Number(f[22]), 0);
  }
  for (const f of served) {
    assert.equal(f[9], 'edge');
    close(Number(f[12]), serverLatency, 1e-9);
    close(Number(f[20]), 1e6 * E8, 1e-15);
    close(Number(f[22]), 4e6 * E32, 1e-15); // edge compute: the full-precision suffix
    close(Number(f[24]), 1000);
  }
});

test('compute_energy_reduction on two frames equals the hand computation for 0, 1 or 2 exits', () => {
  const seen = new Set<number>();
  for (let rep = 0; rep < 12; rep++) {
    const p = tiny(small, oneExit, byMacs, 'strategies=[early-exit]', 'frames=2', 'warmupFrames=0', 'replications=12');
    const m = simulateRun(p, 'early-exit', rep).metrics;
    const exits = Math.round(m.exit_rate * 2);
    seen.add(exits);
    // Both frames run the 1e6-MAC prefix at 8 bits; the (2 - exits) others the 4e6-MAC suffix at 32 bits;
    // the reference runs 5e6 MACs at 32 bits on each frame. One exit: 23 pJ x 1e6 / 9.43 pJ x 1e6 = 2.439.
    const perFrame = (2 * 1e6 * E8 + (2 - exits) * 4e6 * E32) / 2;
    close(m.compute_energy_reduction, (5e6 * E32) / perFrame, 1e-12);
    if (exits === 1) close(m.compute_energy_reduction, 23 / 9.43, 1e-12);
  }
  assert.ok(seen.has(1), `a replication with exactly one exit among the two frames (saw ${[...seen].join(', ')})`);
});

test('property: compute_energy_reduction grows with exit_rate (same frames, a higher tau)', () => {
  const lognormal = 'outcomes.models.small={accuracy: 0.6, entropyCorrect: {kind: lognormal, mu: -1, sigma: 1}, entropyWrong: {kind: lognormal, mu: 0, sigma: 1}}';
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 3, noNaN: true }),
      fc.double({ min: 0, max: 3, noNaN: true }),
      fc.integer({ min: 1e5, max: 1e8 }),
      fc.integer({ min: 1e5, max: 1e8 }),
      fc.constantFrom(1, 4, 8),
      (t1, t2, prefixMacs, suffixMacs, bits) => {
        const run = (tau: number) =>
          simulateRun(
            tiny(lognormal, oneExit, `early-exit.exits.0.tau=${tau}`, `energy.macs=[{tier: device, model: part, macs: ${prefixMacs}, bits: ${bits}}, {tier: edge, model: full, macs: ${suffixMacs}, bits: 32}]`, 'strategies=[early-exit]', 'frames=100', 'warmupFrames=0'),
            'early-exit',
            0,
          ).metrics;
        const [lo, hi] = [run(Math.min(t1, t2)), run(Math.max(t1, t2))];
        assert.ok(hi.exit_rate >= lo.exit_rate);
        if (hi.exit_rate > lo.exit_rate) assert.ok(hi.compute_energy_reduction > lo.compute_energy_reduction, `${hi.compute_energy_reduction} > ${lo.compute_energy_reduction}`);
        else assert.equal(hi.compute_energy_reduction, lo.compute_energy_reduction);
      },
    ),
    { numRuns: 20, seed: 11 },
  );
});

test('compute_energy_reduction is reported only when the prefix and the suffix are charged by MACs', () => {
  const m = simulateRun(tiny(small, oneExit, 'strategies=[early-exit]'), 'early-exit', 0).metrics;
  assert.equal(m.compute_energy_reduction, undefined);
  close(m.energy_device_compute_j_per_frame, 4 * 0.01); // power x time: 4 W x the 10 ms segment
});

test('exitAccuracyLoss turns that fraction of the exit head correct answers wrong', () => {
  const acc = (loss: number) => simulateRun(tiny(small, oneExit, `early-exit.exitAccuracyLoss=${loss}`, 'early-exit.exits.0.tau=100', 'strategies=[early-exit]', 'frames=4000'), 'early-exit', 0).metrics.accuracy;
  const [full, half] = [acc(0), acc(0.5)];
  assert.ok(Math.abs(half / full - 0.5) < 0.05, `${half} / ${full}`);
});

test('early-exit refuses unknown models, naming the option', () => {
  assert.throws(() => simulateRun(tiny(oneExit, 'strategies=[early-exit]'), 'early-exit', 0), /early-exit\.exits\[0\]\.outcome: .*small/);
});

test('early-exit at a tie: a head whose entropy equals tau does not exit (entropy < tau, not <=)', () => {
  // `small` answers with entropy exactly 0.1 when right and exactly 1 when wrong.
  const exitRate = (tau: number) => simulateRun(tiny(small, oneExit, `early-exit.exits.0.tau=${tau}`, 'strategies=[early-exit]'), 'early-exit', 0).metrics;
  const atOne = exitRate(1), above = exitRate(1.000001);
  // tau = 1: the right answers (entropy 0.1) exit, the wrong ones (entropy = tau) go on to the server.
  assert.ok(atOne.exit_rate > 0.4 && atOne.exit_rate < 0.8, `exit rate ${atOne.exit_rate}`);
  assert.equal(above.exit_rate, 1);
  assert.equal(exitRate(0.1).exit_rate, 0);
  assert.equal(exitRate(0.100001).exit_rate, atOne.exit_rate);
  // On real outputs: tau set to one sample's own entropy leaves that sample to the server.
  const s = 1234, tau = hLenet[s];
  const lines: string[] = [];
  const m = simulateRun(eachSampleOnce('early-exit.yaml', lenet.labels, 'strategies=[early-exit]', `early-exit.exits.0.tau=${tau}`), 'early-exit', 0, { write: (l) => void lines.push(l) }).metrics;
  assert.equal(m.exit_rate, hLenet.filter((h) => h < tau).length / lenet.n);
  const frame = frameLines(lines, 'early-exit').find((f) => Number(f[3]) === s)!;
  assert.equal(frame[10], '1', `sample ${s} (entropy ${tau} = tau) answered by exit ${frame[10]}`);
});

test('with several exits, a frame that passes them all uploads the last exit\'s features (featureElements x featureBits / 8 bytes)', () => {
  // Two exits that never fire (tau 0): every frame leaves the device with the second exit's tensor.
  const two = 'early-exit={exits: [{outcome: lenet5, tau: 0, cost: blazeface, featureElements: 400}, {outcome: lenet5, tau: 0, cost: blazeface, featureElements: 1000}], featureBits: 4}';
  const m = simulateRun(eachSampleOnce('early-exit.yaml', lenet.labels.subarray(0, 200), 'strategies=[early-exit]', two), 'early-exit', 0).metrics;
  assert.equal(m.exit_rate, 0);
  assert.equal(m.bytes_up_per_frame, (1000 * 4) / 8);
  // Each device segment adds its energy: two blazeface segments cost twice one (fixed latencies, power x time).
  const one = 'early-exit={exits: [{outcome: lenet5, tau: 0, cost: blazeface, featureElements: 1000}], featureBits: 4}';
  const single = simulateRun(eachSampleOnce('early-exit.yaml', lenet.labels.subarray(0, 200), 'strategies=[early-exit]', one), 'early-exit', 0).metrics;
  assert.ok(single.energy_device_compute_j_per_frame > 0);
  close(m.energy_device_compute_j_per_frame, 2 * single.energy_device_compute_j_per_frame);
});
