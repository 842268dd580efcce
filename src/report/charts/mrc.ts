/**
 * Miss-ratio curves: miss ratio against cache size, one line per policy (points at the simulated
 * sizes), and LRU's exact curve from stack distances (or its SHARDS estimate, labelled so) as a step line when given. Data inline; the
 * curve is thinned to at most `maxCurvePoints` roughly log-spaced steps so the spec stays small (the
 * CSV next to it keeps every step).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MissRatioRow } from '../../mrc/miss-ratios.js';
import type { CurvePoint } from '../../mrc/stack-distance.js';
import { PANEL_HEIGHT, PANEL_WIDTH, specHead } from './spec.js';

export interface MrcChartOptions {
  rows: readonly MissRatioRow[];
  /** LRU's exact curve (stack distances), if computed. */
  curve?: readonly CurvePoint[];
  requests?: number;
  /** The curve's legend label. @defaultValue LRU_CURVE_LABEL (a sampled curve names its estimate) */
  curveLabel?: string;
  /** Size axis unit. @defaultValue 'objects' */
  unit?: 'objects' | 'bytes';
  title?: string;
  /** @defaultValue 400 */
  maxCurvePoints?: number;
}

export const LRU_CURVE_LABEL = 'lru (stack distances)';

/** Keeps the first and last points and at most one per log-spaced size bucket. */
function thin(points: readonly CurvePoint[], max: number): CurvePoint[] {
  if (points.length <= max) return [...points];
  const lo = Math.log(points[0].capacity), span = Math.log(points[points.length - 1].capacity) - lo || 1;
  const kept: CurvePoint[] = [];
  let lastBucket = -1;
  points.forEach((p, i) => {
    const bucket = Math.floor(((Math.log(p.capacity) - lo) / span) * (max - 2));
    if (bucket !== lastBucket || i === points.length - 1) kept.push(p);
    lastBucket = bucket;
  });
  return kept;
}

export function mrcChart(options: MrcChartOptions): TopLevelSpec {
  const unit = options.unit ?? 'objects';
  const curve = options.curve && options.requests ? thin(options.curve, options.maxCurvePoints ?? 400) : [];
  const values = [
    ...options.rows.map((r) => ({ policy: r.policy, size: r.size, miss_ratio: r.miss_ratio, kind: 'simulated' })),
    ...curve.map((p) => ({ policy: options.curveLabel ?? LRU_CURVE_LABEL, size: p.capacity, miss_ratio: p.misses / options.requests!, kind: options.curveLabel ? 'estimate' : 'exact' })),
  ];
  const x = { field: 'size', type: 'quantitative', scale: { type: 'log' }, title: `cache size (${unit})` } as const;
  const y = { field: 'miss_ratio', type: 'quantitative', title: 'miss ratio', scale: { zero: true } } as const;
  const color = { field: 'policy', type: 'nominal', title: 'policy', legend: { labelLimit: 260 } } as const;
  return {
    ...specHead(options.title ?? 'Miss-ratio curve', values),
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT,
    layer: [
      {
        transform: [{ filter: "datum.kind === 'exact' || datum.kind === 'estimate'" }],
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1 },
        encoding: { x, y, color },
      },
      {
        transform: [{ filter: "datum.kind === 'simulated'" }],
        mark: { type: 'line', point: true },
        encoding: { x, y, color, tooltip: [{ field: 'policy' }, { field: 'size' }, { field: 'miss_ratio', format: '.4f' }] },
      },
    ],
  };
}
