/**
 * Partition pushes: the edge sends the frame's partition (the encoder's hint) down the device's
 * downlink when the device lacks it; when it lands, the device's cache makes room for it. A partition
 * already on its way is not sent twice. The device's radio energy for a push (receive power x its
 * airtime) is charged to the frame that caused it, and its bytes count in that frame's bytes down.
 * With blocking pushes, every frame that missed on a partition while it travelled waits for it:
 * `landed(slot)` is called for each when it arrives.
 */
import type { World } from '../../run/world.js';
import type { HandlerId } from '../../sim/engine.js';
import type { DeviceCaches } from './device-caches.js';

export class Pushes {
  /** Counted (past the warm-up) pushes and their device radio energy. */
  downloads = 0;
  energy = 0;
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
  ) {
    const keys = world.scenario.workload.devices * caches.parts;
    this.inFlight = new Uint8Array(keys);
    this.cause = new Float64Array(keys);
    this.waiting = Array.from({ length: keys }, () => []);
    const s = world.scenario;
    this.arrive = world.engine.on((key) => {
      const d = Math.floor(key / caches.parts), p = key % caches.parts;
      this.inFlight[key] = 0;
      const joules = s.device.power.receive * world.downlink(d).deliveredAirtime;
      world.chargeRadio(joules, this.cause[key]);
      if (this.cause[key] >= s.warmupFrames) this.energy += joules;
      caches.insert(d, p);
      for (const slot of this.waiting[key]) landed(slot);
      this.waiting[key].length = 0;
    });
  }

  /** The edge's pick for the frame in `slot` (its hint): pushed if the device lacks it. Returns whether the frame must wait for it. */
  push(slot: number): boolean {
    const c = this.world.frames, caches = this.caches;
    const d = c.device[slot], p = c.hint[slot], key = d * caches.parts + p;
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
}
