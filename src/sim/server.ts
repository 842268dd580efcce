/**
 * A resource of k identical workers in front of a FIFO queue (SimPy's Resource, with service built in).
 *
 * submit(job, work, done) enqueues a job; when a worker takes it, the service time is
 * `duration(work, start)`: by default `work` itself (seconds), for a link the time to push `work`
 * bits through a time-varying bandwidth. When service ends, `done(job)` is called.
 * With `maxQueue`, a job arriving to a full queue is dropped (counted, submit returns false).
 * Per-worker state is allocated as workers are first used, so it grows with the most workers ever busy
 * at once, not with `workers` (a million idle workers cost nothing).
 */
import { grown } from './typed-arrays.js';
import type { Engine, HandlerId } from './engine.js';
import { Tally, TimeAverage } from './stats.js';

export interface ServerOptions {
  /** Identical workers. @defaultValue 1 */
  workers?: number;
  /** Jobs that may wait (not counting those in service); further arrivals are dropped. @defaultValue Infinity */
  maxQueue?: number;
  /** Service time of `work` started at `start`. @defaultValue the work itself, in seconds */
  duration?: (work: number, start: number) => number;
}

export class Server {
  readonly workers: number;
  readonly maxQueue: number;
  /** Waiting times in queue (s) of jobs that entered service. */
  readonly waits = new Tally();
  /** Busy workers over time; busy.mean(now) / workers is the utilization. */
  readonly busy: TimeAverage;
  /** Jobs waiting over time. */
  readonly queueLength: TimeAverage;
  dropped = 0;

  private readonly duration: (work: number, start: number) => number;
  private readonly onFinish: HandlerId;
  // Per worker that has ever been used: the job in service and its done handler; `idle` is a stack of
  // the used workers that are idle again (taken before a fresh one), `used` how many have been used.
  private wJob = new Float64Array(4);
  private wDone = new Int32Array(4);
  private idle = new Int32Array(4);
  private nIdleUsed = 0;
  private used = 0;
  private nIdle: number;
  // FIFO ring buffer of waiting jobs.
  private qJob = new Float64Array(64);
  private qWork = new Float64Array(64);
  private qDone = new Int32Array(64);
  private qArrival = new Float64Array(64);
  private qHead = 0;
  private qLen = 0;

  constructor(
    private readonly engine: Engine,
    options: ServerOptions = {},
  ) {
    this.workers = options.workers ?? 1;
    this.maxQueue = options.maxQueue ?? Infinity;
    if (!Number.isInteger(this.workers) || this.workers < 1) {
      throw new RangeError(`Server: workers must be a positive integer, got ${this.workers}`);
    }
    if (!(this.maxQueue >= 0)) throw new RangeError(`Server: maxQueue must be >= 0, got ${this.maxQueue}`);
    this.duration = options.duration ?? ((work) => work);
    this.nIdle = this.workers;
    this.busy = new TimeAverage(engine.now);
    this.queueLength = new TimeAverage(engine.now);
    this.onFinish = engine.on((worker) => this.finish(worker));
  }

  /** Jobs waiting, not counting those in service. */
  get queued(): number {
    return this.qLen;
  }

  get inService(): number {
    return this.workers - this.nIdle;
  }

  /** Offers a job; false if it was dropped because the queue is full. */
  submit(job: number, work: number, done: HandlerId): boolean {
    const now = this.engine.now;
    if (this.nIdle > 0) {
      this.waits.add(0);
      this.nIdle--;
      this.start(this.nIdleUsed > 0 ? this.idle[--this.nIdleUsed] : this.fresh(), job, work, done, now);
      return true;
    }
    if (this.qLen >= this.maxQueue) {
      this.dropped++;
      return false;
    }
    if (this.qLen === this.qJob.length) this.growQueue();
    const tail = (this.qHead + this.qLen) & (this.qJob.length - 1);
    this.qJob[tail] = job;
    this.qWork[tail] = work;
    this.qDone[tail] = done;
    this.qArrival[tail] = now;
    this.qLen++;
    this.queueLength.set(now, this.qLen);
    return true;
  }

  /** Forgets accumulated statistics (end of warm-up); jobs in progress are kept. */
  resetStats(): void {
    const now = this.engine.now;
    this.waits.reset();
    this.busy.reset(now);
    this.queueLength.reset(now);
    this.dropped = 0;
  }

  private start(worker: number, job: number, work: number, done: HandlerId, now: number): void {
    this.wJob[worker] = job;
    this.wDone[worker] = done;
    this.busy.set(now, this.workers - this.nIdle);
    this.engine.schedule(this.duration(work, now), this.onFinish, worker);
  }

  private finish(worker: number): void {
    const now = this.engine.now;
    const job = this.wJob[worker], done = this.wDone[worker];
    if (this.qLen > 0) {
      const h = this.qHead;
      this.qHead = (h + 1) & (this.qJob.length - 1);
      this.qLen--;
      this.queueLength.set(now, this.qLen);
      this.waits.add(now - this.qArrival[h]);
      this.start(worker, this.qJob[h], this.qWork[h], this.qDone[h], now);
    } else {
      this.idle[this.nIdleUsed++] = worker;
      this.nIdle++;
      this.busy.set(now, this.workers - this.nIdle);
    }
    // After the bookkeeping, so that `done` may submit again to this server.
    this.engine.invoke(done, job);
  }

  /** A worker never used before (there is one: nIdle counted it), its state allocated. */
  private fresh(): number {
    const w = this.used++;
    if (w === this.wJob.length) {
      this.wJob = grown(this.wJob, 2 * w);
      this.wDone = grown(this.wDone, 2 * w);
      this.idle = grown(this.idle, 2 * w);
    }
    return w;
  }

  private growQueue(): void {
    const n = this.qJob.length;
    const unroll = <T extends Float64Array | Int32Array>(a: T, b: T): T => {
      for (let i = 0; i < n; i++) b[i] = a[(this.qHead + i) & (n - 1)];
      return b;
    };
    this.qJob = unroll(this.qJob, new Float64Array(2 * n));
    this.qWork = unroll(this.qWork, new Float64Array(2 * n));
    this.qDone = unroll(this.qDone, new Int32Array(2 * n));
    this.qArrival = unroll(this.qArrival, new Float64Array(2 * n));
    this.qHead = 0;
  }
}
