/**
 * Partition pushes: the edge sends the frame's partition (the encoder's hint) down the device's
 * downlink when the device lacks it; when it lands, the device's cache makes room for it. A partition
 * already on its way is not sent twice. The device's radio energy for a push (receive power x its
 * airtime) is charged to the frame that caused it, and its bytes count in that frame's bytes down.
 * With blocking pushes, every frame that missed on a partition while it travelled waits for it:
 * `landed(slot)` is called for each when it arrives.
 *
 * Prefetches (issue 15, `prefetch/idle-push.ts`) take the same path without a frame that missed: their
 * radio energy is charged to the device's latest arrived frame; they are not counted in `downloads`,
 * `energy` or any frame's bytes down (the prefetcher reports them). The prefetcher observes every hint
 * the edge sees and every landing, and may push again once something has left the downlink.
 */
import type { World } from '../../world/world.js';
import type { HandlerId } from '../../sim/engine.js';
import type { DeviceCaches } from './device-caches.js';

/** What the push path tells the prefetcher (`IdlePush`). */
export interface PrefetchHooks {
  /** The edge saw partition p as the hint of device d's frame. */
  observe(d: number, p: number): void;
  /** A prefetch of p landed on d after `airtime` s; `wanted`: a frame waits for it. Returns whether nobody asked for it yet. */
  prefetchLanded(d: number, p: number, airtime: number, wanted: boolean): boolean;
  /** The cache of device d changed. */
  settle(d: number): void;
  /** The downlink of device d may be idle: push the next prediction if any. */
  kick(d: number): void;
}

export class Pushes {
  /** Counted (past the warm-up) pushes and their device radio energy. */
  downloads = 0;
  energy = 0;
  /** Per device and partition: 1 while a push is on its way, 2 if that push is a prefetch. */
  private readonly inFlight: Uint8Array;
  /** Per device and partition: the frame whose miss started the push in flight. */
  private readonly cause: Float64Array;
  private readonly waiting: number[][];
  private readonly arrive: HandlerId;

  constructor(
    private readonly world: World,
    private readonly caches: DeviceCaches,
    private readonly bytes: number,
    private readonly blocking: boolean,
    landed: (slot: number) => void,
    private readonly hooks: PrefetchHooks,
  ) {
    const keys = world.scenario.workload.devices * caches.parts;
    this.inFlight = new Uint8Array(keys);
    this.cause = new Float64Array(keys);
    this.waiting = Array.from({ length: keys }, () => []);
    const s = world.scenario;
    this.arrive = world.engine.on((key) => {
      const d = Math.floor(key / caches.parts), p = key % caches.parts;
      const prefetched = this.inFlight[key] === 2;
      this.inFlight[key] = 0;
      const airtime = world.downlink(d).deliveredAirtime;
      const joules = s.device.power.receive * airtime;
      world.chargeRadio(joules, this.cause[key]);
      if (!prefetched && this.cause[key] >= s.warmupFrames) this.energy += joules;
      // An unasked-for prefetch is not the partition to probe first.
      const unasked = prefetched && hooks.prefetchLanded(d, p, airtime, this.waiting[key].length > 0);
      caches.insert(d, p, !unasked);
      hooks.settle(d);
      for (const slot of this.waiting[key]) landed(slot);
      this.waiting[key].length = 0;
      hooks.kick(d);
    });
  }

  /** The edge's pick for the frame in `slot` (its hint): pushed if the device lacks it. Returns whether the frame must wait for it. */
  push(slot: number): boolean {
    const c = this.world.frames, caches = this.caches;
    const d = c.device[slot], p = c.hint[slot], key = d * caches.parts + p;
    this.hooks.observe(d, p);
    if (caches.has(d, p)) {
      // Cached but not confident (or not probed): the edge's pick becomes the one to try first.
      caches.used(d, p);
      return false;
    }
    if (!caches.fits) return false;
    if (!this.inFlight[key]) {
      this.inFlight[key] = 1;
      this.cause[key] = c.seq[slot];
      if (this.world.counted(slot)) this.downloads++;
      c.bytesDown[slot] += this.bytes;
      this.world.downlink(d).send(this.bytes, this.arrive, key, d);
    }
    if (!this.blocking) return false;
    this.waiting[key].push(slot);
    return true;
  }

  /** Whether a push of p to device d is on its way. */
  travelling(d: number, p: number): boolean {
    return this.inFlight[d * this.caches.parts + p] !== 0;
  }

  /** Prefetch: pushes p to device d (not cached nor on its way) with no frame waiting for it. */
  prefetch(d: number, p: number): void {
    const key = d * this.caches.parts + p;
    this.inFlight[key] = 2;
    this.cause[key] = this.caches.latestSeq(d);
    this.world.downlink(d).send(this.bytes, this.arrive, key, d);
  }
}
