/**
 * A generated request stream on which ARC's target p moves far in both directions: phases of 4,000
 * requests mix a fixed Zipf(0.9) hot set (frequency: its keys return to T2, and B2 hits pull p down),
 * a loop over a phase-dependent number of keys (recency: keys evicted from T1 come back while still in
 * B1, and push p up) and never-repeated scan keys (which flood T1 and B1). The mix changes from
 * phase to phase, so |B2| / |B1| and |B1| / |B2| are often far above 1 at a ghost hit: a p that moved
 * by 1 instead of by the ratio misses differently (the conformance sequences are too short for that).
 *
 * Deterministic (seeded Rng): test/policies/arc.test.ts replays it, and scripts/arc-golden.ts writes
 * it as a libCacheSim oracleGeneral file to measure the golden numbers the test pins.
 */
import { Rng } from '../../src/sim/rng.js';

export interface Workload {
  keys: Int32Array;
  /** Per request, the object's size in bytes (1..64, fixed per key). */
  sizes: Uint32Array;
  keySpace: number;
}

export function arcWorkload(): Workload {
  const rng = new Rng('arc-workload');
  const phases = 30, perPhase = 4000, hot = 500, loopBase = hot, scanBase = 20_000;
  const hotCdf = new Float64Array(hot);
  let total = 0;
  for (let k = 0; k < hot; k++) hotCdf[k] = total += 1 / (k + 1) ** 0.9;
  const keys = new Int32Array(phases * perPhase);
  let scan = scanBase, i = 0;
  for (let phase = 0; phase < phases; phase++) {
    const pHot = rng.uniform(), pLoop = (1 - pHot) * (0.6 + 0.4 * rng.uniform());
    // Loops of 50 to 1,550 keys, each phase its own stretch of the key space.
    const loopLength = 50 + rng.int(1500), loopStart = loopBase + (phase % 6) * 2000;
    let position = 0;
    for (let r = 0; r < perPhase; r++) {
      const u = rng.uniform();
      if (u < pHot) {
        const v = rng.uniform() * total;
        let k = 0;
        while (hotCdf[k] <= v) k++;
        keys[i++] = k;
      } else if (u < pHot + pLoop) {
        keys[i++] = loopStart + position;
        position = (position + 1) % loopLength;
      } else {
        keys[i++] = scan++;
      }
    }
  }
  const sizeOf = Uint32Array.from({ length: scan }, () => 1 + rng.int(64));
  return { keys, sizes: Uint32Array.from(keys, (k) => sizeOf[k]), keySpace: scan };
}
