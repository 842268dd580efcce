/**
 * mcsim/plugin: everything a plugin module needs, and nothing it should not lean on. A plugin's default
 * export is one entry made with definePolicy, defineStrategy or definePredictor (docs/plugins.md).
 * Named exports only.
 */
export { z } from 'zod';
export { definePolicy, defineStrategy, definePredictor, type Plugin, type PluginKind, type PolicyPlugin, type StrategyPlugin, type PredictorPlugin } from './scenario/define.js';
export { InputError } from './errors.js';
// Cache policies: the interface, the one access loop, and the structures built-ins are made of.
export { access, type CachePolicy, type PolicyOptions } from './policies/policy.js';
export type { PolicyEntry } from './policies/registry.js';
export { KeyedCache } from './policies/keyed.js';
export { QueueCache } from './policies/queue-cache.js';
export { QueuesCache } from './policies/queues-cache.js';
export { BitQueueCache } from './policies/bit-queue-cache.js';
export { OracleCache } from './policies/oracle-cache.js';
export { GreedyDualCache } from './policies/greedy-dual.js';
export { KeyHeap } from './policies/key-heap.js';
export { KeyLists } from './policies/key-lists.js';
export { SizedLists, NO_LIST } from './policies/sized-lists.js';
// A randomized policy's generator, seeded with options.seed (a strategy draws from world.rng(name)).
export { Rng } from './sim/rng.js';
// Strategies: the entry, the world they build on, and the steps built-ins are made of.
export type { Strategy, StrategyEntry, ReadOnce, Components } from './strategies/strategy.js';
export { resolveOption } from './strategies/strategy.js';
export { World, type Tier } from './world/world.js';
export { Where, Part, PARTS, type WhereCode, type PartIndex } from './world/frames.js';
export type { MetricRow } from './world/recorder.js';
// A strategy's own metrics: declared once, they appear in summaries, tables, sweeps and charts.
export { strategyMetrics, type MetricSpec } from './world/metrics.js';
export { OnDevice } from './strategies/on-device.js';
export { Remote, serverModel, offloadEverything, type RemoteOptions } from './strategies/remote.js';
export { SlotColumn } from './strategies/slot-column.js';
// Prefetch predictors.
export { cheapest, type Predictor, type PredictorContext, type PredictorEntry, type PredictorOptions } from './strategies/prefetch/predictor.js';
