/**
 * Energy at equal accuracy: how much less energy one operating curve (accuracy and energy over a
 * threshold, e.g. AppealNet's delta) needs than another to reach the same accuracy.
 *
 * A curve's cost of an accuracy A is read on its Pareto frontier (the points no cheaper point matches
 * in accuracy), linearly between the two frontier points around A: mixing those two thresholds at
 * random reaches every accuracy between them at the interpolated energy, so the figure is achievable.
 * It is NaN when no point reaches A.
 */

export interface TradeoffPoint {
  accuracy: number;
  energy: number;
}

/** The points no cheaper (or equally cheap) point matches in accuracy, by increasing energy. */
export function paretoFrontier(points: readonly TradeoffPoint[]): TradeoffPoint[] {
  const sorted = [...points].sort((p, q) => p.energy - q.energy || q.accuracy - p.accuracy);
  const frontier: TradeoffPoint[] = [];
  for (const p of sorted) if (frontier.length === 0 || p.accuracy > frontier[frontier.length - 1].accuracy) frontier.push(p);
  return frontier;
}

/** The least energy that reaches `accuracy` on the curve (see the header), NaN if it never does. */
export function energyAtAccuracy(points: readonly TradeoffPoint[], accuracy: number): number {
  const f = paretoFrontier(points);
  const j = f.findIndex((p) => p.accuracy >= accuracy);
  if (j < 0) return NaN;
  if (j === 0) return f[0].energy;
  const [lo, hi] = [f[j - 1], f[j]];
  return lo.energy + ((accuracy - lo.accuracy) / (hi.accuracy - lo.accuracy)) * (hi.energy - lo.energy);
}

/** 1 - energy of `curve` / energy of `baseline` at the same accuracy (NaN where either never reaches it). */
export function savingAtAccuracy(curve: readonly TradeoffPoint[], baseline: readonly TradeoffPoint[], accuracy: number): number {
  return 1 - energyAtAccuracy(curve, accuracy) / energyAtAccuracy(baseline, accuracy);
}
