/**
 * A plugin policy in the replay loop (issue 18): LRU written as a plugin (bench/plugins/lru.ts, only
 * `mcsim/plugin` exports, loaded by path as `mcsim mrc --policy ./lru.ts` loads it) replayed over
 * cloudPhysicsIO x50 at 1,000 slots, against the built-in LRU as the baseline; the ratio must be >= 0.8.
 * The plugin imports the built package (dist/), which `npm run bench` builds first.
 */
import { fileURLToPath } from 'node:url';
import { replayPolicy } from '../src/mrc/replay.js';
import { policies } from '../src/policies/registry.js';
import { loadPlugin } from '../src/scenario/plugins.js';
import type { CacheTrace } from '../src/traces/cache-trace.js';
import { readCacheTrace } from '../src/traces/read-trace.js';
import type { BenchCase } from './harness.js';
import { REPEAT, SOURCE } from './repeated-trace.js';

const CAPACITY = 1000;

export async function pluginPolicyCases(): Promise<BenchCase[]> {
  const plugin = await loadPlugin(fileURLToPath(new URL('./plugins/lru.ts', import.meta.url)));
  const table = { ...policies, [plugin.info.name]: plugin.entry as (typeof policies)['lru'] };
  const base = await readCacheTrace(SOURCE);
  const keys = new Int32Array(base.keys.length * REPEAT);
  for (let r = 0; r < REPEAT; r++) keys.set(base.keys, r * base.keys.length);
  const trace: CacheTrace = { file: `${SOURCE} x${REPEAT}`, keys, keySpace: base.keySpace };
  // Both warmed on the short trace, so the shared access() call sites see both classes before timing.
  for (const p of ['lru', plugin.info.name]) replayPolicy({ ...trace, keys: base.keys }, p, { capacity: CAPACITY, policies: table });
  return [
    {
      name: 'mrc-lru-plugin-loop',
      unit: 'requests/s',
      work: keys.length,
      subject: () => replayPolicy(trace, plugin.info.name, { capacity: CAPACITY, policies: table }),
      baseline: () => replayPolicy(trace, 'lru', { capacity: CAPACITY, policies: table }),
    },
  ];
}
