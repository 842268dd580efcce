/**
 * A synthetic video stream with temporal locality. The scene (its class) persists for a run of frames,
 * geometric with mean `meanRun`, then switches to a class drawn by the transition law
 * (`scene-transitions.ts`): by default from the popularity law (uniform or Zipf(s) over classes ranked
 * 0..C-1) whatever came before; a switch may redraw the same class, as a camera may cut back to the
 * same kind of scene. Each frame stands for a real test sample of its class, drawn uniformly from that
 * class's samples: a fresh draw per frame, or the previous frame's image again with the stream's
 * image-reuse probability (`scene-images.ts`, which states the correlation that induces).
 *
 * Frames come one at a time; two sources built with the same seed give the same frames, which is how
 * the oracle's pre-pass sees the future without holding the stream.
 */
import { Rng } from '../sim/rng.js';
import type { Frame, FrameSource } from './frame.js';
import { InputError } from '../errors.js';
import { sceneTransitions, type NextScene, type Transitions } from './scene-transitions.js';
import { SceneImages, type ImageReuse } from './scene-images.js';

export type Popularity = { kind: 'uniform' } | { kind: 'zipf'; s: number };
export type Arrivals = { kind: 'fixed'; fps: number } | { kind: 'poisson'; fps: number };

/** What a stream of class-labelled frames needs, generated (here) or replayed (`timeline.ts`). */
export interface StreamOptions {
  device: number;
  frames: number;
  /** Outcome-table rows of each class (frames draw their sample from these). */
  samplesOf: Int32Array[];
  arrivals: Arrivals;
  inputBytes: number;
  rng: Rng;
  /** Frames of a scene repeat the previous frame's image with this probability. @defaultValue none: an independent image per frame */
  imageReuse?: ImageReuse;
}

/** Time to the next arrival, s (a draw from the stream's rng for poisson arrivals). */
export function interArrival(o: StreamOptions): number {
  return o.arrivals.kind === 'fixed' ? 1 / o.arrivals.fps : o.rng.exponential(1 / o.arrivals.fps);
}

/**
 * Fills f as a frame of a scene of class `scene` at time t, its sample from `images` (the class
 * itself stays with the outcome table, where only the scorer reads it); `starts`: the frame opens a scene.
 */
export function classFrame(f: Frame, o: StreamOptions, images: SceneImages, t: number, scene: number, starts: boolean): void {
  f.t = t;
  f.device = o.device;
  f.sample = images.next(scene, starts);
  f.bytes = o.inputBytes;
  f.video = -1;
}

export interface VideoOptions extends StreamOptions {
  classes: number;
  /** Mean scene length in frames (>= 1; 1 means no locality). */
  meanRun: number;
  popularity: Popularity;
  /** What follows a scene. @defaultValue independent draws from the popularity law */
  transitions?: Transitions;
}

export class VideoSource implements FrameSource {
  private emitted = 0;
  private t = 0;
  private left = 0;
  private scene = -1;
  private readonly nextScene: NextScene;
  private readonly images: SceneImages;

  constructor(private readonly o: VideoOptions) {
    this.nextScene = sceneTransitions(o.transitions ?? { kind: 'independent' }, popularityCdf(o.classes, o.popularity));
    this.images = new SceneImages(o.samplesOf, o.rng, o.imageReuse);
    for (let c = 0; c < o.classes; c++) {
      if (o.samplesOf[c].length === 0) throw new InputError(`video source: class ${c} has no samples in the outcome table`);
    }
  }

  next(f: Frame): boolean {
    const o = this.o;
    if (this.emitted === o.frames) return false;
    if (this.emitted > 0) this.t += interArrival(o);
    // A switch that redraws the same class is still a new scene (a cut): its images are fresh.
    const starts = this.left === 0;
    if (starts) {
      this.scene = this.nextScene(this.scene, o.rng);
      this.left = o.rng.geometric(o.meanRun);
    }
    this.left--;
    this.emitted++;
    classFrame(f, o, this.images, this.t, this.scene, starts);
    return true;
  }
}

/** Cumulative popularity of classes 0..n-1 (Zipf: weight of rank i is 1 / (i+1)^s). */
export function popularityCdf(n: number, p: Popularity): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += p.kind === 'uniform' ? 1 : 1 / Math.pow(i + 1, p.s);
    cdf[i] = sum;
  }
  for (let i = 0; i < n; i++) cdf[i] /= sum;
  return cdf;
}
