/**
 * A server that batches: k identical workers (GPUs), each running one batch at a time, in front of
 * one FIFO queue per model, formed the way Triton's dynamic batcher forms them:
 * - a batch holds jobs of one model: jobs submitted with the same `done` handler (one strategy step
 *   serving one model, as strategies/remote.ts does);
 * - a model's queue is ready when it holds `maxBatch` jobs or its oldest job has waited `maxWait`
 *   seconds; a free worker takes up to `maxBatch` jobs from the ready queue whose oldest job arrived
 *   first; with maxWait 0 every waiting job is ready at once (greedy batching);
 * - a batch of n jobs whose batch-1 times are w_1..w_n runs mean(w) x (1 + perExtra x (n - 1)) s:
 *   the linear law, each extra image costing `perExtra` of a batch-1 run (docs/edge-batching.md has
 *   the fit and its source); each job's share of the batch's compute is
 *   (1 + perExtra x (n - 1)) / n of its own batch-1 time, read from `share` by `done`.
 * With maxBatch 1 it is Server's FIFO queue exactly (a test replays both), so batching off and
 * batching at 1 give the same numbers.
 */
import type { Engine, HandlerId } from './engine.js';
import { Tally, TimeAverage } from './stats.js';

export interface BatchOptions {
  /** Jobs in one batch at most. */
  maxBatch: number;
  /** Seconds a model's oldest job may wait for a fuller batch while a worker is free. */
  maxWait: number;
  /** Each job beyond the first adds this fraction of the batch-1 time. */
  perExtra: number;
}

export interface BatchServerOptions {
  /** @defaultValue 1 */
  workers?: number;
  /** Jobs that may wait, over all models; further arrivals are dropped. @defaultValue Infinity */
  maxQueue?: number;
  batching: BatchOptions;
}

/** One model's waiting jobs, in arrival order. */
interface ModelQueue {
  readonly done: HandlerId;
  jobs: number[];
  works: number[];
  arrivals: number[];
  /** Submission order of each job: the order between queues (arrival times can tie). */
  seqs: number[];
  /** Index of the oldest waiting job (the arrays are compacted when it passes half their length). */
  head: number;
  /** Whether a maxWait timer is pending for this queue's oldest job. */
  timed: boolean;
}

export class BatchServer {
  readonly workers: number;
  readonly maxQueue: number;
  readonly batching: Readonly<BatchOptions>;
  /** Waiting times in queue (s) of jobs that entered service. */
  readonly waits = new Tally();
  /** Batch sizes served. */
  readonly batchSizes = new Tally();
  /** Busy workers over time; busy.mean(now) / workers is the utilization. */
  readonly busy: TimeAverage;
  /** Jobs waiting over time. */
  readonly queueLength: TimeAverage;
  dropped = 0;
  /** While `done` runs: the share of its batch-1 compute the job used (see the header)... */
  share = 1;
  /** ... and the seconds its batch ran (the job's compute time; the rest of its stay is waiting). */
  batchSeconds = 0;

  private readonly queues: ModelQueue[] = [];
  private readonly queueOf = new Map<HandlerId, ModelQueue>();
  private waiting = 0;
  private submitted = 0;
  private idle: number;
  /** Batches in service, by the worker-independent id their finish event carries. */
  private readonly running = new Map<number, { queue: ModelQueue; jobs: number[]; share: number; seconds: number }>();
  private nextBatch = 0;
  private readonly onFinish: HandlerId;
  private readonly onTimeout: HandlerId;

