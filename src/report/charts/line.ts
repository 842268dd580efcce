/**
 * y against x, one series per `color` value: latency vs tau, hit rate vs cache size, accuracy vs
 * bandwidth. Optional 95% CI band (`yLow`/`yHigh`), dashed reference rules for baselines that do not
 * depend on x (device-only, edge-only), a second panel below sharing x, or small multiples (`facet`).
 * Field names are parameters; the named charts in presets.ts pick them.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LayerSpec, UnitSpec } from 'vega-lite/types_unstable/spec/index.js';
import type { Field } from 'vega-lite/types_unstable/channeldef.js';
import { InputError } from '../../errors.js';
import {
  categorySort, categoryType, fieldRef, isMissing, isNumericField, keyLabel, PANEL_HEIGHT, PANEL_WIDTH, requireFields, specHead,
  type Row,
} from './spec.js';

export type XyMark = 'line' | 'point' | 'bar';

/** A horizontal rule at `value` (in the panel's y units), labelled at its right end. */
export interface ReferenceLine {
  label: string;
  value: number;
  /** With `facet`: the panel (facet value) it is drawn in. @defaultValue every panel */
  panel?: string | number;
}

/**
 * Reference lines travel in the chart's data, marked by this field, rather than in a layer's own
 * data: a facet splits only the chart's data, so each panel then gets its own baselines.
 */
export const REFERENCE_FIELD = 'mcsim_reference';
/** Set on every second reference line from the bottom: its label goes under the line, not over a neighbour's. */
const BELOW_FIELD = 'mcsim_label_below';

export interface LinePanel {
  y: string;
  /** Axis title with its unit, e.g. `mean latency (ms)`. @defaultValue the field name */
  yTitle?: string;
  /** Lower and upper bound fields of an interval around `y` (drawn as a band, or error bars for points and bars). */
  yLow?: string;
  yHigh?: string;
  /** @defaultValue 'linear' */
  yScale?: 'linear' | 'log';
  /** Start the y axis at zero. @defaultValue true for bars, false otherwise */
  yZero?: boolean;
  /** d3 number format of the axis labels, e.g. `.0%` for fractions. */
  yFormat?: string;
  references?: readonly ReferenceLine[];
  /** A rule at y = 0: where a difference changes sign. @defaultValue false */
  zeroLine?: boolean;
}

export interface LineChartOptions extends LinePanel {
  data: readonly Row[];
  x: string;
  /** @defaultValue the field name */
  xTitle?: string;
  /** @defaultValue 'linear' */
  xScale?: 'linear' | 'log';
  /** One series per value of this field. */
  color?: string;
  colorTitle?: string;
  /** @defaultValue 'line' */
  mark?: XyMark;
  /** Markers at the data points of a line; turn off for dense curves (a miss-ratio curve at every size). @defaultValue true */
  points?: boolean;
  /** One small panel per value of this field (with `below`: a row of panels for each). */
  facet?: string;
  /** `null`: no title over the panels (their labels say it all). @defaultValue the field as a label */
  facetTitle?: string | null;
  /** A second panel under the first, sharing x (e.g. accuracy under latency). */
  below?: LinePanel;
  title?: string;
  /** Size of one panel in pixels. */
  width?: number;
  height?: number;
  /** Base font size of labels (titles a little larger). */
  fontSize?: number;
  /** Further fields a point's tooltip shows (its x, series, panel, y and bounds are always shown). */
  tooltip?: readonly string[];
}

type Layer = UnitSpec<Field>;

