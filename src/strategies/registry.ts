/**
 * Every offloading strategy, by scenario name. A new strategy is one file plus one line here; the
 * scenario schema (its `strategies` enum and per-strategy option blocks) is derived from this table.
 */
import { metricCatalogue, type MetricSpec } from '../world/metrics.js';
import { appeal } from './appeal.js';
import { cachenet } from './cachenet.js';
import { cloudOnly } from './cloud-only.js';
import { deviceOnly } from './device-only.js';
import { earlyExit } from './early-exit.js';
import { edgeModels } from './edge-models.js';
import { edgeOnly } from './edge-only.js';
import { jalad } from './jalad.js';
import { split } from './split.js';
import type { StrategyEntry } from './strategy.js';

export const strategies = {
  'device-only': deviceOnly,
  'edge-only': edgeOnly,
  'cloud-only': cloudOnly,
  cachenet,
  split,
  jalad,
  'early-exit': earlyExit,
  appeal,
  'edge-models': edgeModels,
};

export type StrategyName = keyof typeof strategies;
export const strategyNames = Object.keys(strategies) as [StrategyName, ...StrategyName[]];

/** The metric catalogue of these strategies: the core metrics, then each strategy's (world/metrics.ts). */
export function strategyMetricCatalogue(table: Readonly<Record<string, StrategyEntry>> = strategies as Record<string, StrategyEntry>): readonly MetricSpec[] {
  return metricCatalogue(Object.entries(table));
}

/** Axis titles of swept strategy options, `<strategy>.<key>` (StrategyEntry.axisTitles). */
export function strategyAxisTitles(table: Readonly<Record<string, StrategyEntry>> = strategies as Record<string, StrategyEntry>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).flatMap(([name, e]) => Object.entries(e.axisTitles ?? {}).map(([k, t]) => [`${name}.${k}`, t])));
}
