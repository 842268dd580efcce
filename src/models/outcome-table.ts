/**
 * Real per-sample outputs of real classifiers (data/model-outputs, ../shared/data/model-outputs):
 * softmax tables (`index,label,p0..p{C-1}`) and per-sample outcome tables (one column group per
 * model). They back the empirical outcome model: a frame of class c is answered as a real test
 * sample of class c was, so correctness and entropy keep their real per-sample correlation across
 * models. `.gz` files are read transparently.
 */
import { InputError, lineError } from '../errors.js';
import { columnIndex, intField, numberField, readCsv, type CsvTable } from './read-table.js';

/** Softmax outputs on a labelled test set. */
export interface ProbTable {
  n: number;
  classes: number;
  labels: Int32Array;
  /** n x classes, row-major: probs[i * classes + k] = P(class k | sample i). */
  probs: Float32Array;
  source: string;
}

/**
 * How far a row may sum from 1 by default: the bundled files print float32 values with 9 digits
 * (largest deviation observed: 2.4e-7), so 1e-4 passes any full-precision export and catches a
 * column that is not a distribution. A softmax rounded to d decimals is off by up to C x 0.5 x 10^-d
 * (C classes): raise `sumTolerance` for such a file, and `renormalize` to rescale its rows.
 */
export const DEFAULT_SUM_TOLERANCE = 1e-4;

export interface ProbTableOptions {
  /** Largest |row sum - 1| accepted. Default DEFAULT_SUM_TOLERANCE. */
  sumTolerance?: number;
  /** Divide each row by its sum, so it sums to 1 exactly; the largest correction is stated in `source`. */
  renormalize?: boolean;
}

/** Reads `index,label,p0,...,p{C-1}`; index must be 0..n-1 in order, each row a distribution. */
export function readProbTable(path: string, options: ProbTableOptions = {}): ProbTable {
  const tolerance = options.sumTolerance ?? DEFAULT_SUM_TOLERANCE;
  if (!(tolerance >= 0 && tolerance < 1)) throw new InputError(`${path}: sumTolerance must be in [0, 1), got ${tolerance}`);
  const t = readCsv(path);
  const cIndex = columnIndex(t, 'index');
  const cLabel = columnIndex(t, 'label');
  const pCols: number[] = [];
  for (let k = 0; ; k++) {
    const c = t.header.indexOf(`p${k}`);
    if (c < 0) break;
    pCols.push(c);
  }
  const classes = pCols.length;
  if (classes < 2) throw new InputError(`${path}: expected probability columns p0, p1, ... (columns: ${t.header.join(', ')})`);
  if (t.header.length !== classes + 2) throw new InputError(`${path}: expected columns index, label, p0..p${classes - 1} only (columns: ${t.header.join(', ')})`);
  const n = t.records.length;
  if (n === 0) throw new InputError(`${path}: no samples`);
  const labels = new Int32Array(n);
  const probs = new Float32Array(n * classes);
  let largest = 0, largestLine = 0;
  for (let i = 0; i < n; i++) {
    if (intField(t, i, cIndex, 0) !== i) throw lineError(path, t.lines[i], `column "index": expected ${i} (rows in index order), got "${t.records[i][cIndex]}"`);
    labels[i] = intField(t, i, cLabel, 0, classes - 1);
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      const p = numberField(t, i, pCols[k]);
      if (p < 0 || p > 1) throw lineError(path, t.lines[i], `column "p${k}": expected a probability in [0, 1], got ${p}`);
      probs[i * classes + k] = p;
      sum += p;
    }
    const off = Math.abs(sum - 1);
    if (off > tolerance) {
      const hint = tolerance === DEFAULT_SUM_TOLERANCE ? '; for rounded exports raise outcomes.sumTolerance (and set outcomes.renormalize), docs/data.md' : '';
      throw lineError(path, t.lines[i], `probabilities sum to ${sum}, expected 1 within ${tolerance}${hint}`);
    }
    if (off > largest) (largest = off), (largestLine = t.lines[i]);
    if (options.renormalize) for (let k = 0; k < classes; k++) probs[i * classes + k] /= sum;
  }
  const corrected = options.renormalize ? `, rows renormalized, largest correction ${largest.toPrecision(2)} at line ${largestLine}` : '';
  return { n, classes, labels, probs, source: `${path} (${n} samples, ${classes} classes${corrected})` };
}

/**
 * Why table `t` cannot be used with `base` (the same test samples in the same order: as many rows,
 * as many classes, the same label at every index), or null when it can.
 */
