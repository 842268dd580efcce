/**
 * Trace replay: every request through `access()`, counting misses and missed bytes, block by block
 * (traces/requests.ts: an in-memory trace is one block, a spooled one is read in blocks). The next-use
 * index is computed only for policies that need the future, and can be passed in to be shared by
 * several runs over the same in-memory trace (a spool computes it once and keeps it).
 */
import { InputError } from '../errors.js';
import type { CacheTrace } from '../traces/cache-trace.js';
import { nextUseAt } from '../traces/next-use.js';
import { asRequests, requestsOf, type RequestBlock, type Requests } from '../traces/requests.js';
import { access, type CachePolicy } from '../policies/policy.js';
import { policies, type PolicyEntry, type PolicyName } from '../policies/registry.js';

export interface ReplayResult {
  requests: number;
  misses: number;
  /** Bytes requested (= requests with unit sizes). */
  bytes: number;
  missBytes: number;
}

export interface ReplayOptions {
  capacity: number;
  /** Capacity in bytes, each request its trace size; else every object has size 1. @defaultValue false */
  bytes?: boolean;
  /** Seed for randomized policies. */
  seed?: string;
  /** The in-memory trace's next-use index (traces/next-use.ts), if already computed. */
  next?: Uint32Array;
  /** The policies names refer to (the built-ins and plugins). @defaultValue the built-ins */
  policies?: Readonly<Record<string, PolicyEntry>>;
}

/**
 * Replays keys (with sizes, or unit sizes) through cache; `next` is required by oracle policies. A
 * policy with an at() hook is told each request's time first: `times[i]` when given, else i.
 */
export function replay(cache: CachePolicy, keys: Int32Array, sizes?: Uint32Array, next?: Uint32Array, times?: Float64Array): ReplayResult {
  return replayBlocks(cache, [{ start: 0, keys, sizes, next, times }]);
}

/** replay() over consecutive blocks of one trace: the request loop, written once. */
export function replayBlocks(cache: CachePolicy, blocks: Iterable<RequestBlock>): ReplayResult {
  let requests = 0, misses = 0, bytes = 0, missBytes = 0;
  // Tested once: a policy without at() runs the loop it always ran.
  const timed = cache.at !== undefined, positioned = cache.position !== undefined;
  for (const { start, keys, sizes, next, times } of blocks) {
    for (let i = 0; i < keys.length; i++) {
      const size = sizes ? sizes[i] : 1;
      bytes += size;
      if (timed) cache.at!(times ? times[i] : start + i);
      if (positioned) cache.position!(start + i);
      if (!access(cache, keys[i], size, next ? nextUseAt(next, i) : Infinity)) {
        misses++;
        missBytes += size;
      }
    }
    requests += keys.length;
  }
  return { requests, misses, bytes, missBytes };
}

/** Replays a trace (in memory or spooled) through a fresh cache of the named policy. */
export function replayPolicy(trace: CacheTrace | Requests, name: PolicyName | (string & {}), options: ReplayOptions): ReplayResult {
  const table: Readonly<Record<string, PolicyEntry>> = options.policies ?? policies;
  if (!Object.hasOwn(table, name)) throw new InputError(`unknown policy "${name}" (expected one of ${Object.keys(table).join(', ')})`);
  const entry = table[name];
  const requests = 'keys' in trace ? requestsOf(trace, options.next) : trace;
  if (options.bytes) requireSizes(requests);
  const cache = entry.create({ capacity: options.capacity, keySpace: requests.keySpace, seed: options.seed });
  const future = entry.needsFuture === true;
  if (future) requests.prepareNextUses();
  return replayBlocks(cache, requests.blocks({ sizes: options.bytes, times: cache.at !== undefined, next: future }));
}

/** A trace without sizes cannot be replayed in bytes. */
export function requireSizes(trace: CacheTrace | Requests): void {
  if (!asRequests(trace).hasSizes) throw new InputError(`${trace.file}: byte capacities need object sizes, and this trace has none (use a CSV size column or an oracleGeneral file)`);
}
