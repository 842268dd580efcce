/**
 * What every chart builder shares: the row type, the house look (config), field typing and the checks
 * that turn a misspelt field name into an InputError instead of an empty chart.
 */
import type { Config } from 'vega-lite';
import { InputError } from '../../errors.js';
import { CHART_FONT } from '../chart-font.js';

/** One tidy record: a point x strategy of a sweep, or a frame. Values are numbers, strings or missing. */
export type Row = Readonly<Record<string, unknown>>;

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const PANEL_WIDTH = 440;
export const PANEL_HEIGHT = 240;

/** Label size of the house look; titles are drawn a little larger. */
export const FONT_SIZE = 11;

/**
 * Font sizes are set explicitly because the SVGs are read printed and in reports, not on hover; all
 * follow one base size (`mcsim chart --font-size`). The font is the bundled one PNG and PDF export
 * load (chart-font.ts).
 */
export function chartConfig(fontSize = FONT_SIZE): Config {
  const title = fontSize + 2;
  return {
    font: CHART_FONT,
    background: 'white',
    padding: 8,
    title: { fontSize: fontSize + 4, anchor: 'start', offset: 10 },
    axis: { titleFontSize: title, labelFontSize: fontSize, titleFontWeight: 'normal', grid: true, gridOpacity: 0.5 },
    legend: { titleFontSize: fontSize + 1, labelFontSize: fontSize, titleFontWeight: 'normal', labelLimit: 220 },
    header: { titleFontSize: title, labelFontSize: fontSize + 1, titleFontWeight: 'normal' },
    view: { stroke: '#bbb' },
    // Numeric series (cache sizes, AUROCs) keep their order in colour; viridis without its pale yellow end stays readable on white.
    range: { category: { scheme: 'tableau10' }, ordinal: { scheme: 'viridis', extent: [0, 0.85] } },
  };
}

/** What every top-level spec starts with: schema, optional title, the house config, inline data. */
export interface SpecHead {
  $schema: string;
  title?: string;
  config: Config;
  data: { values: Row[] };
}

export function specHead(title: string | undefined, values: readonly Row[], fontSize?: number): SpecHead {
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(title === undefined ? {} : { title }),
    config: chartConfig(fontSize),
    data: { values: values as Row[] },
  };
}

/** `null` for a missing value (absent, null, empty string), the number for a numeric one, else `undefined`. */
export function numberOf(value: unknown): number | null | undefined {
  if (isMissing(value)) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const n = Number(value);
    return value.trim() !== '' && !Number.isNaN(n) ? n : undefined;
  }
  return undefined;
}

export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (typeof value === 'number' && Number.isNaN(value));
}

/** True when every present value of `field` is a number (and at least one is present). */
export function isNumericField(rows: readonly Row[], field: string): boolean {
  let seen = false;
  for (const row of rows) {
    const n = numberOf(row[field]);
    if (n === undefined) return false;
    if (n !== null) seen = true;
  }
  return seen;
}

/** Colours and facets are categories; numeric ones are ordinal so that 8 < 16 < 128 in legends. */
export function categoryType(rows: readonly Row[], field: string): 'ordinal' | 'nominal' {
  return isNumericField(rows, field) ? 'ordinal' : 'nominal';
}

/**
 * The legend order of a category field: numeric categories by value (Vega sorts values read from a CSV
 * as strings, so batch sizes came out 1, 16, 2, 4, 8), others as Vega orders them.
 */
export function categorySort(rows: readonly Row[], field: string): { sort?: unknown[] } {
  if (!isNumericField(rows, field)) return {};
  const distinct = [...new Set(rows.map((r) => r[field]))].filter((v) => numberOf(v) !== null);
  return { sort: distinct.sort((a, b) => numberOf(a)! - numberOf(b)!) };
}

/** Every named field must occur in the data, else the chart would silently come out empty. */
export function requireFields(chart: string, rows: readonly Row[], fields: ReadonlyArray<string | undefined>): void {
  if (rows.length === 0) throw new InputError(`${chart}: no data rows`);
  const present = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) present.add(key);
  for (const field of fields) {
    if (field !== undefined && !present.has(field)) {
      throw new InputError(`${chart}: no field "${field}" in the data (fields: ${[...present].join(', ')})`);
    }
  }
}

/** Vega-Lite reads `a.b` and `a[0]` as nested access; CSV column names are flat, so escape them. */
export function fieldRef(name: string): string {
  return name.replace(/[.[\]\\]/g, (c) => `\\${c}`);
}

/** Last parts of key paths that only name a unit: the part before says what is measured. */
const UNIT_PARTS: readonly string[] = ['mbps', 'kbps', 'slots', 'bytes', 'fps', 'scale'];

/**
 * A key path as a reader's label: its last named part (`cachenet.policy` -> `policy`, `exits.0.tau`
 * -> `tau`), with the one before when the last is a unit (`network.downlink.mbps` -> `downlink mbps`).
 */
export function keyLabel(key: string): string {
  const parts = key.split('.').filter((part) => !/^\d+$/.test(part));
  const last = parts.length - 1;
  if (last < 0) return key;
  return last > 0 && UNIT_PARTS.includes(parts[last]) ? `${parts[last - 1]} ${parts[last]}` : parts[last];
}

/** A copy of `row` with each numeric `fields` value multiplied by `factor` (seconds drawn in ms). */
export function scaleFields(row: Row, fields: readonly string[], factor: number): Row {
  const out: Record<string, unknown> = { ...row };
  for (const f of fields) {
    const n = numberOf(row[f]);
    if (n !== null && n !== undefined) out[f] = n * factor;
  }
  return out;
}
