/**
 * Per-layer profiles of a DNN for split computing (Neurosurgeon, JALAD): for each layer in execution
 * order, its time on the device, its time on the server, and the bytes that cross the link when the
 * network is cut right after it. `split-planner.ts` turns a profile into per-cut costs.
 *
 * Conventions shared by every reader:
 * - times are seconds; `deviceS` and `serverS` of layer i are what layer i adds to the device prefix and
 *   to the server suffix. Only their prefix and suffix sums are used by the planner (see the Neurosurgeon
 *   reader for why a single layer's value may be negative);
 * - bytes are counted at FP32, 4 bytes per tensor element, whatever precision the source ran at, so that
 *   JALAD's c-bit compression is always `bytes × c / 32` (`split-planner.ts`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError, lineError } from '../errors.js';
import { columnIndex, intField, numberField, readCsv, readJson, readText } from './read-table.js';

export interface LayerProfile {
  model: string;
  /** Bytes of the network input: what is uploaded when everything runs on the server (cut 0). */
  inputBytes: number;
  /** In execution order. `outBytes` of layer i crosses the link when the cut is after layer i. */
  layers: Array<{ name: string; deviceS: number; serverS: number; outBytes: number }>;
  /** Where the numbers come from (files, units, conversions). */
  source: string;
}

/** Bytes per tensor element in every profile: FP32. */
export const ELEMENT_BYTES = 4;

// ---------------------------------------------------------------------------------------------------
// mcsim's own CSV, for a profile measured by the user (docs/data.md)
// ---------------------------------------------------------------------------------------------------

/**
 * `layer,device_ms,server_ms,out_bytes`, one row per layer in execution order, after a first row
 * named `input` whose `out_bytes` is the network input (what cut 0 uploads) and whose times are 0.
 * Bytes at FP32 (ELEMENT_BYTES), as every reader here counts them.
 */
export function readCsvProfile(path: string): LayerProfile {
  const t = readCsv(path);
  const [cLayer, cDevice, cServer, cBytes] = ['layer', 'device_ms', 'server_ms', 'out_bytes'].map((c) => columnIndex(t, c));
  if (t.records.length < 2) throw new InputError(`${path}: expected the input row and at least one layer`);
  if (t.records[0][cLayer] !== 'input') throw lineError(path, t.lines[0], `the first row must be the network input (layer "input"), got "${t.records[0][cLayer]}"`);
  if (numberField(t, 0, cDevice) !== 0 || numberField(t, 0, cServer) !== 0) throw lineError(path, t.lines[0], 'the input row takes no time: device_ms and server_ms must be 0');
  const layers = t.records.slice(1).map((rec, k) => {
    const r = k + 1;
    const name = rec[cLayer].trim();
    if (name === '' || name === 'input') throw lineError(path, t.lines[r], `column "layer": expected a layer name other than "input", got "${rec[cLayer]}"`);
    const deviceMs = numberField(t, r, cDevice), serverMs = numberField(t, r, cServer);
    if (deviceMs < 0 || serverMs < 0) throw lineError(path, t.lines[r], `times must be >= 0, got device_ms ${deviceMs}, server_ms ${serverMs}`);
    return { name, deviceS: deviceMs / 1000, serverS: serverMs / 1000, outBytes: intField(t, r, cBytes, 0) };
  });
  const model = basename(path).replace(/\.csv(\.gz)?$/i, '');
  return { model, inputBytes: intField(t, 0, cBytes, 1), layers, source: `${path} (${layers.length} layers, mcsim layer CSV)` };
}

// ---------------------------------------------------------------------------------------------------
// Neurosurgeon AlexNet split tables (njcpe/neurosurgeon, shared/data/layer-profiles/neurosurgeon-alexnet)
// ---------------------------------------------------------------------------------------------------

/** The three measured tables: TCP (`ns_latency.txt`), UDP (`ns_latency_udp.txt`), Pixel 3 (`ns_latency_pxl3.txt`). */
export type NeurosurgeonVariant = 'tcp' | 'udp' | 'pxl3';

const NEUROSURGEON_FILES: Record<NeurosurgeonVariant, string> = {
  tcp: 'ns_latency.txt',
  udp: 'ns_latency_udp.txt',
  pxl3: 'ns_latency_pxl3.txt',
};

export interface NeurosurgeonOptions {
  /** Which latency table. @defaultValue 'tcp' */
  variant?: NeurosurgeonVariant;
  /** The shapes file in `dir` (`alexnet_layers.txt` has a header, `alexnet_partitions.txt` none). @defaultValue 'alexnet_layers.txt' */
  shapesFile?: string;
}

