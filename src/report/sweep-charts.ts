/**
 * The automatic charts of a sweep: against each numeric swept key, the latency-accuracy trade-off,
 * each metric's own chart and, with `compare`, its paired difference; without a numeric key, grouped
 * bars by each categorical key. A panel draws at most MAX_SERIES series: past that, other swept keys
 * become small multiples (facets) instead of more lines in one panel. A strategy whose numbers do not
 * change along x (edge-only in a cache-size sweep) is a baseline, drawn once as a dashed rule and never
 * as a series repeated at every point.
 */
import type { TopLevelSpec } from 'vega-lite';
import { lineChart } from './charts/line.js';
import { latencyAccuracyChart, tradeoffAxes, withBounds } from './charts/presets.js';
import { keyLabel, scaleFields, type Row } from './charts/spec.js';
import type { MetricChart, MetricSpec, SweepTable } from './results.js';

/** More lines than this in one panel, with their bands, blend into one block. */
export const MAX_SERIES = 6;
/** More panels than this make a figure no page holds: the report says how to slice instead. */
const MAX_PANELS = 12;

/**
 * Axis titles for scenario keys researchers sweep most (a strategy's options come with the table:
 * SweepTable.axisTitles); others are shown as their key path.
 */
const TITLES: Record<string, string> = {
  'device.cache.slots': 'device cache size (partitions)',
  'device.cache.bytes': 'device cache size (bytes)',
  'network.uplink.mbps': 'uplink bandwidth (Mbit/s)',
  'network.downlink.mbps': 'downlink bandwidth (Mbit/s)',
  'network.uplink.scale': 'uplink bandwidth scale',
  'workload.scene.meanRun': 'mean scene length (frames)',
  'workload.scene.transitions.noise': 'scene-switch noise (probability)',
  'workload.imageReuse': 'image reuse within a scene (lag-1 correlation)',
  'workload.arrivals.fps': 'frame rate (frames/s)',
};

export interface NamedChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

export interface SweepCharts {
  charts: NamedChart[];
  /** Why a chart was left out. */
  skipped: string[];
}

/** A metric's own sweep chart (MetricSpec.chart), and the column it draws. */
interface Drawn {
  metric: string;
  y: string;
  chart: MetricChart;
}

/** Series and panel fields of the rows a chart draws (names no swept key can have: keys are paths). */
const SERIES = 'series';
const PANEL = 'panel';

/** One row of the table with the swept keys its run saw. */
interface Seen {
  row: Record<string, string | number>;
  seen: ReadonlySet<string>;
}

/** How the rows along one x are drawn: curves with their series and panel, baselines as rules. */
interface Arrangement {
  curves: Row[];
  baselines: Row[];
  /** Labels of the baseline series (the `series` of `baselines`). */
  baselineNames: string[];
  colorTitle: string;
  facet?: { field: string; title: string | null };
}

/**
 * The columns the charts draw, in a fixed order: the trade-off's two metrics, then each chart's y
 * and paired difference with their bounds, then the metrics that pick a chart's rows. Rows carry only
 * these (and x, series, panel), so specs stay small.
 */
function drawnColumns(metrics: readonly MetricSpec[], drawn: readonly Drawn[]): string[] {
  const { latency, accuracy } = tradeoffAxes(metrics);
  const columns = [latency.field, accuracy.field, ...drawn.flatMap((d) => [d.y, ...(d.chart.vsReference ? [`${d.metric}_vs_ref`] : [])])].flatMap(withBounds);
  return [...new Set([...columns, ...drawn.map((d) => d.metric)])];
}

/** Every subset of `keys`, smallest first. */
function subsets(keys: readonly string[]): string[][] {
  const all: string[][] = [[]];
  for (const k of keys) all.push(...all.map((s) => [...s, k]));
  return all.sort((a, b) => a.length - b.length);
}

const distinct = <T>(values: Iterable<T>): number => new Set(values).size;

/**
 * Lays out the rows along `x`. A strategy varies with x when, for some values of the other keys its
 * runs see, its drawn numbers differ between two values of x; the others are baselines (common random
 * numbers make an unaffected run give exactly the same numbers). Rows of one run repeated across points
 * are kept once. Panels: the fewest that leave at most MAX_SERIES series in each, over keys every curve
 * sees (a key some curves ignore would have to repeat them in every panel). A string says why not.
 */
