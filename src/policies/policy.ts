/**
 * The cache interface shared by every replacement policy (libCacheSim's cache_t, in TypeScript).
 *
 * A policy is a plain data structure over dense integer keys (0 <= key < keySpace): it knows nothing
 * of the engine, so it serves a tight trace-replay loop (`mcsim mrc`) and the device cache inside the
 * simulator alike. Policies implement primitives; the request loop is written once, in `access()`.
 *
 * Sizes: with `unit` capacity every object has size 1 (capacity = slots); otherwise capacity and
 * sizes are bytes. `nextUse` is the index of the key's next request in the request stream (Infinity
 * if never requested again): only oracle policies read it, and only oracles need the pre-pass
 * that computes it (see `traces/next-use.ts`).
 *
 * What each caller calls, in what order, and what a policy may know: docs/contracts.md. In short, per
 * request: at(time) if the policy has it, has(key), then touch on a hit, or on a miss admit (if any),
 * evict while the object does not fit (victim may be asked first), insert. A policy never sees a label.
 */

export interface CachePolicy {
  /** Capacity in slots (unit sizes) or bytes. */
  readonly capacity: number;
  /** Occupied capacity: objects (unit sizes) or bytes. */
  readonly used: number;
  /** Objects cached. */
  readonly count: number;
  has(key: number): boolean;
  /** A hit: update recency/frequency. Precondition: has(key). */
  touch(key: number, nextUse: number): void;
  /**
   * Admission check on a miss, before anything is evicted; a policy that always admits omits it
   * (belady-bypass refuses objects re-used later than every cached one; s3fifo and twoq refuse objects
   * larger than their small queue). It is also where a policy with ghost lists learns that the key
   * missed (arc, s3fifo, twoq look it up in their ghosts here, as libCacheSim's find() does).
   */
  admit?(key: number, size: number, nextUse: number): boolean;
  /** Adds key. Preconditions: !has(key), used + size <= capacity. */
  insert(key: number, size: number, nextUse: number): void;
  /** The key evict() would remove now, or -1 when empty. Does not change state (random: the same draw). */
  victim(): number;
  /** Removes and returns victim(). Precondition: count > 0. */
  evict(): number;
  /** Removes key if cached; returns whether it was. */
  remove(key: number): boolean;
  /**
   * Optional: the time of the request about to be served, called before its first call (has), so a
   * policy can keep time-windowed state (windowed frequency, ageing) without global state. Seconds of
   * simulated time in CacheNet; in trace replay the request's time when the trace has times, else its
   * index in the trace. Never decreases. Callers test for it once, so a policy without it pays nothing.
   */
  at?(time: number): void;
  /**
   * Optional, for oracles that weigh how far ahead a next use is (belady-size): the index of the
   * request about to be served in the stream whose next uses the policy is given (the trace in replay;
   * the device's hint stream in CacheNet), called before has(). Never decreases.
   */
  position?(index: number): void;
}

export interface PolicyOptions {
  /** Capacity in slots (unit sizes) or bytes. */
  capacity: number;
  /** Keys are integers in [0, keySpace). */
  keySpace: number;
  /** Seed for randomized policies. @defaultValue 'mcsim' */
  seed?: string;
  /** The device whose cache this is (CacheNet builds one policy per device); absent in trace replay. */
  device?: number;
  /**
   * What missing key would cost now (seconds or joules of reloading it; the owner's unit), for
   * cost-aware policies (gds). The owner computes it from what a real system knows (object size, the
   * link's current bandwidth), never from the future. Absent: every miss costs 1 (trace replay).
   */
  missCost?: (key: number) => number;
}

/**
 * Serves one request: a hit promotes; a miss evicts until the object fits and inserts it. An object
 * larger than the whole cache, or refused by admit(), is a miss and is not inserted.
 * Returns true on a hit.
 */
export function access(cache: CachePolicy, key: number, size: number, nextUse: number): boolean {
  if (cache.has(key)) {
    cache.touch(key, nextUse);
    return true;
  }
  if (size > cache.capacity) return false;
  if (cache.admit && !cache.admit(key, size, nextUse)) return false;
  while (cache.used + size > cache.capacity) cache.evict();
  cache.insert(key, size, nextUse);
  return false;
}
