/**
 * Partitions derived from a model's confusion (`partitions.derive: confusion`): classes the full model
 * mixes up go into the same partition, as CacheNet's learned groups do (its CIFAR-10 partitions pair
 * trucks with automobiles and airplanes with ships, SETUPS.md). Reading labels here is a training-time
 * use, like training itself: it happens once, on a held-out half of each class's test samples
 * (`heldOutHalf`), and the run draws its frames from the other half only, so no frame's label shapes
 * the partitions that answer it.
 *
 * The rule, deterministic and greedy:
 * 1. Confusion C[i][j]: held-out samples of class i the model predicts as j (i != j); symmetric
 *    S = C + C^T, since a partition serves both directions of a mix-up.
 * 2. Group sizes as equal as possible, as contiguous groups have (the larger ones last).
 * 3. Group by group: seed with the still-free pair of largest S (ties: the lowest class ids), then add
 *    the free class with the largest summed S to the group's members (ties: the lowest id) until the
 *    group has its size. A group of one takes the lowest free class.
 */
import type { PartitionClasses } from './outcomes.js';

/** Each class's samples split in table order: the first floor(n/2) held out (to derive groups), the rest drawn by the run. */
export function heldOutHalf(samplesOf: readonly Int32Array[]): { heldOut: Int32Array[]; run: Int32Array[] } {
  const half = (s: Int32Array) => Math.floor(s.length / 2);
  return { heldOut: samplesOf.map((s) => s.slice(0, half(s))), run: samplesOf.map((s) => s.slice(half(s))) };
}

/** `count` groups of `classes` classes from `pred` (the model's predicted class per sample) on `samples` (label of each in `labels`). */
export function confusionGroups(pred: Int32Array, labels: Int32Array, samples: readonly Int32Array[], classes: number, count: number): PartitionClasses {
  if (!(count >= 1 && count <= classes)) throw new RangeError(`derive: ${count} groups of ${classes} classes`);
  const S = new Float64Array(classes * classes);
  for (const set of samples) {
    for (const s of set) {
      const [i, j] = [labels[s], pred[s]];
      if (j >= 0 && j !== i) (S[i * classes + j]++, S[j * classes + i]++);
    }
  }
  const free = new Set(Array.from({ length: classes }, (_, c) => c));
  return Array.from({ length: count }, (_, g) => {
    const size = Math.floor(((g + 1) * classes) / count) - Math.floor((g * classes) / count);
    const ids = [...free];
    let group = [ids[0]];
    if (size > 1) {
      let best = -1;
      for (const i of ids) for (const j of ids) if (i < j && S[i * classes + j] > best) (best = S[i * classes + j], group = [i, j]);
    }
    while (group.length < size) {
      let pick = -1, best = -1;
      for (const c of ids) {
        if (group.includes(c)) continue;
        const pull = group.reduce((sum, k) => sum + S[c * classes + k], 0);
        if (pull > best) (best = pull, pick = c);
      }
      group.push(pick);
    }
    for (const c of group) free.delete(c);
    return group.sort((a, b) => a - b);
  });
}
