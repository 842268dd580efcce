/**
 * The contract of a cache policy (policies/policy.ts), as fast-check properties over arbitrary request
 * sequences, sizes and capacities; a failure is shrunk to a minimal sequence and told request by
 * request. The repository's tests run it over every registry entry; `mcsim check` over a plugin.
 *
 * The requests are played by `play`, which follows access()'s protocol one primitive at a time so that
 * each step can be observed (victim() before each evict()) and a policy whose evict() frees nothing
 * stops with a message instead of looping forever. It keeps its own model of the contents (keys
 * inserted and not since returned by evict()), the yardstick of every property:
 * - capacity kept: the sizes of the keys has() admits to never add up past the capacity the policy
 *   was created with (and it reports that capacity);
 * - hit iff cached: has() is true exactly for keys inserted and not since evicted, a request hits iff
 *   has(key), and a miss is inserted unless admit() refuses it or it is larger than the cache;
 * - victim() is what evict() removes: victim() is a pure look-up of a cached key (-1 exactly when
 *   empty), evict() removes and returns it; remove() reports and removes;
 * - sizes honoured: used is the sum of the held objects' sizes and count their number; when every
 *   object fits (and the policy neither splits its capacity nor sits behind an admission filter) only
 *   first requests miss;
 * - seed-deterministic: the same seed and requests give the same hits and evictions;
 * - Belady never beaten: with unit sizes a policy that does not see the future misses at least as
 *   often as Belady's MIN (not applicable to oracles).
 */
import fc from 'fast-check';
import { belady } from '../policies/belady.js';
import type { CachePolicy } from '../policies/policy.js';
import type { PolicyEntry } from '../policies/registry.js';
import { nextUseAt, nextUses } from '../traces/next-use.js';
import { checkProperty, Violation, type CheckOptions, type CheckReport } from './report.js';

export interface Requests {
  keys: number[];
  /** Per request; each key keeps one size (as objects do in a trace). */
  sizes: number[];
  keySpace: number;
}

/** Request sequences over up to `maxKeys` keys, each key with a fixed size in [1, maxSize]. */
export function requests(maxKeys = 12, maxSize = 1, maxLength = 80): fc.Arbitrary<Requests> {
  return fc.integer({ min: 1, max: maxKeys }).chain((keySpace) =>
    fc
      .record({
        keys: fc.array(fc.integer({ min: 0, max: keySpace - 1 }), { minLength: 1, maxLength }),
        sizeOf: fc.array(fc.integer({ min: 1, max: maxSize }), { minLength: keySpace, maxLength: keySpace }),
      })
      .map(({ keys, sizeOf }) => ({ keys, sizes: keys.map((k) => sizeOf[k]), keySpace })),
  );
}

export interface Case {
  reqs: Requests;
  capacity: number;
}

/**
 * Request sequences of at least two objects with a capacity that holds the largest object but not all
 * of them, so that every run evicts (unless the policy refuses to admit).
 */
export function evicting(maxSize: number): fc.Arbitrary<Case> {
  return fc
    .tuple(requests(10, maxSize, 120), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }))
    .filter(([reqs]) => new Set(reqs.keys).size >= 2)
    .map(([reqs, fraction]) => {
      const sizeOf = new Map(reqs.keys.map((k, i) => [k, reqs.sizes[i]]));
      const largest = Math.max(...sizeOf.values()), all = [...sizeOf.values()].reduce((a, b) => a + b, 0);
      return { reqs, capacity: largest + Math.floor(fraction * (all - largest)) };
    });
}

/** Any capacity (0 included, often all-fitting) or one that forces evictions, with unit or byte sizes. */
const cases: fc.Arbitrary<Case> = fc.oneof(
  fc.record({ reqs: requests(12, 1), capacity: fc.integer({ min: 0, max: 16 }) }),
  fc.record({ reqs: requests(12, 5), capacity: fc.integer({ min: 0, max: 16 }) }),
  evicting(1),
  evicting(5),
);

const unitCases: fc.Arbitrary<Case> = fc.record({ reqs: requests(12, 1, 150), capacity: fc.integer({ min: 1, max: 12 }) });

