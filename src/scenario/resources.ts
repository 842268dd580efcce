/**
 * Resource bounds, checked when a scenario is validated, before anything is built: the memory a run
 * (or a sweep on its workers) will hold, estimated from the scenario, must stay below a limit the user
 * can raise (`--max-memory-gb`), and a per-frame log must fit on the output's disk. A million devices
 * or a billion replications are refused in milliseconds instead of dying in an out-of-memory abort.
 *
 * The per-item costs are peak resident sets of real runs of the default scenario (Node 20, x86-64,
 * through bin/mcsim.js; test/scenario/memory.test.ts holds the estimate within [0.8, 1.6] of the
 * measured peak across devices, frames, replications, workers, server workers, sharing modes and the
 * per-frame log, at up to 10,000 devices): a process holding the tables ~250 MB (each further worker
 * thread ~90-170 MB: 170 is charged, the tsx-run figure; a built dist/ needs less), a live world 43-53 kB per device (processor sharing and FIFO links;
 * 55 kB charged), a server worker that could be busy 32 bytes (state is allocated only for workers
 * ever busy at once: at most the frames), a finished run kept for the summary ~2.3 kB, the oracle
 * pre-pass 12 bytes per frame, a frames.csv line ~90 bytes (1.5e7 lines: 1.28 GB).
 *
 * What it leaves out: an overloaded run's backlog. Frames waiting in a queue hold ~220 bytes each, so
 * a run whose queues never drain grows with the frames it generates (100 devices x 20,000 frames on
 * one edge worker: +430 MB); bound it with `device.maxQueue` / `edge.maxQueue` or fewer frames.
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';
import { machineMemoryGb } from './memory-limit.js';
import type { RegistryTables } from '../strategies/strategy.js';
import { builtinRegistries } from './registries.js';
import type { Scenario } from './schema.js';

const PROCESS_BYTES = 250e6;
const WORKER_THREAD_BYTES = 170e6;
const DEVICE_BYTES = 55e3;
const SERVER_WORKER_BYTES = 32;
const RUN_BYTES = 2.5e3;
const FUTURE_BYTES_PER_FRAME = 12;
export const FRAME_LINE_BYTES = 90;

export interface ResourceOptions {
  /** Where the scenario's strategies come from. @defaultValue the built-ins */
  registries?: RegistryTables;
  /** Threads running at once (each holds its own copy of the tables and one world). @defaultValue 1 */
  workers?: number;
  /** Runs whose summaries are kept at once (a sweep: points x strategies x replications). @defaultValue the scenario's */
  keptRuns?: number;
}

export interface ResourceEstimate {
  memoryBytes: number;
  /** Bytes of frames.csv when the per-frame log is written. */
  frameLogBytes: number;
}

export function estimateResources(s: Scenario, o: ResourceOptions = {}): ResourceEstimate {
  const devices = s.workload.devices;
  const registries = o.registries ?? builtinRegistries;
  const framesPerRun = devices * s.frames;
  const oracle = s.strategies.some((n) => registries.strategies[n].needsFuture?.(s[n], registries));
  const runs = s.strategies.length * s.replications;
  // A server's workers cost only when busy, and at most every frame of a run is in service at once.
  const serverWorkers = Math.min(s.edge.workers, framesPerRun) + (s.network.wan ? Math.min(s.cloud.workers, framesPerRun) : 0);
  const perThread = devices * DEVICE_BYTES + serverWorkers * SERVER_WORKER_BYTES + (oracle ? framesPerRun * FUTURE_BYTES_PER_FRAME : 0);
  return {
    // The process once, each further worker thread its own tables and world.
    memoryBytes: PROCESS_BYTES + ((o.workers ?? 1) - 1) * WORKER_THREAD_BYTES + (o.workers ?? 1) * perThread + (o.keptRuns ?? runs) * RUN_BYTES,
    frameLogBytes: runs * devices * (s.frames - s.warmupFrames) * FRAME_LINE_BYTES,
  };
}

const gb = (b: number) => `${(b / 1e9).toPrecision(3)} GB`;

/**
 * Throws an InputError naming `where` when the estimate is above `maxMemoryGb` (or the machine's
 * memory, whichever is lower), or the per-frame log
 * (when `frameLogDir` is given) above the free space of its disk.
 */
export function checkResources(s: Scenario, where: string, o: ResourceOptions & { maxMemoryGb: number; frameLogDir?: string }): ResourceEstimate {
  const e = estimateResources(s, o);
  const machine = machineMemoryGb();
  const limit = Math.min(o.maxMemoryGb, machine);
  if (e.memoryBytes > limit * 1e9) {
    const what = `${where}: needs about ${gb(e.memoryBytes)} of memory (${s.workload.devices} device(s), ${s.strategies.length} strateg(ies) x ${s.replications} replication(s)${o.workers && o.workers > 1 ? `, ${o.workers} workers` : ''})`;
    throw new InputError(
      limit < o.maxMemoryGb
        ? `${what}, above this machine's memory (${machine.toPrecision(3)} GB); reduce them`
        : `${what}, above the limit of ${o.maxMemoryGb} GB; reduce them or raise the limit with --max-memory-gb (at most this machine's ${machine.toPrecision(3)} GB; and node's heap: NODE_OPTIONS=--max-old-space-size=<MB>)`,
    );
  }
  if (o.frameLogDir !== undefined) {
    const free = freeBytes(o.frameLogDir);
    if (free !== undefined && e.frameLogBytes > free) {
      throw new InputError(`${where}: the per-frame log would take about ${gb(e.frameLogBytes)}, but ${o.frameLogDir} has ${gb(free)} free; drop --per-frame or shorten the run`);
    }
  }
  return e;
}

/** Free bytes on the disk of `dir` (or of its nearest existing parent); undefined if unknown. */
function freeBytes(dir: string): number | undefined {
  for (let d = dir; ; ) {
    try {
      const st = statfsSync(d);
      return st.bavail * st.bsize;
    } catch {
      const up = dirname(d);
      if (up === d) return undefined;
      d = up;
    }
  }
}

/**
 * Frames simulated per second by one worker, the range `npm run bench -- overload` measured on a
 * 2-core VM (docs/performance.md: 64k frames/s with 1,000 devices on one edge, 476k with 100 devices
 * and scaled capacity); the strategies and the device count move a run within it.
 */
const FRAME_RATE = [6.4e4, 4.76e5] as const;

/** A line saying how long `frames` simulated frames take on `workers`, or null when it is under 10 s at the slow rate. */
export function durationNote(frames: number, workers: number): string | null {
  const seconds = FRAME_RATE.map((rate) => frames / (rate * Math.max(1, workers)));
  if (seconds[0] < 10) return null;
  const say = (s: number) => (s < 120 ? `${Math.round(s)} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);
  return `${frames.toExponential(2)} frames to simulate: about ${say(seconds[1])} to ${say(seconds[0])} on ${workers} worker(s) (${FRAME_RATE[0] / 1e3}k-${FRAME_RATE[1] / 1e3}k frames/s each, docs/performance.md)`;
}
