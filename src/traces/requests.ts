/**
 * Requests as every pass over a trace reads them (replay, the LRU stack, the statistics, the working
 * set): front to back in blocks of consecutive requests, as many times as needed. An in-memory trace
 * is one block; a spooled trace (traces/spool.ts) is read in fixed-size blocks from temporary files,
 * so each pass is written once and runs in memory by objects on a trace of any length.
 */
import type { CacheTrace } from './cache-trace.js';
import { nextUses } from './next-use.js';

export interface RequestBlock {
  /** Index in the trace of the block's first request. */
  readonly start: number;
  readonly keys: Int32Array;
  readonly sizes?: Uint32Array;
  readonly times?: Float64Array;
  /** Next-use index of each request: a request index in the whole trace, or NO_NEXT_USE. */
  readonly next?: Uint32Array;
}

/** The columns a pass reads besides keys (a trace without one gives none). */
export interface Columns {
  sizes?: boolean;
  times?: boolean;
  next?: boolean;
}

export interface Requests {
  /** The file the trace was read from, for messages. */
  readonly file: string;
  /** Requests in the trace. */
  readonly length: number;
  /** Distinct objects: keys are in [0, keySpace). */
  readonly keySpace: number;
  readonly hasSizes: boolean;
  readonly hasTimes: boolean;
  /** The blocks front to back; a block's arrays may be reused once the next block is taken. */
  blocks(columns?: Columns): Iterable<RequestBlock>;
  /** Makes the `next` column available (the oracle's pre-pass, at most once; none for a trace that has it). */
  prepareNextUses(): void;
}

/** An in-memory trace as Requests: one block; `next`, when given, is its next-use index already computed. */
export function requestsOf(trace: CacheTrace, next?: Uint32Array): Requests {
  let known = next ?? trace.next;
  return {
    file: trace.file,
    length: trace.keys.length,
    keySpace: trace.keySpace,
    hasSizes: trace.sizes !== undefined,
    hasTimes: trace.times !== undefined,
    *blocks(columns: Columns = {}) {
      yield {
        start: 0,
        keys: trace.keys,
        sizes: columns.sizes ? trace.sizes : undefined,
        times: columns.times ? trace.times : undefined,
        next: columns.next ? known : undefined,
      };
    },
    prepareNextUses() {
      known ??= nextUses(trace.keys, trace.keySpace);
    },
  };
}

/** Requests as they are, or an in-memory trace's. */
export const asRequests = (trace: CacheTrace | Requests): Requests => ('keys' in trace ? requestsOf(trace) : trace);