/** A Neurosurgeon profile plus the measurements the planner does not use, kept for validation. */
export interface NeurosurgeonProfile extends LayerProfile {
  /** Device pre-processing time (the `input` row's mobile column), s: paid at every cut, so not in any layer. */
  preprocessS: number;
  /** Measured transmission time per cut 0..L, s (0 at cut L). */
  transferS: number[];
  /** Measured end-to-end latency per cut 0..L, s. */
  endToEndS: number[];
}

const NS_COLUMNS = ['layer_name', 'mobile_processing', 'server_processing', 'transmission', 'end_to_end'] as const;

/**
 * Reads one AlexNet split table of the Neurosurgeon testbench.
 *
 * The latency file has one row per cut: `input` (cut 0: raw image sent), then conv1 … fc8 (cut after that
 * layer), then `softmax` (cut L, 17 for AlexNet: all on the device). Columns are read by header name (the pxl3 file
 * orders them differently), integers in milliseconds:
 * - `mobile_processing` (the **device** side) is the cumulative device time up to and including the
 *   split layer; its `input` value is pre-processing, kept apart as `preprocessS`, so layer i's deviceS
 *   = (mobile[i+1] − mobile[i]) / 1000;
 * - `server_processing` (the **server** side) is the time of the remaining layers, so layer i's serverS
 *   = (server[i] − server[i+1]) / 1000 and the last row must have server = 0.
 * Each row is a separate measurement, so these differences are sometimes negative (UDP: pool1's mobile
 * time, 40 ms, is below norm1's, 52 ms). They are kept as they are: prefix and suffix sums then give back
 * the measured columns (to rounding), which is what the planner uses.
 *
 * Bytes come from the shapes file (NHWC, batch 1): elements × 4 (FP32). Its first row is the input;
 * the rest pair with the latency rows by position, names checked loosely (`conv1` = `conv1_1`,
 * `fc6` = `fc6/fc6`). The shapes file has no softmax row: softmax keeps its input's shape (fc8's).
 */
export function readNeurosurgeonProfile(dir: string, options: NeurosurgeonOptions = {}): NeurosurgeonProfile {
  const variant = options.variant ?? 'tcp';
  if (!Object.hasOwn(NEUROSURGEON_FILES, variant)) {
    throw new InputError(`neurosurgeon variant: expected one of ${Object.keys(NEUROSURGEON_FILES).join(', ')}, got '${variant}'`);
  }
  const latencyFile = join(dir, NEUROSURGEON_FILES[variant]);
  const shapesFile = join(dir, options.shapesFile ?? 'alexnet_layers.txt');
  const rows = readLatencyRows(latencyFile);
  const shapes = readShapes(shapesFile);

  const L = rows.length - 1;
  if (shapes.length !== L) {
    throw new InputError(`${shapesFile}: expected ${L} shapes (the input and one per layer before softmax, to match ${latencyFile}), got ${shapes.length}`);
  }
  const first = rows[0], last = rows[L];
  if (first.name !== 'input') throw lineError(latencyFile, first.line, `the first row must be 'input' (cut 0), got '${first.name}'`);
  if (last.name !== 'softmax') throw lineError(latencyFile, last.line, `the last row must be 'softmax' (all on the device), got '${last.name}'`);
  if (last.ms[1] !== 0 || last.ms[2] !== 0) {
    throw lineError(latencyFile, last.line, 'the all-on-device row must have server_processing = transmission = 0');
  }
  for (let k = 1; k < L; k++) {
    if (canonicalLayerName(rows[k].name) !== canonicalLayerName(shapes[k].name)) {
      throw lineError(shapesFile, shapes[k].line, `layer '${shapes[k].name}' does not match '${rows[k].name}' at ${latencyFile}:${rows[k].line}`);
    }
  }

  const layers: LayerProfile['layers'] = [];
  for (let i = 0; i < L; i++) {
    const [mob, srv] = rows[i].ms, [mobNext, srvNext] = rows[i + 1].ms;
    // Softmax (i = L-1) has no shape row: it outputs what fc8 outputs.
    const shape = shapes[Math.min(i + 1, L - 1)];
    layers.push({ name: rows[i + 1].name, deviceS: (mobNext - mob) / 1000, serverS: (srv - srvNext) / 1000, outBytes: shape.bytes });
  }
  return {
    model: 'alexnet',
    inputBytes: shapes[0].bytes,
    layers,
    source: `${latencyFile} (device = mobile_processing, server = server_processing; ms → s) with shapes ${shapesFile} (FP32, ${ELEMENT_BYTES} B/element)`,
    preprocessS: first.ms[0] / 1000,
    transferS: rows.map((r) => r.ms[2] / 1000),
    endToEndS: rows.map((r) => r.ms[3] / 1000),
  };
}

