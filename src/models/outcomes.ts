/**
 * Outcome models: what each model answers on each frame (correct or not, predictive entropy in nats).
 * Models are referred to by index: the full models named in the scenario, then one model per partition.
 * An answer is a predicted class (-1 when a partition declines the frame); whether it is right is for
 * the scorer alone to say (it compares the answer with the label of the sample, `labels`).
 *
 * Empirical: real per-sample softmax outputs of real CIFAR models (see data/PROVENANCE.md). A frame
 * stands for one real test sample; a full model's answer is that sample's argmax and entropy.
 *
 * Partition rule (our modelling choice, stated so results can be interpreted): a partition
 * specialized on classes S answers with the probability vector of a real "base" model restricted
 * to S plus one "other" bucket holding the remaining mass, 1 - sum over S. Its prediction is the
 * argmax over S and "other"; its entropy is that of the |S|+1 vector. A partition that predicts
 * "other" declines the frame: its entropy is reported as Infinity, so no threshold accepts it. So a
 * partition answers confidently the frames of its classes that the base model is sure of, is
 * uncertain on hard ones, and declines most frames of other classes (it may still accept one,
 * wrongly, when the base model mistook it for a class in S): the behaviour CacheNet relies on.
 *
 * Outcome tables (per-sample pred/correct/confidence[/margin/entropy] columns, e.g. FrugalML's API
 * outputs): each model's answer is read as it is; a score the file lacks (FrugalML has no entropy,
 * no margin) is NaN and `provides` says so, so a strategy that needs it can refuse the scenario.
 * Partitions over an outcome table (no probability vectors, e.g. cifar100_outcomes.csv): a partition
 * specialized on classes S accepts a frame when the base model's predicted class is in S, and then
 * answers with that prediction and the base model's scores (entropy of its full vector: the restricted
 * vector is not in the data); otherwise it declines (entropy Infinity).
 *
 * Parametric: per model an accuracy and entropy laws for correct and wrong answers; per partition,
 * in-specialty (the sample's class in S) the same; out-of-specialty it declines, except with
 * probability `falseAccept`, when it answers wrongly with an entropy from its own law. A wrong answer
 * is the next class (c + 1 mod C); sample s of a parametric model stands for class
 * floor(s / samplesPerClass), the model's own ground truth.
 *
 * Confidence (top-1 probability) and margin (top-1 minus top-2 probability) of the last answer:
 * probability tables compute them from the vector; partitions from the restricted |S|+1 vector (a
 * declining partition reports confidence 0, margin 0: it gives no answer); parametric models draw
 * only an entropy, so confidence is exp(-entropy), the lowest top-1 probability any distribution
 * with that entropy can have (min-entropy <= Shannon entropy), and margin is not provided (NaN).
 */
import { sampler, type Dist, type Sampler } from '../sim/dist.js';
import type { Rng } from '../sim/rng.js';
import { entropyNats, samplesByClass, tableMismatch, type OutcomeColumns, type ProbTable } from './outcome-table.js';

export interface OutcomeModel {
  readonly classes: number;
  /** Row indices (outcome-table samples) of each class. */
  readonly samplesOf: Int32Array[];
  /** The true class of each sample: for the scorer only (DESIGN.md: the truth is seen only by the scorer). */
  readonly labels: Int32Array;
  /** Model index of a full model by name. */
  modelIndex(name: string): number;
  /** Model index of partition p. */
  partitionIndex(p: number): number;
  /** Answers `sample` with model m: returns the predicted class (-1: declines); entropy() then gives its entropy. */
  answer(m: number, sample: number, rng: Rng): number;
  /** Model m's prediction for every sample when it is fixed per sample (real tables); null when drawn (parametric). */
  predictions(m: number): Int32Array | null;
  /** Entropy (nats) of the last answer. */
  entropy(): number;
  /** Top-1 probability (or reported confidence) of the last answer. */
  confidence(): number;
  /** Top-1 minus top-2 probability of the last answer; NaN where not provided. */
  margin(): number;
  /** Whether model m's answers carry this score (not NaN). */
  provides(m: number, score: Score): boolean;
}

export type Score = 'entropy' | 'confidence' | 'margin';

/** Per model and sample: the predicted class (-1: declines) and the scores of its answer (NaN: not in the data). */
export interface AnswerColumns {
  pred: Int32Array;
  entropy: Float64Array;
  confidence: Float64Array;
  margin: Float64Array;
}

