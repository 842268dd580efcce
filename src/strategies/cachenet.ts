/**
 * cachenet (CacheNet): the device caches a few specialized partitions. A frame first runs on the
 * cached partition(s) (cachenet/probe.ts): if the best predictive entropy is below tau the device
 * answers (a hit). Otherwise the frame takes the miss path (cachenet/miss.ts): it is uploaded, the edge
 * encoder picks the frame's partition (its hint, computed from a model's output: models/encoder.ts),
 * the edge answers, and, when that partition is not on the device, the edge pushes it down the
 * device's downlink (cachenet/push.ts), where the replacement policy makes room for it
 * (cachenet/device-caches.ts).
 *
 * Options: `probe` mru | all (probe.ts); `push` 'background' returns the result first and the
 * partition after it; 'blocking' delivers the answer only once the partition has landed;
 * `missAnswer` full | partition: who answers a miss at the edge; `prefetch`: predicted partitions
 * pushed on an idle downlink (prefetch/idle-push.ts, docs/prefetch.md).
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { policies, type PolicyEntry } from '../policies/registry.js';
import { DeviceCaches } from './cachenet/device-caches.js';
import { MissPath } from './cachenet/miss.js';
import { Probe } from './cachenet/probe.js';
import { Pushes } from './cachenet/push.js';
import { strategyMetrics } from '../world/metrics.js';
import { IdlePush, PREFETCH_METRICS } from './prefetch/idle-push.js';
import type { PredictorEntry } from './prefetch/predictor.js';
import { predictors } from './prefetch/registry.js';
import type { Components, StrategyEntry } from './strategy.js';

const names = (table: Readonly<Record<string, unknown>>) => Object.keys(table) as [string, ...string[]];

/** The options over the policies and predictors of `c` (the built-ins, or with a scenario's plugins). */
const optionsFor = (c: Components) => z.strictObject({
  policy: z.enum(names(c.policies)).default('lru').describe('Partition replacement policy'),
  tau: z.number().min(0).default(0.5).describe('Entropy threshold, nats: answer locally when entropy < tau'),
  probe: z.enum(['mru', 'all']).default('mru'),
  push: z.enum(['background', 'blocking']).default('background'),
  missAnswer: z
    .enum(['full', 'partition'])
    .default('full')
    .describe("Who answers a miss at the edge: the full model, or the partition the encoder chose"),
  prefetch: z
    .strictObject({
      predictor: z.enum(names(c.predictors)).default('none').describe('Next-scene predictor whose guesses are pushed on an idle downlink (oracle: upper bound)'),
      bytes: z.number().positive().optional().describe('Prefetch byte budget per scene (default: one partition)'),
      prior: z.number().min(0).default(1).describe('markov: pseudo-count of the popularity back-off'),
      decay: z.number().gt(0).max(1).default(1).describe('markov: factor on a row\'s counts at each update (1: never forget)'),
    })
    .prefault({})
    .describe('Predictive partition prefetch (docs/prefetch.md)'),
});
type Options = ReturnType<typeof optionsFor>;

