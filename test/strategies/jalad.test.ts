/** jalad's own rules: split plus feature quantization under an accuracy-loss budget. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { runScenario } from '../../src/run/run.js';
import { simulateRun } from '../../src/run/simulate.js';
import { tiny } from '../scenario/helpers.js';
import { ALEXNET, TOY, splitSet } from './layer-profiles.js';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

const LOSSES = "[{cut: pool5, bits: 8, loss: 0.002}, {cut: pool5, bits: 4, loss: 0.02}, {cut: pool2, bits: 8, loss: 0.004}]";

test('jalad with maxLoss 0 (every table loss > 0) reproduces split frame for frame', () => {
  const lines: string[] = [];
  const p = tiny(
    `network.uplink={trace: '../../data/network/ATT-LTE-driving-2016.up', rtt: 0.01}`,
    'frames=300',
    'replications=1',
    'strategies=[split, jalad]',
    `split={profile: {path: '${ALEXNET}', variant: pxl3}}`,
    `jalad={profile: {path: '${ALEXNET}', variant: pxl3}, maxLoss: 0, accuracyLoss: ${LOSSES}}`,
  );
  const { summary } = runScenario(p, { sink: { write: (l) => void lines.push(l) } });
  const frames = (s: string) => lines.filter((l) => l.startsWith(`${s},`)).map((l) => l.slice(s.length));
  assert.equal(frames('split').length, 300);
  assert.deepEqual(frames('jalad'), frames('split'));
  const cuts = new Set(frames('split').map((l) => l.split(',')[10]));
  assert.ok(cuts.size >= 2, `the trace should move the cut, got ${[...cuts]}`);
  const [split, jalad] = summary.map((s) => s.metrics);
  assert.equal(jalad.mean_bits, 32);
  for (const k of Object.keys(split)) assert.deepEqual(jalad[k], split[k], k);
});

test("jalad: the accuracy drop matches the table's loss (parametric and real per-class accuracies)", () => {
  // The toy profile at 8 Mbit/s: cut a at 4 bits (500 B) beats full precision (4000 B).
  const losses = `[{cut: a, bits: 4, loss: LOSS}]`;
  const drop = (loss: number, ...sets: string[]) => {
    const p = tiny(
      'frames=20000',
      'replications=1',
      'strategies=[split, jalad]',
      splitSet('split', TOY),
      splitSet('jalad', TOY, `, bitsChoices: [4], maxLoss: ${loss}, accuracyLoss: ${losses.replace('LOSS', String(loss))}`),
      ...sets,
    );
    const [split, jalad] = runScenario(p).summary.map((s) => s.metrics);
    assert.equal(jalad.quantized_share, 1);
    close(jalad.planned_accuracy_loss, loss);
    close(jalad.bytes_up_per_frame, 500);
    return split.accuracy - jalad.accuracy;
  };
  // Parametric model of accuracy 0.9; the sd of the measured drop is about 0.003.
  const d1 = drop(0.2);
  assert.ok(Math.abs(d1 - 0.2) < 0.012, `drop ${d1}`);
  // Real LeNet-5 CIFAR-10 outputs (per-class accuracy 0.3 .. 0.7) under a skewed class popularity.
  const d2 = drop(0.1, "outcomes={kind: empirical, tables: {big: '../../data/model-outputs/cifar10_probs_lenet5_netcal.csv.gz'}}", 'workload.scene.popularity={kind: zipf, s: 1.2}');
  assert.ok(Math.abs(d2 - 0.1) < 0.012, `drop ${d2}`);
});

test('jalad options: a loss-table cut that is no layer is an InputError naming the entry', () => {
  assert.throws(
    () => simulateRun(tiny('strategies=[jalad]', splitSet('jalad', TOY, ', accuracyLoss: [{cut: nope, bits: 8, loss: 0}]')), 'jalad', 0),
    (e: Error) => e instanceof InputError && /jalad\.accuracyLoss\[0\]\.cut: no layer 'nope'/.test(e.message),
  );
});
