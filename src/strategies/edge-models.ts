/**
 * edge-models: many applications, each with its own model, share one edge accelerator whose memory
 * holds only some of the models (issue 22, docs/edge-models.md). Every frame is uploaded to the edge
 * and asks for its application's model (edge-models/apps.ts draws which); the edge's model cache
 * (edge-models/residency.ts) decides whether it is resident. A frame whose model is resident is
 * computed there (batched per model when the edge batches); otherwise it takes the scenario's miss path:
 * - `load`: it waits for the model's cold load (bytes down the WAN, then the load time), which a miss
 *   starts and later frames of the same model join;
 * - `cloud`: it is forwarded over the WAN to the cloud, which runs the application's model, while the
 *   model loads in the background;
 * - `fallback`: the edge answers it with the fallback model (small, always resident: its own outcome
 *   table, so accuracy drops honestly) while the model loads in the background.
 * A model that cannot be loaded now (larger than the memory, refused by the policy, or a victim still
 * loading) starts no load; its frame goes to the cloud (miss: cloud) or the fallback (miss: fallback);
 * with miss: load, to the cloud when the scenario has one, else to the fallback.
 *
 * Per frame, the log's `choice` is the path: 0 resident, 1 waited for a load, 2 cloud, 3 fallback,
 * 4 forwarded to a neighbouring edge.
 * Cost-aware policies (gds) see the cold-load cost of a model now: seconds (its bytes over the current
 * bandwidth of the link it would come over, plus the rtt and the load time) or joules (its bytes x the
 * link's joules per byte).
 *
 * Several edges (edge.count, world/association.ts): each edge server has its own model cache; with
 * `cooperation: neighbours` a miss loads the model over network.lan from the lowest-numbered other
 * edge that holds it (resident and loaded), else from the cloud; with `forward` a frame whose model is
 * absent at its edge (not even loading) is sent over the LAN to that neighbour, which computes it (a hit
 * in its cache; its own edge loads nothing), else as without cooperation.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { policies, type PolicyEntry } from '../policies/registry.js';
import { LogHistogram } from '../sim/stats.js';
import { Part, Where } from '../world/frames.js';
import { strategyMetrics } from '../world/metrics.js';
import { AppMix, mixSchema } from './edge-models/apps.js';
import { Found, Residency, type FoundCode } from './edge-models/residency.js';
import { Remote } from './remote.js';
import type { Link } from '../sim/link.js';
import { SlotColumn } from './slot-column.js';
import { resolveOption, type Components, type StrategyEntry } from './strategy.js';

const names = (table: Readonly<Record<string, unknown>>) => Object.keys(table) as [string, ...string[]];
const positive = z.number().positive();

const modelSchema = z.strictObject({
  outcome: z.string().describe('Outcome-model name (what the model answers)'),
  cost: z.string().describe('Hardware-table model (compute time on the edge and the cloud)'),
  bytes: positive.describe('Model size in accelerator memory and over the WAN, bytes (say where it comes from)'),
});

const appSchema = modelSchema.extend({
  name: z.string().regex(/^[a-z0-9_]+$/, 'lower-case letters, digits and _ (it names metric columns)').describe('Application name'),
  copies: z.number().int().min(1).max(10_000).default(1).describe('Applications with this model, each its own copy (e.g. fine-tuned per application): named <name>_<i> (at most 10,000)'),
});

const optionsFor = (c: Components) =>
  z.strictObject({
    // apps, memory and load have no defaults (they depend on the scenario's tables): required by create.
    apps: z.array(appSchema).min(1).optional().describe('The applications and their models (required)'),
    mix: mixSchema.prefault({}).describe('Which application each frame asks for (edge-models/apps.ts)'),
    memory: positive.optional().describe('Edge accelerator memory for models, bytes (required; the fallback model, if any, takes its share)'),
    policy: z.enum(names(c.policies)).default('lru').describe('Which models stay resident (any policy with byte capacity)'),
    cost: z.enum(['seconds', 'joules']).default('seconds').describe('The miss cost cost-aware policies (gds) see'),
    miss: z.enum(['load', 'cloud', 'fallback']).default('load').describe('Path of a frame whose model is not resident'),
    cooperation: z
      .enum(['none', 'neighbours', 'forward'])
      .default('none')
      .describe('With several edges (edge.count): none loads every model from the cloud; neighbours loads it over network.lan from the lowest-numbered other edge that holds it, else from the cloud; forward sends a frame whose model is absent over network.lan to that edge, which computes it'),
    preload: z.boolean().default(false).describe('Start with the applications\' models resident in list order (the popularity ranking\'s, without perDevice or shiftEvery) while they fit, at no cost: a warm edge; default: empty'),
    fallback: modelSchema.optional().describe('Small model always resident at the edge, answering for a missing one (miss: fallback)'),
    load: z
      .strictObject({
      secondsPerByte: z.number().min(0).describe('Load time into accelerator memory per byte once at the edge'),
      joulesPerByte: z.number().min(0).describe('Energy of moving one model byte from the cloud, J (charged to the frame that starts the load)'),
      lanJoulesPerByte: z.number().min(0).optional().describe('Energy of moving one model byte from a neighbouring edge over network.lan, J (required with cooperation: neighbours)'),
      source: z.string().describe('Where the two figures come from (ASSUMPTION unless measured)'),
      })
      .optional()
      .describe('Cold loads (required)'),
  });
type Options = ReturnType<typeof optionsFor>;

/** The path a frame took, as logged in `choice`. */
const Path = { resident: 0, waited: 1, cloud: 2, fallback: 3, forwarded: 4 } as const;

