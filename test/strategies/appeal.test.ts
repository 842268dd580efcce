import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { readOutcomeTable, readProbTable } from '../../src/models/outcome-table.js';
import { simulateRun } from '../../src/run/simulate.js';
import { ROOT, eachSampleOnce, frameLines } from './helpers.js';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

const FER = `${ROOT}data/model-outputs/frugalml_ferplus_outcomes.csv.gz`;
const cnn = readOutcomeTable(FER, 'github_cnn'), api = readOutcomeTable(FER, 'microsoft');

/** P(q of a wrong answer > q of a right one), ties one half, by brute force. */
function bruteAuroc(q: ArrayLike<number>, wrong: (i: number) => boolean): number {
  let wins = 0, pairs = 0;
  for (let i = 0; i < q.length; i++) {
    if (!wrong(i)) continue;
    for (let j = 0; j < q.length; j++) {
      if (wrong(j)) continue;
      pairs++;
      wins += q[i] > q[j] ? 1 : q[i] === q[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

test('appeal on FER+ (one minus confidence), each image once: appeal rate, accuracy, cost and AUROC equal the direct computation', () => {
  const delta = 0.2;
  const m = simulateRun(eachSampleOnce('appeal-ferplus.yaml', cnn.labels, 'strategies=[appeal]', `appeal.delta=${delta}`), 'appeal', 0).metrics;
  let appeals = 0, right = 0;
  const q = Float64Array.from(cnn.confidence, (c) => 1 - c);
  for (let s = 0; s < cnn.n; s++) {
    const up = q[s] > delta;
    appeals += up ? 1 : 0;
    right += up ? api.correct[s] : cnn.correct[s];
  }
  assert.ok(appeals > 300 && appeals < cnn.n - 300, `appeals ${appeals}`);
  assert.equal(m.appeal_rate, appeals / cnn.n);
  assert.equal(m.answered_cloud, appeals / cnn.n);
  assert.equal(m.accuracy, right / cnn.n);
  close(m.cost_per_frame_usd, (appeals * 0.001) / cnn.n);
  close(m.score_auroc, bruteAuroc(q, (i) => cnn.correct[i] === 0));
});

test('appeal on CIFAR-10 (LeNet-5 little, WRN-16-4 big) with the margin and entropy scores, each sample once: equal to the direct computation', () => {
  const lenet = readProbTable(`${ROOT}data/model-outputs/cifar10_probs_lenet5_netcal.csv.gz`);
  const wrn = readOutcomeTable(`${ROOT}../shared/data/model-outputs/cifar10_outcomes.csv`, 'wrn16_4_netcal');
  const little = readOutcomeTable(`${ROOT}../shared/data/model-outputs/cifar10_outcomes.csv`, 'lenet5_netcal');
  const rows = Array.from({ length: lenet.n }, (_, s) => Array.from(lenet.probs.subarray(10 * s, 10 * s + 10)));
  const scores = {
    margin: { delta: 0.5, q: rows.map((r) => {
      const [a, b] = [...r].sort((x, y) => y - x);
      return 1 - (a - b);
    }) },
    entropy: { delta: 1, q: rows.map((r) => r.reduce((h, p) => (p > 0 ? h - p * Math.log(p) : h), 0)) },
  };
  for (const [score, { delta, q }] of Object.entries(scores)) {
    const p = eachSampleOnce(
      'early-exit.yaml',
      lenet.labels,
      'strategies=[appeal]',
      `appeal={little: {outcome: lenet5, cost: blazeface}, big: {outcome: wrn16_4, cost: mobilenet, tier: edge}, score: ${score}, delta: ${delta}}`,
    );
    const m = simulateRun(p, 'appeal', 0).metrics;
    let appeals = 0, right = 0;
    for (let s = 0; s < lenet.n; s++) {
      const up = q[s] > delta;
      appeals += up ? 1 : 0;
      right += up ? wrn.correct[s] : little.correct[s];
    }
    assert.ok(appeals > 1000 && appeals < 9000, `${score}: appeals ${appeals}`);
    assert.equal(m.appeal_rate, appeals / lenet.n, score);
    assert.equal(m.accuracy, right / lenet.n, score);
  }
});

/** Hanley & McNeil (1982): standard error of an AUROC `a` measured over `pos` positives and `neg` negatives. */
function aurocStandardError(a: number, pos: number, neg: number): number {
  const q1 = a / (2 - a), q2 = (2 * a * a) / (1 + a);
  return Math.sqrt((a * (1 - a) + (pos - 1) * (q1 - a * a) + (neg - 1) * (q2 - a * a)) / (pos * neg));
}

test('appeal predictor: measured AUROC is within 3 standard errors of the stated one; accuracy follows the logged decisions', () => {
  // The little model's errors (~2,200) are the positives, its right answers (~4,100) the negatives:
  // 3 SE is 0.021 at AUROC 0.7 and 0.014 at 0.9.
  const errors = cnn.correct.reduce((a, c) => a + (c === 0 ? 1 : 0), 0);
  for (const target of [0.7, 0.9]) {
    const lines: string[] = [];
    const p = eachSampleOnce('appeal-ferplus.yaml', cnn.labels, 'strategies=[appeal]', 'appeal.score=predictor', `appeal.auroc=${target}`, 'replications=3');
    const se = aurocStandardError(target, errors, cnn.n - errors);
    for (const rep of [0, 1, 2]) {
      const m = simulateRun(p, 'appeal', rep, { write: (l) => void lines.push(l) }).metrics;
      assert.ok(Math.abs(m.score_auroc - target) < 3 * se, `target ${target}, replication ${rep}: measured ${m.score_auroc}, 3 SE = ${3 * se}`);
    }
    const frames = frameLines(lines, 'appeal');
    assert.equal(frames.length, 3 * cnn.n);
    for (const f of frames) {
      const s = Number(f[3]), up = f[10] === '1';
      assert.equal(f[9], up ? 'cloud' : 'device');
      assert.equal(Number(f[11]), up ? api.correct[s] : cnn.correct[s]);
    }
    // delta 1 never appeals and delta 0 (almost surely) always: q is a probability-like score.
    const at = (delta: number) => simulateRun(eachSampleOnce('appeal-ferplus.yaml', cnn.labels, 'strategies=[appeal]', 'appeal.score=predictor', `appeal.auroc=${target}`, `appeal.delta=${delta}`), 'appeal', 0).metrics.appeal_rate;
    assert.equal(at(1), 0);
    assert.equal(at(0), 1);
  }
});

test('appeal predictor with AUROC 1 appeals exactly the little model errors', () => {
  const p = eachSampleOnce('appeal-ferplus.yaml', cnn.labels, 'strategies=[appeal]', 'appeal.score=predictor', 'appeal.auroc=1', 'appeal.delta=0.5');
  const m = simulateRun(p, 'appeal', 0).metrics;
  let wrong = 0, right = 0;
  for (let s = 0; s < cnn.n; s++) {
    wrong += 1 - cnn.correct[s];
    right += cnn.correct[s] === 1 ? 1 : api.correct[s];
  }
  assert.equal(m.score_auroc, 1);
  assert.equal(m.appeal_rate, wrong / cnn.n);
  assert.equal(m.accuracy, right / cnn.n);
});

test('appeal refuses a score the outcome data lack (FrugalML has no entropy, no margin)', () => {
  for (const score of ['entropy', 'margin']) {
    const p = eachSampleOnce('appeal-ferplus.yaml', cnn.labels, 'strategies=[appeal]', `appeal.score=${score}`);
    assert.throws(
      () => simulateRun(p, 'appeal', 0),
      (e: unknown) => e instanceof InputError && new RegExp(`appeal\\.score: '${score}' needs the ${score} of model 'github_cnn'`).test(e.message),
    );
  }
});

test('appeal at a tie: a score equal to delta does not appeal (q > delta, not >=)', () => {
  // paper/appeal-cifar10.yaml's little model, WRN-16-4: 2,469 of the 10,000 images have a top-1
  // probability of exactly 1 (q = 0), 411 a q of exactly 2^-23 (float32 probabilities).
  const wrn16 = readProbTable(`${ROOT}data/model-outputs/cifar10_probs_wrn16_4_netcal.csv.gz`);
  const q = Float64Array.from({ length: wrn16.n }, (_, s) => 1 - Math.max(...wrn16.probs.subarray(10 * s, 10 * s + 10)));
  const rate = (delta: number) => simulateRun(eachSampleOnce('paper/appeal-cifar10.yaml', wrn16.labels, 'strategies=[appeal]', `appeal.delta=${delta}`), 'appeal', 0).metrics.appeal_rate;
  assert.equal(q.filter((x) => x === 0).length, 2469);
  assert.equal(q.filter((x) => x === 2 ** -23).length, 411);
  // delta = 0, the delta sweep's first point: 75.31% appeal, not all of them.
  assert.equal(rate(0), 0.7531);
  assert.equal(rate(2 ** -23), (7531 - 411) / 10_000);
  // AUROC 1: q is 1 on a wrong answer and 0 on a right one, so delta = 1 appeals none and delta = 0 the errors.
  const errors = cnn.correct.reduce((a, c) => a + 1 - c, 0) / cnn.n;
  const predictor = (delta: number) => simulateRun(eachSampleOnce('appeal-ferplus.yaml', cnn.labels, 'strategies=[appeal]', 'appeal.score=predictor', 'appeal.auroc=1', `appeal.delta=${delta}`), 'appeal', 0).metrics.appeal_rate;
  assert.equal(predictor(1), 0);
  assert.equal(predictor(0), errors);
});
