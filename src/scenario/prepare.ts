/**
 * Everything a scenario needs that is read from files or derived once, shared by all its runs:
 * the hardware table, bandwidth traces, the outcome model (real tables), the partitions, and the
 * frame trace when one is given. Relative paths resolve against the scenario file's folder.
 */
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { encoderHints } from '../models/encoder.js';
import { HardwareTable, readHardwareTable } from '../models/hardware.js';
import { readBandwidthTrace } from '../models/network-trace.js';
import { readOutcomeTable, readProbTable } from '../models/outcome-table.js';
import { columnIndex, intField, readCsv } from '../models/read-table.js';
import {
  contiguousPartitions,
  empiricalOutcomes,
  parametricOutcomes,
  partitionOfClass,
  tableOutcomes,
  type OutcomeModel,
  type PartitionClasses,
} from '../models/outcomes.js';
import { Bandwidth } from '../sim/bandwidth.js';
import { readFrameCsv } from '../traces/frame-csv.js';
import { sceneTransitions } from '../traces/scene-transitions.js';
import { readTimelines, type Timeline } from '../traces/timeline.js';
import { popularityCdf } from '../traces/video.js';
import type { LinkSpec, Scenario } from './schema.js';

export interface Prepared {
  scenario: Scenario;
  /** Folder relative paths resolve against. */
  baseDir: string;
  hardware: HardwareTable;
  outcomes: OutcomeModel;
  /** Empty when the scenario has no partitions block. */
  partitions: PartitionClasses;
  /** Class -> partition (-1 without partitions). */
  partOf: Int32Array;
  /** True label of each outcome-table sample: read only by the scorer (and named oracles). */
  truth: Int32Array;
  /** The edge encoder's partition hint for each sample (null without partitions or encoder). */
  hintOf: Int32Array | null;
  bandwidth: { uplink: Bandwidth; downlink: Bandwidth; wan: Bandwidth | null };
  /** Rows per device when the workload is a frame CSV. */
  frameRows: Float64Array[] | null;
  /** Scene timelines when the workload replays them. */
  timelines: Timeline[] | null;
}

/**
 * Reads each file once per process: a sweep or a scenario spread over workers prepares many variants
 * of one scenario, and the readers' results are never modified (tables and traces are read-only).
 */
const files = new Map<string, unknown>();
function once<A extends unknown[], T>(read: (...args: A) => T, ...args: A): T {
  const key = `${read.name}:${JSON.stringify(args)}`;
  if (!files.has(key)) files.set(key, read(...args));
  return files.get(key) as T;
}

export function prepare(scenario: Scenario, baseDir: string): Prepared {
  const path = (p: string) => resolve(baseDir, p);
  const hardware = once(readHardwareTable, path(scenario.hardware.table));
  const bandwidth = (spec: LinkSpec): Bandwidth =>
    spec.mbps !== undefined
      ? Bandwidth.constant(spec.mbps * 1e6 * spec.scale)
      : once(readBandwidthTrace, path(spec.trace!), { format: spec.format, scale: spec.scale }).bandwidth;
  const o = scenario.outcomes;
  let outcomes: OutcomeModel;
  let partitions: PartitionClasses = [];
  try {
    if (o.kind === 'table') {
      const models = Object.fromEntries(o.models.map((m) => [m, once(readOutcomeTable, path(o.path), m)]));
      const classes = o.classes ?? Math.max(...Object.values(models)[0].labels) + 1;
      partitions = resolvePartitions(scenario, classes, path);
      outcomes = tableOutcomes({ models, classes, partitionBase: scenario.partitions?.base ?? o.models[0], partitions });
    } else {
      const tables = o.kind === 'empirical' ? Object.fromEntries(Object.entries(o.tables).map(([k, p]) => [k, once(readProbTable, path(p))])) : null;
      const nClasses = o.kind === 'parametric' ? o.classes : Object.values(tables!)[0]?.classes;
      if (nClasses === undefined) throw new InputError('outcomes.tables: name at least one table');
      partitions = resolvePartitions(scenario, nClasses, path);
      outcomes =
        o.kind === 'empirical'
          ? empiricalOutcomes({ tables: tables!, partitionBase: scenario.partitions?.base ?? Object.keys(tables!)[0], partitions })
          : parametricOutcomes({ ...o, partitions });
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`outcomes/partitions: ${(err as Error).message}`);
  }
  // The encoder's model is checked with its hints (it may be the oracle).
  for (const [key, ref] of Object.entries(scenario.models)) {
    if (ref && key !== 'encoder' && 'outcome' in ref && ref.outcome !== undefined) {
      try {
        outcomes.modelIndex(ref.outcome);
      } catch (err) {
        throw new InputError(`models.${key}.outcome: ${(err as Error).message}`);
      }
    }
  }
  checkCosts(scenario, hardware);
  // The transition law's parameters depend on the class count: check them before any run.
  if (!scenario.workload.trace) sceneTransitions(scenario.workload.scene.transitions, popularityCdf(outcomes.classes, scenario.workload.scene.popularity));
  checkTimelineClasses(scenario, outcomes.classes);
  const partOf = partitions.length > 0 ? partitionOfClass(partitions, outcomes.classes) : new Int32Array(outcomes.classes).fill(-1);
  const truth = outcomes.labels;
  const frameRows = scenario.workload.trace ? once(readFrameCsv, path(scenario.workload.trace), scenario.workload.devices) : null;
  if (frameRows) checkSamples(scenario.workload.trace!, frameRows, truth.length);
  return {
    scenario,
    baseDir,
    hardware,
    outcomes,
    partitions,
    partOf,
    truth,
    hintOf: hints(scenario, outcomes, partOf, truth),
    bandwidth: {
      uplink: bandwidth(scenario.network.uplink),
      downlink: bandwidth(scenario.network.downlink),
      wan: scenario.network.wan ? bandwidth(scenario.network.wan) : null,
    },
    frameRows,
    timelines: scenario.workload.timeline ? once(readTimelines, path(scenario.workload.timeline.path)) : null,
  };
}

