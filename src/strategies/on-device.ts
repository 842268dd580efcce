/**
 * A compute step on the frame's own device: queue, compute for `service` seconds, charge compute
 * energy (compute power x service time, unless the caller gives the energy, e.g. from a per-MAC
 * model), then continue with `next(slot)`. A full device queue drops the frame.
 */
import type { HandlerId } from '../sim/engine.js';
import type { World } from '../run/world.js';
import { Part, Where } from '../run/frames.js';

export class OnDevice {
  private readonly done: HandlerId;

  constructor(
    private readonly world: World,
    next: (slot: number) => void,
  ) {
    const frames = world.frames;
    const computeW = world.scenario.device.power.compute;
    this.done = world.engine.on((slot) => {
      const given = frames.stepEnergy[slot];
      frames.energy[slot] += Number.isNaN(given) ? computeW * frames.service[slot] : given;
      frames.lapService(slot, Part.deviceQueue, Part.deviceCompute, world.engine.now);
      next(slot);
    });
  }

  /** Queues `service` seconds of compute for the frame; false if the device queue dropped it. */
  run(slot: number, service: number, energyJ = NaN): boolean {
    const c = this.world.frames;
    c.stepEnergy[slot] = energyJ;
    c.service[slot] = service;
    c.stamp[slot] = this.world.engine.now;
    if (this.world.devices[c.device[slot]].submit(slot, service, this.done)) return true;
    this.world.complete(slot, Where.dropped);
    return false;
  }
}
