/**
 * Which test image (outcome-table row) each frame of a scene shows. Real video repeats its content
 * from frame to frame, so a model's errors and confidences on consecutive frames are correlated;
 * independent images per frame would make scene context look more useful than it is.
 *
 * `workload.imageReuse` = r in [0, 1]: a scene's first frame shows a test image of its class drawn
 * uniformly; every later frame of the scene shows the previous frame's image with probability r, else
 * a fresh uniform draw of the class (which may, by chance, be the same image). Within a scene the
 * images are then a Markov chain started in its stationary law (uniform over the class's samples), so
 * for ANY per-frame quantity g (a model's correctness, confidence, entropy) and frames k apart in one
 * scene, corr(g(frame t), g(frame t+k)) = r^k, given the class; frames of different scenes are
 * independent given their classes. r = 0 is one independent image per frame (the behaviour without
 * the option), r = 1 one image per scene; P(frame t+1 shows frame t's image) = r + (1 - r) / n_c with
 * n_c the class's samples, and an image persists for a geometric run of mean 1 / (1 - r) frames
 * (cut by the scene's end).
 *
 * The fresh draw is taken from the workload stream on every frame, repeated or not, and the repeat
 * decision from a stream of its own: the arrivals, scenes and fresh images are then the same for every
 * r, so runs that differ only in r are paired (and r = 0 draws exactly what no option draws).
 */
import type { Rng } from '../sim/rng.js';

/** Image reuse of a stream: the repeat probability and the stream its decisions come from. */
export interface ImageReuse {
  p: number;
  rng: Rng;
}

export class SceneImages {
  private last = -1;

  constructor(
    private readonly samplesOf: Int32Array[],
    private readonly rng: Rng,
    private readonly reuse?: ImageReuse,
  ) {}

  /** The image of the next frame, of class `scene`; `starts`: the frame opens a new scene. */
  next(scene: number, starts: boolean): number {
    const fresh = this.rng.pick(this.samplesOf[scene]);
    const repeat = this.reuse !== undefined && this.reuse.rng.uniform() < this.reuse.p;
    if (repeat && !starts) return this.last;
    this.last = fresh;
    return fresh;
  }
}
