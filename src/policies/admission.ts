/**
 * Admission filters in front of any policy: on a miss the filter decides first whether the object may
 * enter at all; a refused miss never reaches the policy (not its admit(), so a policy with ghost lists
 * does not learn of it). Both filters are libCacheSim's (cache/admission/ at aa0fc409, `cachesim -a`),
 * with its miss counts (test/policies/admission.test.ts):
 * - `second-request`: refuses an object's first miss and admits every later one. libCacheSim calls it
 *   "bloom-filter" but keeps an exact count per object id, never aged (bloomfilter.c); here one byte
 *   per key. It keeps one-hit wonders out of the cache.
 * - `size:N`: admits objects smaller than N bytes (strictly, as size.c).
 * A request larger than the whole cache is refused before the filter sees it (policy.ts's access());
 * libCacheSim asks its filter first, which differs only for an object whose size changes between
 * requests.
 */
import { InputError } from '../errors.js';
import type { CachePolicy, PolicyOptions } from './policy.js';
import type { PolicyEntry } from './registry.js';

export type Admission = { kind: 'second-request' } | { kind: 'size'; below: number };

/** Parses `second-request` or `size:N` (N a positive integer of bytes); `where` names the option. */
export function parseAdmission(text: string, where: string): Admission {
  if (text === 'second-request') return { kind: 'second-request' };
  const size = /^size:(\d+)$/.exec(text);
  if (size && Number(size[1]) > 0 && Number.isSafeInteger(Number(size[1]))) return { kind: 'size', below: Number(size[1]) };
  throw new InputError(`${where}: expected second-request or size:N (N a positive integer of bytes), got "${text}"`);
}

/** The suffix a filtered policy's name takes: `lru+second-request`, `lru+size<4096`. */
export function admissionLabel(a: Admission): string {
  return a.kind === 'size' ? `size<${a.below}` : a.kind;
}

/** The entry of `entry`'s policy behind the filter. */
export function withAdmission(entry: PolicyEntry, a: Admission): PolicyEntry {
  const label = admissionLabel(a);
  return {
    ...entry,
    filtered: true,
    create: (options: PolicyOptions) => new Admitted(entry.create(options), filter(a, options.keySpace)),
    description: `${entry.description}; admits ${a.kind === 'size' ? `objects smaller than ${a.below} bytes` : 'an object on its second miss'} (${label})`,
  };
}

type Filter = (key: number, size: number) => boolean;

function filter(a: Admission, keySpace: number): Filter {
  if (a.kind === 'size') return (_key, size) => size < a.below;
  const seen = new Uint8Array(keySpace);
  return (key) => {
    if (seen[key] === 1) return true;
    seen[key] = 1;
    return false;
  };
}

class Admitted implements CachePolicy {
  /** Only when the inner policy has at(): callers test for it once, so a policy without it pays nothing. */
  readonly at?: (time: number) => void;

  constructor(
    private readonly inner: CachePolicy,
    private readonly lets: Filter,
  ) {
    if (inner.at) this.at = (time) => inner.at!(time);
  }

  get capacity(): number {
    return this.inner.capacity;
  }
  get used(): number {
    return this.inner.used;
  }
  get count(): number {
    return this.inner.count;
  }
  has(key: number): boolean {
    return this.inner.has(key);
  }
  touch(key: number, nextUse: number): void {
    this.inner.touch(key, nextUse);
  }
  admit(key: number, size: number, nextUse: number): boolean {
    return this.lets(key, size) && (this.inner.admit === undefined || this.inner.admit(key, size, nextUse));
  }
  insert(key: number, size: number, nextUse: number): void {
    this.inner.insert(key, size, nextUse);
  }
  victim(): number {
    return this.inner.victim();
  }
  evict(): number {
    return this.inner.evict();
  }
  remove(key: number): boolean {
    return this.inner.remove(key);
  }
}