interface LatencyRow {
  name: string;
  line: number;
  /** mobile, server, transmission, end-to-end, ms. */
  ms: [number, number, number, number];
}

function readLatencyRows(file: string): LatencyRow[] {
  const lines = readLines(file);
  if (lines.length === 0) throw new InputError(`${file}: empty file`);
  const header = lines[0].text.split(',').map((s) => s.trim());
  const index = NS_COLUMNS.map((c) => {
    const j = header.indexOf(c);
    if (j < 0) throw lineError(file, 1, `missing column '${c}' (expected ${NS_COLUMNS.join(',')} in any order)`);
    return j;
  });
  const rows: LatencyRow[] = [];
  for (const { text, line } of lines.slice(1)) {
    const fields = text.split(',').map((s) => s.trim());
    if (fields.length !== header.length) throw lineError(file, line, `expected ${header.length} fields, got ${fields.length}`);
    const ms = index.slice(1).map((j, c) => nonNegative(file, line, NS_COLUMNS[c + 1], fields[j]));
    rows.push({ name: fields[index[0]], line, ms: ms as LatencyRow['ms'] });
  }
  if (rows.length < 2) throw new InputError(`${file}: expected at least the 'input' and 'softmax' rows, got ${rows.length} rows`);
  return rows;
}

interface ShapeRow {
  name: string;
  line: number;
  bytes: number;
}

function readShapes(file: string): ShapeRow[] {
  const out: ShapeRow[] = [];
  for (const [j, { text, line }] of readLines(file).entries()) {
    const fields = text.split(',').map((s) => s.trim());
    if (j === 0 && fields[0] === 'layer_name') continue;
    if (fields.length < 2) throw lineError(file, line, `expected 'name,d1,d2,...', got '${text}'`);
    let elements = 1;
    for (const f of fields.slice(1)) {
      const d = Number(f);
      if (f === '' || !Number.isInteger(d) || d < 1) throw lineError(file, line, `dimension must be a positive integer, got '${f}'`);
      elements *= d;
    }
    out.push({ name: fields[0], line, bytes: elements * ELEMENT_BYTES });
  }
  return out;
}

/** Non-empty lines with their 1-based numbers (`\n` or `\r\n`; trailing spaces are data noise). */
function readLines(file: string): Array<{ text: string; line: number }> {
  const text = readText(file);
  const out: Array<{ text: string; line: number }> = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (t !== '') out.push({ text: t, line: i + 1 });
  });
  return out;
}

function nonNegative(file: string, line: number, field: string, s: string): number {
  const v = Number(s);
  if (s === '' || !Number.isFinite(v) || v < 0) throw lineError(file, line, `${field}: expected a number >= 0 (ms), got '${s}'`);
  return v;
}

/** `conv1_1` and `conv1`, `fc6/fc6` and `fc6` name the same layer across the njcpe files. */
function canonicalLayerName(name: string): string {
  return name.split('/')[0].replace(/_\d+$/, '');
}

// ---------------------------------------------------------------------------------------------------
// TensorRT engine explorer (trex) profiles (shared/data/layer-profiles/trex)
// ---------------------------------------------------------------------------------------------------

export interface TrexOptions {
  /**
   * Which side ran the profiled GPU: its per-layer times fill that side's column. The data holds one
   * device only; the other column is `otherSideScale` times it (see below). @defaultValue 'server'
   */
  side?: 'device' | 'server';
  /**
   * The other side's time for each layer divided by the profiled side's (e.g. 20 when the device is
   * 20× slower than the profiled GPU). There is no default: the data say nothing about another device,
   * so the ratio must come from the scenario (a hardware table), not from here. Must be finite, > 0.
   * For a different per-layer shape, build the other column from a second source and combine them.
   */
  otherSideScale: number;
  /**
   * Divide times and bytes by the batch size (the first dimension of the input binding; 32 for the
   * ResNet cases). Bytes are then exact per image; times are only a rough per-image estimate, since a
   * GPU does not run a batch of 32 in 32 times the time of one. @defaultValue false (whole batch)
   */
  perImage?: boolean;
  /** @defaultValue the folder's name */
  model?: string;
}

interface TrexTensor {
  name: string;
  elements: number;
  /** The first dimension: the batch size in every trtexec export at hand. */
  batch: number;
}