/** The options create needs, or the one-line error naming what is missing. */
function required(o: z.output<Options>) {
  const { apps, memory, load } = o;
  if (!apps || memory === undefined || !load) {
    const missing = [!apps && 'apps', memory === undefined && 'memory', !load && 'load'].filter(Boolean).map((k) => `edge-models.${k}`);
    throw new InputError(`edge-models needs ${missing.join(', ')} (scenarios/edge-models.yaml has an example)`);
  }
  return { apps: expand(apps), memory, load };
}

/** The applications, copies expanded: application i is `names[i]`. */
function expand(apps: NonNullable<z.output<Options>['apps']>) {
  return apps.flatMap((a) => Array.from({ length: a.copies }, (_, i) => ({ ...a, name: a.copies > 1 ? `${a.name}_${i}` : a.name })));
}

export const edgeModels: StrategyEntry<Options, { policy: PolicyEntry }> = {
  description: 'Many applications share an edge accelerator that holds only some of their models; misses cold-load, go to the cloud or to a fallback model',
  options: optionsFor({ policies, predictors: {} }),
  optionsFor: (c) => optionsFor(c),
  slots: { policy: 'policy' },
  metrics: strategyMetrics('edge-models', [
    { name: 'model_hit_rate', unit: 'fraction', description: "fraction of frames whose model was resident and loaded at the edge", better: 'higher', paired: { label: 'model hits (points)', scale: 100 },
      chart: { name: 'model-hit-rate', title: 'Edge model hit rate', yTitle: 'model hit rate', yFormat: '.0%' } },
    { name: 'cold_start_rate', unit: 'fraction', description: 'fraction of frames that started a cold load of their model', better: 'lower', paired: { label: 'cold starts (points)', scale: 100 } },
    { name: 'load_join_rate', unit: 'fraction', description: 'fraction of frames whose model was still loading (started by an earlier frame)', better: 'lower' },
    { name: 'load_refused_rate', unit: 'fraction', description: 'fraction of frames whose model could not be loaded (too large, refused by the policy, or only loading victims)', better: 'lower' },
    { name: 'fallback_rate', unit: 'fraction', description: 'fraction of frames answered by the fallback model', better: 'lower' },
    { name: 'neighbour_load_rate', unit: 'fraction', description: 'fraction of frames that started a load from a neighbouring edge over the LAN (cooperation: neighbours)', better: 'neither' },
    { name: 'forwarded_rate', unit: 'fraction', description: 'fraction of frames forwarded over the LAN to a neighbouring edge that held their model (cooperation: forward; inside model_hit_rate)', better: 'neither' },
    { name: 'load_bytes_per_frame', unit: 'bytes/frame', description: 'model bytes loaded over the WAN, per frame', better: 'lower', paired: { label: 'load MB per 100 frames', scale: 1e-4 } },
    { name: 'load_cost_s_per_frame', unit: 's/frame', description: 'cold-load seconds of the loads started, per frame (each at the WAN bandwidth when it started)', better: 'lower' },
    { name: 'load_cost_j_per_frame', unit: 'J/frame', description: 'cold-load joules of the loads started, per frame (inside energy_edge_compute_j_per_frame)', better: 'lower' },
    { name: 'cost_miss_ratio_s', unit: 'fraction', description: 'cost-weighted miss ratio: cold-load seconds of the misses (model not cached: loads started or refused) over those of every request', better: 'lower', paired: { label: 'cost-weighted miss ratio, s (points)', scale: 100 } },
    { name: 'cost_miss_ratio_j', unit: 'fraction', description: 'cost-weighted miss ratio: cold-load joules of the misses over those of every request', better: 'lower' },
    { name: 'fallback_accuracy', unit: 'fraction', description: 'accuracy of the frames the fallback model answered', better: 'higher', optional: true, scoredAgainstTruth: true },
    { name: 'fallback_accuracy_loss', unit: 'fraction', description: "on the frames the fallback answered, the accuracy their applications' own models would have had minus the fallback's (outcome tables with fixed per-sample predictions only)", better: 'lower', optional: true, signed: true, scoredAgainstTruth: true },
    { name: 'app_<name>_latency_p95', unit: 's', description: "95th percentile latency of the application's frames", better: 'lower' },
    { name: 'app_<name>_latency_p99', unit: 's', description: "99th percentile latency of the application's frames", better: 'lower' },
  ]),
  axisTitles: { memory: 'edge model memory (bytes)', policy: 'model cache policy' },
  load: (o, _read, _baseDir, c) => ({ policy: c.policies[o.policy] }),
  notes(_world, o) {
    if (!o.apps || o.memory === undefined) return [];
    const apps = expand(o.apps);
    const total = apps.reduce((sum, a) => sum + a.bytes, 0), memory = o.memory - (o.fallback?.bytes ?? 0);
    return total <= memory ? [`edge-models.memory holds all ${apps.length} models (${total} bytes): after the first loads every frame hits, so the policy makes no difference`] : [];
  },
  create(world, o, chosen) {
    if (chosen.policy.needsFuture) {
      throw new InputError(`edge-models.policy: '${o.policy}' is an oracle, which needs the future of the edge's request stream; run with --export-cost-trace and replay the trace in mcsim mrc for an offline reference`);
    }
    if (!world.wanDown || !world.wanUp) throw new InputError('edge-models loads models from the cloud over network.wan: give network.wan');
    const s = world.scenario, c = world.frames;
    const { apps, memory, load } = required(o);
    const wan = world.wanDown;
    const lan = world.lan;
    const cooperate = o.cooperation === 'neighbours', forwarding = o.cooperation === 'forward';
    if ((cooperate || forwarding) && !lan) throw new InputError(`edge-models.cooperation '${o.cooperation}' ${cooperate ? 'fetches models' : 'forwards frames'} over network.lan: give network.lan`);
    if (cooperate && load.lanJoulesPerByte === undefined) throw new InputError("edge-models.cooperation 'neighbours' needs edge-models.load.lanJoulesPerByte (the energy of a byte over the LAN)");
    const reserved = o.fallback?.bytes ?? 0;
    if (reserved >= memory) throw new InputError(`edge-models.fallback.bytes ${reserved} leaves nothing of edge-models.memory ${memory} for the applications' models`);
    const cloudy = s.hardware.cloud !== undefined;
    if (o.miss === 'cloud' && !cloudy) throw new InputError("edge-models.miss 'cloud' needs hardware.cloud (the cloud's compute)");
    if (o.miss === 'fallback' && !o.fallback) throw new InputError("edge-models.miss 'fallback' needs edge-models.fallback");
    const modelOf = (field: string, name: string) => resolveOption(field, () => world.outcomes.modelIndex(name));
    const bytes = Float64Array.from(apps, (a) => a.bytes);
    const edges = world.edges.length;
    const resultBytes = s.network.resultBytes;
    const appOf = new SlotColumn();
    const waiting: number[][][] = world.edges.map(() => apps.map(() => []));

    /** The lowest-numbered other edge that holds application k's model loaded, or -1. */
    const holderOf = (e: number, k: number): number => {
      for (let f = 0; f < edges; f++) if (f !== e && residencies[f].loaded(k)) return f;
      return -1;
    };
    /** Where edge e would load application k's model from now: a neighbour that holds it, else the cloud. */
    const sourceOf = (e: number, k: number): Link => (cooperate && holderOf(e, k) >= 0 ? lan! : wan);
    /** The cold-load cost of application k's model over `link`, now: seconds and joules. */
    const secondsOver = (link: Link, k: number) => (bytes[k] * 8) / link.bandwidth.rateAt(world.engine.now) + link.rtt + bytes[k] * load.secondsPerByte;
    const joulesOver = (link: Link, k: number) => bytes[k] * (link === wan ? load.joulesPerByte : load.lanJoulesPerByte!);

    const residencies: Residency[] = world.edges.map((_, e) =>
      new Residency(world, {
        policy: chosen.policy,
        capacity: memory - reserved,
        bytes,
        loadSecondsPerByte: load.secondsPerByte,
        missCost: o.cost === 'seconds' ? (k) => secondsOver(sourceOf(e, k), k) : (k) => joulesOver(sourceOf(e, k), k),
        seed: `${s.seed}/${world.replication}/edge-models/${e}`,
        loaded(k) {
          for (const slot of waiting[e][k]) {
            c.lap(slot, Part.partitionWait, world.engine.now);
            edge[k].serve(slot, e, c.service[slot], c.stepEnergy[slot]);
          }
          waiting[e][k] = [];
        },
      }),
    );
    if (o.preload) for (const r of residencies) r.preload(Int32Array.from(apps, (_, k) => k));

    const found = new Float64Array(4);
    let costSeconds = 0, costJoules = 0, missSeconds = 0, missJoules = 0, loadSeconds = 0, loadJoules = 0, loadBytes = 0, neighbourLoads = 0, fallbackFrames = 0, fallbackCorrect = 0, ownCorrect = 0, forwardedFrames = 0;
    // What the application's own model answers on a sample, where a real table fixes it (no draw): the
    // counterfactual of a fallback answer, for fallback_accuracy_loss.
    const ownPredictions = apps.map((a) => world.outcomes.predictions(world.outcomes.modelIndex(a.outcome)));
    const counterfactual = ownPredictions.every((p) => p !== null);
    const latencies = apps.map(() => new LogHistogram());
    const answered = (where: typeof Where.edge | typeof Where.cloud) => (slot: number) => {
      if (world.counted(slot)) {
        latencies[appOf.get(slot)].add(world.engine.now - c.arrival[slot]);
        if (c.choice[slot] === Path.fallback) {
          fallbackFrames++;
          // Scored against the truth, for the report only: the fallback's accuracy on the frames it took.
          const label = world.trueLabel(slot);
          if (c.answer[slot] === label) fallbackCorrect++;
          if (counterfactual && ownPredictions[appOf.get(slot)]![c.sample[slot]] === label) ownCorrect++;
        }
      }
      world.complete(slot, where);
    };

    const fallback = o.fallback && {
      m: modelOf('edge-models.fallback.outcome', o.fallback.outcome),
      cost: world.cost('edge', o.fallback.cost),
      energy: world.energy('edge', o.fallback.cost),
    };
    const fallbackRemote = fallback
      ? new Remote(world, { tier: 'edge', served: (slot) => (world.answer(slot, fallback.m), resultBytes), answered: answered(Where.edge) })
      : null;

    /** The frame's model is not loaded at edge e: it goes the miss path (`ownPath` false: the model cannot be loaded now). */
    const elsewhere = (slot: number, e: number, k: number, ownPath: boolean): boolean => {
      // A model that cannot load: the miss path without the wait (load: the cloud, else the fallback).
      const path = ownPath || o.miss !== 'load' ? o.miss : cloudy ? 'cloud' : o.fallback ? 'fallback' : null;
      if (path === 'load') {
        waiting[e][k].push(slot);
        c.choice[slot] = Path.waited;
      } else if (path === 'cloud') {
        const cloud = clouds![k], t = cloud.cost();
        c.choice[slot] = Path.cloud;
        cloud.remote.send(slot, c.bytes[slot], t, cloud.energy(t));
      } else if (path === 'fallback') {
        const t = fallback!.cost();
        c.choice[slot] = Path.fallback;
        fallbackRemote!.serve(slot, e, t, fallback!.energy(t));
      } else {
        throw new InputError(`edge-models: application ${apps[k].name}'s model (${apps[k].bytes} bytes) cannot be loaded and the scenario has neither hardware.cloud nor edge-models.fallback to answer it`);
      }
      return false;
    };

    /** At edge e: the frame's model is looked up; true computes it there now. */
    const atEdge = (slot: number, e: number): boolean => {
      const k = appOf.get(slot);
      const counted = world.counted(slot);
      // forward: a model absent here but loaded at a neighbour; the frame goes there, a hit in its cache.
      const holder = forwarding && !residencies[e].policy.has(k) ? holderOf(e, k) : -1;
      if (holder >= 0) {
        world.costTrace?.request(holder, world.engine.now, k, bytes[k], secondsOver(wan, k), joulesOver(wan, k));
        residencies[holder].request(k, wan);
        if (counted) {
          found[Found.resident]++;
          forwardedFrames++;
        }
        c.choice[slot] = Path.forwarded;
        forwards![k].send(slot, c.bytes[slot], c.service[slot], c.stepEnergy[slot], holder);
        return false;
      }
      const source = sourceOf(e, k);
      const seconds = secondsOver(source, k), joules = joulesOver(source, k);
      world.costTrace?.request(e, world.engine.now, k, bytes[k], seconds, joules);
      if (counted) {
        costSeconds += seconds;
        costJoules += joules;
      }
      const f: FoundCode = residencies[e].request(k, source);
      if (counted) found[f]++;
      if (f === Found.started) {
        c.edgeJ[slot] += joules;
        if (counted) {
          loadSeconds += seconds;
          loadJoules += joules;
          loadBytes += bytes[k];
          if (source !== wan) neighbourLoads++;
        }
      }
      // A miss as a trace replay counts one: the model was not in the cache (joining a load is a hit).
      if (counted && (f === Found.started || f === Found.refused)) {
        missSeconds += seconds;
        missJoules += joules;
      }
      if (f === Found.resident) {
        c.choice[slot] = Path.resident;
        return true;
      }
      return elsewhere(slot, e, k, f !== Found.refused);
    };

    const edge = apps.map((a) => {
      const m = modelOf(`edge-models.apps (${a.name}).outcome`, a.outcome);
      return new Remote(world, { tier: 'edge', gate: atEdge, served: (slot) => (world.answer(slot, m), resultBytes), answered: answered(Where.edge) });
    });
    const edgeCosts = apps.map((a) => ({ cost: world.cost('edge', a.cost), energy: world.energy('edge', a.cost) }));
    const forwards = forwarding
      ? apps.map((a) => {
          const m = world.outcomes.modelIndex(a.outcome);
          return new Remote(world, { tier: 'edge', from: 'edge', served: (slot) => (world.answer(slot, m), resultBytes), answered: answered(Where.edge) });
        })
      : null;
    const clouds = cloudy
      ? apps.map((a) => {
          const m = world.outcomes.modelIndex(a.outcome);
          const remote = new Remote(world, { tier: 'cloud', from: 'edge', served: (slot) => (world.answer(slot, m), resultBytes), answered: answered(Where.cloud) });
          return { cost: world.cost('cloud', a.cost), energy: world.energy('cloud', a.cost), remote };
        })
      : null;
    if (o.mix.byVideo && !s.workload.timeline) throw new InputError('edge-models.mix.byVideo maps recorded videos to applications: it needs workload.timeline');
    const mix = new AppMix(world, o.mix, apps.length);

    return {
      arrive(slot) {
        const k = mix.next(c.device[slot], c.arrival[slot], c.video[slot]);
        appOf.set(slot, k);
        const t = edgeCosts[k].cost();
        edge[k].send(slot, c.bytes[slot], t, edgeCosts[k].energy(t));
      },
      metrics() {
        const row: Record<string, number> = {
          model_hit_rate: world.perFrame(found[Found.resident]),
          cold_start_rate: world.perFrame(found[Found.started]),
          load_join_rate: world.perFrame(found[Found.loading]),
          load_refused_rate: world.perFrame(found[Found.refused]),
          fallback_rate: world.perFrame(fallbackFrames),
          load_bytes_per_frame: world.perFrame(loadBytes),
          neighbour_load_rate: world.perFrame(neighbourLoads),
          forwarded_rate: world.perFrame(forwardedFrames),
          load_cost_s_per_frame: world.perFrame(loadSeconds),
          load_cost_j_per_frame: world.perFrame(loadJoules),
          cost_miss_ratio_s: costSeconds > 0 ? missSeconds / costSeconds : NaN,
          cost_miss_ratio_j: costJoules > 0 ? missJoules / costJoules : NaN,
        };
        if (fallbackFrames > 0) row.fallback_accuracy = fallbackCorrect / fallbackFrames;
        if (fallbackFrames > 0 && counterfactual) row.fallback_accuracy_loss = (ownCorrect - fallbackCorrect) / fallbackFrames;
        apps.forEach((a, k) => {
          row[`app_${a.name}_latency_p95`] = latencies[k].quantile(0.95);
          row[`app_${a.name}_latency_p99`] = latencies[k].quantile(0.99);
        });
        return row;
      },
    };
  },
};
