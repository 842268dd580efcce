/**
 * A compute step on the frame's own device: queue, compute for `service` seconds, charge the step's
 * compute energy (from the world's energy model: world.energy), then continue with `next(slot)`. A
 * full device queue drops the frame (nothing is charged). A step whose figure leaves the device's idle
 * draw out (MACs) tells the world, so that idle power runs on through it (models/energy.ts).
 */
import type { HandlerId } from '../sim/engine.js';
import type { World } from '../world/world.js';
import type { StepEnergy } from '../models/energy.js';
import { Part, Where } from '../world/frames.js';
import { SlotColumn } from './slot-column.js';

export class OnDevice {
  private readonly done: HandlerId;
  /** Per frame in this step: 1 if its energy figure excludes idle. */
  private readonly idleRunsOn = new SlotColumn();

  constructor(
    private readonly world: World,
    next: (slot: number) => void,
  ) {
    const frames = world.frames;
    this.done = world.engine.on((slot) => {
      frames.deviceComputeJ[slot] += frames.stepEnergy[slot];
      if (this.idleRunsOn.get(slot) === 1) world.idleThrough(frames.service[slot]);
      frames.lapService(slot, Part.deviceQueue, Part.deviceCompute, world.engine.now);
      next(slot);
    });
  }

  /**
   * Queues `service` seconds of compute charged by `energy` (`joules`: its figure for the step, by
   * default energy(service); a step of several draws passes their sum); false if the device queue
   * dropped the frame. `energy` may also be a plain number of joules (the form of mcsim 0.1): a figure that
   * includes the idle draw (power x time), so a plugin written for the older form keeps its meaning.
   */
  run(slot: number, service: number, energy: StepEnergy | number, joules = typeof energy === 'number' ? energy : energy(service)): boolean {
    const c = this.world.frames;
    c.stepEnergy[slot] = joules;
    c.service[slot] = service;
    c.stamp[slot] = this.world.engine.now;
    this.idleRunsOn.set(slot, typeof energy === 'number' || energy.includesIdle ? 0 : 1);
    if (this.world.devices[c.device[slot]].submit(slot, service, this.done)) return true;
    this.world.complete(slot, Where.dropped);
    return false;
  }
}
