/**
 * Every cache policy by name: a typed table, so a policy without an entry cannot be named and a new
 * policy is one file plus one line here. `needsFuture` marks oracles: the runner computes the
 * next-use index (traces/next-use.ts) only for them.
 */
import { belady } from './belady.js';
import { beladyBypass } from './belady-bypass.js';
import { fifo } from './fifo.js';
import { lfu } from './lfu.js';
import { lru } from './lru.js';
import { mru } from './mru.js';
import type { CachePolicy, PolicyOptions } from './policy.js';
import { random } from './random.js';

export interface PolicyEntry {
  create: (options: PolicyOptions) => CachePolicy;
  needsFuture: boolean;
  description: string;
}

export const policies = {
  lru: { create: lru, needsFuture: false, description: 'least recently used' },
  fifo: { create: fifo, needsFuture: false, description: 'first in, first out; hits do not reorder' },
  random: { create: random, needsFuture: false, description: 'uniformly random victim, seeded' },
  mru: { create: mru, needsFuture: false, description: 'most recently used: evicts the object requested last (for looping scans)' },
  lfu: { create: lfu, needsFuture: false, description: 'least frequently used since insertion, ties to least recent' },
  belady: { create: belady, needsFuture: true, description: "Belady's MIN oracle: evict the object re-used farthest ahead; always insert" },
  'belady-bypass': { create: beladyBypass, needsFuture: true, description: 'MIN oracle that skips inserting an object re-used later than every cached one' },
} satisfies Record<string, PolicyEntry>;

export type PolicyName = keyof typeof policies;

export const policyNames = Object.keys(policies) as PolicyName[];

export function isPolicyName(s: string): s is PolicyName {
  return Object.hasOwn(policies, s);
}

export function createPolicy(name: PolicyName, options: PolicyOptions): CachePolicy {
  return policies[name].create(options);
}
