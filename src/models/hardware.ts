/**
 * Hardware cost tables: what one inference of a model costs on a piece of hardware. Latencies are
 * held in SECONDS (the engine's unit); files give milliseconds, as benchmarks print them.
 *
 * Two sources: the ncnn `benchncnn` result tables (a CSV transcription of Tencent/ncnn's
 * benchmark/README.md, see data/PROVENANCE.md) and mcsim's own JSON format, which
 * scripts/make-hardware-table.ts generates from the former.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError, lineError } from '../errors.js';
import { lognormalFromMoments, scaleDist, type Dist } from '../sim/dist.js';
import { distSchema, issuePath } from './dist-schema.js';
import { columnIndex, intField, numberField, readCsv } from './read-table.js';

export interface CostRow {
  hardware: string;
  model: string;
  /** Seconds. */
  latency: Dist;
  /** Watts while computing; absent when the source measured none (power is then a scenario parameter). */
  powerW?: number;
  /** Where the number comes from (file, line, conditions). */
  source: string;
}

/** Cost rows indexed by (hardware, model). */
export class HardwareTable {
  private readonly byHardware = new Map<string, Map<string, CostRow>>();
  private readonly all: readonly CostRow[];

  /** @throws InputError if a (hardware, model) pair occurs twice */
  constructor(rows: CostRow[]) {
    for (const row of rows) {
      let models = this.byHardware.get(row.hardware);
      if (!models) this.byHardware.set(row.hardware, (models = new Map()));
      if (models.has(row.model)) throw new InputError(`hardware table: two rows for hardware "${row.hardware}", model "${row.model}"`);
      models.set(row.model, row);
    }
    this.all = rows.slice();
  }

  /** @throws InputError naming the pair and what the table has instead */
  get(hardware: string, model: string): CostRow {
    const models = this.byHardware.get(hardware);
    if (!models) {
      throw new InputError(`hardware table: no hardware "${hardware}" (hardware: ${[...this.byHardware.keys()].join(', ')})`);
    }
    const row = models.get(model);
    if (!row) throw new InputError(`hardware table: no model "${model}" on hardware "${hardware}" (models: ${[...models.keys()].join(', ')})`);
    return row;
  }

  has(hardware: string, model: string): boolean {
    return this.byHardware.get(hardware)?.has(model) ?? false;
  }

  hardware(): string[] {
    return [...this.byHardware.keys()];
  }

  rows(): readonly CostRow[] {
    return this.all;
  }
}

// ---------------------------------------------------------------------------------------------
// ncnn benchncnn CSV

/** How a benchmark row's (min, avg, max) becomes a latency distribution. */
export type NcnnLatencyRule = 'fixed' | 'lognormal';

export interface NcnnSelect {
  /** The name the rows get in the table (an alias such as `rpi4-cpu4`). */
  hardware: string;
  /** The README `### ` heading: exact text, or a pattern tested against it. */
  section: string | RegExp;
  numThreads?: number;
  /** -1 for a CPU run, >= 0 for a Vulkan GPU index. */
  gpuDevice?: number;
  /** The README code block number (the `block` column); needed when a selection spans blocks. */
  block?: number;
  /** Only these models (default: every model of the selected block). */
  models?: readonly string[];
  /**
   * `'fixed'` (default): the benchmark's average, the only number that describes a typical run.
   * `'lognormal'`: mean = avg and standard deviation = (max - min) / 4. This spread rule is a
   * MODELLING ASSUMPTION, not a measurement: benchncnn prints only min, max and avg over its
   * loop, so the shape of the distribution is unknown; (max - min) / 4 treats the observed range as
   * about four standard deviations. Rows with max = min get a zero spread.
   */
  latency?: NcnnLatencyRule;
}

/** One result line of the ncnn benchmark README, as transcribed in the CSV. */
export interface NcnnRow {
  section: string;
  block: number;
  readmeLine: number;
  /** null when the block did not print it. */
  numThreads: number | null;
  gpuDevice: number | null;
  gpuName: string;
  model: string;
  minMs: number;
  avgMs: number;
  maxMs: number;
}

