/** device-only: the device's full model answers every frame. */
import { z } from 'zod';
import { Where } from '../world/frames.js';
import { OnDevice } from './on-device.js';
import type { StrategyEntry } from './strategy.js';

const options = z.strictObject({});

export const deviceOnly: StrategyEntry<typeof options> = {
  description: "The device's full model answers every frame",
  options,
  create(world) {
    const model = world.scenario.models.device;
    const m = world.outcomes.modelIndex(model.outcome);
    const cost = world.cost('device', model.cost);
    const energy = world.energy('device', model.cost);
    const compute = new OnDevice(world, (slot) => {
      world.answer(slot, m);
      world.complete(slot, Where.device);
    });
    return {
      arrive(slot) {
        const t = cost();
        compute.run(slot, t, energy);
      },
    };
  },
};
