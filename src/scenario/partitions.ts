/**
 * A scenario's partitions block resolved once at preparation: which classes each partition covers
 * (contiguous groups, explicit sets, a mapping file, or groups derived from the full model's
 * confusion), what one partition costs to run and to push (another network's hardware row and a
 * stated size, or a stated fraction of the full model's own row and size), and whether the partitions'
 * base is weaker than the full model, as CacheNet's small specialized networks are.
 */
import { InputError } from '../errors.js';
import { confusionGroups, heldOutHalf } from '../models/confusion-groups.js';
import { HardwareTable, type CostRow } from '../models/hardware.js';
import { columnIndex, intField, readCsv } from '../models/read-table.js';
import { contiguousPartitions, drawingFrom, partitionOfClass, type OutcomeModel, type PartitionClasses } from '../models/outcomes.js';
import { scaleDist } from '../sim/dist.js';
import type { ReadOnce } from '../strategies/strategy.js';
import type { PreparedWorld } from '../world/world-spec.js';
import type { Scenario } from './schema.js';

/** The model name of the rows `partitions.costFraction` derives (one per hardware of the scenario). */
export const DERIVED_PARTITION_MODEL = 'partition';

/**
 * The partitions and the outcome model built over them (`build` makes it for given class sets). With
 * `derive: confusion` the groups come from the full model's answers on the held-out half of each
 * class's samples, and the returned model draws frames from the other half only (`heldOut` lists
 * the half the run must not see).
 */
export function resolvePartitions(
  s: Scenario,
  classes: number,
  build: (partitions: PartitionClasses) => OutcomeModel,
  path: (p: string) => string,
  once: ReadOnce,
): { partitions: PartitionClasses; outcomes: OutcomeModel; heldOut: Int32Array[] | null } {
  const p = s.partitions;
  if (!p) return { partitions: [], outcomes: build([]), heldOut: null };
  if ([p.classes, p.groups, p.mapping].filter((x) => x !== undefined).length > 1) throw new InputError('partitions: give one of groups, classes or mapping');
  if (p.derive === 'confusion') {
    const plain = build([]);
    let pred: Int32Array | null;
    try {
      pred = plain.predictions(plain.modelIndex(s.models.edge.outcome));
    } catch (err) {
      throw new InputError(`models.edge.outcome: ${(err as Error).message}`);
    }
    if (!pred) throw new InputError('partitions.derive: confusion needs the full model\'s answer per test sample (empirical or table outcomes), not a parametric model');
    const { heldOut, run } = heldOutHalf(plain.samplesOf);
    const thin = run.findIndex((r, c) => r.length === 0 || heldOut[c].length === 0);
    if (thin >= 0) throw new InputError(`partitions.derive: class ${thin} has ${plain.samplesOf[thin].length} test sample(s), too few to hold half out`);
    const partitions = confusionGroups(pred, plain.labels, heldOut, classes, p.groups!);
    return { partitions, outcomes: drawingFrom(build(partitions), run), heldOut };
  }
  const partitions = p.classes ?? (p.mapping !== undefined ? once(readPartitionMapping, path(p.mapping)) : contiguousPartitions(classes, p.groups ?? classes));
  try {
    partitionOfClass(partitions, classes);
  } catch (err) {
    throw new InputError(`partitions.classes: ${(err as Error).message}`);
  }
  return { partitions, outcomes: build(partitions), heldOut: null };
}

