/**
 * Cache-request traces: a sequence of requests for objects, each object id remapped once to a dense
 * integer key (0, 1, 2, ... in first-seen order), so policies index typed arrays instead of hashing.
 *
 * Readers (one file per format) stream the file into a RequestSink: a TraceBuilder keeps the requests
 * in memory (4 bytes of key a request, + 4 of size when the format has sizes), a SpoolWriter
 * (traces/spool.ts) writes them to temporary files, so memory stays by objects.
 */
import { InputError } from '../errors.js';
import { grown } from '../sim/typed-arrays.js';

export interface CacheTrace {
  /** The file it was read from, for messages. */
  readonly file: string;
  /** Dense key of each request, in [0, keySpace). */
  readonly keys: Int32Array;
  /** Size in bytes of each request; absent when the format has no sizes (every object size 1). */
  readonly sizes?: Uint32Array;
  /** Time of each request (seconds, as in the file); absent when the format has no times. */
  readonly times?: Float64Array;
  /** Distinct objects. */
  readonly keySpace: number;
  /** The next-use index (traces/next-use.ts) read from the file (`--trust-next`); absent: computed when an oracle needs it. */
  readonly next?: Uint32Array;
}

/**
 * Remaps trace ids to dense keys. Decimal ids are compared by value (`007` = `7`); any other token
 * is compared as a string. Decimal values beyond 2^53 stay exact as strings; binary 64-bit ids are
 * exact as two halves.
 */
export class IdMap {
  private readonly numbers = new IdTable();
  private readonly strings = new Map<string, number>();
  size = 0;

  /** Key for an integer id; exact for 0 <= id < 2^53. */
  number(id: number): number {
    const lo = id >>> 0;
    return this.number64(lo, (id - lo) / 0x100000000);
  }

  /** Key for the unsigned 64-bit id hi * 2^32 + lo (the same key as number() below 2^53). */
  number64(lo: number, hi: number): number {
    const key = this.numbers.get(lo, hi, this.size);
    if (key === this.size) this.size++;
    return key;
  }

  /** Key for a token: decimal digits are compared by value, anything else as a string. */
  token(id: string): number {
    if (/^\d+$/.test(id)) {
      const digits = id.replace(/^0+(?=\d)/, '');
      if (digits.length <= 15) return this.number(Number(digits));
      id = digits;
    }
    let key = this.strings.get(id);
    if (key === undefined) {
      key = this.size++;
      this.strings.set(id, key);
    }
    return key;
  }
}

/**
 * 64-bit integer ids, as two 32-bit halves, to keys: open addressing with linear probing over typed
 * arrays, at most half full, integer compares only. It replaced a Map<number, number>, which cost
 * about twice as much per look-up and several times the memory (the read's main cost, issue 13).
 */
class IdTable {
  private lo = new Uint32Array(1 << 16);
  private hi = new Uint32Array(1 << 16);
  /** Key in each slot, -1 = empty. */
  private keys = new Int32Array(1 << 16).fill(-1);
  private shift = 16;
  private used = 0;

  /** The key of id (lo, hi); if id is new, it gets `fresh`. */
  get(lo: number, hi: number, fresh: number): number {
    const mask = this.keys.length - 1;
    let slot = this.slotOf(lo, hi);
    for (;;) {
      const key = this.keys[slot];
      if (key === -1) break;
      if (this.lo[slot] === lo && this.hi[slot] === hi) return key;
      slot = (slot + 1) & mask;
    }
    this.lo[slot] = lo;
    this.hi[slot] = hi;
    this.keys[slot] = fresh;
    if (++this.used * 2 > mask) this.grow();
    return fresh;
  }

  /** Fibonacci hashing: the top bits of a multiplicative mix of both halves. */
  private slotOf(lo: number, hi: number): number {
    return Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) >>> this.shift;
  }

  private grow(): void {
    const { lo, hi, keys } = this;
    this.lo = new Uint32Array(keys.length * 2);
    this.hi = new Uint32Array(keys.length * 2);
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.shift--;
    const mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === -1) continue;
      let slot = this.slotOf(lo[i], hi[i]);
      while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
      this.lo[slot] = lo[i];
      this.hi[slot] = hi[i];
      this.keys[slot] = keys[i];
    }
  }
}

/** The columns a format has besides keys. */
export interface TraceFields {
  sizes: boolean;
  times: boolean;
  /** The oracleGeneral file's own next-access field, taken as the next-use index (--trust-next). */
  next?: boolean;
}

/** Where a reader puts each request, its id already mapped by `ids`. */
export interface RequestSink {
  readonly ids: IdMap;
  /** Requests pushed so far. */
  readonly length: number;
  /** `next`: the request's next-use index (traces/next-use.ts), only when the sink was opened with `next`. */
  push(key: number, size?: number, time?: number, next?: number): void;
}

/** A sink for a reader's trace, given the fields its format has and, when the format tells, the request count. */
export type OpenSink<S extends RequestSink> = (fields: TraceFields, expected?: number) => S;

/** Growing typed arrays for a trace being read. */
export class TraceBuilder implements RequestSink {
  readonly ids = new IdMap();
  private keys: Int32Array;
  private sizes: Uint32Array | undefined;
  private times: Float64Array | undefined;
  private next: Uint32Array | undefined;
  length = 0;

  constructor(
    readonly file: string,
    fields: TraceFields,
    /** Expected requests, when the format tells (saves growing and trimming copies). */
    expected = 1 << 16,
  ) {
    this.keys = new Int32Array(Math.max(1, expected));
    if (fields.sizes) this.sizes = new Uint32Array(this.keys.length);
    if (fields.times) this.times = new Float64Array(this.keys.length);
    if (fields.next) this.next = new Uint32Array(this.keys.length);
  }

  push(key: number, size = 1, time = 0, next = 0): void {
    if (this.length === this.keys.length) this.grow();
    this.keys[this.length] = key;
    if (this.sizes) this.sizes[this.length] = size;
    if (this.times) this.times[this.length] = time;
    if (this.next) this.next[this.length] = next;
    this.length++;
  }

  /** The finished trace; an empty one is an input error. */
  finish(): CacheTrace {
    if (this.length === 0) throw new InputError(`${this.file}: empty trace (expected at least one request)`);
    // Trimmed copies only when the arrays were over-allocated.
    const n = this.length, exact = n === this.keys.length;
    return {
      file: this.file,
      keys: exact ? this.keys : this.keys.slice(0, n),
      sizes: exact ? this.sizes : this.sizes?.slice(0, n),
      times: exact ? this.times : this.times?.slice(0, n),
      keySpace: this.ids.size,
      ...(this.next ? { next: exact ? this.next : this.next.slice(0, n) } : {}),
    };
  }

  private grow(): void {
    const length = this.keys.length * 2;
    this.keys = grown(this.keys, length);
    if (this.sizes) this.sizes = grown(this.sizes, length);
    if (this.times) this.times = grown(this.times, length);
    if (this.next) this.next = grown(this.next, length);
  }
}


/** Parses a size field: an integer in [0, 2^32). Throws InputError naming file and line/record. */
export function parseSize(text: string, where: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new InputError(`${where}: size: expected an integer in [0, 2^32), got "${text}"`);
  }
  return n;
}