function arrange(table: SweepTable, x: string, fields: readonly string[]): Arrangement | string {
  const others = Object.keys(table.grid).filter((k) => k !== x);
  const all: Seen[] = table.rows.map((row, i) => ({ row, seen: table.seen[i] }));
  const at = (s: Seen, keys: readonly string[]) => JSON.stringify(keys.map((k) => (s.seen.has(k) ? s.row[k] : null)));
  const outcomes = new Map<string, { strategy: string; seen: Set<string> }>();
  for (const s of all.filter((s) => s.seen.has(x))) {
    const group = JSON.stringify([s.row.strategy, at(s, others)]);
    if (!outcomes.has(group)) outcomes.set(group, { strategy: String(s.row.strategy), seen: new Set() });
    outcomes.get(group)!.seen.add(JSON.stringify(fields.map((f) => s.row[f] ?? null)));
  }
  const varies = new Set([...outcomes.values()].filter((o) => o.seen.size > 1).map((o) => o.strategy));
  const once = (rows: Seen[], keys: readonly string[]) => [...new Map(rows.map((s) => [JSON.stringify([s.row.strategy, at(s, keys)]), s])).values()];
  const curves = once(all.filter((s) => varies.has(String(s.row.strategy))), [x, ...others]);
  if (curves.length === 0) return `no strategy changes with ${x}`;
  // Keys that tell curves apart; facets only from those every curve sees.
  const telling = others.filter((k) => distinct(curves.filter((s) => s.seen.has(k)).map((s) => s.row[k])) > 1);
  const facetable = telling.filter((k) => curves.every((s) => s.seen.has(k)));
  let best: { facets: string[]; panels: number } | undefined;
  let fewest = Infinity;
  for (const facets of subsets(facetable)) {
    const rest = telling.filter((k) => !facets.includes(k));
    const panels = new Map<string, Set<string>>();
    for (const s of curves) {
      const p = at(s, facets);
      if (!panels.has(p)) panels.set(p, new Set());
      panels.get(p)!.add(JSON.stringify([s.row.strategy, at(s, rest)]));
    }
    const most = Math.max(...[...panels.values()].map((p) => p.size));
    fewest = Math.min(fewest, most);
    if (most <= MAX_SERIES && (best === undefined || panels.size < best.panels)) best = { facets, panels: panels.size };
  }
  if (best === undefined) return `${fewest} series in a panel at best`;
  if (best.panels > MAX_PANELS) return `${best.panels} panels of at most ${MAX_SERIES} series`;
  const { facets } = best;
  const rest = telling.filter((k) => !facets.includes(k));
  const several = distinct(curves.map((s) => s.row.strategy)) > 1;
  // One strategy told apart by one key: its legend is that key, its entries the values.
  const bare = !several && rest.length === 1;
  const label = (s: Seen, keys: readonly string[], withStrategy: boolean) =>
    [...(withStrategy ? [s.row.strategy] : []), ...keys.filter((k) => s.seen.has(k)).map((k) => (bare ? String(s.row[k]) : `${keyLabel(k)}=${s.row[k]}`))].join(' ') || String(s.row.strategy);
  const single = facets.length === 1 ? facets[0] : undefined;
  const drawnRow = (s: Seen, series: string): Row => ({
    [x]: s.row[x],
    strategy: s.row.strategy,
    [SERIES]: series,
    // Only a run that sees every panel key has a panel; a baseline that does not is drawn in each.
    ...(facets.length === 0 || !facets.every((k) => s.seen.has(k)) ? {} : single !== undefined ? { [single]: s.row[single] } : { [PANEL]: facets.map((k) => `${keyLabel(k)}=${s.row[k]}`).join(', ') }),
    ...Object.fromEntries(fields.filter((f) => f in s.row).map((f) => [f, s.row[f]])),
  });
  // A baseline's runs that give the same numbers (edge-only at two values of a key it ignores in effect) are one rule, named by its strategy alone.
  const numbers = (s: Seen) => JSON.stringify([s.row.strategy, at(s, facets), fields.map((f) => s.row[f] ?? null)]);
  const fixed = once(all.filter((s) => !varies.has(String(s.row.strategy))), others);
  const baselines = [...new Map(fixed.map((s) => [numbers(s), s])).values()].map((s, _, kept) =>
    drawnRow(s, kept.filter((k) => k.row.strategy === s.row.strategy && at(k, facets) === at(s, facets)).length === 1 ? String(s.row.strategy) : label(s, rest, true)),
  );
  return {
    curves: curves.map((s) => drawnRow(s, label(s, rest, several))),
    baselines,
    baselineNames: [...new Set(baselines.map((r) => String(r[SERIES])))],
    colorTitle: bare ? keyLabel(rest[0]) : [...(several || rest.length === 0 ? ['strategy'] : []), ...rest.map(keyLabel)].join(', '),
    ...(facets.length === 0 ? {} : { facet: single !== undefined ? { field: single, title: keyLabel(single) } : { field: PANEL, title: null } }),
  };
}

/** Fills `{key}` and `{reference}` of a chart title. */
function fill(template: string, compare: NonNullable<SweepTable['compare']>): string {
  return template.replaceAll('{key}', compare.key).replaceAll('{reference}', String(compare.reference));
}

