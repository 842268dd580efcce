/** cloud-only: upload every frame through the edge and the WAN; the cloud's full model answers. */
import { z } from 'zod';
import { offloadEverything } from './remote.js';
import type { StrategyEntry } from './strategy.js';

const options = z.strictObject({});

export const cloudOnly: StrategyEntry<typeof options> = {
  description: "Every frame goes over the wireless link and the WAN; the cloud's full model answers",
  options,
  create: (world) => offloadEverything(world, 'cloud'),
};
