/**
 * What `mcsim mrc` computes, as a library: miss ratios of named policies at chosen cache sizes on one
 * trace (sizes from sizes.ts).
 */
import type { CacheTrace } from '../traces/cache-trace.js';
import { asRequests, type Requests } from '../traces/requests.js';
import { policies, type PolicyEntry, type PolicyName } from '../policies/registry.js';
import { replayPolicy, type ReplayResult } from './replay.js';

export interface MissRatioRow {
  policy: string;
  size: number;
  requests: number;
  misses: number;
  miss_ratio: number;
  byte_miss_ratio: number;
}

export interface MissRatioOptions {
  /** Capacities in bytes, objects their trace sizes; else slots. @defaultValue false */
  bytes?: boolean;
  seed?: string;
  /** The policies names refer to (the built-ins and plugins). @defaultValue the built-ins */
  policies?: Readonly<Record<string, PolicyEntry>>;
}

/** One (policy, size) replay as a row. */
export function missRatioRow(policy: string, size: number, r: ReplayResult): MissRatioRow {
  return { policy, size, requests: r.requests, misses: r.misses, miss_ratio: r.misses / r.requests, byte_miss_ratio: r.missBytes / r.bytes };
}

/** Replays the trace (in memory or spooled) once per (policy, size); the next-use pre-pass runs at most once. */
export function missRatios(trace: CacheTrace | Requests, names: readonly (PolicyName | (string & {}))[], sizes: readonly number[], options: MissRatioOptions = {}): MissRatioRow[] {
  const table: Readonly<Record<string, PolicyEntry>> = options.policies ?? policies;
  const requests = asRequests(trace);
  return names.flatMap((policy) =>
    sizes.map((size) => {
      return missRatioRow(policy, size, replayPolicy(requests, policy, { capacity: size, bytes: options.bytes, seed: options.seed, policies: table }));
    }),
  );
}
