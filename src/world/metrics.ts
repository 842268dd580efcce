/**
 * The metric catalogue: every column a run can report, with its unit, meaning, how it aggregates and
 * compares, and how reports show it. It is the one list: the recorder and the world declare the core
 * metrics here, each strategy declares its own on its StrategyEntry (`metrics`), and report/ reads the
 * catalogue passed with the results (report/results.ts) instead of naming metrics. docs/metrics.md
 * explains the columns at length.
 */
import { InputError } from '../errors.js';
import { PARTS } from './frames.js';

/** A sweep chart of one metric against each numeric swept key (report/sweep-charts.ts). */
export interface MetricChart {
  /** File name: `<name>-vs-<key>`. */
  name: string;
  /** Title; ` vs <key's title>` is appended. */
  title: string;
  yTitle: string;
  /** d3 format of the y axis, e.g. `.0%`. */
  yFormat?: string;
  /**
   * The column drawn, when not the metric itself: the chart is drawn for the rows that report the
   * metric (cachenet's hit rate is `answered_device` of the rows that have `hint_cached_rate`).
   */
  y?: string;
  /**
   * With `compare`, also a chart of the paired difference from the reference (`<m>_vs_ref`).
   * `{key}` and `{reference}` in the titles stand for the compared key and its reference value; the
   * title gets `, vs <key's title>`, the file name `-<key>`.
   */
  vsReference?: { name: string; title: string; yTitle: string };
}

/** The two panels of the latency-accuracy charts, top then bottom (MetricSpec.tradeoff). */
export const TRADEOFF_ROLES = ['latency', 'accuracy'] as const;

export interface MetricSpec {
  /** The column. A `<part>` placeholder declares a family, one column per value (`exit_<i>_rate`). */
  name: string;
  /** `s`, `J/frame`, `bytes/frame`, `fraction`, `1` (a count or a ratio)... */
  unit: string;
  description: string;
  /**
   * Across replications: `mean`, the mean with its Student-t 95% interval as `<m>_lo`, `<m>_hi`
   * (report/summary.ts); the only rule today, named so that a new one is a visible decision.
   */
  aggregate: 'mean';
  better: 'lower' | 'higher' | 'neither';
  /** The column group it belongs to: latency, breakdown, accuracy, where, energy, bytes, resources, run, or the strategy's. */
  group: string;
  /** Reported only in some configurations (a deadline given, a cloud tier, prefetching on...). */
  optional?: boolean;
  /**
   * Compared against a reference by the paired difference of replications (`<m>_vs_ref` with its
   * paired interval, report/paired.ts), drawn in the paired-differences chart as `label` (values x `scale`).
   * Without it the metric is not compared.
   */
  paired?: { label: string; scale: number };
  /**
   * A column of the report tables: `title`, values x `scale` with `digits` decimals and ± the 95%
   * half-width. `terminal`: also in the terminal table and the sweep report's; `delta`: the terminal
   * table's paired-difference column title (`{reference}` is the reference's name).
   */
  table?: { title: string; scale: number; digits: number; terminal?: boolean; delta?: string };
  /** A component of the latency breakdown chart, with this legend label (components add up to the mean latency). */
  breakdown?: string;
  /** One of the two panels of the latency-accuracy charts, with its axis (title, values x `scale`, d3 `format`). */
  tradeoff?: { role: (typeof TRADEOFF_ROLES)[number]; title: string; scale?: number; format?: string };
  chart?: MetricChart;
  /**
   * The metric may be negative (a difference, a log-ratio). Otherwise it is non-negative, and a
   * `fraction` lies in [0, 1]: its 95% interval is cut at that range (metricRange).
   */
  signed?: boolean;
  /**
   * Scored against the true label (an answer's, a hint's or a score's quality measured against it): the
   * only metrics a relabelling of the samples may change. The one list of them: the strategy check's
   * 'no label read' property and the label-permutation test read it.
   */
  scoredAgainstTruth?: boolean;
}

