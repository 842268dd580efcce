/**
 * Frames replayed from real video scene timelines (e.g. EPIC-KITCHENS-100, `data/video-labels/`):
 * a timeline file lists, per video, disjoint intervals (video,start_s,end_s,rank) where `rank` is the
 * scene's category by popularity (0: the most common). `scripts/make-epic-timelines.ts` states how
 * overlapping annotations became disjoint intervals.
 *
 * Replay: a device plays the videos one after another in file order, starting at a video drawn from
 * its stream (each replication and device starts elsewhere) and wrapping around, each video from its
 * first interval's start to its last one's end, with no pause between videos. Frames arrive at the
 * workload's rate; a frame at video time tau shows the interval covering tau (start <= tau < end).
 * Gaps (tau covered by no interval): with `background` set, the frame shows that class; otherwise
 * no frame is emitted and time moves on. Category rank r becomes class `classes[r]` (default, and
 * for ranks beyond the list, r mod C: the most common categories take classes 0, 1, ...); the frame
 * stands for a real test sample of that class, drawn per frame or repeated from the previous frame of
 * the same interval (`scene-images.ts`; an interval, or a gap, is a scene); the class stays with the scorer.
 */
import { InputError, lineError } from '../errors.js';
import { columnIndex, intField, numberField, readCsv } from '../models/read-table.js';
import type { Frame, FrameSource } from './frame.js';
import { SceneImages } from './scene-images.js';
import { classFrame, interArrival, type StreamOptions } from './video.js';

export interface Timeline {
  video: string;
  start: Float64Array;
  end: Float64Array;
  rank: Int32Array;
}

/** Reads a timeline CSV (video,start_s,end_s,rank; a video's rows contiguous, in time order, disjoint). */
export function readTimelines(path: string): Timeline[] {
  const table = readCsv(path);
  const [video, start, end, rank] = ['video', 'start_s', 'end_s', 'rank'].map((c) => columnIndex(table, c));
  const rows = new Map<string, number[][]>();
  let last = '';
  for (let r = 0; r < table.records.length; r++) {
    const line = table.lines[r];
    const v = table.records[r][video];
    const row = [numberField(table, r, start), numberField(table, r, end), intField(table, r, rank, 0)];
    if (!(row[1] > row[0]) || row[0] < 0) throw lineError(path, line, `expected 0 <= start_s < end_s, got ${row[0]}, ${row[1]}`);
    if (v !== last && rows.has(v)) throw lineError(path, line, `rows of video ${v} are not contiguous`);
    const prev = rows.get(v)?.at(-1);
    if (prev && row[0] < prev[1]) throw lineError(path, line, `interval starts at ${row[0]} s, before the previous one of ${v} ends (${prev[1]} s)`);
    if (!rows.has(v)) rows.set(v, []);
    rows.get(v)!.push(row);
    last = v;
  }
  if (rows.size === 0) throw lineError(path, 1, 'no intervals');
  return [...rows].map(([v, list]) => ({
    video: v,
    start: Float64Array.from(list, (x) => x[0]),
    end: Float64Array.from(list, (x) => x[1]),
    rank: Int32Array.from(list, (x) => x[2]),
  }));
}

export interface TimelineOptions extends StreamOptions {
  timelines: Timeline[];
  /** Class of each category rank. */
  classOfRank: (rank: number) => number;
  /** Class shown in gaps; -1: frames in gaps are skipped. */
  background: number;
}

export class TimelineSource implements FrameSource {
  private emitted = 0;
  private t = 0;
  private video: number;
  private tau: number;
  private i = 0;
  private first = true;
  private videoEnds = 0;
  /** Intervals passed; a frame whose interval or gap (2 x intervals, + 1 in the gap before it) differs from the last frame's opens a scene. */
  private intervals = 0;
  private shown = -1;
  private readonly images: SceneImages;

  constructor(private readonly o: TimelineOptions) {
    this.video = o.rng.int(o.timelines.length);
    this.tau = o.timelines[this.video].start[0];
    this.images = new SceneImages(o.samplesOf, o.rng, o.imageReuse);
  }

  next(f: Frame): boolean {
    const o = this.o;
    if (this.emitted === o.frames) return false;
    const ends = this.videoEnds;
    for (;;) {
      if (!this.first) this.advance();
      this.first = false;
      const v = o.timelines[this.video];
      const covered = this.tau >= v.start[this.i];
      if (!covered && o.background < 0) {
        // Every frame of a whole pass fell into gaps (intervals all shorter than the frame period).
        if (this.videoEnds - ends > o.timelines.length) throw new InputError('timeline: no interval holds a frame at this frame rate (workload.arrivals)');
        continue;
      }
      this.emitted++;
      const shown = 2 * this.intervals + (covered ? 0 : 1);
      classFrame(f, o, this.images, this.t, covered ? o.classOfRank(v.rank[this.i]) : o.background, shown !== this.shown);
      f.video = this.video;
      this.shown = shown;
      return true;
    }
  }

  /** Moves to the next arrival: video time and stream time advance together; past a video's end, the next video starts. */
  private advance(): void {
    const o = this.o;
    const dt = interArrival(o);
    this.t += dt;
    this.tau += dt;
    let v = o.timelines[this.video];
    while (this.tau >= v.end[this.i]) {
      this.intervals++;
      if (++this.i < v.end.length) continue;
      const over = this.tau - v.end[this.i - 1];
      this.videoEnds++;
      this.video = (this.video + 1) % o.timelines.length;
      v = o.timelines[this.video];
      this.i = 0;
      this.tau = v.start[0] + over;
    }
  }
}
