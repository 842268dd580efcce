/**
 * `mcsim mrc` against libCacheSim's `cachesim` (issue 13), whole process each, on cloudPhysicsIO
 * repeated 50 times (bench/repeated-trace.ts; 5,693,600 requests, oracleGeneral binary), 1,000 slots:
 * LRU and Belady with `--no-curve` (the same work as cachesim: one size), and LRU with the default
 * curve and chart. Runs alternate (mcsim, cachesim, mcsim, ...) so both see the same machine load;
 * the figures are medians of the rounds: wall seconds, CPU seconds (user + sys) and peak RSS from
 * /usr/bin/time. ratio = cachesim's median wall time / mcsim's (above 1: mcsim is faster).
 *
 * Needs a cachesim binary: CACHESIM=/path/to/cachesim npm run bench -- libcachesim. It is not a
 * dependency; build it (GPL-3.0, commit aa0fc409) with
 *   git clone https://github.com/1a1a11a/libCacheSim && cd libCacheSim && git checkout aa0fc409
 *   apt-get install build-essential cmake libglib2.0-dev libzstd-dev libgoogle-perftools-dev
 *   mkdir _build && cd _build && cmake -DCMAKE_BUILD_TYPE=Release .. && make -j cachesim
 * Without CACHESIM these cases are skipped.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type BenchCase } from './harness.js';
import { repeatedTraceFile } from './repeated-trace.js';

const bin = fileURLToPath(new URL('../bin/mcsim.js', import.meta.url));
const requests = 113_872 * 50;

interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
}

/** Runs argv under /usr/bin/time; its figures end stderr. */
export function timed(argv: string[]): Sample {
  // cachesim writes result files into its working directory: keep them out of the checkout.
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...argv], { encoding: 'utf8', maxBuffer: 1 << 26, cwd: join(tmpdir(), 'mcsim-bench') });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  // The last four fields; cachesim's log ends in a colour reset without a newline, so strip escapes.
  const [wall, user, sys, rss] = r.stderr.replace(/\x1b\[[0-9;]*m/g, '').trim().split(/\s+/).slice(-4).map(Number);
  return { wall, cpu: user + sys, rssMb: Math.round(rss / 1024) };
}

/** Issue 21's targets: mcsim's wall (one size) or CPU time (with the curve) as a fraction of cachesim's. */
function versus(name: string, policy: 'lru' | 'belady', curve: boolean, cachesim: string, target: { of: 'wall' | 'cpu'; ratio: number }): BenchCase {
  const mine: Sample[] = [], theirs: Sample[] = [];
  const file = repeatedTraceFile();
  const out = join(tmpdir(), 'mcsim-bench', name);
  const mcsimArgv = ['node', bin, 'mrc', file, '--policy', policy, '--size', '1000', '--out', out, ...(curve ? [] : ['--no-curve'])];
  const cachesimArgv = [cachesim, file, 'oracleGeneral', policy, '1000', '--ignore-obj-size', '1'];
  const stat = (xs: Sample[], k: keyof Sample) => median(xs.map((x) => x[k]));
  return {
    name,
    unit: 'requests/s',
    work: requests,
    subject: () => void mine.push(timed(mcsimArgv)),
    baseline: () => void theirs.push(timed(cachesimArgv)),
    extra: () => ({
      mcsim_wall_median_s: stat(mine, 'wall'),
      cachesim_wall_median_s: stat(theirs, 'wall'),
      wall_ratio_mcsim_over_cachesim: Number((stat(mine, 'wall') / stat(theirs, 'wall')).toFixed(3)),
      mcsim_cpu_median_s: Number(stat(mine, 'cpu').toFixed(2)),
      cachesim_cpu_median_s: Number(stat(theirs, 'cpu').toFixed(2)),
      cpu_ratio_mcsim_over_cachesim: Number((stat(mine, 'cpu') / stat(theirs, 'cpu')).toFixed(3)),
      mcsim_max_rss_mb: Math.max(...mine.map((s) => s.rssMb)),
      cachesim_max_rss_mb: Math.max(...theirs.map((s) => s.rssMb)),
      rounds: mine.length,
      [`target_${target.of}_ratio_at_most`]: target.ratio,
      target_met: stat(mine, target.of) / stat(theirs, target.of) <= target.ratio ? 1 : 0,
    }),
  };
}

export function libCacheSimCases(): BenchCase[] {
  const cachesim = process.env.CACHESIM;
  if (!cachesim) return [];
  return [
    versus('vs-cachesim-lru-no-curve', 'lru', false, cachesim, { of: 'wall', ratio: 0.35 }),
    versus('vs-cachesim-belady-no-curve', 'belady', false, cachesim, { of: 'wall', ratio: 0.45 }),
    versus('vs-cachesim-lru-curve', 'lru', true, cachesim, { of: 'cpu', ratio: 1.0 }),
  ];
}
