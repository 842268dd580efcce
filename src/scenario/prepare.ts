/**
 * Everything a scenario needs that is read from files or derived once, shared by all its runs:
 * the hardware table, bandwidth traces, the outcome model (real tables), the partitions, and the
 * frame trace when one is given. Relative paths resolve against the scenario file's folder.
 */
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { encoderHints } from '../models/encoder.js';
import { costRow, HardwareTable, layerHardware, readHardwareRows } from '../models/hardware.js';
import { readBandwidthTrace } from '../models/network-trace.js';
import { readOutcomeTable, readProbTable } from '../models/outcome-table.js';
import { empiricalOutcomes, parametricOutcomes, partitionOfClass, tableOutcomes, type OutcomeModel, type PartitionClasses } from '../models/outcomes.js';
import { Bandwidth } from '../sim/bandwidth.js';
import type { StrategyName } from '../strategies/registry.js';
import type { ReadOnce, RegistryTables } from '../strategies/strategy.js';
import { readFrameCsv, resolveFrameRows } from '../traces/frame-csv.js';
import { ScenarioFiles } from './files.js';
import { TRACE_OPTIONS, type LinkSpec, type PreparedWorld } from '../world/world-spec.js';
import { sceneTransitions } from '../traces/scene-transitions.js';
import { readAssociation } from '../world/association.js';
import { readTimelines } from '../traces/timeline.js';
import { popularityCdf } from '../traces/video.js';
import { baseNotes, partitionCost, refuseHeldOutFrames, resolvePartitions } from './partitions.js';
import { builtinRegistries } from './registries.js';
import type { Scenario } from './schema.js';

/** A prepared scenario: the prepared world plus the scenario's strategy blocks and run control. */
export interface Prepared extends PreparedWorld {
  scenario: Scenario;
  /** What each strategy of the scenario read at preparation (StrategyEntry.load). */
  loaded: Partial<Record<StrategyName, unknown>>;
  /** The strategies, policies and predictors the scenario names (built-ins and plugins). */
  registries: RegistryTables;
  /** What the reading did that the user should know (rows replaced, rows renormalized, frames a file gives): validate and run print them. */
  notes: string[];
}

/**
 * Prepares a scenario, reading every file it names through `files` (pass one instance to share the
 * reads between the variants of a scenario, as a sweep worker does).
 */
