/**
 * split (Neurosurgeon): every frame is cut after some layer of a per-layer profile. The device runs
 * the prefix, the edge runs the suffix, and the feature tensor at the cut crosses the uplink. The cut
 * is the one `bestSplit` (src/models/split-planner.ts, docs/split.md) prices best at the current
 * bandwidth estimate: device prefix + rtt + bytes / bandwidth + server suffix (or device energy).
 *
 * Per frame: plan (or keep the last plan, see `replanThreshold`), then
 * - cut 0: everything on the edge; the network input (the profile's `inputBytes`) is uploaded;
 * - 0 < cut < L: the device computes layers [0, cut), uploads the cut tensor's bytes, the edge
 *   computes [cut, L), the result (`network.resultBytes`) comes back;
 * - cut L: everything on the device, nothing is sent.
 * A Neurosurgeon profile's pre-processing (`preprocessS`) runs on the device at every cut. Compute
 * times are the profile's, not the hardware table's, so they are deterministic.
 *
 * Splitting does not change the function computed: the answer is the full model's
 * (`models.edge.outcome`) at every cut. `frames.choice` is the cut.
 *
 * The planner's round trip is the uplink rtt plus the downlink rtt: the simulated links charge both
 * to every offloaded frame, and neither to an all-local one. Bandwidth estimate:
 * - `oracle`: the uplink's capacity at the planning instant (the trace's current rate);
 * - `ewma`: throughput of this device's own uploads (bytes over upload time less the uplink rtt),
 *   observed when each result reaches the device. All-local frames upload nothing, so a device that
 *   went local keeps its last estimate (Neurosurgeon's known blind spot) unless `probeEvery` > 0:
 *   then a device that uploaded nothing for that long sends a `probeBytes` probe, whose transfer
 *   feeds the estimate like an upload (it uses the link like any transfer; its radio energy is not
 *   charged to a frame, its bytes are reported as probe_bytes_per_frame).
 *
 * The frame-level machinery (`splitStrategy`) is shared with jalad, which plans (cut, bits) jointly.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { grown } from '../sim/typed-arrays.js';
import { readCsvProfile, readNeurosurgeonProfile, readTrexProfile, type LayerProfile } from '../models/layer-profile.js';
import { bestSplit, type SplitLink } from '../models/split-planner.js';
import { EwmaBandwidth } from '../models/bandwidth-estimator.js';
import { strategyMetrics } from '../world/metrics.js';
import type { World } from '../world/world.js';
import { NPARTS, Part, Where } from '../world/frames.js';
import { OnDevice } from './on-device.js';
import { Remote } from './remote.js';
import type { ReadOnce, Strategy, StrategyEntry } from './strategy.js';

const profileSchema = z
  .strictObject({
    kind: z.enum(['neurosurgeon', 'trex', 'csv']).default('neurosurgeon').describe('neurosurgeon or trex: a folder of those tools\' files; csv: mcsim\'s layer CSV (docs/data.md)'),
    path: z.string().default('../data/layer-profiles/neurosurgeon-alexnet').describe('Profile folder (neurosurgeon, trex) or file (csv), relative to the scenario file'),
    variant: z.enum(['tcp', 'udp', 'pxl3']).default('pxl3').describe('neurosurgeon: which measured table'),
    side: z.enum(['device', 'server']).default('server').describe('trex: which side ran the profiled GPU'),
    otherSideScale: z.number().positive().optional().describe('trex (required): the other side\'s time per layer / the profiled GPU\'s'),
    perImage: z.boolean().default(true).describe('trex: divide the batch profile by its batch size'),
  })
  .prefault({});

const estimatorSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('ewma'),
      alpha: z.number().gt(0).max(1).default(0.3).describe('Weight of the newest upload'),
      initialMbps: z.number().positive().default(5).describe('Estimate before the first upload, Mbit/s'),
      probeEvery: z.number().min(0).default(0).describe('Send a probe after this many seconds without an upload (0: never)'),
      probeBytes: z.number().positive().default(10_000).describe('Size of a probe, bytes'),
    }),
    z.strictObject({ kind: z.literal('oracle') }),
  ])
  .default({ kind: 'ewma', alpha: 0.3, initialMbps: 5, probeEvery: 0, probeBytes: 10_000 });

/** Option fields of split, also jalad's. */
export const splitOptionFields = {
  profile: profileSchema,
  estimator: estimatorSchema,
  replanThreshold: z
    .number()
    .min(0)
    .default(0)
    .describe('Re-plan when the estimate moved by more than this fraction since the last plan; 0: whenever it moved at all'),
};

const commonOptions = z.strictObject(splitOptionFields);
export type SplitStrategyOptions = z.output<typeof commonOptions>;

const options = z.strictObject({
  ...splitOptionFields,
  objective: z.enum(['latency', 'energy']).default('latency').describe("What the cut minimizes (energy: the device's, from device.power)"),
});