const NCNN_REPO = 'Tencent/ncnn f4e9a78';

/** The rows matching `select` (all conditions given must hold), in file order. */
export function selectNcnnRows(path: string, select: Omit<NcnnSelect, 'hardware' | 'latency'>): NcnnRow[] {
  const t = readCsv(path);
  const col = (name: string) => columnIndex(t, name);
  const [cSection, cBlock, cLine, cThreads, cGpu, cGpuName, cModel, cMin, cAvg, cMax] = [
    'section', 'block', 'readme_line', 'num_threads', 'gpu_device', 'gpu_name', 'model', 'min_ms', 'avg_ms', 'max_ms',
  ].map(col);
  const { section } = select;
  // A copy without the g/y flags: their lastIndex would make test() depend on the previous call.
  const pattern = typeof section === 'string' ? null : new RegExp(section.source, section.flags.replace(/[gy]/g, ''));
  const sectionOk = (s: string) => (pattern ? pattern.test(s) : s === section);
  const optionalInt = (r: number, c: number) => (t.records[r][c].trim() === '' ? null : intField(t, r, c));
  const out: NcnnRow[] = [];
  const sectionsSeen = new Set<string>();
  for (let r = 0; r < t.records.length; r++) {
    const rec = t.records[r];
    if (!sectionOk(rec[cSection])) continue;
    sectionsSeen.add(rec[cSection]);
    const row: NcnnRow = {
      section: rec[cSection],
      block: intField(t, r, cBlock, 1),
      readmeLine: intField(t, r, cLine, 1),
      numThreads: optionalInt(r, cThreads),
      gpuDevice: optionalInt(r, cGpu),
      gpuName: rec[cGpuName],
      model: rec[cModel],
      minMs: numberField(t, r, cMin),
      avgMs: numberField(t, r, cAvg),
      maxMs: numberField(t, r, cMax),
    };
    if (!(row.minMs > 0 && row.minMs <= row.avgMs && row.avgMs <= row.maxMs)) {
      throw lineError(path, t.lines[r], `expected 0 < min_ms <= avg_ms <= max_ms, got ${row.minMs}, ${row.avgMs}, ${row.maxMs}`);
    }
    if (select.numThreads !== undefined && row.numThreads !== select.numThreads) continue;
    if (select.gpuDevice !== undefined && row.gpuDevice !== select.gpuDevice) continue;
    if (select.block !== undefined && row.block !== select.block) continue;
    out.push(row);
  }
  const what = `${path}: section ${String(select.section)}`;
  if (sectionsSeen.size === 0) throw new InputError(`${what} matches no section of the file`);
  if (out.length === 0) throw new InputError(`${what} has no rows with the requested threads/gpu_device/block`);
  const blocks = [...new Set(out.map((r) => r.block))];
  if (blocks.length > 1) {
    const seen = new Set<string>();
    for (const r of out) {
      if (seen.has(r.model)) {
        throw new InputError(`${what}: model "${r.model}" occurs in several matching blocks (${blocks.join(', ')}); give a block number`);
      }
      seen.add(r.model);
    }
  }
  if (select.models) {
    const have = new Map(out.map((r) => [r.model, r]));
    return select.models.map((m) => {
      const r = have.get(m);
      if (!r) throw new InputError(`${what}: no model "${m}" in the selection (models: ${[...have.keys()].join(', ')})`);
      return r;
    });
  }
  return out;
}

/** The row's latency in MILLISECONDS by the rule documented at `NcnnSelect.latency`. */
export function ncnnLatencyMs(row: NcnnRow, rule: NcnnLatencyRule = 'fixed'): Dist {
  return rule === 'fixed' ? { kind: 'fixed', value: row.avgMs } : lognormalFromMoments(row.avgMs, (row.maxMs - row.minMs) / 4);
}