export function prepare(scenario: Scenario, baseDir: string, files = new ScenarioFiles(), registries: RegistryTables = builtinRegistries): Prepared {
  const path = (p: string) => resolve(baseDir, p);
  const once: ReadOnce = (reader, ...args) => files.once(reader, ...args);
  // Settings that are refused outright are checked before any file is read.
  const notes = worldNotes(scenario);
  const tables = [scenario.hardware.table].flat();
  const layers = tables.map((t) => ({ from: t, rows: once(readHardwareRows, path(t)) }));
  if (scenario.hardware.rows) layers.push({ from: 'hardware.rows', rows: scenario.hardware.rows.map(costRow) });
  const { table: layered, overrides } = layerHardware(layers);
  notes.push(...overrides);
  const { hardware, partition, notes: costNotes } = partitionCost(scenario, layered);
  notes.push(...costNotes);
  const bandwidth = (spec: LinkSpec): Bandwidth =>
    spec.mbps !== undefined
      ? Bandwidth.constant(spec.mbps * 1e6 * spec.scale)
      : once(readBandwidthTrace, path(spec.trace!), { scale: spec.scale, ...Object.fromEntries(TRACE_OPTIONS.map((k) => [k, spec[k]])) }).bandwidth;
  const o = scenario.outcomes;
  let outcomes: OutcomeModel;
  let partitions: PartitionClasses;
  let heldOut: Int32Array[] | null;
  let base: string | null;
  try {
    let classes: number;
    let build: (partitions: PartitionClasses) => OutcomeModel;
    if (o.kind === 'table') {
      const models = Object.fromEntries(o.models.map((m) => [m, once(readOutcomeTable, path(o.path), m)]));
      classes = o.classes ?? Math.max(...Object.values(models)[0].labels) + 1;
      base = scenario.partitions?.base ?? o.models[0];
      build = (partitions) => tableOutcomes({ models, classes, partitionBase: base!, partitions });
    } else {
      const tables = o.kind === 'empirical' ? Object.fromEntries(Object.entries(o.tables).map(([k, p]) => [k, once(readProbTable, path(p), { sumTolerance: o.sumTolerance, renormalize: o.renormalize })])) : null;
      if (o.kind === 'empirical' && o.renormalize) for (const [name, t] of Object.entries(tables!)) notes.push(`outcomes.tables.${name}: ${t.source}`);
      const nClasses = o.kind === 'parametric' ? o.classes : Object.values(tables!)[0]?.classes;
      if (nClasses === undefined) throw new InputError('outcomes.tables: name at least one table');
      classes = nClasses;
      // A parametric model has no base: its partitions draw from their own laws.
      base = o.kind === 'empirical' ? (scenario.partitions?.base ?? Object.keys(tables!)[0]) : null;
      build = (partitions) => (o.kind === 'empirical' ? empiricalOutcomes({ tables: tables!, partitionBase: base!, partitions }) : parametricOutcomes({ ...o, partitions }));
    }
    ({ partitions, outcomes, heldOut } = resolvePartitions(scenario, classes, build, path, once));
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
  checkCosts(scenario, hardware, partition);
  if (base !== null) notes.push(...baseNotes(scenario, outcomes, base));
  // The transition law's parameters depend on the class count: check them before any run.
  if (!scenario.workload.trace) sceneTransitions(scenario.workload.scene.transitions, popularityCdf(outcomes.classes, scenario.workload.scene.popularity));
  checkTimelineClasses(scenario, outcomes.classes);
  const partOf = partitions.length > 0 ? partitionOfClass(partitions, outcomes.classes) : new Int32Array(outcomes.classes).fill(-1);
  const truth = outcomes.labels;
  const trace = scenario.workload.trace;
  if (scenario.workload.ignoreColumns && !trace) throw new InputError('workload.ignoreColumns: names columns of a frame file, but the scenario has no workload.trace');
  const frameRows = trace ? resolveFrameRows(trace, once(readFrameCsv, path(trace), scenario.workload.devices, scenario.workload.ignoreColumns ?? []), truth, outcomes.samplesOf) : null;
  if (frameRows) notes.push(frameCountNote(trace!, frameRows, scenario.frames, scenario.warmupFrames));
  if (frameRows && heldOut) refuseHeldOutFrames(trace!, frameRows, heldOut);
  const loaded: Prepared['loaded'] = {};
  for (const name of scenario.strategies) {
    const entry = registries.strategies[name];
    if (entry.load) loaded[name] = entry.load(scenario[name], once, baseDir, registries);
  }
  const prepared: Prepared = {
    loaded,
    registries,
    notes,
    scenario,
    baseDir,
    hardware,
    outcomes,
    partitions,
    partOf,
    partition,
    truth,
    hintOf: hints(scenario, registries, outcomes, partOf, truth),
    bandwidth: {
      uplink: bandwidth(scenario.network.uplink),
      downlink: bandwidth(scenario.network.downlink),
      wan: scenario.network.wan ? bandwidth(scenario.network.wan) : null,
      lan: scenario.network.lan ? bandwidth(scenario.network.lan) : null,
    },
    handovers: scenario.edge.association ? once(readAssociation, path(scenario.edge.association), scenario.workload.devices, scenario.edge.count) : null,
    frameRows,
    timelines: scenario.workload.timeline ? once(readTimelines, path(scenario.workload.timeline.path)) : null,
  };
  for (const name of scenario.strategies) notes.push(...(registries.strategies[name].notes?.(prepared, scenario[name]) ?? []).map((n) => `${name}: ${n}`));
  return prepared;
}

/** The encoder's hints, for strategies that read them (StrategyEntry.hints); its model defaults to the edge's full model (`models.encoder.outcome`). */
function hints(s: Scenario, registries: RegistryTables, outcomes: OutcomeModel, partOf: Int32Array, truth: Int32Array): Int32Array | null {
  if (!s.partitions || !s.models.encoder || !s.strategies.some((name) => registries.strategies[name].hints)) return null;
  try {
    return encoderHints(outcomes, s.models.encoder.outcome ?? s.models.edge.outcome, partOf, truth);
  } catch (err) {
    throw new InputError(`models.encoder.outcome: ${(err as Error).message}`);
  }
}

/**
 * What a frame file gives each device: the frames it holds, those replayed (at most `frames`) and those
 * counted after the warm-up. Refused when every device's frames fall in the warm-up: no frame would be
 * measured (every metric NaN, the charts empty). Fewer frames than `frames` is allowed: the file ends the stream.
 */
function frameCountNote(file: string, rows: Float64Array[], frames: number, warmupFrames: number): string {
  const held = rows.map((r) => r.length / 4);
  const counted = held.map((h) => Math.max(0, Math.min(h, frames) - warmupFrames));
  const most = Math.max(...held);
  if (most <= warmupFrames) throw new InputError(`workload.trace: ${file} has at most ${most} frame(s) per device, not more than warmupFrames (${warmupFrames}), so no frame would be measured; lower warmupFrames or replay a longer trace`);
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const perDevice = held.length <= 4 ? ` (${held.map((h, d) => `device ${d}: ${h}`).join(', ')})` : '';
  return `workload.trace: ${file} holds ${total(held)} frames${perDevice}; each device replays at most frames (${frames}) of its own and leaves out the first warmupFrames (${warmupFrames}): ${total(counted)} frames counted per replication`;
}

/**
 * Beyond this simulated time float64 cannot resolve a microsecond (2^-52 x 4.5e9 s = 1 us), so
 * service times would vanish into the clock: a generated workload must end before it.
 */
const MAX_HORIZON_S = 4.5e9;

/** Settings that make a run's figures degenerate for every strategy: refused or noted (docs/metrics.md). */
function worldNotes(s: Scenario): string[] {
  const w = s.workload;
  if (!w.trace && s.frames / w.arrivals.fps > MAX_HORIZON_S) {
    throw new InputError(`workload.arrivals.fps: ${w.arrivals.fps} frames/s makes ${s.frames} frames last ${(s.frames / w.arrivals.fps).toExponential(2)} s, past ${MAX_HORIZON_S} s, where float64 time no longer resolves a microsecond; raise fps or lower frames`);
  }
  // A frame file names each frame's content (or its class, a fresh test sample per frame): its scenes
  // are not the generator's, so there is no scene for an image to persist in.
  if (w.trace && w.imageReuse !== undefined) {
    throw new InputError('workload.imageReuse: applies to generated scenes and timelines, not to a frame file (workload.trace), which gives each frame itself: write the sample column, repeating a sample where frames repeat an image');
  }
  const queues: Array<[string, number | undefined]> = [['device.maxQueue', s.device.maxQueue], ['edge.maxQueue', s.edge.maxQueue], ['cloud.maxQueue', s.cloud?.maxQueue]];
  return queues.filter(([, q]) => q === 0).map(([key]) => `${key} 0: no frame waits, one that arrives while every worker is busy is dropped (a loss system; drop_rate counts them)`);
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
function checkCosts(s: Scenario, table: HardwareTable, partition: Prepared['partition']): void {
  const pairs: Array<[string, string | undefined, string | undefined]> = [
    ['models.device.cost', s.hardware.device, s.models.device.cost],
    ['partitions.cost', s.hardware.device, partition?.cost],
    ['models.edge.cost', s.hardware.edge, s.models.edge.cost],
    ['models.encoder.cost', s.hardware.edge, s.models.encoder?.cost],
    ['models.cloud.cost', s.hardware.cloud, s.models.cloud?.cost],
  ];
  // An energy.macs row for a model the table lacks (a typo) would never match a step, and its energy
  // would silently fall back to power x time.
  s.energy.macs.forEach((m, i) => {
    if (s.hardware[m.tier] === undefined) throw new InputError(`energy.macs[${i}].tier: '${m.tier}', but hardware.${m.tier} is not set`);
    pairs.push([`energy.macs[${i}].model`, s.hardware[m.tier], m.model]);
  });
  for (const [key, hw, model] of pairs) {
    if (hw === undefined || model === undefined) continue;
    try {
      table.get(hw, model);
    } catch (err) {
      throw new InputError(`${key}: ${(err as Error).message}`);
    }
  }
}