/** A frame file must not replay a sample the derived partitions were built from. */
export function refuseHeldOutFrames(file: string, frameRows: readonly Float64Array[], heldOut: readonly Int32Array[]): void {
  const held = new Set(heldOut.flatMap((h) => [...h]));
  for (const rows of frameRows) {
    for (let k = 2; k < rows.length; k += 4) {
      if (held.has(rows[k])) throw new InputError(`workload.trace: ${file} replays test sample ${rows[k]}, which partitions.derive held out to build the groups (the first half of each class's samples); replay labels or samples of the other half`);
    }
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

/**
 * One partition's cost and size. `cost` names a hardware row; `costFraction` f DERIVES a row named
 * 'partition' on each hardware of the scenario: the full model's row there (models.device.cost on the
 * device, models.edge.cost on the edge, which answers as a partition with missAnswer: partition)
 * with its latency distribution scaled by f and its measured power, if any, kept (the same
 * hardware drawing the same power for a shorter time). Size: `bytes`, or bytesFraction x fullBytes.
 */
export function partitionCost(s: Scenario, table: HardwareTable): { hardware: HardwareTable; partition: PreparedWorld['partition']; notes: string[] } {
  const p = s.partitions;
  if (!p) return { hardware: table, partition: null, notes: [] };
  const bytes = p.bytes ?? p.bytesFraction! * p.fullBytes!;
  if (p.costFraction === undefined) return { hardware: table, partition: { cost: p.cost!, bytes }, notes: [] };
  const f = p.costFraction;
  const derived = new Map<string, CostRow>();
  for (const [tier, hw, model] of [['device', s.hardware.device, s.models.device.cost], ['edge', s.hardware.edge, s.models.edge.cost]] as const) {
    // One row per hardware: when device and edge are the same hardware, the device's full model is the reference.
    if (derived.has(hw)) continue;
    if (table.has(hw, DERIVED_PARTITION_MODEL)) throw new InputError(`partitions.costFraction: the hardware table already has a model '${DERIVED_PARTITION_MODEL}' on '${hw}'; rename it, or name it in partitions.cost instead of costFraction`);
    let full: CostRow;
    try {
      full = table.get(hw, model);
    } catch (err) {
      throw new InputError(`models.${tier}.cost: ${(err as Error).message}`);
    }
    derived.set(hw, {
      hardware: hw,
      model: DERIVED_PARTITION_MODEL,
      latency: scaleDist(full.latency, f),
      ...(full.powerW === undefined ? {} : { powerW: full.powerW }),
      source: `DERIVED (partitions.costFraction ${f}): ${f} x the row of ${model} on ${hw}, ${full.source}`,
    });
  }
  const byMacs = s.energy.macs.some((m) => m.tier === 'device' && m.model === s.models.device.cost) && !s.energy.macs.some((m) => m.tier === 'device' && m.model === DERIVED_PARTITION_MODEL);
  const notes = byMacs ? [`partitions.costFraction: energy.macs charges ${s.models.device.cost} on the device by MACs, but the derived '${DERIVED_PARTITION_MODEL}' row is charged power x busy time unless energy.macs names model '${DERIVED_PARTITION_MODEL}' too`] : [];
  return { hardware: new HardwareTable([...table.rows(), ...derived.values()]), partition: { cost: DERIVED_PARTITION_MODEL, bytes }, notes };
}

/** Accuracy of full model `name` over the whole test table; null when its answers are drawn (parametric). */
export function tableAccuracy(outcomes: OutcomeModel, name: string): number | null {
  const pred = outcomes.predictions(outcomes.modelIndex(name));
  if (!pred) return null;
  let right = 0;
  for (let s = 0; s < pred.length; s++) if (pred[s] === outcomes.labels[s]) right++;
  return right / pred.length;
}

/**
 * Whether partitions over base accuracy `base` are weaker than the full model at `full` on a test table
 * of `n` samples: below it by more than the half-width of the full model's 95% binomial interval
 * (1.96 sqrt(full (1 - full) / n)), so a difference the test set cannot resolve does not count.
 */
export function clearlyWeaker(base: number, full: number, n: number): boolean {
  return base < full - 1.96 * Math.sqrt((full * (1 - full)) / n);
}

/**
 * CacheNet's partitions are small networks, weaker than the full model that answers their misses
 * (models.edge.outcome). A base as accurate makes cachenet a context-gated ensemble of two equal
 * models, which can beat the full model for that reason alone: noted, not refused.
 */
export function baseNotes(s: Scenario, outcomes: OutcomeModel, base: string): string[] {
  if (!s.partitions) return [];
  const [b, full] = [tableAccuracy(outcomes, base), tableAccuracy(outcomes, s.models.edge.outcome)];
  if (b === null || full === null || clearlyWeaker(b, full, outcomes.labels.length)) return [];
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  return [`partitions.base: ${base} (${pct(b)} on the test table) is not clearly weaker than the full model ${s.models.edge.outcome} (${pct(full)}, beyond its 95% interval): the partitions are not the small specialized networks CacheNet caches, and a gain over the full model measures an ensemble of equal models (docs/metrics.md)`];
}
