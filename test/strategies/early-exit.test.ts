import { test } from 'node:test';
import assert from 'node:assert/strict';
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
const hLenet = entropies(lenet), hWrn = entropies(wrn), okLenet = corrects(lenet), okWrn = corrects(wrn);

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

test('early-exit energy ratio, recomputed by hand: one exit, and two exits where only some frames run the second segment', () => {
  const one = simulateRun(eachSampleOnce('early-exit.yaml', lenet.labels, 'strategies=[early-exit]', 'early-exit.exits.0.tau=100'), 'early-exit', 0).metrics;
  // Every frame runs the 651,720-MAC LeNet-5 prefix at 8 bits (0.23 pJ) against WRN-16-4 at 32 bits (4.6 pJ).
  close(one.energy_ratio_vs_full_precision, (651720 * 0.23) / (392612352 * 4.6), 1e-9);
  close(one.exit_rate, 1);

  const p = eachSampleOnce(
    'early-exit.yaml',
    lenet.labels,
    'strategies=[early-exit]',
    'early-exit.exits=[{outcome: lenet5, tau: 0.5, cost: blazeface, macs: 1e6, featureElements: 400}, {outcome: wrn16_4, tau: 0.2, cost: mobilenet, macs: 5e6, featureElements: 1000}]',
    'early-exit.bits=16',
  );
  const m = simulateRun(p, 'early-exit', 0).metrics;
  let first = 0, second = 0;
  for (let s = 0; s < lenet.n; s++) {
    if (hLenet[s] < 0.5) first++;
    else if (hWrn[s] < 0.2) second++;
  }
  close(m.exit_0_rate, first / lenet.n);
  close(m.exit_1_rate, second / lenet.n);
  close(m.exit_rate, (first + second) / lenet.n);
  const perFrame = (1e6 * lenet.n + 5e6 * (lenet.n - first)) * 1.5e-12 / lenet.n;
  close(m.energy_ratio_vs_full_precision, perFrame / (392612352 * 4.6e-12), 1e-9);
});

const small = 'outcomes.models.small={accuracy: 0.6, entropyCorrect: {kind: fixed, value: 0.1}, entropyWrong: {kind: fixed, value: 1}}';
const oneExit = 'early-exit={exits: [{outcome: small, tau: 0.5, cost: part, macs: 1e6, featureElements: 1000}], bits: 8, featureBits: 8, suffix: {outcome: big, cost: full, tier: edge}}';

test('early-exit latency on the tiny fixture, hand-computed: a frame that exits, a frame that goes to the edge', () => {
  const lines: string[] = [];
  simulateRun(tiny(small, oneExit, 'strategies=[early-exit]'), 'early-exit', 0, { write: (l) => void lines.push(l) });
  const frames = frameLines(lines, 'early-exit');
  assert.equal(frames.length, 200);
  // Exit: the 10 ms segment. Server: segment + 1000 B up at 8 Mbit/s + 10 ms + edge 5 ms + 100 B down at 16 Mbit/s + 10 ms.
  const exitLatency = 0.01, serverLatency = 0.01 + (8 * 1000) / 8e6 + 0.01 + 0.005 + (8 * 100) / 16e6 + 0.01;
  const exited = frames.filter((f) => f[8] === '0'), served = frames.filter((f) => f[8] === '1');
  assert.ok(exited.length > 80 && served.length > 50, `${exited.length} exited, ${served.length} served`);
  for (const f of exited) {
    assert.equal(f[7], 'device');
    close(Number(f[10]), exitLatency, 1e-9);
    close(Number(f[18]), 1e6 * 0.23e-12, 1e-15); // MAC energy alone: nothing crosses the link
  }
  for (const f of served) {
    assert.equal(f[7], 'edge');
    close(Number(f[10]), serverLatency, 1e-9);
    close(Number(f[19]), 1000);
  }
});

test('early-exit refuses unknown models and a bit width without an energy figure, naming the option', () => {
  assert.throws(() => simulateRun(tiny(oneExit, 'strategies=[early-exit]'), 'early-exit', 0), /early-exit\.exits\[0\]\.outcome: .*small/);
  assert.throws(() => tiny(small, oneExit, 'early-exit.bits=4'), /early-exit\.energyPerMac/);
});
