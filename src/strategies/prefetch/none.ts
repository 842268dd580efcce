/** none: no prediction; partitions arrive only by CacheNet's reactive push after a miss. */
import type { PredictorEntry } from './predictor.js';

export const none: PredictorEntry = {
  description: 'No prefetch (reactive push only)',
  needsFuture: false,
  create: () => ({ observe() {}, rank: () => 0 }),
};
