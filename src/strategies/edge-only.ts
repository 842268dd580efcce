/** edge-only: upload every frame; the edge's full model answers. */
import { z } from 'zod';
import { offloadEverything } from './remote.js';
import type { StrategyEntry } from './strategy.js';

const options = z.strictObject({});

export const edgeOnly: StrategyEntry<typeof options> = {
  description: "Every frame is uploaded and the edge's full model answers",
  options,
  create: (world) => offloadEverything(world, 'edge'),
};