/** What one request did, as the player saw it. */
export interface Step {
  key: number;
  size: number;
  /** has(key) before the request. */
  had: boolean;
  /** The model's answer: key was inserted and not evicted since. */
  modelHad: boolean;
  /** Why a miss was not inserted: refused by admit(), or larger than the capacity. */
  refused: 'admit' | 'size' | null;
  /** Per evict() call: victim() asked just before it (twice, to see it is a pure look-up) and what evict() returned. */
  evictions: Array<{ victim: number; again: number; evicted: number }>;
  /** Keys for which has() is true after the request, ascending. */
  held: number[];
  /** The model's contents after the request, ascending. */
  modelHeld: number[];
  used: number;
  count: number;
  /** victim() when the request started (-1: empty). */
  victimBefore: number;
  countBefore: number;
}

/**
 * Plays the requests through `cache` as access() does, observing every step; a policy method that
 * throws, or evict() calls that never make the object fit, stop the play with a Violation.
 */
export function play(cache: CachePolicy, reqs: Requests, oracle: boolean): Step[] {
  const next = oracle ? nextUses(Int32Array.from(reqs.keys), reqs.keySpace) : null;
  const model = new Map<number, number>();
  const steps: Step[] = [];
  const sized = reqs.sizes.some((x) => x > 1);
  const heldKeys = () => Array.from({ length: reqs.keySpace }, (_, k) => k).filter((k) => cache.has(k));
  let call = '';
  reqs.keys.forEach((key, i) => {
    const size = reqs.sizes[i], nextUse = next ? nextUseAt(next, i) : Infinity;
    const step: Step = { key, size, had: false, modelHad: model.has(key), refused: null, evictions: [], held: [], modelHeld: [], used: 0, count: 0, victimBefore: -1, countBefore: cache.count };
    steps.push(step);
    try {
      call = `at(${i})`;
      cache.at?.(i);
      cache.position?.(i);
      call = 'victim()';
      step.victimBefore = cache.victim();
      call = `has(${key})`;
      step.had = cache.has(key);
      if (step.had) {
        call = `touch(${key})`;
        cache.touch(key, nextUse);
      } else if (size > cache.capacity) step.refused = 'size';
      else if (cache.admit && !((call = `admit(${key}, ${size})`), cache.admit(key, size, nextUse))) step.refused = 'admit';
      else {
        const limit = cache.count + 1;
        while (cache.used + size > cache.capacity) {
          if (step.evictions.length === limit) {
            throw new Violation(
              `${history(steps.slice(0, -1), sized)}request ${i + 1} (key ${key}${sized ? `, size ${size}` : ''}) needs ${size} of capacity ${cache.capacity}; ` +
                `after ${limit} evict() calls used is still ${cache.used} (count ${cache.count}): evict() frees nothing`,
            );
          }
          call = 'victim()';
          const victim = cache.victim(), again = cache.victim();
          call = 'evict()';
          const evicted = cache.evict();
          step.evictions.push({ victim, again, evicted });
          model.delete(evicted);
        }
        call = `insert(${key}, ${size})`;
        cache.insert(key, size, nextUse);
        model.set(key, size);
      }
      call = 'has()';
      step.held = heldKeys();
    } catch (e) {
      if (e instanceof Violation) throw e;
      throw new Violation(`${history(steps.slice(0, -1), sized)}request ${i + 1} (key ${key}): ${call} threw ${e instanceof Error ? e.message : String(e)}`);
    }
    step.modelHeld = [...model.keys()].sort((a, b) => a - b);
    step.used = cache.used;
    step.count = cache.count;
  });
  return steps;
}

const units = (n: number, bytes: boolean) => `${n} ${bytes ? 'byte' : 'slot'}${n === 1 ? '' : 's'}`;
const set = (keys: number[]) => `{${keys.join(', ')}}`;

