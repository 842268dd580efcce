/**
 * The probe: on the device, the frame runs on cached partitions; if the lowest entropy among them is
 * below tau, the device answers with that partition (a hit), otherwise the frame takes the miss path.
 * `probe: mru` runs only the most recently used cached partition (chosen at arrival); `all` runs every
 * cached partition (compute adds up) and keeps the lowest entropy.
 *
 * Approximations: with `all` the compute is charged for the partitions cached when the frame arrives,
 * and the partitions evaluated are those cached when its compute ends (a push may land in between);
 * with `mru` the partition chosen at arrival answers even if evicted meanwhile (its weights were
 * already loaded).
 */
import type { StepEnergy } from '../../models/energy.js';
import type { World } from '../../world/world.js';
import { Where } from '../../world/frames.js';
import { OnDevice } from '../on-device.js';
import { SlotColumn } from '../slot-column.js';
import type { DeviceCaches } from './device-caches.js';

export interface ProbeOptions {
  mode: 'mru' | 'all';
  tau: number;
  /** Outcome-model index of each partition. */
  partModels: Int32Array;
  /** Device compute of one partition, s, and its energy. */
  cost: () => number;
  energy: StepEnergy;
  miss: (slot: number) => void;
  /** Device d answered a frame with cached partition p (prefetch observes it). */
  hit?: (device: number, p: number) => void;
}

export class Probe {
  /** Per frame with `mru`: the partition chosen at arrival. */
  private readonly chosen = new SlotColumn();
  private readonly step: OnDevice;

  constructor(
    private readonly world: World,
    private readonly caches: DeviceCaches,
    private readonly o: ProbeOptions,
  ) {
    this.step = new OnDevice(world, (slot) => this.decide(slot));
  }

  /** Starts the probe of a frame whose device has at least one partition cached. */
  run(slot: number): void {
    const d = this.world.frames.device[slot];
    const n = this.o.mode === 'mru' ? 1 : this.caches.count(d);
    if (this.o.mode === 'mru') this.chosen.set(slot, this.caches.mru(d));
    let service = 0, energy = 0;
    for (let k = 0; k < n; k++) {
      const t = this.o.cost();
      service += t;
      energy += this.o.energy(t);
    }
    this.step.run(slot, service, this.o.energy, energy);
  }

  private decide(slot: number): void {
    const c = this.world.frames, d = c.device[slot];
    let best = -1, bestEntropy = Infinity, bestAnswer = -1;
    const only = this.o.mode === 'mru' ? this.chosen.get(slot) : -1;
    for (let p = 0; p < this.caches.parts; p++) {
      if (only >= 0 ? p !== only : !this.caches.has(d, p)) continue;
      const h = this.world.answer(slot, this.o.partModels[p]);
      if (h < bestEntropy) (bestEntropy = h), (best = p), (bestAnswer = c.answer[slot]);
    }
    if (best >= 0 && bestEntropy < this.o.tau) {
      c.answer[slot] = bestAnswer;
      c.choice[slot] = best;
      this.caches.used(d, best);
      this.o.hit?.(d, best);
      this.world.complete(slot, Where.device);
    } else {
      this.o.miss(slot);
    }
  }
}