export const cachenet: StrategyEntry<Options, { policy: PolicyEntry; predictor: PredictorEntry }> = {
  description: 'Cached partitions answer confident frames on the device; misses go to the edge, which pushes the partition down',
  options: optionsFor({ policies, predictors }),
  optionsFor,
  slots: { policy: 'policy', 'prefetch.predictor': 'predictor' },
  metrics: [
    ...strategyMetrics('cachenet', [
      {
        name: 'hint_cached_rate', unit: 'fraction', description: "fraction of frames whose encoder-picked partition was cached on arrival (the cache's own hit rate)", better: 'higher',
        paired: { label: 'hint found in cache (points)', scale: 100 },
        chart: { name: 'hit-rate', title: 'Hit rate (frames answered on the device)', y: 'answered_device', yTitle: 'hit rate', yFormat: '.0%' },
      },
      {
        name: 'partition_downloads_per_frame', unit: '1', description: 'partitions pushed to the device per frame', better: 'lower',
        paired: { label: 'partition downloads per 100 frames', scale: 100 },
        chart: {
          name: 'downloads', title: 'Partition downloads per frame', yTitle: 'partition downloads per frame',
          vsReference: { name: 'downloads-vs-reference-by', title: "Partition downloads per frame minus {key}={reference}'s, paired 95% interval", yTitle: "downloads per frame − {reference}'s" },
        },
      },
      { name: 'download_bytes_per_frame', unit: 'bytes/frame', description: 'partition bytes pushed per frame (inside bytes_down_per_frame)', better: 'lower' },
      { name: 'download_radio_energy_j_per_frame', unit: 'J/frame', description: 'device radio energy of the partition pushes, per frame (inside energy_device_radio_j_per_frame)', better: 'lower' },
      { name: 'prefetch_hit_rate', unit: 'fraction', description: 'fraction of scene-start frames answered on the device', better: 'higher', scoredAgainstTruth: true },
    ]),
    ...PREFETCH_METRICS,
  ],
  hints: true,
  axisTitles: { tau: 'entropy threshold τ (nats)' },
  needsFuture: (o, c) => c.policies[o.policy].needsFuture || c.predictors[o.prefetch.predictor].needsFuture,
  load: (o, _read, _baseDir, c) => ({ policy: c.policies[o.policy], predictor: c.predictors[o.prefetch.predictor] }),
  notes(world) {
    const { cache } = world.scenario.device;
    const parts = world.partitions.length, bytes = world.partition?.bytes;
    const fits = cache.slots ?? (bytes ? Math.floor(cache.bytes! / bytes) : 0);
    const holds = cache.slots !== undefined ? `device.cache.slots ${cache.slots}` : `device.cache.bytes ${cache.bytes} (${fits} partition(s) of ${bytes} bytes)`;
    if (parts > 0 && fits === 0) return [`${holds} holds no partition: no frame is answered on the device, every one goes to the edge`];
    if (parts > 0 && fits >= parts) return [`${holds} holds all ${parts} partitions: nothing is ever evicted, so cachenet.policy makes no difference`];
    return [];
  },
  create(world, o, chosen) {
    const s = world.scenario;
    const { partitions, models } = s;
    if (!partitions) throw new InputError('cachenet needs the scenario block `partitions` (the specialized models it caches)');
    if (!models.encoder) throw new InputError('cachenet needs `models.encoder` (the edge encoder that picks a partition)');
    const c = world.frames;
    const hintOf = world.prepared.hintOf!;
    const partModels = Int32Array.from({ length: world.prepared.partitions.length }, (_, p) => world.outcomes.partitionIndex(p));
    const byPartition = o.missAnswer === 'partition';
    const edgeModel = world.outcomes.modelIndex(models.edge.outcome);
    const partition = world.prepared.partition!;
    const classifierModel = byPartition ? partition.cost : models.edge.cost;
    const encoder = { cost: world.cost('edge', models.encoder.cost), energy: world.energy('edge', models.encoder.cost) };
    const classifier = { cost: world.cost('edge', classifierModel), energy: world.energy('edge', classifierModel) };

    const caches = new DeviceCaches(world, chosen.policy, partition.bytes);
    // Prefetch (issue 15): predicted partitions pushed on an idle downlink, through the push path.
    const prefetch = new IdlePush(world, o.prefetch, chosen.predictor, partition.bytes, {
      cached: (d, p) => caches.has(d, p),
      inFlight: (d, p): boolean => pushes.travelling(d, p),
      nextUse: (d, p) => caches.nextUse(d, p),
      send: (d, p) => pushes.prefetch(d, p),
    });
    const miss = new MissPath(world, {
      answerer: (hint) => (byPartition ? partModels[hint] : edgeModel),
      encoder,
      classifier,
      resultDelivered: (d) => prefetch.kick(d),
    });
    const pushes: Pushes = new Pushes(world, caches, partition.bytes, o.push === 'blocking', (slot) => miss.partitionLanded(slot), prefetch);
    miss.pushWith(pushes);
    const probe = new Probe(world, caches, {
      mode: o.probe,
      tau: o.tau,
      partModels,
      cost: world.cost('device', partition.cost),
      energy: world.energy('device', partition.cost),
      miss: (slot) => miss.send(slot),
      hit: (d, p) => prefetch.observe(d, p),
    });
    let hintCached = 0;

    return {
      arrive(slot) {
        const d = c.device[slot];
        caches.arrived(d, c.seq[slot]);
        // The encoder's pick is known only at the edge; it is noted here for the per-frame log and
        // the hint-in-cache rate, and read by the miss path only.
        c.hint[slot] = hintOf[c.sample[slot]];
        if (world.counted(slot) && caches.has(d, c.hint[slot])) hintCached++;
        if (caches.count(d) === 0) miss.send(slot);
        else probe.run(slot);
      },
      metrics: () => ({
        hint_cached_rate: world.perFrame(hintCached),
        partition_downloads_per_frame: world.perFrame(pushes.downloads),
        download_bytes_per_frame: world.perFrame(pushes.downloads * partition.bytes),
        download_radio_energy_j_per_frame: world.perFrame(pushes.energy),
        prefetch_hit_rate: world.sceneStartDeviceRate(),
        ...prefetch.metrics(),
      }),
    };
  },
};
