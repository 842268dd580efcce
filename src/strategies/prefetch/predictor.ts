/**
 * A next-scene predictor for partition prefetch: a plain data structure over integer partition ids
 * (0 <= id < partitions), one per device, fed the partitions the device and edge observe and asked for
 * the partitions most likely to be needed next. Like a cache policy it knows nothing of the engine,
 * so the same object serves the simulator and an offline replay (`scripts/scene-stats.ts`).
 *
 * What it may learn from: the partition the edge's encoder named on each miss (the hint) and the
 * partition that answered each hit on the device, in arrival order; never the label. Only an entry
 * flagged `needsFuture` (the oracle, an upper bound) reads the future, through `nextUse`.
 */
export interface PredictorContext {
  /** Partitions (keys are 0..partitions-1). */
  partitions: number;
  /** Index of the device's next frame (after its latest arrived one) whose hint is q; Infinity if none. Oracle only. */
  nextUse(q: number): number;
}

export interface PredictorOptions {
  /** Pseudo-count of a transition row's prior (markov). */
  prior: number;
  /** Factor applied to a row's counts each time it is updated, in (0, 1]; 1 never forgets (markov). */
  decay: number;
}

export interface Predictor {
  /** The partition observed for the device's latest frame (hint on a miss, answering partition on a hit). */
  observe(p: number): void;
  /**
   * Fills `out` with up to out.length candidates for the partition of the next scene, most likely
   * first, never the current one; returns how many it wrote.
   */
  rank(out: Int32Array): number;
}

export interface PredictorEntry {
  description: string;
  /** Reads the future of the hint stream: the runner does the pre-pass (an upper bound, not a real system). */
  needsFuture: boolean;
  create(ctx: PredictorContext, o: PredictorOptions): Predictor;
}

/**
 * Fills `out` with the ids 0..partitions-1 of smallest `cost`, cheapest first, ties to the lower id;
 * ids of infinite cost are never chosen. Returns how many it wrote. O(partitions x out.length).
 */
export function cheapest(out: Int32Array, partitions: number, cost: (q: number) => number): number {
  let n = 0;
  while (n < out.length) {
    let best = -1, bestCost = Infinity;
    for (let q = 0; q < partitions; q++) {
      if (chosen(out, n, q)) continue;
      const c = cost(q);
      if (c < bestCost) (best = q), (bestCost = c);
    }
    if (best < 0) break;
    out[n++] = best;
  }
  return n;
}

function chosen(out: Int32Array, n: number, q: number): boolean {
  for (let i = 0; i < n; i++) if (out[i] === q) return true;
  return false;
}