/** Precomputed answers per model and sample. */
class TableOutcomes implements OutcomeModel {
  private m = 0;
  private s = 0;
  readonly samplesOf: Int32Array[];
  constructor(
    readonly classes: number,
    readonly labels: Int32Array,
    private readonly names: string[],
    private readonly nPartitions: number,
    private readonly columns: AnswerColumns[],
    /** Listed models that cannot be used, with the reason: an error only when a scenario uses one. */
    private readonly unusable: ReadonlyMap<string, string> = new Map(),
  ) {
    this.samplesOf = samplesByClass(labels, classes);
  }

  modelIndex(name: string): number {
    const i = this.names.indexOf(name);
    const why = this.unusable.get(name);
    if (why !== undefined) throw new RangeError(`table '${name}' is not over the same test samples as the partition base: ${why}`);
    if (i < 0) throw new RangeError(`outcome model: unknown model '${name}' (have ${this.names.join(', ')})`);
    return i;
  }

  partitionIndex(p: number): number {
    if (!(p >= 0 && p < this.nPartitions)) throw new RangeError(`outcome model: no partition ${p}`);
    return this.names.length + p;
  }

  answer(m: number, sample: number): number {
    this.m = m;
    this.s = sample;
    return this.columns[m].pred[sample];
  }

  predictions(m: number): Int32Array {
    return this.columns[m].pred;
  }

  entropy(): number {
    return this.columns[this.m].entropy[this.s];
  }

  confidence(): number {
    return this.columns[this.m].confidence[this.s];
  }

  margin(): number {
    return this.columns[this.m].margin[this.s];
  }

  provides(m: number, score: Score): boolean {
    return !this.columns[m][score].some(Number.isNaN);
  }
}

/**
 * `model` with the workload drawing frames only from `samplesOf` (the rest held out, as when partitions
 * are derived from a model's confusion: models/confusion-groups.ts); answers and labels are unchanged.
 */
export function drawingFrom(model: OutcomeModel, samplesOf: Int32Array[]): OutcomeModel {
  return {
    classes: model.classes,
    labels: model.labels,
    samplesOf,
    modelIndex: (name) => model.modelIndex(name),
    partitionIndex: (p) => model.partitionIndex(p),
    answer: (m, sample, rng) => model.answer(m, sample, rng),
    predictions: (m) => model.predictions(m),
    entropy: () => model.entropy(),
    confidence: () => model.confidence(),
    margin: () => model.margin(),
    provides: (m, score) => model.provides(m, score),
  };
}

/** Class sets of the partitions; every class in exactly one partition. */
export type PartitionClasses = number[][];

/** The partition each class belongs to. */
export function partitionOfClass(parts: PartitionClasses, classes: number): Int32Array {
  const of = new Int32Array(classes).fill(-1);
  parts.forEach((set, p) => {
    for (const c of set) {
      if (!(c >= 0 && c < classes)) throw new RangeError(`partition ${p}: class ${c} out of range 0..${classes - 1}`);
      if (of[c] >= 0) throw new RangeError(`class ${c} is in partitions ${of[c]} and ${p}`);
      of[c] = p;
    }
  });
  const orphan = of.indexOf(-1);
  if (orphan >= 0) throw new RangeError(`class ${orphan} is in no partition`);
  return of;
}

/** `count` partitions of consecutive classes, as equal in size as possible. */
export function contiguousPartitions(classes: number, count: number): PartitionClasses {
  return Array.from({ length: count }, (_, p) => {
    const lo = Math.floor((p * classes) / count), hi = Math.floor(((p + 1) * classes) / count);
    return Array.from({ length: hi - lo }, (_, i) => lo + i);
  });
}

export interface EmpiricalOptions {
  /** Full models: name -> real probability table (all over the same test set). */
  tables: Record<string, ProbTable>;
  /** Which table the partitions restrict. */
  partitionBase: string;
  partitions: PartitionClasses;
}

