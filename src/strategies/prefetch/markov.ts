/**
 * markov: a first-order Markov chain over partitions, learnt online from the observed partition stream.
 * A scene change is an observation that differs from the previous one; it adds 1 to count n(a, b)
 * (a: previous partition, b: new one), after multiplying row a by `decay` (1: never forget; below 1,
 * old transitions fade, so a changed routine is relearnt).
 *
 * Prediction from current partition a ranks every b != a by
 *   n(a, b) + prior * (m(b) + 1) / (M + P),
 * where m(b) counts scene changes into b, M their total and P the partitions: an empty row backs off
 * to the observed popularity of scenes (add-one smoothed), and `prior` is how many observed
 * transitions it takes to outweigh it. Ties go to the lower id. Cost: P^2 doubles of memory; an
 * observation O(1) (O(P) with decay), a ranking O(P k) for k candidates.
 */
import { cheapest, type Predictor, type PredictorContext, type PredictorEntry, type PredictorOptions } from './predictor.js';

export class MarkovPredictor implements Predictor {
  private readonly counts: Float64Array;
  private readonly entries: Float64Array;
  private totalEntries = 0;
  private current = -1;

  constructor(
    private readonly partitions: number,
    private readonly o: PredictorOptions,
  ) {
    this.counts = new Float64Array(partitions * partitions);
    this.entries = new Float64Array(partitions);
  }

  observe(p: number): void {
    const a = this.current;
    if (p === a) return;
    if (a >= 0) {
      const row = this.counts.subarray(a * this.partitions, (a + 1) * this.partitions);
      if (this.o.decay < 1) for (let b = 0; b < row.length; b++) row[b] *= this.o.decay;
      row[p] += 1;
    }
    this.entries[p]++;
    this.totalEntries++;
    this.current = p;
  }

  /** The score ranking b as the next scene after the current one (see the file header). */
  score(b: number): number {
    const P = this.partitions;
    const backoff = (this.o.prior * (this.entries[b] + 1)) / (this.totalEntries + P);
    return (this.current >= 0 ? this.counts[this.current * P + b] : 0) + backoff;
  }

  rank(out: Int32Array): number {
    return cheapest(out, this.partitions, (b) => (b === this.current ? Infinity : -this.score(b)));
  }
}

export const markov: PredictorEntry = {
  description: 'First-order Markov chain over partitions, learnt online from hints and hits (prior backs off to popularity)',
  needsFuture: false,
  create: (ctx: PredictorContext, o: PredictorOptions) => new MarkovPredictor(ctx.partitions, o),
};
