/**
 * Obviously-correct reference models: the cache is a plain array of entries and every decision is a
 * linear scan written straight from the policy's definition. Slow on purpose; tests compare the
 * real policies against it request by request.
 */
import { Rng } from '../../src/sim/rng.js';
import type { PolicyName } from '../../src/policies/registry.js';
import { queueModels } from './reference-queues.js';

interface Entry {
  key: number;
  size: number;
  inserted: number;
  last: number;
  freq: number;
  next: number;
  /** GreedyDual priority (gdsf, gds): L at the last request + value. */
  pri: number;
}

/** The GreedyDual term added to L (gdsf, gds; libCacheSim's 1e6 scale), 0 for other policies. */
function greedyValue(name: PolicyName, freq: number, size: number): number {
  if (name === 'gdsf') return (freq * 1.0e6) / size;
  if (name === 'gds') return 1.0e6 / size;
  return 0;
}

/** Next request index of each request by forward scan (Infinity if none). */
export function naiveNextUses(keys: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    let j = i + 1;
    while (j < keys.length && keys[j] !== keys[i]) j++;
    out.push(j < keys.length ? j : Infinity);
  }
  return out;
}

/** Index in cache of the entry the policy evicts (`now`: the request's index). */
function victimIndex(name: PolicyName, cache: Entry[], rng: Rng, now: number): number {
  const better = (a: Entry, b: Entry): boolean => {
    switch (name) {
      case 'lru':
        return a.last < b.last;
      case 'mru':
        return a.last > b.last;
      case 'fifo':
        return a.inserted < b.inserted;
      case 'lfu':
        return a.freq < b.freq || (a.freq === b.freq && a.last < b.last);
      case 'gdsf':
      case 'gds':
        return a.pri < b.pri || (a.pri === b.pri && a.last < b.last);
      case 'belady':
      case 'belady-bypass':
        return a.next > b.next || (a.next === b.next && a.key < b.key);
      case 'belady-size': {
        const score = (e: Entry) => e.size * (e.next - now);
        return score(a) > score(b) || (score(a) === score(b) && a.key < b.key);
      }
      default:
        return false;
    }
  };
  if (name === 'random') return rng.int(cache.length);
  let best = 0;
  for (let i = 1; i < cache.length; i++) if (better(cache[i], cache[best])) best = i;
  return best;
}

/** What a replay did: hit (true) or miss per request, and the keys each request evicted. */
export interface Trail {
  hits: boolean[];
  evicted: number[][];
}

/** sizes: per request, or all 1. */
export function referenceReplay(name: PolicyName, capacity: number, keys: number[], sizes?: number[], seed = 'mcsim'): Trail {
  if (Object.hasOwn(queueModels, name)) return queueReplay(name, capacity, keys, sizes);
  const rng = new Rng(seed);
  const next = naiveNextUses(keys);
  const cache: Entry[] = [];
  const hits: boolean[] = [], evicted: number[][] = [];
  const used = () => cache.reduce((s, e) => s + e.size, 0);
  let inflation = 0;
  for (let t = 0; t < keys.length; t++) {
    const key = keys[t], size = sizes ? sizes[t] : 1;
    const hit = cache.find((e) => e.key === key);
    hits.push(hit !== undefined);
    evicted.push([]);
    if (hit) {
      hit.last = t;
      hit.freq++;
      hit.next = next[t];
      hit.pri = inflation + greedyValue(name, hit.freq, hit.size);
      continue;
    }
    if (size > capacity) continue;
    // belady-size (libCacheSim BeladySize) never inserts an object that is not requested again.
    if (name === 'belady-size' && next[t] === Infinity) continue;
    if (name === 'belady-bypass' && used() + size > capacity) {
      const farthest = Math.max(...cache.map((e) => e.next));
      if (!(next[t] < farthest)) continue;
    }
    while (used() + size > capacity) {
      const i = victimIndex(name, cache, rng, t);
      evicted[t].push(cache[i].key);
      inflation = cache[i].pri;
      // The random policy keeps its cached keys in a dense array with swap-remove: same order here.
      cache[i] = cache[cache.length - 1];
      cache.pop();
    }
    // GreedyDual (libCacheSim cache_get_base): priced with the L its evictions left.
    cache.push({ key, size, inserted: t, last: t, freq: 1, next: next[t], pri: inflation + greedyValue(name, 1, size) });
  }
  return { hits, evicted };
}

/** Replay through a multi-queue model (reference-queues.ts). */
function queueReplay(name: PolicyName, capacity: number, keys: number[], sizes?: number[]): Trail {
  const model = queueModels[name](capacity);
  const hits: boolean[] = [], evicted: number[][] = [];
  keys.forEach((key, t) => {
    const size = sizes ? sizes[t] : 1, before = model.cached();
    const hit = model.hit(key);
    if (!hit && size <= capacity) model.miss(key, size);
    const after = new Set(model.cached());
    hits.push(hit);
    evicted.push(before.filter((k) => !after.has(k)));
  });
  return { hits, evicted };
}