export function empiricalOutcomes(o: EmpiricalOptions): OutcomeModel {
  const base = o.tables[o.partitionBase];
  if (!base) throw new RangeError(`partition base '${o.partitionBase}' is not one of the tables (${Object.keys(o.tables).join(', ')})`);
  // A listed table that does not match the base is left out, and is an error only where it is used.
  const unusable = new Map<string, string>();
  const names: string[] = [];
  for (const [name, t] of Object.entries(o.tables)) {
    const why = tableMismatch(t, name, base, o.partitionBase);
    if (why === null) names.push(name);
    else unusable.set(name, why);
  }
  const { n, classes, labels } = base;
  if (o.partitions.length > 0) partitionOfClass(o.partitions, classes);
  const columns: AnswerColumns[] = [];
  const top = new Float64Array(2);
  for (const name of names) {
    const t = o.tables[name];
    const col = answerColumns(n);
    for (let s = 0; s < n; s++) {
      const arg = topTwo(t.probs, s * classes, classes, top);
      col.pred[s] = arg;
      col.entropy[s] = entropyNats(t.probs, s * classes, classes);
      col.confidence[s] = top[0];
      col.margin[s] = top[0] - top[1];
    }
    columns.push(col);
  }
  for (const set of o.partitions) {
    const col = answerColumns(n);
    const q = new Float64Array(set.length + 1);
    for (let s = 0; s < n; s++) {
      let inside = 0;
      set.forEach((cls, k) => {
        q[k] = base.probs[s * classes + cls];
        inside += q[k];
      });
      q[set.length] = Math.max(0, 1 - inside);
      const arg = topTwo(q, 0, q.length, top);
      // Ties between a class and "other" go to the class, as the first maximum over S wins.
      const declines = arg === set.length;
      col.pred[s] = declines ? -1 : set[arg];
      col.entropy[s] = declines ? Infinity : entropyNats(q, 0, q.length);
      col.confidence[s] = declines ? 0 : top[0];
      col.margin[s] = declines ? 0 : top[0] - top[1];
    }
    columns.push(col);
  }
  return new TableOutcomes(classes, labels, names, o.partitions.length, columns, unusable);
}

function answerColumns(n: number): AnswerColumns {
  return { pred: new Int32Array(n), entropy: new Float64Array(n), confidence: new Float64Array(n), margin: new Float64Array(n) };
}

/** Index of the first largest of p[offset .. offset + length); top[0], top[1] get the two largest values. */
function topTwo(p: ArrayLike<number>, offset: number, length: number, top: Float64Array): number {
  let arg = 0, first = -Infinity, second = -Infinity;
  for (let k = 0; k < length; k++) {
    const x = p[offset + k];
    if (x > first) (second = first), (first = x), (arg = k);
    else if (x > second) second = x;
  }
  top[0] = first;
  top[1] = second;
  return arg;
}

export interface TableOutcomeOptions {
  /** Model name -> its per-sample columns (all over the same samples). */
  models: Record<string, OutcomeColumns>;
  /** Which model the partitions filter (required with partitions). */
  partitionBase?: string;
  partitions?: PartitionClasses;
  /** Number of classes (default: largest label + 1). */
  classes?: number;
}

/** Outcomes read from a per-sample outcome table; partitions accept the base model's predictions in their classes. */
export function tableOutcomes(o: TableOutcomeOptions): OutcomeModel {
  const names = Object.keys(o.models);
  if (names.length === 0) throw new RangeError('outcome table: name at least one model');
  const first = o.models[names[0]];
  for (const name of names) {
    const t = o.models[name];
    if (t.n !== first.n || t.labels.some((l, i) => l !== first.labels[i])) {
      throw new RangeError(`model '${name}' is not over the same samples as '${names[0]}'`);
    }
  }
  const classes = o.classes ?? Math.max(...first.labels) + 1;
  const columns: AnswerColumns[] = names.map((name) => {
    const t = o.models[name];
    return {
      pred: t.pred,
      entropy: t.entropy ?? new Float64Array(t.n).fill(NaN),
      confidence: t.confidence,
      margin: t.margin ?? new Float64Array(t.n).fill(NaN),
    };
  });
  const parts = o.partitions ?? [];
  if (parts.length > 0) {
    const base = o.models[o.partitionBase ?? ''];
    if (!base) throw new RangeError(`partition base '${o.partitionBase}' is not one of the models (${names.join(', ')})`);
    const partOf = partitionOfClass(parts, classes);
    parts.forEach((_, p) => columns.push(filteredColumns(base, partOf, p)));
  }
  return new TableOutcomes(classes, first.labels, names, parts.length, columns);
}