  constructor(
    private readonly engine: Engine,
    options: BatchServerOptions,
  ) {
    this.workers = options.workers ?? 1;
    this.maxQueue = options.maxQueue ?? Infinity;
    this.batching = options.batching;
    const { maxBatch, maxWait, perExtra } = options.batching;
    if (!Number.isInteger(this.workers) || this.workers < 1) throw new RangeError(`BatchServer: workers must be a positive integer, got ${this.workers}`);
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`BatchServer: maxBatch must be a positive integer, got ${maxBatch}`);
    if (!(maxWait >= 0)) throw new RangeError(`BatchServer: maxWait must be >= 0, got ${maxWait}`);
    if (!(perExtra >= 0)) throw new RangeError(`BatchServer: perExtra must be >= 0, got ${perExtra}`);
    this.idle = this.workers;
    this.busy = new TimeAverage(engine.now);
    this.queueLength = new TimeAverage(engine.now);
    this.onFinish = engine.on((batch) => this.finish(batch));
    this.onTimeout = engine.on((q) => {
      this.queues[q].timed = false;
      this.dispatch();
    });
  }

  /** Jobs waiting, not counting those in service. */
  get queued(): number {
    return this.waiting;
  }

  get inService(): number {
    return this.workers - this.idle;
  }

  /** Offers a job of the model that `done` serves; false if it was dropped because the queue is full. */
  submit(job: number, work: number, done: HandlerId): boolean {
    const q = this.queue(done);
    q.jobs.push(job);
    q.works.push(work);
    q.arrivals.push(this.engine.now);
    q.seqs.push(this.submitted++);
    this.waiting++;
    this.dispatch();
    if (this.waiting > this.maxQueue && q.jobs.length > q.head && q.jobs.at(-1) === job) {
      // Still waiting, and the queue was full: the arrival is dropped (as Server drops it).
      q.jobs.pop(), q.works.pop(), q.arrivals.pop(), q.seqs.pop();
      this.waiting--;
      this.dropped++;
      return false;
    }
    this.queueLength.set(this.engine.now, this.waiting);
    return true;
  }

  /** Forgets accumulated statistics (end of warm-up); jobs in progress are kept. */
  resetStats(): void {
    const now = this.engine.now;
    this.waits.reset();
    this.batchSizes.reset();
    this.busy.reset(now);
    this.queueLength.reset(now);
    this.dropped = 0;
  }

  private queue(done: HandlerId): ModelQueue {
    let q = this.queueOf.get(done);
    if (!q) {
      q = { done, jobs: [], works: [], arrivals: [], seqs: [], head: 0, timed: false };
      this.queueOf.set(done, q);
      this.queues.push(q);
    }
    return q;
  }

  /** Starts batches while a worker is free and a queue is ready; arms the maxWait timers of the rest. */
  private dispatch(): void {
    const now = this.engine.now, { maxBatch, maxWait } = this.batching;
    while (this.idle > 0) {
      let pick: ModelQueue | undefined;
      for (const q of this.queues) {
        const n = q.jobs.length - q.head;
        if (n === 0) continue;
        // The same sum as the timer's time: now - arrival >= maxWait can round the other way and re-arm forever.
        const ready = n >= maxBatch || now >= q.arrivals[q.head] + maxWait;
        if (ready && (!pick || q.seqs[q.head] < pick.seqs[pick.head])) pick = q;
      }
      if (!pick) break;
      this.start(pick, now);
    }
    if (this.idle === 0) return;
    // Free workers wait for fuller batches: wake up when an oldest job's wait runs out.
    this.queues.forEach((q, i) => {
      if (q.timed || q.jobs.length === q.head) return;
      q.timed = true;
      this.engine.scheduleAt(q.arrivals[q.head] + maxWait, this.onTimeout, i);
    });
  }

  private start(q: ModelQueue, now: number): void {
    const n = Math.min(this.batching.maxBatch, q.jobs.length - q.head);
    const jobs = q.jobs.slice(q.head, q.head + n);
    let work = 0;
    for (let i = q.head; i < q.head + n; i++) {
      work += q.works[i];
      this.waits.add(now - q.arrivals[i]);
    }
    q.head += n;
    if (q.head === q.jobs.length || q.head > 1024) {
      q.jobs = q.jobs.slice(q.head);
      q.works = q.works.slice(q.head);
      q.arrivals = q.arrivals.slice(q.head);
      q.seqs = q.seqs.slice(q.head);
      q.head = 0;
    }
    this.waiting -= n;
    this.idle--;
    this.batchSizes.add(n);
    const factor = 1 + this.batching.perExtra * (n - 1);
    const id = this.nextBatch++, seconds = (work / n) * factor;
    this.running.set(id, { queue: q, jobs, share: factor / n, seconds });
    this.busy.set(now, this.workers - this.idle);
    this.queueLength.set(now, this.waiting);
    this.engine.schedule(seconds, this.onFinish, id);
  }

  private finish(id: number): void {
    const batch = this.running.get(id)!;
    this.running.delete(id);
    this.idle++;
    this.busy.set(this.engine.now, this.workers - this.idle);
    this.dispatch();
    // After the bookkeeping, so that `done` may submit again to this server.
    for (const job of batch.jobs) {
      this.share = batch.share;
      this.batchSeconds = batch.seconds;
      this.engine.invoke(batch.queue.done, job);
    }
    this.share = 1;
    this.batchSeconds = 0;
  }
}