export function tableMismatch(t: ProbTable, tName: string, base: ProbTable, baseName: string): string | null {
  const of = (x: ProbTable, name: string) => `'${name}' (${x.source})`;
  if (t.n !== base.n) return `${of(t, tName)} has ${t.n} samples, ${of(base, baseName)} has ${base.n}`;
  if (t.classes !== base.classes) return `${of(t, tName)} has ${t.classes} classes, ${of(base, baseName)} has ${base.classes}`;
  const i = t.labels.findIndex((l, k) => l !== base.labels[k]);
  if (i >= 0) return `sample ${i} has label ${t.labels[i]} in '${tName}' and ${base.labels[i]} in '${baseName}' (the tables must list the same test samples in the same order)`;
  return null;
}

/** One model's per-sample outcomes. */
export interface OutcomeColumns {
  n: number;
  labels: Int32Array;
  pred: Int32Array;
  /** 1 if pred == label. */
  correct: Uint8Array;
  /** Top-1 probability (`_maxp`) or the API's reported confidence (`_conf`). */
  confidence: Float64Array;
  /** Predictive entropy in nats; null when the file has none (FrugalML API outputs). */
  entropy: Float64Array | null;
  /** Top-1 minus top-2 probability (`_margin`); null when the file has none (FrugalML). */
  margin: Float64Array | null;
  source: string;
}

/**
 * Reads one model's columns from an outcome table: `<m>_pred, <m>_correct, <m>_maxp, <m>_margin,
 * <m>_entropy` (cifar10/cifar100_outcomes.csv) or `<m>_pred, <m>_conf, <m>_correct`
 * (frugalml_*_outcomes.csv, no entropy).
 * @throws InputError listing the file's models when `model` is not one of them
 */
export function readOutcomeTable(path: string, model: string): OutcomeColumns {
  const t = readCsv(path);
  const models = t.header.filter((h) => h.endsWith('_pred')).map((h) => h.slice(0, -'_pred'.length));
  if (!models.includes(model)) throw new InputError(`${path}: no model "${model}" (models: ${models.join(', ') || 'none'})`);
  const cLabel = columnIndex(t, 'label');
  const cPred = columnIndex(t, `${model}_pred`);
  const cCorrect = columnIndex(t, `${model}_correct`);
  const cConf = t.header.includes(`${model}_maxp`) ? columnIndex(t, `${model}_maxp`) : columnIndex(t, `${model}_conf`);
  const cEntropy = t.header.indexOf(`${model}_entropy`);
  const cMargin = t.header.indexOf(`${model}_margin`);
  const n = t.records.length;
  if (n === 0) throw new InputError(`${path}: no samples`);
  const labels = new Int32Array(n);
  const pred = new Int32Array(n);
  const correct = new Uint8Array(n);
  const confidence = new Float64Array(n);
  const entropy = cEntropy < 0 ? null : new Float64Array(n);
  const margin = cMargin < 0 ? null : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = intField(t, i, cLabel, 0);
    pred[i] = intField(t, i, cPred, 0);
    correct[i] = intField(t, i, cCorrect, 0, 1);
    if (correct[i] !== (pred[i] === labels[i] ? 1 : 0)) {
      throw lineError(path, t.lines[i], `column "${t.header[cCorrect]}" is ${correct[i]} but pred ${pred[i]} ${pred[i] === labels[i] ? '=' : '!='} label ${labels[i]}`);
    }
    confidence[i] = unitField(t, i, cConf);
    if (margin) margin[i] = unitField(t, i, cMargin);
    if (entropy) {
      entropy[i] = numberField(t, i, cEntropy);
      if (entropy[i] < 0) throw lineError(path, t.lines[i], `column "${t.header[cEntropy]}": expected an entropy >= 0, got ${entropy[i]}`);
    }
  }
  return { n, labels, pred, correct, confidence, entropy, margin, source: `${path}, model ${model} (${n} samples)` };
}

function unitField(t: CsvTable, r: number, c: number): number {
  const x = numberField(t, r, c);
  if (x < 0 || x > 1) throw lineError(t.file, t.lines[r], `column "${t.header[c]}": expected a value in [0, 1], got ${x}`);
  return x;
}

/** -sum p ln p over p[offset .. offset + length), in nats, with 0 ln 0 = 0. */
export function entropyNats(p: ArrayLike<number>, offset: number, length: number): number {
  let h = 0;
  for (let k = offset; k < offset + length; k++) {
    const x = p[k];
    if (x > 0) h -= x * Math.log(x);
  }
  return h;
}

/** For each class c, the indices i with labels[i] == c, in increasing order. */
export function samplesByClass(labels: Int32Array, classes: number): Int32Array[] {
  const counts = new Int32Array(classes);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!(c >= 0 && c < classes)) throw new RangeError(`samplesByClass: label ${c} at index ${i} is not in 0..${classes - 1}`);
    counts[c]++;
  }
  const out = Array.from(counts, (m) => new Int32Array(m));
  const fill = new Int32Array(classes);
  for (let i = 0; i < labels.length; i++) out[labels[i]][fill[labels[i]]++] = i;
  return out;
}
