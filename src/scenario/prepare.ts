/**
 * Everything a scenario needs that is read from files or derived once, shared by all its runs:
 * the hardware table, bandwidth traces, the outcome model (real tables), the partitions, and the
 * frame trace when one is given. Relative paths resolve against the scenario file's folder.
 */
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { HardwareTable, readHardwareTable } from '../models/hardware.js';
import { readBandwidthTrace } from '../models/network-trace.js';
import { readOutcomeTable, readProbTable } from '../models/outcome-table.js';
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
      if (scenario.partitions) throw new InputError('partitions: a partition restricts a probability vector; outcomes.kind table has none (use empirical or parametric)');
      outcomes = tableOutcomes({ models: Object.fromEntries(o.models.map((m) => [m, once(readOutcomeTable, path(o.path), m)])) });
    } else {
      const tables = o.kind === 'empirical' ? Object.fromEntries(Object.entries(o.tables).map(([k, p]) => [k, once(readProbTable, path(p))])) : null;
      const nClasses = o.kind === 'parametric' ? o.classes : Object.values(tables!)[0]?.classes;
      if (nClasses === undefined) throw new InputError('outcomes.tables: name at least one table');
      partitions = resolvePartitions(scenario, nClasses);
      outcomes =
        o.kind === 'empirical'
          ? empiricalOutcomes({ tables: tables!, partitionBase: scenario.partitions?.base ?? Object.keys(tables!)[0], partitions })
          : parametricOutcomes({ ...o, partitions });
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`outcomes/partitions: ${(err as Error).message}`);
  }
  for (const [key, ref] of Object.entries(scenario.models)) {
    if (ref && 'outcome' in ref) {
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
  return {
    scenario,
    baseDir,
    hardware,
    outcomes,
    partitions,
    partOf: partitions.length > 0 ? partitionOfClass(partitions, outcomes.classes) : new Int32Array(outcomes.classes).fill(-1),
    bandwidth: {
      uplink: bandwidth(scenario.network.uplink),
      downlink: bandwidth(scenario.network.downlink),
      wan: scenario.network.wan ? bandwidth(scenario.network.wan) : null,
    },
    frameRows: scenario.workload.trace ? once(readFrameCsv, path(scenario.workload.trace), scenario.workload.devices) : null,
    timelines: scenario.workload.timeline ? once(readTimelines, path(scenario.workload.timeline.path)) : null,
  };
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

function resolvePartitions(s: Scenario, classes: number): PartitionClasses {
  const p = s.partitions;
  if (!p) return [];
  if (p.classes && p.groups !== undefined) throw new InputError('partitions: give groups or classes, not both');
  const parts = p.classes ?? contiguousPartitions(classes, p.groups ?? classes);
  try {
    partitionOfClass(parts, classes);
  } catch (err) {
    throw new InputError(`partitions.classes: ${(err as Error).message}`);
  }
  return parts;
}
