/**
 * Every offloading strategy, by scenario name. A new strategy is one file plus one line here; the
 * scenario schema (its `strategies` enum and per-strategy option blocks) is derived from this table.
 */
import { appeal } from './appeal.js';
import { cachenet } from './cachenet.js';
import { cloudOnly } from './cloud-only.js';
import { deviceOnly } from './device-only.js';
import { earlyExit } from './early-exit.js';
import { edgeOnly } from './edge-only.js';
import { jalad } from './jalad.js';
import { split } from './split.js';

export const strategies = {
  'device-only': deviceOnly,
  'edge-only': edgeOnly,
  'cloud-only': cloudOnly,
  cachenet,
  split,
  jalad,
  'early-exit': earlyExit,
  appeal,
};

export type StrategyName = keyof typeof strategies;
export const strategyNames = Object.keys(strategies) as [StrategyName, ...StrategyName[]];
