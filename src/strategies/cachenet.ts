/**
 * cachenet (CacheNet): the device caches a few specialized partitions. A frame first runs on the
 * cached partition(s): if the best predictive entropy is below tau the device answers (a hit).
 * Otherwise the frame is uploaded; the edge encoder picks the frame's partition (its hint), the edge's
 * full model answers, and, when that partition is not on the device, the edge pushes it down the
 * device's downlink, where the replacement policy makes room for it.
 *
 * Options: `probe` 'mru' runs only the most recently used cached partition; 'all' runs every cached
 * partition (compute adds up) and keeps the lowest entropy. `push` 'background' returns the result
 * first and the partition after it; 'blocking' delivers the answer only once the partition has landed
 * (the wait is the latency part partition_wait), for every frame that missed on that partition while
 * it travelled. A partition already on its way is not sent twice. The device's radio energy for a
 * push (receive power x its airtime) counts in the energy per frame, charged to the frame that
 * caused it; its bytes count in that frame's bytes down.
 *
 * Oracle policies (belady) see the future: the request stream of a device is its frames' hints as
 * they arrive; at a decision, the next use of partition p is the first frame after the latest
 * arrived one whose hint is p (every cached key's next use is refreshed before an eviction).
 *
 * Approximations: with `probe: all` the compute is charged for the partitions cached when the frame
 * arrives, and the partitions evaluated are those cached when its compute ends (a push may land in
 * between); with `probe: mru` the partition chosen at arrival answers even if evicted meanwhile (its
 * weights were already loaded).
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { access, type CachePolicy } from '../policies/policy.js';
import { createPolicy, policies, policyNames } from '../policies/registry.js';
import { Part, Where } from './frames.js';
import { IdlePush } from './prefetch/idle-push.js';
import { predictorNames, predictors } from './prefetch/registry.js';
import { OnDevice } from './on-device.js';
import { Remote } from './remote.js';
import type { StrategyEntry } from './strategy.js';

const options = z.strictObject({
  policy: z.enum(policyNames as [string, ...string[]]).default('lru').describe('Partition replacement policy'),
  tau: z.number().min(0).default(0.5).describe('Entropy threshold, nats: answer locally when entropy < tau'),
  probe: z.enum(['mru', 'all']).default('mru'),
  push: z.enum(['background', 'blocking']).default('background'),
  prefetch: z
    .strictObject({
      predictor: z.enum(predictorNames).default('none').describe('Next-scene predictor whose guesses are pushed on an idle downlink (oracle: upper bound)'),
      bytes: z.number().positive().optional().describe('Prefetch byte budget per scene (default: one partition)'),
      prior: z.number().min(0).default(1).describe('markov: pseudo-count of the popularity back-off'),
      decay: z.number().gt(0).max(1).default(1).describe('markov: factor on a row\'s counts at each update (1: never forget)'),
    })
    .prefault({})
    .describe('Predictive partition prefetch (docs/prefetch.md)'),
});

export const cachenet: StrategyEntry<typeof options> = {
  description: 'Cached partitions answer confident frames on the device; misses go to the edge, which pushes the partition down',
  options,
  needsFuture: (o) => policies[o.policy as keyof typeof policies].needsFuture || predictors[o.prefetch.predictor].needsFuture,
  create(world, o) {
    const s = world.scenario;
    const { partitions, models } = s;
    if (!partitions) throw new InputError('cachenet needs the scenario block `partitions` (the specialized models it caches)');
    if (!models.encoder) throw new InputError('cachenet needs `models.encoder` (the edge encoder that picks a partition)');
    const encoder = models.encoder;
    const e = world.engine;
    const c = world.frames;
    const nParts = world.prepared.partitions.length;
    const partBytes = partitions.bytes;
    const bySlots = s.device.cache.slots !== undefined;
    const size = bySlots ? 1 : partBytes;
    const capacity = bySlots ? s.device.cache.slots! : s.device.cache.bytes!;
    const caches: CachePolicy[] = Array.from({ length: s.workload.devices }, (_, d) =>
      createPolicy(o.policy as keyof typeof policies, { capacity, keySpace: nParts, seed: `${s.seed}/${world.replication}/cache/${d}` }),
    );
    // Per device and partition: when last used (for 'mru'), and whether a push is on its way.
    const lastUsed = new Float64Array(s.workload.devices * nParts);
    const inFlight = new Uint8Array(s.workload.devices * nParts);
    let useClock = 0;
    const partModel = Int32Array.from({ length: nParts }, (_, p) => world.outcomes.partitionIndex(p));
    const edgeModel = world.outcomes.modelIndex(s.models.edge.outcome);
    const partCost = world.cost('device', partitions.cost);
    const encoderCost = world.cost('edge', encoder.cost);
    const edgeCost = world.cost('edge', s.models.edge.cost);
    let downloads = 0, hintCached = 0;

    // The oracle's request stream is the frames' hints as they arrive: next uses count from the latest
    // arrived frame of the device, and go stale as frames arrive, so an oracle policy gets every cached
    // key's next use refreshed before it decides.
    const oracle = policies[o.policy as keyof typeof policies].needsFuture;
    const latest = new Float64Array(s.workload.devices).fill(-1);
    const nextUse = (d: number, p: number) => world.futures?.[d].nextUse(p, latest[d]) ?? Infinity;
    const refresh = (d: number) => {
      if (oracle) for (let p = 0; p < nParts; p++) if (caches[d].has(p)) caches[d].touch(p, nextUse(d, p));
    };
    const use = (d: number, p: number) => (lastUsed[d * nParts + p] = ++useClock);
    const mru = (d: number) => {
      let best = -1;
      for (let p = 0; p < nParts; p++) if (caches[d].has(p) && (best < 0 || lastUsed[d * nParts + p] > lastUsed[d * nParts + best])) best = p;
      return best;
    };

    // Pushes are keyed by device and partition: the frame that caused each (for its energy) and, with
    // blocking pushes, the frames waiting for it (every frame that missed on it while it travelled).
    const pushSeq = new Float64Array(s.workload.devices * nParts);
    const waiting: number[][] = Array.from({ length: s.workload.devices * nParts }, () => []);
    // --- prefetch hook (issue 15): predicted partitions pushed on an idle downlink, see prefetch/idle-push.ts ---
    const prefetch = new IdlePush(world, o.prefetch, partBytes, {
      cached: (d, p) => caches[d].has(p),
      inFlight: (d, p) => inFlight[d * nParts + p] === 1,
      nextUse,
      send(d, p) {
        inFlight[d * nParts + p] = 1;
        pushSeq[d * nParts + p] = latest[d];
        world.downlink(d).send(partBytes, landed, d * nParts + p, d);
      },
    });
    const landed = e.on((key) => {
      const d = Math.floor(key / nParts), p = key % nParts;
      inFlight[key] = 0;
      const airtime = world.downlink(d).deliveredAirtime;
      world.chargeEnergy(s.device.power.receive * airtime, pushSeq[key]);
      refresh(d);
      access(caches[d], p, size, nextUse(d, p));
      // prefetch hook: an unasked-for prefetch is not the partition to probe first; check for wasted evictions.
      if (!prefetch.landed(d, p, airtime, waiting[key].length > 0)) use(d, p);
      prefetch.settle(d);
      for (const slot of waiting[key]) {
        if (--c.scratch[slot] === 0) {
          c.lap(slot, Part.partitionWait, e.now);
          world.complete(slot, Where.edge);
        }
      }
      waiting[key].length = 0;
      prefetch.kick(d); // prefetch hook
    });

    /** Pushes the frame's partition if the device lacks it; returns whether the frame must wait for it. */
    const push = (slot: number): boolean => {
      const d = c.device[slot], p = c.part[slot], key = d * nParts + p;
      prefetch.observe(d, p); // prefetch hook: the edge saw the hint
      if (caches[d].has(p)) {
        // Cached but not confident (or not probed): the edge's pick becomes the one to try first.
        caches[d].touch(p, nextUse(d, p));
        use(d, p);
        return false;
      }
      if (size > capacity) return false;
      if (!inFlight[key]) {
        inFlight[key] = 1;
        pushSeq[key] = c.seq[slot];
        if (world.counted(slot)) downloads++;
        c.bytesDown[slot] += partBytes;
        world.downlink(d).send(partBytes, landed, key, d);
      }
      if (o.push !== 'blocking') return false;
      waiting[key].push(slot);
      return true;
    };

    // The edge sends the result first; the push is scheduled just after it, so it follows on the link.
    const pushAfterResult = e.on((slot) => {
      if (push(slot)) c.scratch[slot]++;
    });
    const remote = new Remote(world, {
      tier: 'edge',
      served(slot) {
        world.answer(slot, edgeModel);
        c.scratch[slot] = 1;
        e.schedule(0, pushAfterResult, slot);
        return s.network.resultBytes;
      },
      answered(slot) {
        prefetch.kick(c.device[slot]); // prefetch hook: the result has left the downlink
        if (--c.scratch[slot] === 0) world.complete(slot, Where.edge);
      },
    });
    const offload = (slot: number) => remote.send(slot, c.bytes[slot], encoderCost() + edgeCost());

    const probed = new OnDevice(world, (slot) => {
      const d = c.device[slot];
      let best = -1, bestEntropy = Infinity, bestCorrect = 0;
      const only = o.probe === 'mru' ? c.scratch[slot] : -1;
      for (let p = 0; p < nParts; p++) {
        if (only >= 0 ? p !== only : !caches[d].has(p)) continue;
        const h = world.answer(slot, partModel[p]);
        if (h < bestEntropy) (bestEntropy = h), (best = p), (bestCorrect = c.correct[slot]);
      }
      if (best >= 0 && bestEntropy < o.tau) {
        c.correct[slot] = bestCorrect;
        c.choice[slot] = best;
        if (caches[d].has(best)) caches[d].touch(best, nextUse(d, best));
        use(d, best);
        prefetch.observe(d, best); // prefetch hook: the device answered with `best`
        world.complete(slot, Where.device);
      } else {
        offload(slot);
      }
    });

    return {
      arrive(slot) {
        const d = c.device[slot];
        latest[d] = c.seq[slot];
        if (world.counted(slot) && caches[d].has(c.part[slot])) hintCached++;
        const n = caches[d].count;
        if (n === 0) return offload(slot);
        let service = partCost();
        if (o.probe === 'mru') c.scratch[slot] = mru(d);
        else for (let k = 1; k < n; k++) service += partCost();
        probed.run(slot, service);
      },
      metrics: () => ({
        hint_cached_rate: world.perFrame(hintCached),
        partition_downloads_per_frame: world.perFrame(downloads),
        prefetch_hit_rate: world.sceneStartDeviceRate(),
        ...prefetch.metrics(),
      }),
    };
  },
};