/** The latency parts as charts name them; the wait is for a partition (cachenet) or a model load (edge-models). */
const PART_LABELS: Record<(typeof PARTS)[number], string> = {
  device_queue: 'device queue',
  device_compute: 'device compute',
  upload: 'upload',
  server_queue: 'server queue',
  server_compute: 'server compute',
  download: 'download',
  partition_wait: 'partition or model wait',
};

type Spec = Omit<MetricSpec, 'aggregate'>;
const spec = (s: Spec): MetricSpec => ({ ...s, aggregate: 'mean' });

const perFrame = (what: string) => `${what}, per counted frame`;

/** The metrics of every run (recorder.ts finish() and World.resourceMetrics()), in column order. */
export const CORE_METRICS: readonly MetricSpec[] = [
  spec({ name: 'frames', unit: '1', description: 'frames counted (answered or dropped)', better: 'neither', group: 'run' }),
  spec({
    name: 'latency_mean', unit: 's', description: 'mean end-to-end latency of answered frames (arrival to answer on the device)', better: 'lower', group: 'latency',
    paired: { label: 'mean latency (ms)', scale: 1e3 },
    table: { title: 'latency ms', scale: 1e3, digits: 2, terminal: true, delta: 'Δ latency ms vs {reference}' },
    tradeoff: { role: 'latency', title: 'mean latency (ms)', scale: 1e3 },
  }),
  spec({ name: 'latency_p50', unit: 's', description: 'median latency of answered frames', better: 'lower', group: 'latency', table: { title: 'p50 ms', scale: 1e3, digits: 2 } }),
  spec({
    name: 'latency_p95', unit: 's', description: '95th percentile latency of answered frames', better: 'lower', group: 'latency',
    paired: { label: 'p95 latency (ms)', scale: 1e3 },
    table: { title: 'p95 ms', scale: 1e3, digits: 2, terminal: true },
  }),
  spec({ name: 'latency_p99', unit: 's', description: '99th percentile latency of answered frames', better: 'lower', group: 'latency', table: { title: 'p99 ms', scale: 1e3, digits: 2 } }),
  spec({
    name: 'accuracy', unit: 'fraction', description: 'fraction of answered frames answered correctly', better: 'higher', group: 'accuracy', scoredAgainstTruth: true,
    paired: { label: 'accuracy (points)', scale: 100 },
    table: { title: 'accuracy %', scale: 100, digits: 2, terminal: true, delta: 'Δ accuracy pts' },
    tradeoff: { role: 'accuracy', title: 'accuracy', format: '.1%' },
  }),
  spec({
    name: 'answered_device', unit: 'fraction', description: 'fraction of counted frames answered on the device', better: 'neither', group: 'where',
    paired: { label: 'answered on device (points)', scale: 100 },
    table: { title: 'on device %', scale: 100, digits: 1, terminal: true },
  }),
  spec({ name: 'answered_edge', unit: 'fraction', description: 'fraction of counted frames answered at the edge', better: 'neither', group: 'where' }),
  spec({ name: 'answered_cloud', unit: 'fraction', description: 'fraction of counted frames answered in the cloud', better: 'neither', group: 'where' }),
  spec({ name: 'drop_rate', unit: 'fraction', description: 'fraction of counted frames dropped by a full queue', better: 'lower', group: 'where', table: { title: 'dropped %', scale: 100, digits: 2 } }),
  spec({ name: 'energy_device_compute_j_per_frame', unit: 'J/frame', description: perFrame('device compute energy'), better: 'lower', group: 'energy' }),
  spec({ name: 'energy_device_radio_j_per_frame', unit: 'J/frame', description: perFrame('device radio energy'), better: 'lower', group: 'energy' }),
  spec({ name: 'energy_device_idle_j_per_frame', unit: 'J/frame', description: 'device idle energy after the warm-up (idle power except during power-charged steps), per frame that arrived in it', better: 'lower', group: 'energy' }),
  spec({
    name: 'energy_device_total_j_per_frame', unit: 'J/frame', description: 'device compute + radio + idle energy, per frame', better: 'lower', group: 'energy',
    paired: { label: 'device energy (mJ per frame)', scale: 1e3 },
    table: { title: 'device mJ/frame', scale: 1e3, digits: 1, terminal: true },
  }),
  spec({ name: 'energy_edge_compute_j_per_frame', unit: 'J/frame', description: perFrame('edge compute energy'), better: 'lower', group: 'energy' }),
  spec({ name: 'energy_cloud_compute_j_per_frame', unit: 'J/frame', description: perFrame('cloud compute energy'), better: 'lower', group: 'energy' }),
  spec({
    name: 'energy_system_total_j_per_frame', unit: 'J/frame', description: 'device total + edge + cloud compute energy, per frame', better: 'lower', group: 'energy',
    paired: { label: 'system energy (mJ per frame)', scale: 1e3 },
    table: { title: 'system mJ/frame', scale: 1e3, digits: 1, terminal: true },
  }),
  spec({ name: 'bytes_up_per_frame', unit: 'bytes/frame', description: perFrame('bytes up the device\'s wireless link'), better: 'lower', group: 'bytes', table: { title: 'up kB/frame', scale: 1e-3, digits: 2, terminal: true } }),
  spec({
    name: 'bytes_down_per_frame', unit: 'bytes/frame', description: perFrame('bytes down the device\'s wireless link (partition pushes included)'), better: 'lower', group: 'bytes',
    paired: { label: 'bytes down per frame', scale: 1 },
    table: { title: 'down kB/frame', scale: 1e-3, digits: 2 },
  }),
  spec({ name: 'deadline_miss_rate', unit: 'fraction', description: 'with `deadline`: fraction of answered frames slower than it', better: 'lower', group: 'latency', optional: true }),
  spec({ name: 'encoder_accuracy', unit: 'fraction', description: 'with encoder hints: fraction of hints that are the partition of the true class', better: 'higher', group: 'accuracy', optional: true, scoredAgainstTruth: true }),
  // The latency parts, in the order a frame goes through them; they add up to latency_mean.
  ...PARTS.map((p) =>
    spec({ name: `t_${p}`, unit: 's', description: `mean time of answered frames in ${PART_LABELS[p]}`, better: 'lower', group: 'breakdown', breakdown: PART_LABELS[p] }),
  ),
  spec({ name: 'device_utilization', unit: 'fraction', description: 'time-average fraction of busy device workers (mean over devices)', better: 'neither', group: 'resources' }),
  spec({ name: 'edge_utilization', unit: 'fraction', description: 'time-average fraction of busy edge workers', better: 'neither', group: 'resources' }),
  spec({ name: 'uplink_utilization', unit: 'fraction', description: 'fraction of time an uplink transfer was in progress (mean over links)', better: 'neither', group: 'resources' }),
  spec({ name: 'downlink_utilization', unit: 'fraction', description: 'fraction of time a downlink transfer was in progress (mean over links)', better: 'neither', group: 'resources' }),
  spec({ name: 'sim_seconds', unit: 's', description: 'simulated time at the end of the run', better: 'neither', group: 'run' }),
  spec({ name: 'cloud_utilization', unit: 'fraction', description: 'with a cloud tier: time-average fraction of busy cloud workers', better: 'neither', group: 'resources', optional: true }),
  spec({ name: 'edge_batch_mean', unit: 'frames', description: 'with edge batching: mean frames per batch the edge ran', better: 'neither', group: 'resources', optional: true }),
  spec({ name: 'cloud_batch_mean', unit: 'frames', description: 'with cloud batching: mean frames per batch the cloud ran', better: 'neither', group: 'resources', optional: true }),
];

