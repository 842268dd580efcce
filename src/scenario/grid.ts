/**
 * Sweep grids: `key.path: [v1, v2, ...]` or `key.path: {from, to, step}` (both ends included), expanded
 * into the cartesian product in the order written: the first key varies slowest. A point is a list of
 * (key path, value) overrides; its index in the expansion is its identity (for shards and resume).
 */
import { z } from 'zod';
import { InputError, UsageError } from '../errors.js';

const rangeSchema = z.strictObject({ from: z.number(), to: z.number(), step: z.number().positive() });
export const gridSchema = z.record(z.string(), z.union([z.array(z.unknown()).min(1), rangeSchema]));
export type Grid = z.output<typeof gridSchema>;

export type Point = ReadonlyArray<readonly [key: string, value: unknown]>;

/** from, from + step, ..., up to `to` (inclusive, with float slack), rounded to 12 significant digits. */
export function rangeValues(key: string, r: z.output<typeof rangeSchema>): number[] {
  const n = rangeCount(key, r);
  if (n > MAX_POINTS) throw new InputError(`sweep key ${key}: range has ${n} values (more than a million)`);
  return Array.from({ length: n }, (_, i) => Number((r.from + i * r.step).toPrecision(12)));
}

/** More points than this are refused before any is built: a plan holds every point in memory. */
export const MAX_POINTS = 1_000_000;

/** The number of points of the grid, counted from the value lists, without expanding it. */
export function gridSize(grid: Grid): number {
  return Object.entries(grid).reduce((n, [key, spec]) => n * (Array.isArray(spec) ? spec.length : rangeCount(key, spec)), 1);
}

function rangeCount(key: string, r: z.output<typeof rangeSchema>): number {
  if (r.to < r.from) throw new InputError(`sweep key ${key}: range 'to' (${r.to}) is below 'from' (${r.from})`);
  return Math.floor((r.to - r.from) / r.step + 1e-9) + 1;
}

export function expandGrid(grid: Grid): Point[] {
  const size = gridSize(grid);
  if (size > MAX_POINTS) {
    const counts = Object.entries(grid).map(([k, spec]) => `${k}: ${Array.isArray(spec) ? spec.length : rangeCount(k, spec)}`).join(' x ');
    throw new InputError(`sweep grid: ${size.toExponential(2)} points (${counts}), more than ${MAX_POINTS.toLocaleString('en-US')}; thin the ranges or split the sweep into several files`);
  }
  let points: Array<Array<readonly [string, unknown]>> = [[]];
  for (const [key, spec] of Object.entries(grid)) {
    const values = Array.isArray(spec) ? spec : rangeValues(key, spec);
    points = points.flatMap((p) => values.map((v) => [...p, [key, v] as const]));
  }
  return points;
}

/** Shard `i/n` (0-based i): the points whose index is i modulo n, so long and short points spread evenly. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new UsageError(`--shard '${text}': expected i/n with 0 <= i < n, e.g. 0/4`);
  return { index, count };
}

export function inShard(pointIndex: number, shard: { index: number; count: number }): boolean {
  return pointIndex % shard.count === shard.index;
}