/** Partition p over an outcome table: the base model's answer where its prediction is in p's classes, else a decline. */
function filteredColumns(base: OutcomeColumns, partOf: Int32Array, p: number): AnswerColumns {
  const col = answerColumns(base.n);
  for (let s = 0; s < base.n; s++) {
    const accepts = base.pred[s] >= 0 && base.pred[s] < partOf.length && partOf[base.pred[s]] === p;
    col.pred[s] = accepts ? base.pred[s] : -1;
    col.entropy[s] = accepts ? (base.entropy?.[s] ?? NaN) : Infinity;
    col.confidence[s] = accepts ? base.confidence[s] : 0;
    col.margin[s] = accepts ? (base.margin?.[s] ?? NaN) : 0;
  }
  return col;
}

export interface AnswerLaw {
  accuracy: number;
  /** Entropy (nats) of correct answers. */
  entropyCorrect: Dist;
  /** Entropy (nats) of wrong answers. */
  entropyWrong: Dist;
}

export interface ParametricOptions {
  classes: number;
  /** Virtual samples per class (sample ids are only labels' stand-ins here). */
  samplesPerClass: number;
  models: Record<string, AnswerLaw>;
  partitions: PartitionClasses;
  inSpecialty: AnswerLaw;
  /** A partition on a frame outside its classes: how often it accepts it anyway (wrongly), with what entropy. */
  outOfSpecialty: { falseAccept: number; entropy: Dist };
}

class DrawnOutcomes implements OutcomeModel {
  readonly samplesOf: Int32Array[];
  readonly labels: Int32Array;
  private last = 0;
  private readonly laws: Array<{ accuracy: number; right: Sampler; wrong: Sampler }>;
  private readonly outside: Sampler;
  private readonly partOf: Int32Array;

  constructor(private readonly o: ParametricOptions) {
    this.samplesOf = Array.from({ length: o.classes }, (_, c) =>
      Int32Array.from({ length: o.samplesPerClass }, (_, i) => c * o.samplesPerClass + i),
    );
    this.labels = Int32Array.from({ length: o.classes * o.samplesPerClass }, (_, s) => Math.floor(s / o.samplesPerClass));
    const law = (l: AnswerLaw) => ({ accuracy: l.accuracy, right: sampler(l.entropyCorrect), wrong: sampler(l.entropyWrong) });
    this.laws = [...Object.values(o.models).map(law), law(o.inSpecialty)];
    this.outside = sampler(o.outOfSpecialty.entropy);
    this.partOf = o.partitions.length > 0 ? partitionOfClass(o.partitions, o.classes) : new Int32Array(o.classes).fill(-1);
  }

  get classes(): number {
    return this.o.classes;
  }

  modelIndex(name: string): number {
    const i = Object.keys(this.o.models).indexOf(name);
    if (i < 0) throw new RangeError(`outcome model: unknown model '${name}' (have ${Object.keys(this.o.models).join(', ')})`);
    return i;
  }

  partitionIndex(p: number): number {
    if (!(p >= 0 && p < this.o.partitions.length)) throw new RangeError(`outcome model: no partition ${p}`);
    return this.laws.length - 1 + p;
  }

  answer(m: number, sample: number, rng: Rng): number {
    const nFull = this.laws.length - 1;
    const label = this.labels[sample];
    const wrong = (label + 1) % this.o.classes;
    if (m >= nFull && this.partOf[label] !== m - nFull) {
      const accepts = rng.uniform() < this.o.outOfSpecialty.falseAccept;
      this.last = accepts ? this.outside(rng) : Infinity;
      return accepts ? wrong : -1;
    }
    const law = this.laws[Math.min(m, nFull)];
    const ok = rng.uniform() < law.accuracy;
    this.last = ok ? law.right(rng) : law.wrong(rng);
    return ok ? label : wrong;
  }

  predictions(): null {
    return null;
  }

  entropy(): number {
    return this.last;
  }

  confidence(): number {
    return Math.exp(-this.last);
  }

  margin(): number {
    return NaN;
  }

  provides(_m: number, score: Score): boolean {
    return score !== 'margin';
  }
}

export function parametricOutcomes(o: ParametricOptions): OutcomeModel {
  return new DrawnOutcomes(o);
}