/** Declares a strategy's metrics (their `aggregate` is `mean`). */
export function strategyMetrics(group: string, specs: ReadonlyArray<Omit<Spec, 'group'>>): MetricSpec[] {
  return specs.map((s) => spec({ ...s, group }));
}

const isFamily = (m: MetricSpec) => m.name.includes('<');

/** The columns a family stands for: `exit_<i>_rate` matches exit_0_rate, exit_1_rate... */
function familyPattern(m: MetricSpec): RegExp {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${m.name.split(/<[^>]*>/).map(literal).join('.+')}$`);
}

/**
 * The catalogue of the core metrics and every strategy's, core first, then strategy by strategy in
 * the order given; a metric two strategies share (jalad reports split's) is listed once. A name
 * declared twice differently, or a family that asks to be shown (reports show single columns), is an
 * error naming the strategy.
 */
export function metricCatalogue(entries: Iterable<readonly [string, { metrics?: readonly MetricSpec[] }]>): readonly MetricSpec[] {
  const byName = new Map<string, { spec: MetricSpec; owner: string }>(CORE_METRICS.map((m) => [m.name, { spec: m, owner: 'the core metrics' }]));
  for (const [strategy, entry] of entries) {
    for (const m of entry.metrics ?? []) {
      const known = byName.get(m.name);
      if (known) {
        if (JSON.stringify(known.spec) !== JSON.stringify(m)) throw new InputError(`strategy ${strategy}: metric ${m.name} is already declared, differently, by ${known.owner}`);
        continue;
      }
      if (isFamily(m) && (m.paired || m.table || m.breakdown || m.tradeoff || m.chart)) {
        throw new InputError(`strategy ${strategy}: metric family ${m.name} cannot have paired, table, breakdown, tradeoff or chart (only single columns are shown)`);
      }
      byName.set(m.name, { spec: m, owner: `strategy ${strategy}` });
    }
  }
  return [...byName.values()].map((v) => v.spec);
}

/**
 * The values a column can take, by its catalogue entry: [0, 1] for a fraction, [0, inf) otherwise,
 * none for a `signed` metric or a column the catalogue does not name. Normal theory can put an
 * interval's bound outside it (few replications, a skewed metric); the summary cuts it there.
 */
export function metricRange(catalogue: readonly MetricSpec[]): (column: string) => readonly [number, number] | undefined {
  const specOf = catalogueLookup(catalogue);
  return (column) => {
    const m = specOf(column);
    if (!m || m.signed) return undefined;
    return m.unit === 'fraction' ? [0, 1] : [0, Infinity];
  };
}

/** Whether a column is one the catalogue marks `scoredAgainstTruth` (a column it does not name is not). */
export function scoredAgainstTruth(catalogue: readonly MetricSpec[]): (column: string) => boolean {
  const specOf = catalogueLookup(catalogue);
  return (column) => specOf(column)?.scoredAgainstTruth === true;
}

/** The catalogue entry of a column: its own, or the family's it belongs to. */
function catalogueLookup(catalogue: readonly MetricSpec[]): (column: string) => MetricSpec | undefined {
  const patterns = catalogue.map((m) => (isFamily(m) ? familyPattern(m) : null));
  return (column) => catalogue.find((m, k) => (patterns[k] ? patterns[k].test(column) : m.name === column));
}

/**
 * Checks that a strategy's `metrics()` returned exactly what its entry declares: every column
 * declared (a family: at least one column), none undeclared; `optional` ones may be absent.
 */
export function checkStrategyMetrics(strategy: string, declared: readonly MetricSpec[], row: Readonly<Record<string, number>>): void {
  const patterns = declared.map((m) => (isFamily(m) ? familyPattern(m) : null));
  const found = new Uint8Array(declared.length);
  for (const column of Object.keys(row)) {
    const i = declared.findIndex((m, k) => (patterns[k] ? patterns[k].test(column) : m.name === column));
    if (i < 0) throw new InputError(`strategy ${strategy}: metrics() returned ${column}, which its entry does not declare (StrategyEntry.metrics)`);
    found[i] = 1;
  }
  declared.forEach((m, i) => {
    if (!found[i] && !m.optional) throw new InputError(`strategy ${strategy}: metrics() did not return ${m.name}, which its entry declares (mark it optional if only some runs report it)`);
  });
}
