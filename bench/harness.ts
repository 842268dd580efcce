/**
 * A benchmark case runs `subject` (mcsim's code) and, when given, `baseline` (the same work done a
 * bare way) in the same process, alternating, and reports the best of `rounds` of each: the best
 * run is the one least disturbed by the machine. ratio = subject rate / baseline rate.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import os from 'node:os';

export interface BenchCase {
  name: string;
  unit: string;
  /** Units of work (events, requests, frames) one call performs. */
  work: number;
  subject: () => unknown;
  baseline?: () => unknown;
  /** @defaultValue 5 */
  rounds?: number;
}

export interface BenchResult {
  name: string;
  unit: string;
  work: number;
  rate: number;
  seconds: number;
  baselineRate?: number;
  ratio?: number;
  node: string;
  cpu: string;
}

function time(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
}

export function runCase(c: BenchCase): BenchResult {
  const rounds = c.rounds ?? 5;
  let best = Infinity, bestBase = Infinity;
  for (let r = 0; r < rounds; r++) {
    best = Math.min(best, time(c.subject));
    if (c.baseline) bestBase = Math.min(bestBase, time(c.baseline));
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
  return result;
}

/** Writes bench/results/<name>.json through a temp file, so a killed run leaves no partial file. */
export function saveResult(dir: string, result: BenchResult): void {
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${result.name}.json`;
  writeFileSync(`${path}.tmp`, JSON.stringify(result, null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
}
