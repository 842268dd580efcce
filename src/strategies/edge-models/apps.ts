/**
 * Which application (and so which model) each frame asks the edge for: a workload of many models.
 * Each device runs one application at a time for a geometric number of frames (mean `meanRun`: a
 * session), then draws the next one from a popularity law over a ranking of the applications:
 * - `popularity`: Zipf (weight of rank r is 1 / (r + 1)^s) or uniform over the ranks;
 * - `perDevice`: each device ranks the applications in its own seeded random order (per-device mixes),
 *   else rank r is application r for every device;
 * - `shiftEvery`: every that many seconds the rankings are drawn afresh (a time-varying mix), else they
 *   hold for the whole run.
 * - `byVideo`: with a timeline workload (real recordings, e.g. EPIC-KITCHENS-100), the application is
 *   the index of the recording the frame comes from (file order) mod the number of applications: one
 *   model per recorded site, switching when the device's replay moves to the next video. It reads what
 *   a camera knows of itself (which recording), never the frame's label.
 * Every draw comes from named streams of the replication (`apps/<device>`, `apps/ranking/...`), so every
 * policy and miss path of a scenario sees the same applications on the same frames.
 */
import { z } from 'zod';
import type { Rng } from '../../sim/rng.js';
import { popularityCdf } from '../../traces/video.js';
import { drawFromCdf } from '../../traces/scene-transitions.js';
import type { World } from '../../world/world.js';

export const mixSchema = z.strictObject({
  popularity: z
    .discriminatedUnion('kind', [z.strictObject({ kind: z.literal('uniform') }), z.strictObject({ kind: z.literal('zipf'), s: z.number().min(0) })])
    .default({ kind: 'zipf', s: 0.8 })
    .describe('Popularity of the applications by rank'),
  perDevice: z.boolean().default(false).describe('Each device ranks the applications in its own random order (else rank r is application r everywhere)'),
  shiftEvery: z.number().positive().optional().describe('Seconds after which every ranking is drawn afresh (a time-varying mix; default: fixed for the run)'),
  meanRun: z.number().min(1).default(1).describe('Mean frames a device keeps the same application (a session; 1: a fresh draw every frame)'),
  byVideo: z.boolean().default(false).describe('With workload.timeline: the application is the index of the recorded video the frame comes from, mod the applications (the other mix keys are then unused)'),
});
export type Mix = z.output<typeof mixSchema>;

export class AppMix {
  private readonly cdf: Float64Array;
  private readonly streams: Rng[];
  private readonly current: Int32Array;
  /** Per device, its ranking (rank -> application) and the epoch it was drawn for. */
  private readonly rankings: Int32Array[];
  private readonly epochs: Float64Array;

  constructor(
    private readonly world: World,
    private readonly mix: Mix,
    private readonly apps: number,
  ) {
    const devices = world.scenario.workload.devices;
    this.cdf = popularityCdf(apps, mix.popularity);
    this.streams = Array.from({ length: devices }, (_, d) => world.rng(`apps/${d}`));
    this.current = new Int32Array(devices).fill(-1);
    this.rankings = Array.from({ length: devices }, () => Int32Array.from({ length: apps }, (_, i) => i));
    this.epochs = new Float64Array(devices).fill(-1);
  }

  /** The application of device d's frame arriving at time t from recorded video `video` (-1: none; its frames in order). */
  next(d: number, t: number, video: number): number {
    if (this.mix.byVideo) return video % this.apps;
    const rng = this.streams[d];
    const stay = this.current[d] >= 0 && rng.uniform() >= 1 / this.mix.meanRun;
    if (!stay) this.current[d] = this.ranking(d, t)[drawFromCdf(this.cdf, rng.uniform())];
    return this.current[d];
  }

  private ranking(d: number, t: number): Int32Array {
    const { perDevice, shiftEvery } = this.mix;
    if (!perDevice && shiftEvery === undefined) return this.rankings[d];
    const epoch = shiftEvery === undefined ? 0 : Math.floor(t / shiftEvery);
    if (this.epochs[d] !== epoch) {
      this.epochs[d] = epoch;
      // One stream per (epoch, device) when per device, else per epoch: every device then draws the same order.
      const rng = this.world.rng(`apps/ranking/${epoch}${perDevice ? `/${d}` : ''}`);
      const order = this.rankings[d];
      for (let i = 0; i < this.apps; i++) order[i] = i;
      for (let i = this.apps - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
    }
    return this.rankings[d];
  }
}