export function lineChart(options: LineChartOptions): TopLevelSpec {
  const { x, color, facet, below, mark = 'line' } = options;
  requireFields('lineChart', options.data, [x, color, facet, ...panelFields(options), ...(below ? panelFields(below) : [])]);
  // Rows without an x (e.g. baselines in a sweep over tau) would still widen the y domain and add
  // legend entries with nothing drawn.
  const data = options.data.filter((r) => !isMissing(r[x]));
  for (const panel of below ? [options, below] : [options]) {
    if ((panel.yLow === undefined) !== (panel.yHigh === undefined)) {
      throw new InputError(`lineChart: give both yLow and yHigh for "${panel.y}", or neither`);
    }
    if (!isNumericField(data, panel.y)) throw new InputError(`lineChart: field "${panel.y}" is not numeric`);
    requireDistinctPoints(data, panel.y, [x, color, facet]);
  }
  const xNumeric = isNumericField(data, x);
  // Counts (cache slots, devices) get whole-number ticks, not 1.5 partitions.
  const xIntegers = xNumeric && data.every((r) => Number.isInteger(Number(r[x])));
  // Large counts (bytes of memory) read better in SI units: 400M, not 400000000.
  const xLarge = xIntegers && data.some((r) => Math.abs(Number(r[x])) >= 1e5);
  // Small multiples are laid out three to a row, so each panel is smaller than a lone chart.
  const width = options.width ?? (facet === undefined ? PANEL_WIDTH : Math.round(PANEL_WIDTH * 0.7));
  const height = options.height ?? (facet === undefined ? PANEL_HEIGHT : Math.round(PANEL_HEIGHT * 0.8));
  const ctx: PanelContext = {
    width,
    mark,
    points: options.points ?? true,
    series: color === undefined ? 1 : Math.max(...[...groupBy(data, facet).values()].map((rows) => new Set(rows.map((r) => r[color])).size)),
    x: {
      field: fieldRef(x),
      // Bars need discrete positions; numeric x keeps its numeric order as an ordinal.
      type: mark === 'bar' ? (xNumeric ? 'ordinal' : 'nominal') : xNumeric ? 'quantitative' : 'nominal',
      title: options.xTitle ?? x,
      // Named x values (policies, trace files) in the data's order, which is the grid's.
      ...(xNumeric ? {} : { sort: null }),
      ...(mark === 'bar' || !xNumeric ? { axis: { labelAngle: 0 } } : xIntegers ? { axis: { tickMinStep: 1, format: xLarge ? '~s' : 'd' } } : {}),
      // A nice log domain rounds up to the next power of ten and can waste most of the width.
      ...(options.xScale === 'log' && mark !== 'bar' ? { scale: { type: 'log', nice: false } } : {}),
    },
    // Series names can be long (a strategy and the swept values it sees): do not cut them short.
    // A legend of one entry says nothing: left out.
    color: color === undefined ? undefined : { field: fieldRef(color), type: categoryType(data, color), ...categorySort(data, color), title: options.colorTitle ?? keyLabel(color), legend: new Set(data.map((r) => r[color])).size > 1 ? { labelLimit: 400 } : null },
    tooltip: [
      ...[color, facet].flatMap((f, i) => (f === undefined ? [] : [{ field: fieldRef(f), title: (i === 0 ? options.colorTitle : options.facetTitle) ?? keyLabel(f) }])),
      ...(options.tooltip ?? []).map((f) => ({ field: fieldRef(f), title: keyLabel(f) })),
    ],
  };
  const references = [options, ...(below ? [below] : [])].flatMap((p) => referenceRows(p, facet, data));
  const head = specHead(options.title, [...data, ...references], options.fontSize);
  // Numeric panels in ascending order, named ones in the order the data gives them (a sweep's grid order).
  const facetType = facet === undefined ? undefined : categoryType(data, facet);
  const facetBy = facet === undefined ? undefined : { field: fieldRef(facet), type: facetType!, sort: facetType === 'nominal' ? null : ('ascending' as const), title: options.facetTitle === undefined ? keyLabel(facet) : options.facetTitle };
  // Small multiples: three panels to a row.
  const panels = (spec: LayerSpec<Field>, h: number) => (facetBy === undefined ? { ...spec, width, height: h } : { facet: facetBy, columns: 3, spec: { ...spec, width, height: h } });
  if (below !== undefined) {
    // With facets, the bottom row's panels keep their x titles and headers: each grid reads on its own.
    const top = panel(options, { ...ctx, hideXTitle: facetBy === undefined });
    const bottom = panel(below, ctx);
    return {
      ...head,
      vconcat: [panels(top, height), panels(bottom, Math.round(height * 0.75))],
      spacing: 12,
      resolve: { scale: { x: 'shared', color: 'shared' } },
    } as TopLevelSpec;
  }
  return { ...head, ...panels(panel(options, ctx), height) } as TopLevelSpec;
}

