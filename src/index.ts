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
export { readBandwidthTrace, type BandwidthTrace, type BandwidthTraceOptions, type TraceFormat } from './models/network-trace.js';
export {
  readProbTable, readOutcomeTable, entropyNats, samplesByClass, type ProbTable, type OutcomeColumns,
} from './models/outcome-table.js';
export { distSchema } from './models/dist-schema.js';
export type { Row } from './report/charts/spec.js';
export { lineChart, type LineChartOptions, type LinePanel, type ReferenceLine, type XyMark } from './report/charts/line.js';
export { cdfChart, ecdfPoints, type CdfChartOptions } from './report/charts/cdf.js';
export { stackedBarsChart, type StackedBarsOptions } from './report/charts/stacked-bars.js';
export { BREAKDOWN_FIELDS, latencyAccuracyChart, latencyBreakdownChart, latencyCdfChart, type LatencyAccuracyOptions } from './report/charts/presets.js';
export { renderSvg, writeChart } from './report/render.js';
export { formatNumber, htmlReport, type HtmlReportOptions } from './report/html.js';
export { readTidyCsv, whereRows, type TidyTable } from './report/tidy-csv.js';
