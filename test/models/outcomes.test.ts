import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readOutcomeTable, readProbTable, type ProbTable } from '../../src/models/outcome-table.js';
import { empiricalOutcomes, parametricOutcomes, tableOutcomes } from '../../src/models/outcomes.js';
import { Rng } from '../../src/sim/rng.js';
import { dataFile, sharedFile } from './paths.js';

const rng = new Rng('outcomes-test');

test('empirical model: confidence and margin of each answer agree with cifar10_outcomes.csv (maxp, margin)', () => {
  const lenet = readProbTable(dataFile('model-outputs/cifar10_probs_lenet5_netcal.csv.gz'));
  const m = empiricalOutcomes({ tables: { lenet5: lenet }, partitionBase: 'lenet5', partitions: [] });
  const ref = readOutcomeTable(sharedFile('model-outputs/cifar10_outcomes.csv'), 'lenet5_netcal');
  assert.ok(ref.margin);
  for (let s = 0; s < lenet.n; s++) {
    assert.equal(m.answer(0, s, rng), ref.pred[s]);
    assert.ok(Math.abs(m.confidence() - ref.confidence[s]) < 1e-6, `sample ${s}`);
    assert.ok(Math.abs(m.margin() - ref.margin[s]) < 1e-6, `sample ${s}`);
  }
  assert.ok(m.provides(0, 'entropy') && m.provides(0, 'margin'));
});

test('partition answers: confidence and margin of the restricted vector; a declining partition reports 0', () => {
  // One sample of class 0 with probabilities 0.5, 0.3, 0.2: partition {0, 1} sees (0.5, 0.3 | other 0.2).
  const t: ProbTable = { n: 2, classes: 3, labels: Int32Array.of(0, 2), probs: Float32Array.of(0.5, 0.3, 0.2, 0.1, 0.2, 0.7), source: 'hand' };
  const m = empiricalOutcomes({ tables: { a: t }, partitionBase: 'a', partitions: [[0, 1], [2]] });
  assert.equal(m.answer(m.partitionIndex(0), 0, rng), 0);
  assert.equal(m.confidence(), Math.fround(0.5));
  assert.equal(m.margin(), Math.fround(0.5) - Math.fround(0.3));
  assert.equal(m.answer(m.partitionIndex(0), 1, rng), -1); // (0.1, 0.2 | other 0.7): declines
  assert.equal(m.entropy(), Infinity);
  assert.equal(m.confidence(), 0);
  assert.equal(m.margin(), 0);
});

test('outcome tables: FrugalML answers with their reported confidence; no entropy or margin is provided', () => {
  const path = dataFile('model-outputs/frugalml_ferplus_outcomes.csv.gz');
  const cnn = readOutcomeTable(path, 'github_cnn');
  const m = tableOutcomes({ models: { github_cnn: cnn, microsoft: readOutcomeTable(path, 'microsoft') } });
  assert.equal(m.classes, 7);
  assert.equal(m.answer(m.modelIndex('github_cnn'), 0, rng), cnn.labels[0]);
  assert.equal(m.confidence(), 9.951328635215759277e-1);
  assert.ok(Number.isNaN(m.entropy()) && Number.isNaN(m.margin()));
  assert.deepEqual(['entropy', 'confidence', 'margin'].map((s) => m.provides(0, s as 'entropy')), [false, true, false]);
});

test('parametric model: confidence is exp(-entropy); margin is not provided', () => {
  const law = { accuracy: 1, entropyCorrect: { kind: 'fixed' as const, value: 0.25 }, entropyWrong: { kind: 'fixed' as const, value: 1 } };
  const m = parametricOutcomes({ classes: 2, samplesPerClass: 1, models: { x: law }, partitions: [], inSpecialty: law, outOfSpecialty: { falseAccept: 0, entropy: { kind: 'fixed', value: 0 } } });
  assert.equal(m.answer(0, 0, rng), 0);
  assert.equal(m.confidence(), Math.exp(-0.25));
  assert.ok(!m.provides(0, 'margin') && m.provides(0, 'entropy'));
});

test('empirical model: a listed table over other samples is refused only where it is used, saying what differs', () => {
  const lenet = readProbTable(dataFile('model-outputs/cifar10_probs_lenet5_netcal.csv.gz'));
  const other: ProbTable = { ...lenet, n: 3, labels: lenet.labels.slice(0, 3), probs: lenet.probs.slice(0, 30), source: 'three rows' };
  const m = empiricalOutcomes({ tables: { lenet5: lenet, mine: other }, partitionBase: 'lenet5', partitions: [] });
  assert.equal(m.modelIndex('lenet5'), 0);
  assert.throws(() => m.modelIndex('mine'), /table 'mine' is not over the same test samples as the partition base: 'mine' \(three rows\) has 3 samples, 'lenet5' \(.*\) has 10000$/);
});
