/**
 * Prefetch by idle-downlink push (cachenet's `prefetch` option): per device, a predictor learns from
 * the observed partition stream, and whenever the device's downlink carries nothing, the edge pushes
 * the predicted next-scene partitions that are neither cached nor on their way, within a byte budget
 * per scene. A "scene" here is what the edge can see: it starts when the observed partition changes.
 * Candidates are the predictor's top floor(budget / partition bytes); one push at a time (the link is
 * then busy; the next goes when it is idle again). Whether the downlink is idle is checked when
 * something may have freed it or made a push worthwhile: an observation, a landed push, a delivered
 * result.
 *
 * ASSUMPTION: the device reports each hit's partition to the edge in messages small enough to ignore.
 *
 * Accounting: a prefetched partition is "used" once a frame observes it (a hit it answered, or a
 * miss whose hint named it) after it landed; one evicted or still unused at the end of the run is
 * wasted: its bytes, and the device's receive energy over its airtime, are reported. A frame that
 * missed on a partition while its prefetch travelled (and waits for it, with blocking pushes) counts
 * it as used. Counts start after the warm-up (pushes sent from then on).
 */
import { InputError } from '../../errors.js';
import { strategyMetrics } from '../../world/metrics.js';
import type { World } from '../../world/world.js';
import type { Predictor, PredictorEntry, PredictorOptions } from './predictor.js';

export interface PrefetchOptions extends PredictorOptions {
  /** The predictor's name ('none': no prefetch); `predictor` below is its entry. */
  predictor: string;
  /** Byte budget per scene; undefined: one partition. */
  bytes?: number;
}

/** The prefetch metrics (cachenet's, only when prefetching), as metrics() below reports them. */
export const PREFETCH_METRICS = strategyMetrics('prefetch', [
  { name: 'prefetch_pushes_per_frame', unit: '1', description: 'predicted partitions pushed on an idle downlink, per frame', better: 'neither', optional: true },
  { name: 'wasted_prefetch_bytes_per_frame', unit: 'bytes/frame', description: 'bytes of prefetched partitions no frame used, per frame', better: 'lower', optional: true },
  { name: 'wasted_prefetch_radio_energy_j_per_frame', unit: 'J/frame', description: 'device receive energy of the wasted prefetches, per frame', better: 'lower', optional: true },
]);

/** What the push scheduler needs from cachenet: its cache view and its push path. */
export interface PushHost {
  cached(device: number, p: number): boolean;
  inFlight(device: number, p: number): boolean;
  /** Starts pushing p down the device's downlink (cachenet's push path, landing in its handler). */
  send(device: number, p: number): void;
  /** Next use of p by the device's hint stream after its latest arrived frame (oracle). */
  nextUse(device: number, p: number): number;
}

export class IdlePush {
  readonly enabled: boolean;
  private readonly predictors: Predictor[];
  private readonly nParts: number;
  private readonly candidates: Int32Array;
  private readonly current: Int32Array;
  private readonly spent: Float64Array;
  /** Per device x partition: 1 while a landed prefetch is not used yet (one on its way is the push path's to know). */
  private readonly unused: Uint8Array;
  /** Per device x partition: the landed prefetch's airtime (s), for its energy if wasted; whether it counts. */
  private readonly airtime: Float64Array;
  private readonly counted: Uint8Array;
  private pushes = 0;
  private wastedBytes = 0;
  private wastedAirtime = 0;

  constructor(
    private readonly world: World,
    o: PrefetchOptions,
    predictor: PredictorEntry,
    private readonly partBytes: number,
    private readonly host: PushHost,
  ) {
    const devices = world.scenario.workload.devices;
    this.nParts = world.prepared.partitions.length;
    this.enabled = o.predictor !== 'none';
    this.predictors = Array.from({ length: devices }, (_, d) =>
      predictor.create({ partitions: this.nParts, nextUse: (q) => host.nextUse(d, q) }, o),
    );
    const budget = o.bytes ?? partBytes;
    if (this.enabled && budget < partBytes) {
      throw new InputError(`cachenet.prefetch.bytes: ${budget} is below one partition (${partBytes} bytes): nothing could be prefetched`);
    }
    this.candidates = new Int32Array(Math.floor(budget / partBytes));
    this.current = new Int32Array(devices).fill(-1);
    this.spent = new Float64Array(devices);
    this.unused = new Uint8Array(devices * this.nParts);
    this.airtime = new Float64Array(devices * this.nParts);
    this.counted = new Uint8Array(devices * this.nParts);
  }

  /** The device's latest frame observed partition p (hint on a miss, answering partition on a hit). */
  observe(d: number, p: number): void {
    if (!this.enabled) return;
    this.unused[d * this.nParts + p] = 0;
    this.predictors[d].observe(p);
    if (p !== this.current[d]) {
      this.current[d] = p;
      this.spent[d] = 0;
    }
    this.kick(d);
  }

  /** Pushes the best candidate not cached nor travelling, if the downlink is idle and the budget allows. */
  kick(d: number): void {
    if (!this.enabled || !this.world.downlink(d).idle) return;
    const n = this.predictors[d].rank(this.candidates);
    for (let i = 0; i < n; i++) {
      const q = this.candidates[i];
      if (this.host.cached(d, q) || this.host.inFlight(d, q)) continue;
      if (this.spent[d] + this.partBytes > this.partBytes * this.candidates.length) return;
      this.spent[d] += this.partBytes;
      this.counted[d * this.nParts + q] = this.world.counting ? 1 : 0;
      if (this.world.counting) this.pushes++;
      this.host.send(d, q);
      return;
    }
  }

  /**
   * A prefetch of p landed on device d (before the cache admits it), after `airtime` s of reception;
   * `wanted`: a frame waits for it. Returns whether nobody asked for it yet.
   */
  prefetchLanded(d: number, p: number, airtime: number, wanted: boolean): boolean {
    const key = d * this.nParts + p;
    this.unused[key] = wanted ? 0 : 1;
    this.airtime[key] = airtime;
    return !wanted;
  }

  /** After the cache of device d changed: landed prefetches evicted before any use are wasted. */
  settle(d: number): void {
    for (let p = 0; p < this.nParts; p++) if (this.unused[d * this.nParts + p] && !this.host.cached(d, p)) this.waste(d * this.nParts + p);
  }

  private waste(key: number): void {
    this.unused[key] = 0;
    if (!this.counted[key]) return;
    this.wastedBytes += this.partBytes;
    this.wastedAirtime += this.airtime[key];
  }

  /** Prefetch metrics (only when prefetching): prefetches still unused at the end are wasted too. */
  metrics(): Record<string, number> {
    if (!this.enabled) return {};
    this.unused.forEach((u, key) => u && this.waste(key));
    const w = this.world;
    return {
      prefetch_pushes_per_frame: w.perFrame(this.pushes),
      wasted_prefetch_bytes_per_frame: w.perFrame(this.wastedBytes),
      wasted_prefetch_radio_energy_j_per_frame: w.perFrame(this.wastedAirtime * w.scenario.device.power.receive),
    };
  }
}