/**
 * The data rows of a panel's reference lines, in each panel they belong to, sorted by value so that
 * every second label can go below its line.
 */
function referenceRows(p: LinePanel, facet: string | undefined, data: readonly Row[]): Row[] {
  const lines = [...(p.references ?? [])].sort((a, b) => a.value - b.value);
  const everyPanel = facet === undefined ? [undefined] : [...new Set(data.map((r) => r[facet]))];
  return everyPanel.flatMap((panelValue) =>
    lines
      .filter((r) => r.panel === undefined || facet === undefined || r.panel === panelValue)
      .map((r, i) => ({ [p.y]: r.value, [REFERENCE_FIELD]: r.label, [BELOW_FIELD]: i % 2 === 1, ...(facet === undefined ? {} : { [facet]: panelValue }) })),
  );
}

/** Rows by their value of `field` (all in one group without a field). */
function groupBy(data: readonly Row[], field: string | undefined): Map<unknown, Row[]> {
  const groups = new Map<unknown, Row[]>();
  for (const r of data) {
    const key = field === undefined ? undefined : r[field];
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return groups;
}

/**
 * Two rows at the same (x, series, panel) would be drawn as a zigzag or as silently stacked bars; the
 * caller has to pick one (filter on another column) or split them by colour or facet.
 */
function requireDistinctPoints(data: readonly Row[], y: string, keys: ReadonlyArray<string | undefined>): void {
  const fields = keys.filter((k): k is string => k !== undefined);
  const seen = new Set<string>();
  for (const row of data) {
    if (isMissing(row[y])) continue;
    const key = JSON.stringify(fields.map((f) => row[f] ?? null));
    if (seen.has(key)) {
      const where = fields.map((f) => `${f}=${String(row[f])}`).join(', ');
      throw new InputError(`lineChart: several rows with ${where} have a "${y}"; filter the rows or split them by color or facet`);
    }
    seen.add(key);
  }
}

function panelFields(panel: LinePanel): Array<string | undefined> {
  return [panel.y, panel.yLow, panel.yHigh];
}

interface PanelContext {
  width: number;
  mark: XyMark;
  points: boolean;
  x: { field: string; type: 'quantitative' | 'ordinal' | 'nominal'; title: string; sort?: null; scale?: { type: 'log'; nice: false }; axis?: { labelAngle?: number; tickMinStep?: number; format?: string } };
  color: { field: string; type: 'ordinal' | 'nominal'; sort?: unknown[]; title: string; legend: { labelLimit: number } | null } | undefined;
  /** Most series in one panel: more overlapping bands are drawn fainter, so that they do not blend into one block. */
  series: number;
  /** Tooltip fields besides x, y and its bounds: the series, the panel, the caller's. */
  tooltip: Array<{ field: string; title: string }>;
  hideXTitle?: boolean;
}

function panel(p: LinePanel, ctx: PanelContext): LayerSpec<Field> {
  const title = p.yTitle ?? p.y;
  const zero = p.yZero ?? ctx.mark === 'bar';
  const scale = p.yScale === 'log' ? { type: 'log' as const } : { zero };
  const x = ctx.hideXTitle ? { ...ctx.x, title: null } : ctx.x;
  const series = ctx.color === undefined ? {} : { color: ctx.color };
  // The layers' legends merge into one, whose symbols must look like the main marks rather than like
  // a band swatch (which reads as a missing series); the band's fillOpacity, unlike opacity, stays
  // out of the legend.
  const symbol = ctx.mark === 'line' ? { symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolOpacity: 1 } : { symbolOpacity: 1 };
  const mainSeries = ctx.color === undefined ? {} : { color: { ...ctx.color, legend: ctx.color.legend && symbol } };
  const offset = ctx.mark === 'bar' && ctx.color !== undefined ? { xOffset: { field: ctx.color.field, type: ctx.color.type } } : {};
  const axis = p.yFormat === undefined ? {} : { axis: { format: p.yFormat } };
  const y = { field: fieldRef(p.y), type: 'quantitative' as const, title, scale, ...axis };
  // Vega-Lite's tooltip of a point: the browser shows it on hover (render.ts makes it the SVG <title>).
  const tip = (field: string, tipTitle: string) => ({ field, title: tipTitle, type: 'quantitative' as const, format: p.yFormat ?? '.4~g' });
  const bounds = p.yLow === undefined || p.yHigh === undefined ? [] : [tip(fieldRef(p.yLow), `${title}, 95% low`), tip(fieldRef(p.yHigh), `${title}, 95% high`)];
  const tooltip = [{ field: ctx.x.field, title: ctx.x.title }, ...ctx.tooltip, tip(y.field, title), ...bounds];
  const main: Layer = {
    mark: ctx.mark === 'line' ? { type: 'line', point: ctx.points ? { size: 36 } : false, strokeWidth: 2 } : ctx.mark === 'point' ? { type: 'point', filled: true, size: 50 } : { type: 'bar' },
    encoding: { x, y, ...mainSeries, ...offset, tooltip },
  };
  const layers: Layer[] = [];
  // One datum of its own: drawn once in every panel, not once per data row.
  if (p.zeroLine) layers.push({ data: { values: [{}] }, mark: { type: 'rule', color: '#444', strokeWidth: 1 }, encoding: { y: { datum: 0, type: 'quantitative', scale } } });
  // A bar would hide the lower half of its error bar: bars go under their intervals, bands under their lines.
  if (ctx.mark === 'bar') layers.push(main);
  if (p.yLow !== undefined && p.yHigh !== undefined) {
    const interval = { y: { field: fieldRef(p.yLow), type: 'quantitative' as const, title, scale }, y2: { field: fieldRef(p.yHigh) } };
    layers.push(
      ctx.mark === 'line'
        ? { mark: { type: 'area', fillOpacity: ctx.series > 2 ? 0.1 : 0.2 }, encoding: { x, ...interval, ...series } }
        : ctx.mark === 'point'
          ? { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, ...interval, ...series } }
          : { mark: { type: 'rule', strokeWidth: 1.5, color: '#333' }, encoding: { x, ...interval, ...offset } },
    );
  }
  if (ctx.mark !== 'bar') layers.push(main);
  const valid = { filter: { field: fieldRef(p.y), valid: true } };
  if (p.references === undefined || p.references.length === 0) return { transform: [valid], layer: layers };
  // Same y field name as the data, so the layers share one axis title and one scale domain.
  const ry = { field: fieldRef(p.y), type: 'quantitative' as const, title, scale };
  const label = (below: boolean): Layer => ({
    transform: [{ filter: `datum.${BELOW_FIELD} === ${below}` }],
    mark: { type: 'text', align: 'right', baseline: below ? 'top' : 'bottom', dx: -4, dy: below ? 3 : -3, color: '#333', fontSize: 11 },
    encoding: { y: ry, x: { value: ctx.width }, text: { field: REFERENCE_FIELD } },
  });
  // The filters sit in each group, not above both: one more level makes Vega-Lite's optimizer give up with a warning on faceted pairs of panels.
  return {
    layer: [
      { transform: [valid, { filter: `datum.${REFERENCE_FIELD} == null` }], layer: layers },
      {
        transform: [{ filter: `datum.${REFERENCE_FIELD} != null` }],
        layer: [{ mark: { type: 'rule', color: '#555', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: ry } }, label(false), label(true)],
      },
    ],
  };
}
