/** mcsim's public API: named exports only. */
export { Engine, SimulationError, type EventId, type Handler, type HandlerId } from './sim/engine.js';
export { Rng } from './sim/rng.js';
export { sampler, meanOf, lognormalFromMoments, scaleDist, type Dist, type Sampler } from './sim/dist.js';
export { Server, type ServerOptions } from './sim/server.js';
export { Bandwidth } from './sim/bandwidth.js';
export { Link, type LinkOptions, type Sharing } from './sim/link.js';
export { Samples, Tally, TimeAverage } from './sim/stats.js';
export { access, type CachePolicy, type PolicyOptions } from './policies/policy.js';
export { createPolicy, isPolicyName, policies, policyNames, type PolicyEntry, type PolicyName } from './policies/registry.js';
export { replay, replayPolicy, type ReplayOptions, type ReplayResult } from './policies/replay.js';
export { lruMissCurve, type CurvePoint, type MissCurve } from './policies/stack-distance.js';
export { missRatios, parseSizes, workingSet, type MissRatioOptions, type MissRatioRow } from './policies/miss-ratios.js';
export { IdMap, type CacheTrace } from './traces/cache-trace.js';
export { readCacheTrace, guessFormat, traceFormats, type ReadTraceOptions, type TraceFormat } from './traces/read-trace.js';
export { type CsvColumns } from './traces/csv-trace.js';
export { NO_NEXT_USE, nextUseAt, nextUses } from './traces/next-use.js';
export { mrcChart, type MrcChartOptions } from './report/charts/mrc.js';
