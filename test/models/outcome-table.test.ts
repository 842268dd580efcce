import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { DEFAULT_SUM_TOLERANCE, entropyNats, readOutcomeTable, readProbTable, samplesByClass, tableMismatch, type ProbTable } from '../../src/models/outcome-table.js';
import { dataFile, scratchFile, sharedFile } from './paths.js';

const inputError = (re: RegExp) => (e: Error) => e instanceof InputError && re.test(e.message);

function argmax(t: ProbTable, i: number): number {
  let best = 0;
  for (let k = 1; k < t.classes; k++) if (t.probs[i * t.classes + k] > t.probs[i * t.classes + best]) best = k;
  return best;
}

function accuracy(t: ProbTable): number {
  let ok = 0;
  for (let i = 0; i < t.n; i++) if (argmax(t, i) === t.labels[i]) ok++;
  return ok / t.n;
}

const SHIPPED: [string, number][] = [
  ['lenet5_netcal', 0.5308],
  ['wrn16_4_netcal', 0.9109],
  ['vgg16_verifiedcal', 0.9359],
];

test('shipped prob tables (.csv.gz): 10,000 x 10, accuracies as in the PROVENANCE file, same as the shared CSVs', () => {
  let labels: Int32Array | undefined;
  for (const [model, acc] of SHIPPED) {
    const t = readProbTable(dataFile(`model-outputs/cifar10_probs_${model}.csv.gz`));
    assert.equal(t.n, 10000);
    assert.equal(t.classes, 10);
    assert.equal(t.probs.length, 100000);
    assert.equal(accuracy(t), acc, model);
    const plain = readProbTable(sharedFile(`model-outputs/cifar10_probs_${model}.csv`));
    assert.deepEqual(plain.probs, t.probs);
    if (labels) assert.deepEqual(t.labels, labels, 'the same test set order in every file');
    labels = t.labels;
  }
  const lenet = readProbTable(dataFile('model-outputs/cifar10_probs_lenet5_netcal.csv.gz'));
  assert.equal(lenet.labels[0], 3);
  assert.equal(lenet.probs[3], Math.fround(0.719181478));
  assert.equal(accuracy(readProbTable(sharedFile('model-outputs/cifar10_probs_cv_cleanlab.csv'))), 0.9294);
});

test('cifar10_outcomes.csv agrees with the prob tables: pred, correct, maxp, entropy (within 1e-6)', () => {
  for (const [model] of [...SHIPPED, ['cv_cleanlab']]) {
    const probs = readProbTable(sharedFile(`model-outputs/cifar10_probs_${model}.csv`));
    const o = readOutcomeTable(sharedFile('model-outputs/cifar10_outcomes.csv'), model);
    assert.equal(o.n, 10000);
    assert.ok(o.entropy);
    assert.deepEqual(o.labels, probs.labels);
    let maxErr = 0;
    for (let i = 0; i < o.n; i++) {
      assert.equal(o.pred[i], argmax(probs, i));
      assert.ok(Math.abs(o.confidence[i] - probs.probs[i * 10 + o.pred[i]]) < 1e-6);
      maxErr = Math.max(maxErr, Math.abs(entropyNats(probs.probs, i * 10, 10) - o.entropy[i]));
    }
    assert.ok(maxErr < 1e-6, `${model}: ${maxErr}`);
  }
});

test('outcome tables: CIFAR-100 and FrugalML accuracies; FrugalML has no entropy', () => {
  const mean = (a: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s / a.length;
  };
  const c100 = sharedFile('model-outputs/cifar100_outcomes.csv');
  assert.equal(mean(readOutcomeTable(c100, 'lenet5_netcal').correct), 0.1246);
  const wrn = readOutcomeTable(c100, 'wrn16_4_netcal');
  assert.equal(mean(wrn.correct), 0.7543);
  assert.ok(Math.abs(mean(wrn.entropy!) - 0.788) < 5e-4);
  const ms = readOutcomeTable(sharedFile('model-outputs/frugalml_ferplus_outcomes.csv'), 'microsoft');
  assert.equal(ms.n, 6358);
  assert.equal(ms.entropy, null);
  assert.equal(Math.round(mean(ms.correct) * 1000) / 1000, 0.814);
  const google = readOutcomeTable(sharedFile('model-outputs/frugalml_rafdb_outcomes.csv'), 'google');
  assert.equal(google.n, 15339);
  // Google reports confidence in steps of 0.2 (PROVENANCE: 5 distinct values).
  assert.equal(new Set(google.confidence).size, 5);
  for (const x of google.confidence) assert.ok(Math.abs(x * 5 - Math.round(x * 5)) < 1e-12, String(x));
  assert.throws(() => readOutcomeTable(c100, 'vgg16'), inputError(/cifar100_outcomes\.csv: no model "vgg16" \(models: lenet5_netcal, wrn16_4_netcal, densenet_bc100_netcal\)$/));
});

