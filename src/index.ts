/** mcsim's public API: named exports only. */
export { Engine, SimulationError, type EventId, type Handler, type HandlerId } from './sim/engine.js';
export { Rng } from './sim/rng.js';
export { sampler, meanOf, lognormalFromMoments, scaleDist, type Dist, type Sampler } from './sim/dist.js';
export { Server, type ServerOptions } from './sim/server.js';
export { Bandwidth } from './sim/bandwidth.js';
export { Link, type LinkOptions, type Sharing } from './sim/link.js';
export { Samples, Tally, TimeAverage } from './sim/stats.js';
export {
  readNeurosurgeonProfile,
  readTrexProfile,
  ELEMENT_BYTES,
  type LayerProfile,
  type NeurosurgeonOptions,
  type NeurosurgeonProfile,
  type NeurosurgeonVariant,
  type TrexOptions,
} from './models/layer-profile.js';
export {
  splitCosts,
  bestSplit,
  bestJaladSplit,
  type SplitCost,
  type SplitLink,
  type SplitOptions,
  type BestSplitOptions,
  type DevicePower,
  type JaladOptions,
  type JaladSplit,
} from './models/split-planner.js';
export { EwmaBandwidth, fitLink } from './models/bandwidth-estimator.js';
export {
  HardwareTable, readHardwareTable, readNcnnTable, selectNcnnRows, ncnnLatencyMs, ncnnSource,
  type CostRow, type NcnnSelect, type NcnnRow, type NcnnLatencyRule, type HardwareFile,
} from './models/hardware.js';
export { readBandwidthTrace, type BandwidthTrace, type BandwidthTraceOptions, type TraceFormat as BandwidthTraceFormat } from './models/network-trace.js';
export {
  readProbTable, readOutcomeTable, entropyNats, samplesByClass, type ProbTable, type OutcomeColumns,
} from './models/outcome-table.js';
export { distSchema } from './models/dist-schema.js';
export type { Row } from './report/charts/spec.js';
export { lineChart, type LineChartOptions, type LinePanel, type ReferenceLine, type XyMark } from './report/charts/line.js';
export { cdfChart, ecdfPoints, type CdfChartOptions } from './report/charts/cdf.js';
export { stackedBarsChart, type StackedBarsOptions } from './report/charts/stacked-bars.js';
export { latencyAccuracyChart, latencyBreakdownChart, latencyCdfChart, tradeoffAxes, type LatencyAccuracyOptions, type TradeoffAxis } from './report/charts/presets.js';
export { CORE_METRICS, checkStrategyMetrics, metricCatalogue, strategyMetrics, TRADEOFF_ROLES, type MetricChart, type MetricSpec } from './world/metrics.js';
export { renderSvg, writeChart } from './report/render.js';
export { formatNumber, htmlReport, type HtmlReportOptions } from './report/html.js';
export { readTidyCsv, whereRows, type TidyTable } from './report/tidy-csv.js';
export { access, type CachePolicy, type PolicyOptions } from './policies/policy.js';
export { createPolicy, isPolicyName, policies, policyNames, type PolicyEntry, type PolicyName } from './policies/registry.js';
export { replay, replayBlocks, replayPolicy, type ReplayOptions, type ReplayResult } from './mrc/replay.js';
export { lruCurveOf, lruMissCurve, type CurvePoint, type MissCurve } from './mrc/stack-distance.js';
export { parseSample, sampleLabel, shardsCurveOf, shardsHash, shardsMissCurve, type SampleInfo, type SampleSpec, type ShardsOptions } from './mrc/shards.js';
export { missRatios, type MissRatioOptions, type MissRatioRow } from './mrc/miss-ratios.js';
export { parseSizes, workingSet } from './mrc/sizes.js';
export { traceStats, type TraceStats } from './mrc/trace-stats.js';
export { mrcTable, writeMrcReport, type MrcReport } from './report/mrc-report.js';
export { IdMap, type CacheTrace } from './traces/cache-trace.js';
export { readCacheTrace, spoolCacheTrace, guessFormat, traceFormats, type ReadTraceOptions, type TraceFormat as CacheTraceFormat } from './traces/read-trace.js';
export { type CsvColumns } from './traces/csv-trace.js';
export { NO_NEXT_USE, NextUseScan, nextUseAt, nextUses } from './traces/next-use.js';
export { asRequests, requestsOf, type Columns, type RequestBlock, type Requests } from './traces/requests.js';
export { Spool } from './traces/spool.js';
export { mrcChart, type MrcChartOptions } from './report/charts/mrc.js';
export { loadScenario, openScenario, parseScenario, applySets, type LoadedScenario } from './scenario/load.js';
export { scenarioSchema, scenarioSchemaFor, type Scenario, type ScenarioInput } from './scenario/schema.js';
export { builtinRegistries, loadRegistries, registriesOf, type Registries } from './scenario/registries.js';
export { loadPlugin, pluginHash, isModulePath, type LoadedPlugin, type PluginInfo } from './scenario/plugins.js';
export { definePolicy, defineStrategy, definePredictor, type Plugin, type PluginKind, type PolicyPlugin, type StrategyPlugin, type PredictorPlugin } from './scenario/define.js';
export { prepare, type Prepared } from './scenario/prepare.js';
export { simulateRun, frameSources, type RunOutput } from './run/simulate.js';
export { runScenario, type RunOptions } from './run/run.js';
export { expandGrid, parseShard, type Grid, type Point } from './scenario/grid.js';
export { loadSweep, openSweep, planSweep, runJob, assemble, type SweepSpec, type SweepPlan, type Job, type LoadedSweep } from './run/sweep.js';
export { runSweep, mergeSweeps, sweepPlugins, sweepTable, type SweepRunOptions, type SweepResults } from './run/sweep-run.js';
export { runScenarioOnWorkers } from './run/run-parallel.js';
export type { RunRow, ScenarioResult, ScenarioInfo, SweepTable, PluginRecord } from './report/results.js';
export { strategies, strategyNames, strategyMetricCatalogue, type StrategyName } from './strategies/registry.js';
export type { Strategy, StrategyEntry, Components, RegistryTables } from './strategies/strategy.js';
export { predictors, type PredictorName } from './strategies/prefetch/registry.js';
export type { Predictor, PredictorEntry, PredictorContext, PredictorOptions } from './strategies/prefetch/predictor.js';
export { World, type Tier } from './world/world.js';
export { empiricalOutcomes, parametricOutcomes, contiguousPartitions, type OutcomeModel } from './models/outcomes.js';
export { encoderHints, ORACLE_ENCODER } from './models/encoder.js';
export { VideoSource, type VideoOptions } from './traces/video.js';
export { readFrameCsv } from './traces/frame-csv.js';
export type { Frame, FrameSource } from './traces/frame.js';
export { summarize, meanCi } from './report/summary.js';
export { pairedDiff, unpairedDiff, comparedColumns } from './report/paired.js';
export { writeRunReport } from './report/run-report.js';
export { writeSweepReport } from './report/sweep-report.js';
export { InputError } from './errors.js';
export { checkPolicy, checkPredictor, checkStrategy, checkWorld, formatCheckReport, passed, type CheckOptions, type CheckProperty, type CheckReport, type StrategyCheckOptions } from './check/index.js';
export { LogHistogram } from './sim/stats.js';
