/**
 * Empirical CDF of a value per series (latency CDF per strategy). The step points are computed here,
 * not with Vega transforms, and thinned to at most `maxPoints` per series, so a million-frame run still
 * renders in milliseconds and its spec stays small.
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../../errors.js';
import {
  categorySort, categoryType, fieldRef, numberOf, PANEL_HEIGHT, PANEL_WIDTH, requireFields, specHead, type Row,
} from './spec.js';

/** Name of the cumulative-fraction field in the chart's data. */
export const CDF_FIELD = 'cdf';

export interface CdfChartOptions {
  data: readonly Row[];
  value: string;
  /** Axis title with its unit, e.g. `latency (ms)`. @defaultValue the field name */
  valueTitle?: string;
  /** Multiplies every value, e.g. 1000 to draw seconds in ms. @defaultValue 1 */
  scale?: number;
  /** One curve per value of this field. */
  color?: string;
  colorTitle?: string;
  /** @defaultValue 'cumulative fraction' */
  cdfTitle?: string;
  /** @defaultValue 'linear' */
  valueScale?: 'linear' | 'log';
  /** Most step points kept per series (at least 2). @defaultValue 500 */
  maxPoints?: number;
  title?: string;
  width?: number;
  height?: number;
}

export function cdfChart(options: CdfChartOptions): TopLevelSpec {
  const { data, value, color, scale = 1, maxPoints = 500 } = options;
  requireFields('cdfChart', data, [value, color]);
  if (value === CDF_FIELD || color === CDF_FIELD) throw new InputError(`cdfChart: field name "${CDF_FIELD}" is reserved for the cumulative fraction`);
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new InputError(`cdfChart: maxPoints must be an integer >= 2, got ${maxPoints}`);
  if (!(scale > 0)) throw new InputError(`cdfChart: scale must be > 0, got ${scale}`);

  const groups = new Map<unknown, number[]>();
  data.forEach((row, i) => {
    const n = numberOf(row[value]);
    if (n === undefined) throw new InputError(`cdfChart: row ${i + 1}: field "${value}" is not a number: ${JSON.stringify(row[value])}`);
    if (n === null || !Number.isFinite(n)) return;
    const key = color === undefined ? null : row[color];
    let xs = groups.get(key);
    if (xs === undefined) groups.set(key, (xs = []));
    xs.push(n * scale);
  });
  const values: Row[] = [];
  for (const [key, xs] of groups) {
    for (const [x, p] of ecdfPoints(Float64Array.from(xs).sort(), maxPoints)) {
      values.push(color === undefined ? { [value]: x, [CDF_FIELD]: p } : { [color]: key, [value]: x, [CDF_FIELD]: p });
    }
  }
  return {
    ...specHead(options.title, values),
    width: options.width ?? PANEL_WIDTH,
    height: options.height ?? PANEL_HEIGHT,
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
    encoding: {
      x: {
        field: fieldRef(value), type: 'quantitative', title: options.valueTitle ?? value,
        scale: options.valueScale === 'log' ? { type: 'log' as const } : { zero: false },
      },
      y: { field: CDF_FIELD, type: 'quantitative', title: options.cdfTitle ?? 'cumulative fraction', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
      ...(color === undefined ? {} : { color: { field: fieldRef(color), type: categoryType(data, color), ...categorySort(data, color), title: options.colorTitle ?? color } }),
    },
  };
}

/**
 * Step points `(x, F(x))` of the ECDF of sorted values, starting at `(min, 0)`. With more than `maxPoints`
 * values, keeps evenly spaced ranks; each kept x carries its exact F (the count of values <= x, ties
 * included), so the thinned curve touches the true one at every point it keeps.
 */
export function ecdfPoints(sorted: Float64Array, maxPoints: number): Array<[number, number]> {
  const n = sorted.length;
  if (n === 0) return [];
  const points: Array<[number, number]> = [[sorted[0], 0]];
  const m = Math.min(n, maxPoints - 1);
  let last = -1;
  for (let k = 0; k < m; k++) {
    const rank = m === 1 ? n - 1 : Math.round((k * (n - 1)) / (m - 1));
    if (rank <= last) continue;
    last = upperRank(sorted, rank);
    points.push([sorted[last], (last + 1) / n]);
  }
  return points;
}

/** Index of the last value equal to `sorted[i]`. */
function upperRank(sorted: Float64Array, i: number): number {
  let lo = i, hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (sorted[mid] === sorted[i]) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
