/**
 * Every cache policy by name: a typed table, so a policy without an entry cannot be named and a new
 * policy is one file plus one line here. `needsFuture` marks oracles: the runner computes the
 * next-use index (traces/next-use.ts) only for them.
 */
import { arc } from './arc.js';
import { belady } from './belady.js';
import { beladyBypass } from './belady-bypass.js';
import { beladySize } from './belady-size.js';
import { clock } from './clock.js';
import { fifo } from './fifo.js';
import { gds } from './gds.js';
import { gdsf } from './gdsf.js';
import { lfu } from './lfu.js';
import { lru } from './lru.js';
import { mru } from './mru.js';
import type { CachePolicy, PolicyOptions } from './policy.js';
import { random } from './random.js';
import { s3fifo } from './s3fifo.js';
import { sieve } from './sieve.js';
import { twoq } from './twoq.js';

export interface PolicyEntry {
  create: (options: PolicyOptions) => CachePolicy;
  needsFuture: boolean;
  description: string;
  /** Capacity is divided among fixed-size queues (S3-FIFO's small FIFO, 2Q's A1in), so the policy may evict before the whole cache is full. */
  splitsCapacity?: true;
  /** Behind an admission filter (admission.ts), which may refuse a miss even when everything fits. */
  filtered?: true;
}

export const policies = {
  lru: { create: lru, needsFuture: false, description: 'least recently used' },
  fifo: { create: fifo, needsFuture: false, description: 'first in, first out; hits do not reorder' },
  random: { create: random, needsFuture: false, description: 'uniformly random victim, seeded' },
  mru: { create: mru, needsFuture: false, description: 'most recently used: evicts the object requested last (for looping scans)' },
  lfu: { create: lfu, needsFuture: false, description: 'least frequently used since insertion, ties to least recent' },
  arc: { create: arc, needsFuture: false, description: 'ARC: recency and frequency LRU lists with ghosts, self-tuning split' },
  s3fifo: { create: s3fifo, needsFuture: false, description: 'S3-FIFO: 10% small FIFO, ghost, main FIFO with reinsertion', splitsCapacity: true },
  sieve: { create: sieve, needsFuture: false, description: 'SIEVE: FIFO with a visited bit and a hand that sweeps old to new' },
  clock: { create: clock, needsFuture: false, description: 'Clock: FIFO with a 1-bit second chance' },
  twoq: { create: twoq, needsFuture: false, description: '2Q: A1in FIFO, A1out ghost, Am LRU', splitsCapacity: true },
  gdsf: { create: gdsf, needsFuture: false, description: 'GDSF: evict the lowest L + freq / size, L = last evicted priority (libCacheSim GDSF)' },
  gds: { create: gds, needsFuture: false, description: 'GreedyDual-Size, cost 1: evict the lowest L + 1 / size, L = last evicted priority' },
  belady: { create: belady, needsFuture: true, description: "Belady's MIN oracle: evict the object re-used farthest ahead; always insert" },
  'belady-bypass': { create: beladyBypass, needsFuture: true, description: 'MIN oracle that skips inserting an object re-used later than every cached one' },
  'belady-size': { create: beladySize, needsFuture: true, description: 'size-aware Belady oracle (libCacheSim BeladySize, exact): evict the largest size x distance to next use; an approximation with variable sizes, not a bound', filtered: true },
} satisfies Record<string, PolicyEntry>;

export type PolicyName = keyof typeof policies;

export const policyNames = Object.keys(policies) as PolicyName[];

export function isPolicyName(s: string): s is PolicyName {
  return Object.hasOwn(policies, s);
}

export function createPolicy(name: PolicyName, options: PolicyOptions): CachePolicy {
  return policies[name].create(options);
}