test('entropyNats: hand values and bounds', () => {
  assert.equal(entropyNats([0.5, 0.5], 0, 2), Math.LN2);
  assert.equal(entropyNats([9, 1, 0, 0, 9], 1, 3), 0, 'one-hot, 0 ln 0 = 0, offset respected');
  assert.ok(Math.abs(entropyNats([0.25, 0.25, 0.25, 0.25], 0, 4) - Math.log(4)) < 1e-15);
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), (w) => {
      const s = w.reduce((a, b) => a + b, 0);
      fc.pre(s > 1e-6);
      const p = w.map((x) => x / s);
      const h = entropyNats(p, 0, p.length);
      return h >= -1e-12 && h <= Math.log(p.length) + 1e-12;
    }),
    { numRuns: 200 },
  );
});

test('samplesByClass: CIFAR-10 test set has 1,000 samples of each class', () => {
  const t = readProbTable(dataFile('model-outputs/cifar10_probs_vgg16_verifiedcal.csv.gz'));
  const by = samplesByClass(t.labels, 10);
  assert.deepEqual(by.map((a) => a.length), Array(10).fill(1000));
  for (let c = 0; c < 10; c++) for (const i of by[c]) assert.equal(t.labels[i], c);
  assert.deepEqual(samplesByClass(Int32Array.of(1, 0, 1), 3).map((a) => [...a]), [[1], [0, 2], []]);
  assert.throws(() => samplesByClass(Int32Array.of(0, 3), 3), RangeError);
});

test('bad prob and outcome files are InputErrors naming the file and line', () => {
  const head = 'index,label,p0,p1,p2\n';
  const probCases: [string, string, RegExp][] = [
    ['cols.csv', head + '0,1,0.2,0.8,0\n1,0,0.5,0.5\n', /:3: expected 5 comma-separated fields \(as in the header\), got 4$/],
    ['nan.csv', head + '0,1,0.2,0.8,0\n1,0,0.5,half,0\n', /:3: column "p1": expected a number, got "half"$/],
    ['order.csv', head + '0,1,0.2,0.8,0\n2,0,0.5,0.5,0\n', /:3: column "index": expected 1 \(rows in index order\), got "2"$/],
    ['label.csv', head + '0,3,0.2,0.8,0\n', /:2: column "label": expected an integer in 0\.\.2, got "3"$/],
    ['sum.csv', head + '0,1,0.2,0.7,0\n', /:2: probabilities sum to 0\.[89]\d*, expected 1 within 0\.0001; for rounded exports raise outcomes\.sumTolerance/],
    ['neg.csv', head + '0,1,1.2,-0.2,0\n', /:2: column "p0": expected a probability in \[0, 1\], got 1\.2$/],
    ['logits.csv', 'index,label,a,b\n0,1,2,3\n', /: expected probability columns p0, p1/],
  ];
  for (const [name, content, re] of probCases) {
    const path = scratchFile(name, content);
    assert.throws(() => readProbTable(path), (e: Error) => e instanceof InputError && e.message.startsWith(path + ':') && re.test(e.message), name);
  }
  const gz = scratchFile('ok.csv.gz', gzipSync(head + '0,1,0.2,0.8,0\n'));
  assert.equal(readProbTable(gz).probs[1], Math.fround(0.8));
  const notGz = scratchFile('plain.csv.gz', head + '0,1,0.2,0.8,0\n');
  assert.throws(() => readProbTable(notGz), inputError(/plain\.csv\.gz: the name ends in \.gz but the content is not gzip-compressed$/));
  const broken = scratchFile('broken.csv.gz', gzipSync(head + '0,1,0.2,0.8,0\n').subarray(0, 20));
  assert.throws(() => readProbTable(broken), inputError(/broken\.csv\.gz: not a valid gzip file/));

  const oHead = 'index,label,m_pred,m_correct,m_maxp,m_margin,m_entropy\n';
  const outcomeCases: [string, string, RegExp][] = [
    ['o-cols.csv', oHead + '0,1,1,1,0.9,0.8,0.3\n1,1,1,1,0.9,0.8\n', /:3: expected 7 comma-separated fields/],
    ['o-nan.csv', oHead + '0,1,1,1,0.9,0.8,low\n', /:2: column "m_entropy": expected a number, got "low"$/],
    ['o-correct.csv', oHead + '0,1,2,1,0.9,0.8,0.3\n', /:2: column "m_correct" is 1 but pred 2 != label 1$/],
    ['o-conf.csv', oHead + '0,1,1,1,1.5,0.8,0.3\n', /:2: column "m_maxp": expected a value in \[0, 1\], got 1\.5$/],
  ];
  for (const [name, content, re] of outcomeCases) {
    const path = scratchFile(name, content);
    assert.throws(() => readOutcomeTable(path, 'm'), (e: Error) => e instanceof InputError && e.message.startsWith(path + ':') && re.test(e.message), name);
  }
  assert.throws(() => readOutcomeTable(scratchFile('o-ok.csv', oHead + '0,1,1,1,0.9,0.8,0.3\n'), 'n'), inputError(/: no model "n" \(models: m\)$/));
});

