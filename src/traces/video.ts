/**
 * A synthetic video stream with temporal locality. The scene (its class) persists for a run of frames, geometric with mean `meanRun`, then switches to a class
 * drawn from the popularity law (uniform or Zipf(s) over classes ranked 0..C-1); a switch may redraw
 * the same class, as a camera may cut back to the same kind of scene. Each frame stands for a real
 * test sample of its class, drawn uniformly from that class's samples (a fresh draw per frame:
 * frames of one scene differ, as consecutive video frames do).
 *
 * Frames come one at a time; two sources built with the same seed give the same frames, which is how
 * the oracle's pre-pass sees the future without holding the stream.
 */
import { Rng } from '../sim/rng.js';
import type { Frame, FrameSource } from './frame.js';
import { InputError } from '../errors.js';

export type Popularity = { kind: 'uniform' } | { kind: 'zipf'; s: number };
export type Arrivals = { kind: 'fixed'; fps: number } | { kind: 'poisson'; fps: number };

export interface VideoOptions {
  device: number;
  frames: number;
  classes: number;
  /** Outcome-table rows of each class (frames draw their sample from these). */
  samplesOf: Int32Array[];
  /** Mean scene length in frames (>= 1; 1 means no locality). */
  meanRun: number;
  popularity: Popularity;
  arrivals: Arrivals;
  inputBytes: number;
  rng: Rng;
}

export class VideoSource implements FrameSource {
  private emitted = 0;
  private t = 0;
  private left = 0;
  private scene = 0;
  private readonly cdf: Float64Array;

  constructor(private readonly o: VideoOptions) {
    this.cdf = popularityCdf(o.classes, o.popularity);
    for (let c = 0; c < o.classes; c++) {
      if (o.samplesOf[c].length === 0) throw new InputError(`video source: class ${c} has no samples in the outcome table`);
    }
  }

  next(f: Frame): boolean {
    const o = this.o;
    if (this.emitted === o.frames) return false;
    if (this.emitted > 0) this.t += o.arrivals.kind === 'fixed' ? 1 / o.arrivals.fps : o.rng.exponential(1 / o.arrivals.fps);
    if (this.left === 0) {
      this.scene = drawFromCdf(this.cdf, o.rng.uniform());
      this.left = o.rng.geometric(o.meanRun);
    }
    this.left--;
    this.emitted++;
    f.t = this.t;
    f.device = o.device;
    f.sample = o.rng.pick(o.samplesOf[this.scene]);
    f.bytes = o.inputBytes;
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

function drawFromCdf(cdf: Float64Array, u: number): number {
  let lo = 0, hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
