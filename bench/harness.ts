/**
 * A benchmark case runs `subject` (mcsim's code) and, when given, `baseline` (the same work done a
 * bare way) in the same process, alternating, and reports the best of `rounds` of each: the best
 * run is the one least disturbed by the machine. ratio = subject rate / baseline rate.
 * A subject that times its own work (a run in a child process, whose start-up is not the work)
 * returns it as a `Timed`; the harness then uses those seconds, and its events if given.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import os from 'node:os';

/** What a self-timed subject returns: the seconds its work took, and the simulator events it fired. */
export interface Timed {
  timed: true;
  seconds: number;
  events?: number;
  /** Further figures of that call (e.g. its peak memory); those of the best call are reported. */
  extra?: Record<string, number>;
}

export interface BenchCase {
  name: string;
  unit: string;
  /** Units of work (events, requests, frames) one call performs. */
  work: number;
  subject: () => unknown | Promise<unknown>;
  baseline?: () => unknown | Promise<unknown>;
  /** @defaultValue 5 */
  rounds?: number;
  /** Further figures measured after the rounds (e.g. memory). */
  extra?: () => Record<string, number>;
  /** Simulator events one call fires (one more call after the rounds): reported per unit of work and per second. */
  events?: () => number;
}

export interface BenchResult {
  name: string;
  unit: string;
  work: number;
  rate: number;
  seconds: number;
  baselineRate?: number;
  ratio?: number;
  extra?: Record<string, number>;
  /** Events per unit of work, and events per second at the best round's rate: how much work a frame is. */
  eventsPerWork?: number;
  eventRate?: number;
  node: string;
  cpu: string;
}

const isTimed = (x: unknown): x is Timed => typeof x === 'object' && x !== null && (x as Timed).timed === true;

/** The middle value (the upper of the two middle ones for an even count). */
export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(f: () => unknown): Promise<{ seconds: number; timed?: Timed }> {
  const t0 = performance.now();
  const out = await f();
  return isTimed(out) ? { seconds: out.seconds, timed: out } : { seconds: (performance.now() - t0) / 1000 };
}

export async function runCase(c: BenchCase): Promise<BenchResult> {
  const rounds = c.rounds ?? 5;
  let best = Infinity, bestBase = Infinity;
  let bestTimed: Timed | undefined;
  for (let r = 0; r < rounds; r++) {
    const t = await time(c.subject);
    if (t.seconds < best) (best = t.seconds), (bestTimed = t.timed);
    if (c.baseline) bestBase = Math.min(bestBase, (await time(c.baseline)).seconds);
  }
  const result: BenchResult = {
    name: c.name,
    unit: c.unit,
    work: c.work,
    rate: Math.round(c.work / best),
    seconds: Number(best.toFixed(4)),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
  };
  if (c.baseline) {
    result.baselineRate = Math.round(c.work / bestBase);
    result.ratio = Number((bestBase / best).toFixed(3));
  }
  const events = bestTimed?.events ?? c.events?.();
  if (events !== undefined) {
    result.eventsPerWork = Number((events / c.work).toFixed(3));
    result.eventRate = Math.round(events / best);
  }
  if (bestTimed?.extra || c.extra) result.extra = { ...bestTimed?.extra, ...c.extra?.() };
  return result;
}

/** Writes bench/results/<name>.json through a temp file, so a killed run leaves no partial file. */
export function saveResult(dir: string, result: BenchResult): void {
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${result.name}.json`;
  writeFileSync(`${path}.tmp`, JSON.stringify(result, null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
}
