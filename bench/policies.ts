/**
 * Replay throughput per policy on cloudPhysicsIO repeated 50 times (5,693,600 requests, unit sizes,
 * capacity 1000 objects), the workload issue 4 quotes libCacheSim's C `cachesim` on (~0.48 s for LRU
 * and FIFO, ~1.1-1.3 s for Belady, end to end).
 *
 * - `mrc-<policy>-command`: the whole command, `mcsim mrc` in a fresh process on the 50x
 *   oracleGeneral file (Node and tsx start-up, reading, next-use pre-pass for oracles, replay, output).
 * - `mrc-<policy>-loop`: the replay loop alone, on keys already in memory (oracles get the next-use
 *   index precomputed). Every policy is replayed once before timing, so the shared `access()` call
 *   sites are equally polymorphic for all cases, as in `mcsim mrc` with several policies.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyNames } from '../src/policies/registry.js';
import { replayPolicy } from '../src/mrc/replay.js';
import type { CacheTrace } from '../src/traces/cache-trace.js';
import { nextUses } from '../src/traces/next-use.js';
import { readCacheTrace } from '../src/traces/read-trace.js';
import { bareLru } from './bare-lru.js';
import type { BenchCase } from './harness.js';
import { REPEAT, SOURCE as source, repeatedTraceFile } from './repeated-trace.js';

const CAPACITY = 1000;
const root = new URL('..', import.meta.url);
const base = await readCacheTrace(source);
const keys = new Int32Array(base.keys.length * REPEAT);
for (let r = 0; r < REPEAT; r++) keys.set(base.keys, r * base.keys.length);
const trace: CacheTrace = { file: `${source} x${REPEAT}`, keys, keySpace: base.keySpace };
const next = nextUses(keys, trace.keySpace);
const warm: CacheTrace = { ...trace, keys: base.keys };
for (const p of policyNames) replayPolicy(warm, p, { capacity: CAPACITY, next: nextUses(base.keys, base.keySpace) });

function command(policy: string): void {
  const file = repeatedTraceFile();
  const out = join(tmpdir(), 'mcsim-bench', `mrc-${policy}`);
  const bin = fileURLToPath(new URL('bin/mcsim.js', root));
  const r = spawnSync(process.execPath, [bin, 'mrc', file, '--policy', policy, '--size', String(CAPACITY), '--no-curve', '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mcsim mrc failed: ${r.stderr}`);
}

export const policyCases: BenchCase[] = policyNames.flatMap((policy): BenchCase[] => [
  { name: `mrc-${policy}-command`, unit: 'requests/s', work: keys.length, rounds: 3, subject: () => command(policy) },
  {
    name: `mrc-${policy}-loop`,
    unit: 'requests/s',
    work: keys.length,
    subject: () => replayPolicy(trace, policy, { capacity: CAPACITY, next }),
    baseline: policy === 'lru' ? () => bareLru(keys, trace.keySpace, CAPACITY) : undefined,
  },
]);