/** "ncnn benchmark/README.md line 123 (Tencent/ncnn f4e9a78), <section>, threads=1, gpu_device=-1". */
export function ncnnSource(row: NcnnRow): string {
  const show = (x: number | null) => (x === null ? 'not printed' : String(x));
  return `ncnn benchmark/README.md line ${row.readmeLine} (${NCNN_REPO}), ${row.section}, threads=${show(row.numThreads)}, gpu_device=${show(row.gpuDevice)}`;
}

/** Cost rows (latency in seconds) for the benchmark rows selected by `select`. */
export function readNcnnTable(path: string, select: NcnnSelect): CostRow[] {
  return selectNcnnRows(path, select).map((r) => ({
    hardware: select.hardware,
    model: r.model,
    latency: scaleDist(ncnnLatencyMs(r, select.latency), 1e-3),
    source: ncnnSource(r),
  }));
}

// ---------------------------------------------------------------------------------------------
// mcsim's JSON format

/** One row of mcsim's JSON format (a file's `rows`, or a scenario's inline `hardware.rows`). */
export const hardwareRowSchema = z.strictObject({
  hardware: z.string().min(1),
  model: z.string().min(1),
  latency_ms: distSchema,
  power_w: z.number().finite().positive().optional(),
  source: z.string().min(1),
});

export type HardwareRow = z.infer<typeof hardwareRowSchema>;

export const hardwareFileSchema = z.strictObject({
  description: z.string().optional(),
  rows: z.array(hardwareRowSchema).min(1),
});

export type HardwareFile = z.infer<typeof hardwareFileSchema>;

/** A hardware file's text with one row per line: readable, and a regenerated file diffs row by row. */
export function hardwareFileText(file: HardwareFile): string {
  const rowLines = file.rows.map((r) => '  ' + JSON.stringify(r)).join(',\n');
  return `{\n${file.description === undefined ? '' : ` "description": ${JSON.stringify(file.description)},\n`} "rows": [\n${rowLines}\n ]\n}\n`;
}

/** A row of the JSON format as the engine holds it (latency in seconds). */
export function costRow(r: HardwareRow): CostRow {
  return {
    hardware: r.hardware,
    model: r.model,
    latency: scaleDist(r.latency_ms, 1e-3),
    ...(r.power_w === undefined ? {} : { powerW: r.power_w }),
    source: r.source,
  };
}

/**
 * `{ "rows": [ { "hardware", "model", "latency_ms": <Dist in ms>, "power_w"?, "source" } ] }`.
 * @throws InputError naming the file and the JSON path of the first problem, or a pair given twice
 */
export function readHardwareRows(path: string): CostRow[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError(`${path}: ${(err as NodeJS.ErrnoException).code ? 'cannot read file' : 'invalid JSON'} (${(err as Error).message})`);
  }
  const parsed = hardwareFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${path}: ${issuePath(issue.path)}: ${issue.message}`);
  }
  const rows = parsed.data.rows.map(costRow);
  try {
    new HardwareTable(rows);
  } catch (err) {
    throw new InputError(`${path}: ${(err as Error).message}`);
  }
  return rows;
}

export function readHardwareTable(path: string): HardwareTable {
  return new HardwareTable(readHardwareRows(path));
}

/** Rows from one place (a file, or a scenario's inline rows), named for the override messages. */
export interface HardwareLayer {
  from: string;
  rows: readonly CostRow[];
}

/**
 * One table from several layers: a later layer adds rows, or replaces the row of a (hardware, model)
 * pair an earlier one gave, with one message per replacement, so a researcher adds a device or
 * corrects one measurement without copying the whole table.
 */
export function layerHardware(layers: readonly HardwareLayer[]): { table: HardwareTable; overrides: string[] } {
  const rows = new Map<string, { row: CostRow; from: string }>();
  const overrides: string[] = [];
  for (const { from, rows: layer } of layers) {
    for (const row of layer) {
      const key = JSON.stringify([row.hardware, row.model]);
      const earlier = rows.get(key);
      if (earlier) overrides.push(`hardware: ${from} replaces the row of model "${row.model}" on "${row.hardware}" from ${earlier.from}`);
      rows.set(key, { row, from });
    }
  }
  return { table: new HardwareTable([...rows.values()].map((r) => r.row)), overrides };
}
