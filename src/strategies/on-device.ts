/**
 * A compute step on the frame's own device: queue, compute for `service` seconds, charge the step's
 * compute energy (the caller's figure, from the world's energy model: world.energy), then continue
 * with `next(slot)`. A full device queue drops the frame (nothing is charged).
 */
import type { HandlerId } from '../sim/engine.js';
import type { World } from '../world/world.js';
import { Part, Where } from '../world/frames.js';

export class OnDevice {
  private readonly done: HandlerId;

  constructor(
    private readonly world: World,
    next: (slot: number) => void,
  ) {
    const frames = world.frames;
    this.done = world.engine.on((slot) => {
      frames.deviceComputeJ[slot] += frames.stepEnergy[slot];
      frames.lapService(slot, Part.deviceQueue, Part.deviceCompute, world.engine.now);
      next(slot);
    });
  }

  /** Queues `service` seconds of compute costing `energyJ` for the frame; false if the device queue dropped it. */
  run(slot: number, service: number, energyJ: number): boolean {
    const c = this.world.frames;
    c.stepEnergy[slot] = energyJ;
    c.service[slot] = service;
    c.stamp[slot] = this.world.engine.now;
    if (this.world.devices[c.device[slot]].submit(slot, service, this.done)) return true;
    this.world.complete(slot, Where.dropped);
    return false;
  }
}