test('rounded exports: sumTolerance accepts them, renormalize rescales each row and states the largest correction', () => {
  // A softmax printed with 2 decimals: rows sum to 0.99 and 1.01.
  const path = scratchFile('rounded.csv', 'index,label,p0,p1,p2\n0,1,0.33,0.33,0.33\n1,0,0.51,0.25,0.25\n');
  assert.equal(DEFAULT_SUM_TOLERANCE, 1e-4);
  assert.throws(() => readProbTable(path), inputError(/rounded\.csv:2: probabilities sum to 0\.99\d*, expected 1 within 0\.0001; for rounded exports raise outcomes\.sumTolerance/));
  const kept = readProbTable(path, { sumTolerance: 0.015 });
  assert.equal(kept.probs[0], Math.fround(0.33));
  assert.doesNotMatch(kept.source, /renormalized/);
  const rescaled = readProbTable(path, { sumTolerance: 0.015, renormalize: true });
  for (let i = 0; i < 2; i++) assert.ok(Math.abs(rescaled.probs.subarray(3 * i, 3 * i + 3).reduce((a, b) => a + b, 0) - 1) < 1e-6);
  assert.match(rescaled.source, /rows renormalized, largest correction 0\.010 at line [23]\)$/);
  assert.throws(() => readProbTable(path, { sumTolerance: 0.005 }), inputError(/:2: probabilities sum to 0\.99\d*, expected 1 within 0\.005$/));
  assert.throws(() => readProbTable(path, { sumTolerance: 1 }), inputError(/sumTolerance must be in \[0, 1\), got 1$/));
});

test('tableMismatch says what differs: sample count, class count, or the first sample whose label differs', () => {
  const table = (labels: number[], classes = 2): ProbTable => ({ n: labels.length, classes, labels: Int32Array.from(labels), probs: new Float32Array(labels.length * classes), source: `t${labels.join('')}` });
  const base = table([0, 1, 1]);
  assert.equal(tableMismatch(table([0, 1, 1]), 'mine', base, 'lenet5'), null);
  assert.equal(tableMismatch(table([0, 1]), 'mine', base, 'lenet5'), "'mine' (t01) has 2 samples, 'lenet5' (t011) has 3");
  assert.equal(tableMismatch(table([0, 1, 1], 3), 'mine', base, 'lenet5'), "'mine' (t011) has 3 classes, 'lenet5' (t011) has 2");
  assert.equal(tableMismatch(table([0, 0, 1]), 'mine', base, 'lenet5'), "sample 1 has label 0 in 'mine' and 1 in 'lenet5' (the tables must list the same test samples in the same order)");
});
