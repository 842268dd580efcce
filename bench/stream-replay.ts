/**
 * Streaming replay (issue 21, items 1 and 5), whole process each:
 * - `stream-rss-lru-<n>`: `mcsim mrc - --format oracle --policy lru --size 1000 --no-curve` fed by a
 *   pipe that writes the bundled cloudPhysicsIO.oracleGeneral.bin over and over (9, 88 and 879
 *   copies: 1.0, 10.0 and 100.1 million requests; nothing is written to disk but mcsim's own spool).
 *   The peak RSS (/usr/bin/time, mcsim's process only) should be flat: memory is by objects.
 * - `stream-synthetic-lru-<n>`: the synthetic stream of bench/synthetic-trace.ts (generated block by
 *   block, never stored) through LRU at 50,000 slots in a fresh process (bench/synthetic-lru.ts):
 *   throughput and peak RSS; the 10^9 case takes a minute or two.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from './harness.js';
import { SOURCE } from './repeated-trace.js';

const bin = fileURLToPath(new URL('../bin/mcsim.js', import.meta.url));
const synthetic = fileURLToPath(new URL('./synthetic-lru.ts', import.meta.url));
const REQUESTS = 113_872;

function pipedCase(copies: number): BenchCase {
  const name = `stream-rss-lru-${Math.round((copies * REQUESTS) / 1e6)}M`;
  const dir = join(tmpdir(), 'mcsim-bench');
  let rssMb = 0;
  const feed = `i=0; while [ $i -lt ${copies} ]; do cat '${SOURCE}'; i=$((i+1)); done`;
  const run = `${feed} | /usr/bin/time -f '%e %M' node '${bin}' mrc - --format oracle --policy lru --size 1000 --no-curve --out '${join(dir, name)}' >/dev/null`;
  return {
    name,
    unit: 'requests/s',
    work: copies * REQUESTS,
    rounds: 3,
    subject: () => {
      mkdirSync(dir, { recursive: true });
      const r = spawnSync('sh', ['-c', run], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
      rssMb = Math.max(rssMb, Math.round(Number(r.stderr.trim().split(/\s+/).pop()) / 1024));
    },
    extra: () => ({ max_rss_mb: rssMb }),
  };
}

function syntheticCase(requests: number, label: string): BenchCase {
  let last: Record<string, number> = {};
  return {
    name: `stream-synthetic-lru-${label}`,
    unit: 'requests/s',
    work: requests,
    rounds: 1,
    subject: () => {
      const r = spawnSync('node', ['--import', 'tsx', synthetic, String(requests)], { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) });
      if (r.status !== 0) throw new Error(`synthetic ${requests} failed: ${r.stderr}`);
      last = JSON.parse(r.stdout.trim().split('\n').pop()!);
    },
    extra: () => ({ max_rss_mb: last.max_rss_mb, in_process_rate: last.rate, misses: last.misses }),
  };
}

export const streamReplayCases = (): BenchCase[] => [pipedCase(9), pipedCase(88), pipedCase(879), syntheticCase(1e7, '1e7'), syntheticCase(1e8, '1e8'), syntheticCase(1e9, '1e9')];
