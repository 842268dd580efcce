/**
 * oracle: an UPPER BOUND, not a real system. It reads the future of the device's hint stream and ranks
 * the partitions other than the current one by how soon a frame will name them: its first candidate
 * is the partition of the next scene.
 */
import { cheapest, type Predictor, type PredictorContext, type PredictorEntry } from './predictor.js';

export const oracle: PredictorEntry = {
  description: 'Knows the next scene\'s partition from the future of the hint stream (upper bound)',
  needsFuture: true,
  create(ctx: PredictorContext): Predictor {
    let current = -1;
    return {
      observe(p) {
        current = p;
      },
      rank: (out) => cheapest(out, ctx.partitions, (q) => (q === current ? Infinity : ctx.nextUse(q))),
    };
  },
};