/** One line per request: what it was and what the cache did, as a researcher would trace it by hand. */
function history(steps: Step[], sized: boolean): string {
  return steps
    .map((s, i) => {
      const what = s.had ? 'hit' : s.refused === 'admit' ? 'miss, refused by admit()' : s.refused === 'size' ? 'miss, larger than the cache' : 'miss';
      const out = s.evictions.length > 0 ? `, evicted ${s.evictions.map((e) => e.evicted).join(', ')}` : '';
      return `${String(i + 1).padStart(3)}. key ${s.key}${sized ? ` (size ${s.size})` : ''}: ${what}${out} -> holds ${set(s.held)}, used ${s.used}, count ${s.count}\n`;
    })
    .join('');
}

/** The requests up to and including step `i`, the header of a violation, then what went wrong. */
function told(c: Case, steps: Step[], i: number, wrong: string): Violation {
  const sized = c.reqs.sizes.some((s) => s > 1);
  return new Violation(`capacity ${units(c.capacity, sized)}, ${c.reqs.keys.length} request${c.reqs.keys.length === 1 ? '' : 's'}:\n${history(steps.slice(0, i + 1), sized)}${wrong}`);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function properties(entry: PolicyEntry, name: string) {
  const fresh = (c: Case, seed = 'check') => entry.create({ capacity: c.capacity, keySpace: c.reqs.keySpace, seed });
  const run = (c: Case, seed?: string) => play(fresh(c, seed), c.reqs, entry.needsFuture);
  const sizeOf = (c: Case) => new Map(c.reqs.keys.map((k, i) => [k, c.reqs.sizes[i]]));

  return [
    {
      name: 'capacity kept',
      cases,
      check(c: Case) {
        const cache = fresh(c);
        if (cache.capacity !== c.capacity) throw new Violation(`created with capacity ${c.capacity}, the policy reports capacity ${cache.capacity}`);
        const steps = play(cache, c.reqs, entry.needsFuture), sizes = sizeOf(c), sized = c.reqs.sizes.some((x) => x > 1);
        steps.forEach((s, i) => {
          const held = sum(s.held.map((k) => sizes.get(k) ?? 0));
          if (held > c.capacity) throw told(c, steps, i, `expected at most ${units(c.capacity, sized)} held; seen ${set(s.held)} held, ${units(held, sized)} (used reports ${s.used})`);
        });
      },
    },
    {
      name: 'hit iff cached',
      cases,
      check(c: Case) {
        const steps = run(c);
        steps.forEach((s, i) => {
          if (s.had !== s.modelHad) throw told(c, steps, i, `expected has(${s.key}) ${s.modelHad} before request ${i + 1} (${s.modelHad ? 'inserted and not evicted since' : 'never inserted or evicted since'}); seen ${s.had}`);
          if (!s.had && s.refused === null && !s.held.includes(s.key)) throw told(c, steps, i, `expected key ${s.key} cached after its miss was inserted; has(${s.key}) is false`);
          if (s.held.join() !== s.modelHeld.join()) throw told(c, steps, i, `expected has() true for ${set(s.modelHeld)} (inserted, not returned by evict()); seen ${set(s.held)}`);
        });
      },
    },
    {
      name: 'victim() is what evict() removes',
      cases: fc.tuple(cases, fc.integer({ min: 0, max: 11 })),
      check([c, probe]: [Case, number]) {
        const cache = fresh(c);
        const steps = play(cache, c.reqs, entry.needsFuture);
        steps.forEach((s, i) => {
          if ((s.victimBefore === -1) !== (s.countBefore === 0)) throw told(c, steps, i, `before request ${i + 1} the cache holds ${s.countBefore} objects and victim() is ${s.victimBefore} (expected -1 exactly when empty)`);
          for (const e of s.evictions) {
            if (e.victim !== e.again) throw told(c, steps, i, `victim() asked twice in a row answered ${e.victim} then ${e.again}: it must not change state`);
            if (e.evicted !== e.victim) throw told(c, steps, i, `expected evict() to remove victim() = ${e.victim}; it removed ${e.evicted}`);
          }
        });
        // Then remove() of any key, and the cache drained by evict().
        const key = probe % c.reqs.keySpace, had = cache.has(key), count = cache.count, drained: number[] = [];
        const after = (what: string) => told(c, steps, steps.length - 1, `then ${what}`);
        if (cache.remove(key) !== had) throw after(`remove(${key}) returned ${!had} but has(${key}) was ${had}`);
        if (cache.has(key) || cache.count !== count - (had ? 1 : 0)) throw after(`after remove(${key}): has(${key}) ${cache.has(key)}, count ${cache.count} (was ${count})`);
        while (cache.count > 0) {
          const v = cache.victim(), e = cache.evict();
          drained.push(e);
          if (e !== v || cache.has(v)) throw after(`remove(${key}), then evict() until empty (removed ${drained.join(', ')}): victim() said ${v}, evict() removed ${e}${cache.has(v) ? `, and ${v} is still cached` : ''}`);
          if (drained.length > count) throw after(`evict() was called ${drained.length} times on a cache that held ${count} objects and count is still ${cache.count}`);
        }
        if (cache.used !== 0 || cache.victim() !== -1) throw after(`emptied by evict(): used ${cache.used}, victim() ${cache.victim()} (expected 0 and -1)`);
      },
    },
    {
      name: 'sizes honoured',
      cases,
      check(c: Case) {
        const steps = run(c), sizes = sizeOf(c), sized = c.reqs.sizes.some((x) => x > 1);
        steps.forEach((s, i) => {
          const held = sum(s.held.map((k) => sizes.get(k) ?? 0));
          if (s.used !== held) throw told(c, steps, i, `expected used = ${units(held, sized)} (the sizes of ${set(s.held)}); used reports ${s.used}`);
          if (s.count !== s.held.length) throw told(c, steps, i, `expected count = ${s.held.length} (${set(s.held)}); count reports ${s.count}`);
        });
        const all = sum([...sizes.values()]);
        if (c.capacity >= all && entry.splitsCapacity !== true && entry.filtered !== true) {
          const i = steps.findIndex((s, j) => !s.had && c.reqs.keys.indexOf(s.key) !== j);
          if (i >= 0) throw told(c, steps, i, `capacity ${c.capacity} holds all ${sizes.size} objects (${units(all, sized)}), so only first requests may miss; request ${i + 1} (key ${steps[i].key}) missed again`);
        }
      },
    },
    {
      name: 'seed-deterministic',
      cases,
      check(c: Case) {
        const a = run(c, 'same'), b = run(c, 'same');
        const line = (s: Step) => `${s.had ? 'hit' : 'miss'}, evicted ${set(s.evictions.map((e) => e.evicted))}`;
        const i = a.findIndex((s, j) => line(s) !== line(b[j]));
        if (i >= 0) throw told(c, a, i, `a second run with the same seed differs at request ${i + 1}: first ${line(a[i])}, second ${line(b[i])} (randomness must come from the seed in PolicyOptions)`);
      },
    },
    entry.needsFuture
      ? { name: 'Belady never beaten (unit sizes)', skip: 'not applicable: an oracle (needsFuture) may beat Belady' }
      : {
          name: 'Belady never beaten (unit sizes)',
          cases: unitCases,
          check(c: Case) {
            const misses = (steps: Step[]) => steps.filter((s) => !s.had).length;
            const mine = misses(run(c)), opt = misses(play(belady({ capacity: c.capacity, keySpace: c.reqs.keySpace }), c.reqs, true));
            if (mine < opt) throw new Violation(`capacity ${units(c.capacity, false)}, requests ${c.reqs.keys.join(' ')}: Belady misses ${opt}, ${name} misses ${mine}; only a policy that sees the future can miss less (is it holding more than its capacity?)`);
          },
        },
  ];
}

/** Runs the policy contract against one entry. */
export async function checkPolicy(entry: PolicyEntry, name: string, o: CheckOptions = {}): Promise<CheckReport> {
  const report: CheckReport = { kind: 'policy', name, properties: [] };
  for (const p of properties(entry, name)) {
    if ('skip' in p) report.properties.push({ name: p.name, ok: true, detail: p.skip });
    else report.properties.push(checkProperty(p.name, p.cases as fc.Arbitrary<unknown>, p.check as (v: unknown) => void, o));
  }
  return report;
}
