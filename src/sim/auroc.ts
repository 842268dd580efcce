/**
 * Area under the ROC curve of a score that should be higher on positives than on negatives: the
 * Mann-Whitney probability P(score of a positive > score of a negative), ties counting one half.
 * O((m + n) log(m + n)) by sorting both sides and merging.
 */
export function auroc(positives: Float64Array, negatives: Float64Array): number {
  if (positives.length === 0 || negatives.length === 0) return NaN;
  if (positives.some(Number.isNaN) || negatives.some(Number.isNaN)) throw new RangeError('auroc: a score is NaN');
  const pos = Float64Array.from(positives).sort();
  const neg = Float64Array.from(negatives).sort();
  let wins = 0, below = 0, j = 0;
  for (let i = 0; i < pos.length; ) {
    const x = pos[i];
    let same = 0;
    while (i < pos.length && pos[i] === x) (i++), same++;
    while (j < neg.length && neg[j] < x) (j++), below++;
    let ties = 0;
    while (j + ties < neg.length && neg[j + ties] === x) ties++;
    wins += same * (below + ties / 2);
  }
  return wins / (pos.length * neg.length);
}