export function sweepCharts(table: SweepTable): SweepCharts {
  const { latency: lat, accuracy: acc } = tradeoffAxes(table.metrics);
  const drawn: Drawn[] = table.metrics.filter((m) => m.chart).map((m) => ({ metric: m.name, y: m.chart!.y ?? m.name, chart: m.chart! }));
  const fields = drawnColumns(table.metrics, drawn);
  const keys = Object.keys(table.grid);
  const charts: NamedChart[] = [];
  const skipped: string[] = [];
  /** The rows along x, or undefined (saying why) when there is nothing to draw or too much for one figure. */
  const arranged = (x: string): Arrangement | undefined => {
    if (!table.rows.some((r) => typeof r[lat.field] === 'number' && Number.isFinite(r[lat.field]))) {
      skipped.push(`Charts against ${x} left out: no point has an answered frame.`);
      return undefined;
    }
    const a = arrange(table, x, fields);
    if (typeof a !== 'string') return a;
    const other = keys.find((k) => k !== x) ?? 'strategy';
    skipped.push(`Charts against ${x} left out: ${a}. Draw a slice, e.g. mcsim chart sweep.csv --x ${x} --y ${lat.field} --color strategy --where ${other}=<value>`);
    return undefined;
  };
  const numeric = numericKeys(table);
  for (const x of numeric) {
    const a = arranged(x);
    if (a === undefined) continue;
    const xTitle = table.axisTitles[x] ?? TITLES[x] ?? x;
    const slug = x.replace(/[^A-Za-z0-9]+/g, '-');
    const common = { x, xTitle, color: SERIES, colorTitle: a.colorTitle, ...(a.facet ? { facet: a.facet.field, facetTitle: a.facet.title } : {}) };
    charts.push({
      name: `latency-accuracy-vs-${slug}`,
      title: `Mean latency and accuracy vs ${xTitle}`,
      spec: latencyAccuracyChart([...a.curves, ...a.baselines], table.metrics, { ...common, series: SERIES, baselines: a.baselineNames }),
    });
    // Each metric's own chart, over the curves that report it.
    for (const { metric, y, chart } of drawn) {
      const mine = a.curves.filter((r) => typeof r[metric] === 'number');
      if (mine.length === 0) continue;
      charts.push({
        name: `${chart.name}-vs-${slug}`,
        title: `${chart.title} vs ${xTitle}`,
        spec: lineChart({ ...common, data: mine, y, yLow: `${y}_lo`, yHigh: `${y}_hi`, yTitle: chart.yTitle, ...(chart.yFormat === undefined ? {} : { yFormat: chart.yFormat }) }),
      });
    }
    const compare = table.compare;
    for (const { metric, chart } of drawn) {
      const vs = chart.vsReference, d = `${metric}_vs_ref`;
      const paired = a.curves.filter((r) => typeof r[d] === 'number');
      if (!compare || !vs || paired.length === 0) continue;
      charts.push({
        name: `${vs.name}-${slug}`,
        title: `${fill(vs.title, compare)}, vs ${xTitle}`,
        spec: lineChart({ ...common, data: paired, y: d, yLow: `${d}_lo`, yHigh: `${d}_hi`, yTitle: fill(vs.yTitle, compare), yZero: false, zeroLine: true }),
      });
    }
  }
  // Without a numeric key, each categorical key (a policy, a trace file) gets grouped bars.
  for (const x of numeric.length > 0 ? [] : keys.filter((k) => new Set(table.points.map((p) => JSON.stringify(p.find(([key]) => key === k)?.[1]))).size > 1)) {
    const a = arranged(x);
    if (a === undefined) continue;
    const bars = a.curves.map((r) => scaleFields(r, withBounds(lat.field), lat.scale));
    charts.push({
      name: `latency-accuracy-by-${x.replace(/[^A-Za-z0-9]+/g, '-')}`,
      title: `Mean latency and accuracy by ${keyLabel(x)}`,
      spec: lineChart({
        data: bars,
        x,
        xTitle: keyLabel(x),
        y: lat.field,
        yLow: `${lat.field}_lo`,
        yHigh: `${lat.field}_hi`,
        yTitle: lat.title,
        color: SERIES,
        colorTitle: a.colorTitle,
        ...(a.facet ? { facet: a.facet.field, facetTitle: a.facet.title } : {}),
        mark: 'bar',
        below: { y: acc.field, yLow: `${acc.field}_lo`, yHigh: `${acc.field}_hi`, yTitle: acc.title, ...(acc.format === undefined ? {} : { yFormat: acc.format }), yZero: false },
      }),
    });
  }
  return { charts, skipped };
}

/** Swept keys whose values are numbers with at least two distinct values: candidate x axes. */
function numericKeys(table: SweepTable): string[] {
  return Object.entries(table.grid)
    .filter(([, spec]) => !Array.isArray(spec) || (spec.every((v) => typeof v === 'number') && new Set(spec).size > 1))
    .map(([k]) => k);
}
