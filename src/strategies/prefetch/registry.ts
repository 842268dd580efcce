/** The prefetch predictors by name (`cachenet.prefetch.predictor`): one file each, one line here. */
import { markov } from './markov.js';
import { none } from './none.js';
import { oracle } from './oracle.js';
import type { PredictorEntry } from './predictor.js';

export const predictors = { none, markov, oracle } satisfies Record<string, PredictorEntry>;
export type PredictorName = keyof typeof predictors;
export const predictorNames = Object.keys(predictors) as PredictorName[];