/** A planner's decision for one frame. */
export interface SplitPlan {
  cut: number;
  /** Bits per feature element at the cut (32: uncompressed). */
  bits: number;
  /** Accuracy loss the plan accepts (0 for split). */
  loss: number;
}

/** Plans a frame from the profile and the link as estimated now. */
export type SplitPlanner = (profile: LayerProfile, link: SplitLink) => SplitPlan;

export interface SplitHooks {
  /** Chooses the plan. */
  plan: SplitPlanner;
  /** After the full model answered `slot` (world.answer done) under a plan of accuracy loss `loss`. */
  answered?: (slot: number, loss: number) => void;
  /** Extra per-run metrics. */
  metrics?: () => Record<string, number>;
  /** Called once per planned frame that counts (after the warm-up), with its plan. */
  counted?: (plan: SplitPlan) => void;
}

/** A layer profile with the optional pre-processing time of Neurosurgeon's tables. */
export type SplitProfile = LayerProfile & { preprocessS?: number };

/** Reads the layer profile the options name, through prepare's I/O (StrategyEntry.load of split and jalad). */
export function loadSplitProfile(o: SplitStrategyOptions['profile'], read: ReadOnce, baseDir: string, block: string): SplitProfile {
  const dir = resolve(baseDir, o.path);
  if (o.kind === 'neurosurgeon') return read(readNeurosurgeonProfile, dir, { variant: o.variant });
  if (o.kind === 'csv') return read(readCsvProfile, dir);
  if (o.otherSideScale === undefined) throw new InputError(`${block}.profile.otherSideScale: required for a trex profile (the data hold one GPU's times)`);
  return read(readTrexProfile, dir, { side: o.side, otherSideScale: o.otherSideScale, perImage: o.perImage });
}

/** Metric-safe names of the cuts 0..L: 'input', then the layer each cut follows; unique. */
function cutNames(profile: LayerProfile): string[] {
  const seen = new Set<string>();
  return ['input', ...profile.layers.map((l) => l.name)].map((n, k) => {
    let s = n.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || `cut${k}`;
    if (seen.has(s)) s = `${s}_${k}`;
    seen.add(s);
    return s;
  });
}

/** The per-frame machinery of split and jalad: plan, device prefix, upload, edge suffix, answer. */
export function splitStrategy(world: World, o: SplitStrategyOptions, profile: SplitProfile, hooks: SplitHooks): Strategy {
  const s = world.scenario;
  const c = world.frames;
  const L = profile.layers.length;
  const preprocessS = profile.preprocessS ?? 0;
  // dev[k]: device time of a frame cut at k; srv[k]: the edge's.
  const dev = new Float64Array(L + 1);
  const srv = new Float64Array(L + 1);
  for (let i = 0; i < L; i++) dev[i + 1] = dev[i] + profile.layers[i].deviceS;
  for (let i = L - 1; i >= 0; i--) srv[i] = srv[i + 1] + profile.layers[i].serverS;
  const bytesAt = (cut: number, bits: number) => (cut === 0 ? profile.inputBytes : (profile.layers[cut - 1].outBytes * bits) / 32);

  const model = world.outcomes.modelIndex(s.models.edge.outcome);
  const rtt = s.network.uplink.rtt + s.network.downlink.rtt;
  const upRtt = s.network.uplink.rtt;
  const devices = s.workload.devices;
  const est = o.estimator;
  const ewma = est.kind === 'ewma' ? Array.from({ length: devices }, () => new EwmaBandwidth(est.alpha, est.initialMbps * 1e6)) : null;
  const estimate = (d: number): number => (ewma ? ewma[d].estimate : Math.max(1, world.uplink(d).bandwidth.rateAt(world.engine.now)));
  const probes = est.kind === 'ewma' && est.probeEvery > 0 ? probing(world, ewma!, est.probeEvery, est.probeBytes) : null;

  // Per device: the plan in force and the estimate it was made at.
  const plans: Array<SplitPlan | null> = Array.from({ length: devices }, () => null);
  const plannedAt = new Float64Array(devices);
  const chosen = new Float64Array(L + 1);
  let replans = 0, cutChanges = 0;
  let lossBySlot = new Float64Array(64);

  const answer = (slot: number) => {
    world.answer(slot, model);
    hooks.answered?.(slot, lossBySlot[slot]);
  };
  const remote = new Remote(world, {
    tier: 'edge',
    served(slot) {
      answer(slot);
      return s.network.resultBytes;
    },
    answered(slot) {
      if (ewma) {
        const wire = c.parts[slot * NPARTS + Part.upload] - upRtt;
        if (wire > 0) ewma[c.device[slot]].observe(c.bytesUp[slot], wire);
        probes?.uploaded(c.device[slot]);
      }
      world.complete(slot, Where.edge);
    },
  });
  // c.scratch holds the frame's upload bytes while its prefix runs.
  // Layer ranges are no hardware-table model: their energy is the tier's power x busy time.
  const deviceEnergy = world.energy('device'), edgeEnergy = world.energy('edge');
  const offload = (slot: number) => {
    const t = Math.max(0, srv[c.choice[slot]]);
    remote.send(slot, c.scratch[slot], t, edgeEnergy(t));
  };
  const prefix = new OnDevice(world, (slot) => {
    if (c.choice[slot] !== L) return offload(slot);
    answer(slot);
    world.complete(slot, Where.device);
  });

  /** The device's plan for a frame arriving now; counts re-plans and cut changes when `counted`. */
  const plan = (d: number, counted: boolean): SplitPlan => {
    const bw = estimate(d);
    const last = plans[d];
    if (last && Math.abs(bw - plannedAt[d]) <= o.replanThreshold * plannedAt[d]) return last;
    const next = hooks.plan(profile, { bandwidthBps: bw, rtt });
    if (last && counted) {
      replans++;
      if (next.cut !== last.cut) cutChanges++;
    }
    plans[d] = next;
    plannedAt[d] = bw;
    return next;
  };

  return {
    arrive(slot) {
      const counted = world.counted(slot);
      const p = plan(c.device[slot], counted);
      if (slot >= lossBySlot.length) lossBySlot = grown(lossBySlot, 2 * slot + 2);
      lossBySlot[slot] = p.loss;
      c.choice[slot] = p.cut;
      c.scratch[slot] = p.cut === L ? 0 : bytesAt(p.cut, p.bits);
      if (counted) {
        chosen[p.cut]++;
        hooks.counted?.(p);
      }
      const service = preprocessS + Math.max(0, dev[p.cut]);
      if (service > 0) prefix.run(slot, service, deviceEnergy);
      else offload(slot);
    },
    metrics() {
      const per = (x: number) => world.perFrame(x);
      const row: Record<string, number> = {};
      let sum = 0;
      for (let k = 0; k <= L; k++) sum += k * chosen[k];
      row.mean_cut = per(sum);
      row.replans_per_frame = per(replans);
      row.cut_changes_per_frame = per(cutChanges);
      cutNames(profile).forEach((n, k) => (row[`cut_${n}_share`] = per(chosen[k])));
      if (probes) row.probe_bytes_per_frame = per(probes.bytes());
      return { ...row, ...hooks.metrics?.() };
    },
  };
}

