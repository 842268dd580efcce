/**
 * Trace replay: every request through `access()`, counting misses and missed bytes. The next-use
 * index is computed only for policies that need the future, and can be passed in to be shared by
 * several runs over the same trace.
 */
import { InputError } from '../errors.js';
import type { CacheTrace } from '../traces/cache-trace.js';
import { nextUseAt, nextUses } from '../traces/next-use.js';
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
  /** The trace's next-use index (traces/next-use.ts), if already computed. */
  next?: Uint32Array;
  /** The policies names refer to (the built-ins and plugins). @defaultValue the built-ins */
  policies?: Readonly<Record<string, PolicyEntry>>;
}

/**
 * Replays keys (with sizes, or unit sizes) through cache; `next` is required by oracle policies. A
 * policy with an at() hook is told each request's time first: `times[i]` when given, else i.
 */
export function replay(cache: CachePolicy, keys: Int32Array, sizes?: Uint32Array, next?: Uint32Array, times?: Float64Array): ReplayResult {
  let misses = 0, bytes = 0, missBytes = 0;
  // Tested once: a policy without at() runs the loop it always ran.
  const timed = cache.at !== undefined;
  for (let i = 0; i < keys.length; i++) {
    const size = sizes ? sizes[i] : 1;
    bytes += size;
    if (timed) cache.at!(times ? times[i] : i);
    if (!access(cache, keys[i], size, next ? nextUseAt(next, i) : Infinity)) {
      misses++;
      missBytes += size;
    }
  }
  return { requests: keys.length, misses, bytes, missBytes };
}

/** Replays a trace through a fresh cache of the named policy. */
export function replayPolicy(trace: CacheTrace, name: PolicyName | (string & {}), options: ReplayOptions): ReplayResult {
  const table: Readonly<Record<string, PolicyEntry>> = options.policies ?? policies;
  if (!Object.hasOwn(table, name)) throw new InputError(`unknown policy "${name}" (expected one of ${Object.keys(table).join(', ')})`);
  const entry = table[name];
  const cache = entry.create({ capacity: options.capacity, keySpace: trace.keySpace, seed: options.seed });
  const next = entry.needsFuture ? (options.next ?? nextUses(trace.keys, trace.keySpace)) : undefined;
  return replay(cache, trace.keys, options.bytes ? traceSizes(trace) : undefined, next, trace.times);
}

/** The trace's sizes; a trace without sizes cannot be replayed in bytes. */
export function traceSizes(trace: CacheTrace): Uint32Array {
  if (!trace.sizes) throw new InputError(`${trace.file}: byte capacities need object sizes, and this trace has none (use a CSV size column or an oracleGeneral file)`);
  return trace.sizes;
}