/** The encoder's hints (cachenet); its model defaults to the edge's full model (`models.encoder.outcome`). */
function hints(s: Scenario, outcomes: OutcomeModel, partOf: Int32Array, truth: Int32Array): Int32Array | null {
  if (!s.partitions || !s.models.encoder || !s.strategies.includes('cachenet')) return null;
  try {
    return encoderHints(outcomes, s.models.encoder.outcome ?? s.models.edge.outcome, partOf, truth);
  } catch (err) {
    throw new InputError(`models.encoder.outcome: ${(err as Error).message}`);
  }
}

/** Class sets from a CSV mapping each class (`fine_id`) to its partition (`coarse_id`), partitions numbered 0..P-1. */
function readPartitionMapping(file: string): PartitionClasses {
  const t = readCsv(file);
  const cFine = columnIndex(t, 'fine_id'), cCoarse = columnIndex(t, 'coarse_id');
  const parts: number[][] = [];
  for (let r = 0; r < t.records.length; r++) {
    const coarse = intField(t, r, cCoarse, 0);
    (parts[coarse] ??= []).push(intField(t, r, cFine, 0));
  }
  const empty = Array.from(parts, (set) => set === undefined).indexOf(true);
  if (empty >= 0) throw new InputError(`${file}: no class maps to coarse_id ${empty} (partitions are numbered 0..${parts.length - 1})`);
  return parts;
}

/** A frame CSV's samples must be rows of the outcome table. */
function checkSamples(file: string, rows: Float64Array[], samples: number): void {
  rows.forEach((r, d) => {
    for (let k = 2; k < r.length; k += 4) {
      if (r[k] >= samples) throw new InputError(`${file}: device ${d} frame ${(k - 2) / 4}: sample ${r[k]} but the outcome table has ${samples} samples (0..${samples - 1})`);
    }
  });
}

/** Classes a timeline maps scenes onto must exist. */
function checkTimelineClasses(s: Scenario, classes: number): void {
  const t = s.workload.timeline;
  if (!t) return;
  if (s.workload.trace) throw new InputError('workload: give trace or timeline, not both');
  t.classes?.forEach((c, i) => {
    if (c >= classes) throw new InputError(`workload.timeline.classes[${i}]: class ${c}, but the outcome model has ${classes} classes`);
  });
  if (t.background !== undefined && t.background >= classes) throw new InputError(`workload.timeline.background: class ${t.background}, but the outcome model has ${classes} classes`);
}

/** Every (hardware, model) pair the scenario names must be in the table: fail before running. */
function checkCosts(s: Scenario, table: HardwareTable): void {
  const pairs: Array<[string, string | undefined, string | undefined]> = [
    ['models.device.cost', s.hardware.device, s.models.device.cost],
    ['partitions.cost', s.hardware.device, s.partitions?.cost],
    ['models.edge.cost', s.hardware.edge, s.models.edge.cost],
    ['models.encoder.cost', s.hardware.edge, s.models.encoder?.cost],
    ['models.cloud.cost', s.hardware.cloud, s.models.cloud?.cost],
  ];
  for (const [key, hw, model] of pairs) {
    if (hw === undefined || model === undefined) continue;
    try {
      table.get(hw, model);
    } catch (err) {
      throw new InputError(`${key}: ${(err as Error).message}`);
    }
  }
}

function resolvePartitions(s: Scenario, classes: number, path: (p: string) => string): PartitionClasses {
  const p = s.partitions;
  if (!p) return [];
  if ([p.classes, p.groups, p.mapping].filter((x) => x !== undefined).length > 1) throw new InputError('partitions: give one of groups, classes or mapping');
  const parts = p.classes ?? (p.mapping !== undefined ? once(readPartitionMapping, path(p.mapping)) : contiguousPartitions(classes, p.groups ?? classes));
  try {
    partitionOfClass(parts, classes);
  } catch (err) {
    throw new InputError(`partitions.classes: ${(err as Error).message}`);
  }
  return parts;
}
