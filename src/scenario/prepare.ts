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
import { strategies, type StrategyName } from '../strategies/registry.js';
import type { ReadOnce, StrategyEntry } from '../strategies/strategy.js';
import { readFrameCsv } from '../traces/frame-csv.js';
import { ScenarioFiles } from './files.js';
import type { LinkSpec, PreparedWorld } from '../run/world-spec.js';
import type { Scenario } from './schema.js';

/** A prepared scenario: the prepared world plus the scenario's strategy blocks and run control. */
export interface Prepared extends PreparedWorld {
  scenario: Scenario;
  /** What each strategy of the scenario read at preparation (StrategyEntry.load). */
  loaded: Partial<Record<StrategyName, unknown>>;
}

/**
 * Prepares a scenario, reading every file it names through `files` (pass one instance to share the
 * reads between the variants of a scenario, as a sweep worker does).
 */
export function prepare(scenario: Scenario, baseDir: string, files = new ScenarioFiles()): Prepared {
  const path = (p: string) => resolve(baseDir, p);
  const once: ReadOnce = (reader, ...args) => files.once(reader, ...args);
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
  const loaded: Prepared['loaded'] = {};
  for (const name of scenario.strategies) {
    const entry = strategies[name] as StrategyEntry;
    if (entry.load) loaded[name] = entry.load(scenario[name], once, baseDir);
  }
  return {
    loaded,
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
  };
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
