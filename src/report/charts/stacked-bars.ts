/**
 * Stacked bars: how a total splits into components per category, e.g. where a strategy's latency
 * goes (device queue, compute, upload, edge queue, ...). The component columns of the wide rows are
 * folded into long form here; several rows of one category (replications, policies) are averaged.
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../../errors.js';
import {
  categoryType, fieldRef, numberOf, PANEL_HEIGHT, PANEL_WIDTH, requireFields, specHead, type Row,
} from './spec.js';

/** Names of the folded fields in the chart's data. */
export const COMPONENT_FIELD = 'component';
export const VALUE_FIELD = 'value';
export const ORDER_FIELD = 'stack_order';

export interface StackedBarsOptions {
  data: readonly Row[];
  /** One bar per value of this field, in order of first appearance. */
  category: string;
  categoryTitle?: string;
  /** Numeric fields stacked in this order; a missing value counts as 0 (the step did not happen). */
  components: readonly string[];
  /** Legend labels per component field, e.g. `{ t_upload: 'upload' }`. @defaultValue the field names */
  componentLabels?: Readonly<Record<string, string>>;
  /** @defaultValue 'component' */
  componentTitle?: string;
  /** Axis title with its unit, e.g. `mean latency (ms)`. @defaultValue 'value' */
  valueTitle?: string;
  /** Multiplies every value, e.g. 1000 to draw seconds in ms. @defaultValue 1 */
  scale?: number;
  /** Bars run left to right (long category names stay readable). @defaultValue true */
  horizontal?: boolean;
  title?: string;
  width?: number;
  height?: number;
}

export function stackedBarsChart(options: StackedBarsOptions): TopLevelSpec {
  const { data, category, components, componentLabels = {}, scale = 1, horizontal = true } = options;
  requireFields('stackedBarsChart', data, [category, ...components]);
  if (components.length === 0) throw new InputError('stackedBarsChart: no component fields');
  if (category === COMPONENT_FIELD || category === VALUE_FIELD || category === ORDER_FIELD) {
    throw new InputError(`stackedBarsChart: category field "${category}" clashes with the folded field of that name`);
  }
  if (!(scale > 0)) throw new InputError(`stackedBarsChart: scale must be > 0, got ${scale}`);
  const labels = components.map((c) => componentLabels[c] ?? c);
  if (new Set(labels).size !== labels.length) throw new InputError(`stackedBarsChart: component labels are not distinct: ${labels.join(', ')}`);

  // Averaged here rather than with a Vega-Lite aggregate: stacking means is something it warns about.
  const sums = new Map<unknown, { n: number; totals: Float64Array }>();
  data.forEach((row, i) => {
    let bar = sums.get(row[category]);
    if (bar === undefined) sums.set(row[category], (bar = { n: 0, totals: new Float64Array(components.length) }));
    bar.n++;
    components.forEach((field, k) => {
      const n = numberOf(row[field]);
      if (n === undefined) throw new InputError(`stackedBarsChart: row ${i + 1}: field "${field}" is not a number: ${JSON.stringify(row[field])}`);
      bar.totals[k] += n ?? 0;
    });
  });
  const values: Row[] = [];
  for (const [key, bar] of sums) {
    labels.forEach((label, k) => values.push({ [category]: key, [COMPONENT_FIELD]: label, [VALUE_FIELD]: (bar.totals[k] / bar.n) * scale, [ORDER_FIELD]: k }));
  }
  const cat = { field: fieldRef(category), type: categoryType(data, category), title: options.categoryTitle ?? category, sort: null, axis: { labelAngle: 0 } };
  const val = { field: VALUE_FIELD, type: 'quantitative' as const, title: options.valueTitle ?? VALUE_FIELD, stack: 'zero' as const };
  const categories = sums.size;
  return {
    ...specHead(options.title, values),
    width: options.width ?? PANEL_WIDTH,
    height: options.height ?? (horizontal ? Math.max(80, 28 * categories) : PANEL_HEIGHT),
    mark: { type: 'bar' },
    encoding: {
      ...(horizontal ? { y: cat, x: val } : { x: cat, y: val }),
      // Legend and stack both follow the components' order: the first sits next to the axis.
      color: { field: COMPONENT_FIELD, type: 'nominal', title: options.componentTitle ?? COMPONENT_FIELD, sort: labels },
      order: { field: ORDER_FIELD, type: 'quantitative' },
    },
  };
}