interface TrexLayer {
  name: string;
  inputs: TrexTensor[];
  outputs: TrexTensor[];
}

/**
 * Reads a trtexec profile (`*.engine.profile.json`, from `--exportProfile`) and its layer graph
 * (`*.engine.graph.json`, from `--exportLayerInfo`) in `dir`. A layer is one fused TensorRT kernel
 * (e.g. `Conv_5 + Add_6 + Relu_7`, or a reformat copy), in the profile's execution order; its time is the
 * profile's `averageMs` (one inference of the whole batch, ms → s).
 *
 * `outBytes` of layer i is every tensor that is live across the cut after layer i, not only layer i's
 * own output: tensors produced at or before i (or network inputs) and consumed after i. Inside a residual
 * block the skip tensor crosses too, so those cuts cost more; at block boundaries it is the block output
 * alone. The last layer's outBytes is the network output. Bytes are elements × 4 (FP32) even for FP16
 * or INT8 engines (their lower precision shows in the times); pass `bits` to the planner to model a
 * compressed transfer. Channel padding of vectorized formats is not counted.
 *
 * Limits: the times are one GPU's (`otherSideScale` makes the other column a uniform multiple);
 * `Data transfers: Disabled`, so host↔GPU copies are in no layer.
 */
export function readTrexProfile(dir: string, options: TrexOptions): LayerProfile {
  const side = options.side ?? 'server';
  if (side !== 'device' && side !== 'server') throw new InputError(`trex side: expected 'device' or 'server', got '${String(side)}'`);
  const scale = options.otherSideScale;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || !(scale > 0)) {
    throw new InputError(`trex otherSideScale: expected a finite number > 0, got ${String(scale)}`);
  }
  const profileFile = findProfileFile(dir);
  const stem = profileFile.slice(0, -'.profile.json'.length);
  const graphFile = `${stem}.graph.json`;
  const times = readTrexTimes(profileFile);
  const { layers: graph, bindings } = readTrexGraph(graphFile);

  if (graph.length !== times.length) {
    throw new InputError(`${graphFile}: $.Layers has ${graph.length} layers but ${profileFile} profiles ${times.length}`);
  }
  graph.forEach((g, i) => {
    if (g.name !== times[i].name) {
      throw new InputError(`${graphFile}: $.Layers[${i}].Name '${g.name}' differs from ${profileFile} $[${i + 1}].name '${times[i].name}' (layers must be in execution order)`);
    }
  });

  const { inputBytes, liveBytes, batch } = liveTensorBytes(graphFile, graph, bindings);
  const perImage = options.perImage ?? false;
  const div = perImage ? batch : 1;
  const layers = times.map(({ name, s }, i) => {
    const own = s / div;
    const other = own * scale;
    return { name, deviceS: side === 'device' ? own : other, serverS: side === 'server' ? own : other, outBytes: liveBytes[i] / div };
  });
  const gpu = readGpuName(`${stem}.profile.metadata.json`);
  return {
    model: options.model ?? basename(dir),
    inputBytes: inputBytes / div,
    layers,
    source:
      `${profileFile} (averageMs → s${gpu ? `, ${gpu}` : ''}, ${side} side; other side = ×${scale}` +
      `${perImage ? `; per image: ÷ batch ${batch}${batch > 1 ? ', times rough' : ''}` : `; whole batch of ${batch}`}) with shapes ${graphFile} (FP32, ${ELEMENT_BYTES} B/element)`,
  };
}

function findProfileFile(dir: string): string {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new InputError(`${dir}: cannot list the folder (${(err as Error).message})`);
  }
  const found = names.filter((n) => n.endsWith('.profile.json')).sort();
  if (found.length !== 1) {
    throw new InputError(`${dir}: expected exactly one *.profile.json (trtexec --exportProfile), found ${found.length}${found.length ? `: ${found.join(', ')}` : ''}`);
  }
  return join(dir, found[0]);
}

function readTrexTimes(file: string): Array<{ name: string; s: number }> {
  const json = readJson(file);
  if (!Array.isArray(json) || json.length < 2) throw new InputError(`${file}: $: expected an array of {"count"} then one object per layer`);
  const head = json[0] as Record<string, unknown>;
  if (!isObject(head) || typeof head.count !== 'number') throw new InputError(`${file}: $[0]: expected {"count": <number>}`);
  return json.slice(1).map((row, j) => {
    const path = `$[${j + 1}]`;
    if (!isObject(row)) throw new InputError(`${file}: ${path}: expected an object`);
    const { name, averageMs } = row;
    if (typeof name !== 'string' || name === '') throw new InputError(`${file}: ${path}.name: expected a non-empty string`);
    if (typeof averageMs !== 'number' || !Number.isFinite(averageMs) || averageMs < 0) {
      throw new InputError(`${file}: ${path}.averageMs: expected a number >= 0, got ${JSON.stringify(averageMs)}`);
    }
    return { name, s: averageMs / 1000 };
  });
}