/**
 * Active probing for the EWMA estimate: every `every` seconds, each device that observed no upload
 * since the last check sends `bytes` and observes the transfer. Checks stop once every frame source
 * has ended (probes alone would otherwise keep the simulation running forever).
 */
function probing(world: World, ewma: EwmaBandwidth[], every: number, bytes: number) {
  const e = world.engine;
  const n = ewma.length;
  const quiet = new Uint8Array(n).fill(1);
  const sentAt = new Float64Array(n);
  let sent = 0;
  const rtt = world.scenario.network.uplink.rtt;
  const arrived = e.on((d) => {
    const wire = e.now - sentAt[d] - rtt;
    if (wire > 0) ewma[d].observe(bytes, wire);
  });
  const check: number = e.on(() => {
    for (let d = 0; d < n; d++) {
      if (quiet[d]) {
        sentAt[d] = e.now;
        if (world.counting) sent += bytes;
        world.uplink(d).send(bytes, arrived, d, d);
      }
      quiet[d] = 1;
    }
    if (world.openSources > 0) e.schedule(every, check);
  });
  e.schedule(every, check);
  return {
    uploaded: (d: number) => void (quiet[d] = 0),
    bytes: () => sent,
  };
}

/** The metrics of splitStrategy (split's, and jalad's before its own). */
export const SPLIT_METRICS = strategyMetrics('split', [
  { name: 'mean_cut', unit: '1', description: 'mean chosen cut (0: all on the server; L: all on the device)', better: 'neither' },
  { name: 'replans_per_frame', unit: '1', description: 'plan recomputations per frame', better: 'neither' },
  { name: 'cut_changes_per_frame', unit: '1', description: 'cut changes per frame', better: 'neither' },
  { name: 'cut_<layer>_share', unit: 'fraction', description: 'fraction of frames cut after each layer', better: 'neither' },
  { name: 'probe_bytes_per_frame', unit: 'bytes/frame', description: 'with EWMA probing: bandwidth-probe bytes sent, per frame', better: 'lower', optional: true },
]);

export const split: StrategyEntry<typeof options, SplitProfile> = {
  description: 'Neurosurgeon: each frame is cut at the layer that minimizes predicted latency (or device energy) at the estimated bandwidth',
  options,
  metrics: SPLIT_METRICS,
  load: (o, read, baseDir) => loadSplitProfile(o.profile, read, baseDir, 'split'),
  create(world, o, profile) {
    const power = world.scenario.device.power;
    const planOptions = {
      objective: o.objective,
      resultBytes: world.scenario.network.resultBytes,
      power: { computeW: power.compute, transmitW: power.transmit, idleW: power.idle },
    };
    return splitStrategy(world, o, profile, {
      plan: (profile, link) => ({ cut: bestSplit(profile, link, planOptions).cut, bits: 32, loss: 0 }),
    });
  },
};
