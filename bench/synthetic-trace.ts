/**
 * A synthetic request stream generated block by block and never stored (issue 21: a 10^9-request
 * trace replayed in bounded memory): 80% of requests go to 10,000 hot objects, 20% to the whole
 * 1,000,000, drawn by xorshift32 from a fixed seed, so every run replays the same stream. Unit sizes,
 * no times; Requests of traces/requests.ts, so replayPolicy() runs it like any spooled trace.
 */
import type { Columns, RequestBlock, Requests } from '../src/traces/requests.js';
import { BLOCK } from '../src/traces/spool.js';

export const SYNTHETIC_OBJECTS = 1_000_000;
const HOT = 10_000;

export function syntheticRequests(length: number): Requests {
  return {
    file: `synthetic(${length})`,
    length,
    keySpace: SYNTHETIC_OBJECTS,
    hasSizes: false,
    hasTimes: false,
    *blocks(_columns?: Columns): Iterable<RequestBlock> {
      const keys = new Int32Array(BLOCK);
      let x = 0x9e3779b9;
      for (let start = 0; start < length; start += BLOCK) {
        const count = Math.min(BLOCK, length - start);
        for (let i = 0; i < count; i++) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          const hot = (x & 0xff) < 205; // 205/256 = 80%
          keys[i] = (x >>> 8) % (hot ? HOT : SYNTHETIC_OBJECTS);
        }
        yield { start, keys: count === BLOCK ? keys : keys.subarray(0, count) };
      }
    },
    prepareNextUses() {
      throw new Error('the synthetic stream has no future (it is never stored): replay non-oracle policies only');
    },
  };
}
