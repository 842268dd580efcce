/**
 * What scene (class) follows a scene when the synthetic video switches: the transition law of
 * `traces/video.ts`. Three kinds:
 * - `independent` (default): every switch draws from the popularity law, whatever came before; nothing
 *   is learnable beyond popularity (a predictor cannot beat the popularity guess).
 * - `patrol`: a cyclic route over classes (a camera on a patrol, a worker's fixed routine). With
 *   probability `noise` a switch draws from the popularity law instead; otherwise it goes to the
 *   class after the current one on the route. A class off the route (reached by noise) returns to the
 *   route's first class. The route defaults to every class in order, 0, 1, ..., C-1.
 * - `sparse`: a random sparse matrix: each class has `successors` distinct successors (other than
 *   itself) with weights uniform in (0, 1], normalized, drawn once from the stream named by `seed`
 *   (the same matrix in every replication and run); a switch picks a successor by weight, or with
 *   probability `noise` draws from the popularity law.
 * The first scene of a stream always comes from the popularity law. Every kind draws exactly one
 * uniform number per switch (plus one for the noise coin when noise > 0), from the video's stream.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { Rng } from '../sim/rng.js';

const noise = z.number().min(0).max(1).default(0).describe('Probability a switch ignores the route/matrix and draws from the popularity law');

export const transitionsSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('independent') }),
    z.strictObject({
      kind: z.literal('patrol'),
      noise,
      route: z.array(z.number().int().min(0)).min(2).optional().describe('Classes visited in a cycle (default: every class in order)'),
    }),
    z.strictObject({
      kind: z.literal('sparse'),
      noise,
      successors: z.number().int().min(1).default(2).describe('Successors per class (non-zero entries of a row)'),
      seed: z.union([z.number().int(), z.string()]).default(1).describe('Seed of the matrix (fixed across replications)'),
    }),
  ])
  .default({ kind: 'independent' })
  .describe('What follows a scene when it switches');

export type Transitions = z.output<typeof transitionsSchema>;

/** Draws the next scene's class; `current` is -1 before the first scene. */
export type NextScene = (current: number, rng: Rng) => number;

/**
 * The transition law over `classes` classes with popularity `cdf`. Bad parameters (a route class out
 * of range, more successors than other classes) are InputErrors naming the key.
 */
export function sceneTransitions(t: Transitions, cdf: Float64Array): NextScene {
  const classes = cdf.length;
  const popular = (rng: Rng) => drawFromCdf(cdf, rng.uniform());
  if (t.kind === 'independent') return (_current, rng) => popular(rng);
  const noisy = (rng: Rng) => t.noise > 0 && rng.uniform() < t.noise;
  if (t.kind === 'patrol') {
    const route = t.route ?? Array.from({ length: classes }, (_, c) => c);
    const after = new Int32Array(classes).fill(route[0]);
    route.forEach((c, i) => {
      if (c >= classes) throw new InputError(`workload.scene.transitions.route[${i}]: class ${c}, but the outcome model has ${classes} classes`);
      after[c] = route[(i + 1) % route.length];
    });
    return (current, rng) => (current < 0 || noisy(rng) ? popular(rng) : after[current]);
  }
  const rows = sparseRows(classes, t.successors, t.seed);
  return (current, rng) => (current < 0 || noisy(rng) ? popular(rng) : rows[current].next[drawFromCdf(rows[current].cdf, rng.uniform())]);
}

interface Row {
  next: Int32Array;
  cdf: Float64Array;
}

/** Each class's successors (a partial Fisher-Yates shuffle of the other classes) and their weights. */
function sparseRows(classes: number, successors: number, seed: number | string): Row[] {
  if (successors > classes - 1) {
    throw new InputError(`workload.scene.transitions.successors: ${successors}, but a class has only ${classes - 1} others`);
  }
  const rng = new Rng(`transitions/${seed}`);
  return Array.from({ length: classes }, (_, c) => {
    const others = Array.from({ length: classes - 1 }, (_, i) => (i < c ? i : i + 1));
    const next = new Int32Array(successors);
    const cdf = new Float64Array(successors);
    let sum = 0;
    for (let k = 0; k < successors; k++) {
      const j = k + rng.int(others.length - k);
      [others[k], others[j]] = [others[j], others[k]];
      next[k] = others[k];
      sum += 1 - rng.uniform();
      cdf[k] = sum;
    }
    for (let k = 0; k < successors; k++) cdf[k] /= sum;
    return { next, cdf };
  });
}

/** The first index whose cumulative weight exceeds u (u in [0, 1)). */
export function drawFromCdf(cdf: Float64Array, u: number): number {
  let lo = 0, hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