function readTrexGraph(file: string): { layers: TrexLayer[]; bindings: string[] } {
  const json = readJson(file);
  if (!isObject(json) || !Array.isArray(json.Layers)) throw new InputError(`${file}: $.Layers: expected an array`);
  if (!Array.isArray(json.Bindings) || !json.Bindings.every((b) => typeof b === 'string')) {
    throw new InputError(`${file}: $.Bindings: expected an array of tensor names`);
  }
  const layers = json.Layers.map((l, i): TrexLayer => {
    const path = `$.Layers[${i}]`;
    if (!isObject(l) || typeof l.Name !== 'string') throw new InputError(`${file}: ${path}.Name: expected a string`);
    return { name: l.Name, inputs: readTensors(file, `${path}.Inputs`, l.Inputs), outputs: readTensors(file, `${path}.Outputs`, l.Outputs) };
  });
  return { layers, bindings: json.Bindings as string[] };
}

function readTensors(file: string, path: string, value: unknown): TrexTensor[] {
  if (!Array.isArray(value)) throw new InputError(`${file}: ${path}: expected an array`);
  return value.map((t, j) => {
    const p = `${path}[${j}]`;
    if (!isObject(t) || typeof t.Name !== 'string') throw new InputError(`${file}: ${p}.Name: expected a string`);
    const dims = t.Dimensions;
    if (!Array.isArray(dims) || dims.length === 0 || !dims.every((d) => Number.isInteger(d) && (d as number) >= 1)) {
      throw new InputError(`${file}: ${p}.Dimensions: expected a non-empty array of positive integers`);
    }
    return { name: t.Name, elements: (dims as number[]).reduce((a, b) => a * b, 1), batch: dims[0] as number };
  });
}

/**
 * Bytes live across each cut. A tensor produced by layer p (−1 for a network input) and last read by
 * layer c crosses cuts p+1 … c. The last layer's value is the network output (the bindings it produces).
 */
function liveTensorBytes(file: string, layers: TrexLayer[], bindings: string[]): { inputBytes: number; liveBytes: number[]; batch: number } {
  const L = layers.length;
  const producer = new Map<string, number>();
  const elements = new Map<string, number>();
  const lastUse = new Map<string, number>();
  let batch = 0;
  layers.forEach((l, i) => {
    for (const t of l.inputs) {
      if (!producer.has(t.name)) {
        if (!bindings.includes(t.name)) {
          throw new InputError(`${file}: $.Layers[${i}] '${l.name}' reads '${t.name}', which no earlier layer produces and is not a binding`);
        }
        producer.set(t.name, -1);
        elements.set(t.name, t.elements);
        if (batch === 0) batch = t.batch;
      }
      lastUse.set(t.name, i);
    }
    for (const t of l.outputs) {
      if (producer.has(t.name)) throw new InputError(`${file}: $.Layers[${i}] '${l.name}' writes '${t.name}' a second time`);
      producer.set(t.name, i);
      elements.set(t.name, t.elements);
    }
  });
  if (batch === 0) throw new InputError(`${file}: $.Bindings: no layer reads a binding (no network input)`);
  // diff[k] accumulates tensors crossing cut k (k = 1 … L-1), as a difference array.
  const diff = new Float64Array(L + 1);
  let inputElements = 0, outputElements = 0;
  for (const [name, p] of producer) {
    const n = elements.get(name)!;
    const c = lastUse.get(name);
    if (p === -1) inputElements += n;
    if (c !== undefined) {
      diff[p + 1] += n;
      diff[c + 1] -= n;
    } else if (bindings.includes(name)) {
      outputElements += n;
    }
  }
  const live: number[] = [];
  let run = diff[0];
  for (let k = 1; k < L; k++) {
    run += diff[k];
    live.push(run * ELEMENT_BYTES);
  }
  live.push(outputElements * ELEMENT_BYTES);
  return { inputBytes: inputElements * ELEMENT_BYTES, liveBytes: live, batch };
}

/** The GPU named in `*.profile.metadata.json`, when that optional file is there. */
function readGpuName(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const json = readJson(file);
  const info = isObject(json) ? json.device_information : undefined;
  const name = isObject(info) ? info['Selected Device'] : undefined;
  return typeof name === 'string' ? name : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
