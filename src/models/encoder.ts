/**
 * The edge encoder's hint: which partition a frame belongs to, computed from a named model's output on
 * that frame (its predicted class mapped to the partition holding that class), so the hint is wrong
 * whenever that model puts the frame in another partition's classes, and the device then caches the
 * wrong partition. `oracle` reads the true label instead: an upper bound, never a default.
 *
 * A hint is a function of the sample, fixed before the run: the oracle cache policies (Belady) read
 * the future hint stream from the same table.
 */
import type { OutcomeModel } from './outcomes.js';

/** The encoder that reads the label: a named upper bound. */
export const ORACLE_ENCODER = 'oracle';

/**
 * Partition hint of every sample: partOf[prediction of model `encoder`], or partOf[label] for the
 * oracle. Throws a RangeError naming the problem (the caller adds the scenario key).
 */
export function encoderHints(outcomes: OutcomeModel, encoder: string, partOf: Int32Array, truth: Int32Array): Int32Array {
  if (encoder === ORACLE_ENCODER) return Int32Array.from(truth, (label) => partOf[label]);
  const preds = outcomes.predictions(outcomes.modelIndex(encoder));
  if (!preds) throw new RangeError(`'${encoder}' draws its answers per frame (parametric outcomes), so it gives no fixed hint per sample; use '${ORACLE_ENCODER}' (an upper bound) or a real outcome table`);
  return Int32Array.from(preds, (pred, s) => {
    if (!(pred >= 0 && pred < partOf.length)) throw new RangeError(`'${encoder}' predicts class ${pred} for sample ${s}, outside 0..${partOf.length - 1}`);
    return partOf[pred];
  });
}
