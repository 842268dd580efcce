/**
 * Cache sizes for `mcsim mrc`: the working set of a trace, and `--size` lists in slots, bytes or
 * fractions of the working set.
 */
import { InputError, UsageError } from '../errors.js';
import type { CacheTrace } from '../traces/cache-trace.js';
import { asRequests, type Requests } from '../traces/requests.js';
import { requireSizes } from './replay.js';

/**
 * Distinct objects, or with bytes the sum of each object's first-seen size (a pass over the trace).
 * Both are known only once the whole trace has been read: `mcsim mrc` spools the trace first
 * (traces/spool.ts), so fractions of the working set work for pipes too.
 */
export function workingSet(trace: CacheTrace | Requests, bytes = false): number {
  const requests = asRequests(trace);
  if (!bytes) return requests.keySpace;
  requireSizes(requests);
  const seen = new Uint8Array(requests.keySpace);
  let total = 0;
  for (const { keys, sizes } of requests.blocks({ sizes: true })) {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (!seen[k]) (seen[k] = 1), (total += sizes![i]);
    }
  }
  return total;
}

const UNITS: Record<string, number> = { '': 1, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30 };

/**
 * Parses `10,100,0.05,25%,64MiB`: an integer is a capacity; a number in (0, 1) or a percentage is a
 * fraction of the working set (rounded down, at least 1; at most 100%); KiB/MiB/GiB multiply, and only
 * byte capacities (`bytes`) may use them.
 */
export function parseSizes(spec: string, workingSetSize: number, bytes = true): number[] {
  return spec.split(',').map((raw) => {
    const s = raw.trim();
    const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(%|kib|mib|gib)?$/i.exec(s);
    const bad = () => new UsageError(`--size: "${s}" is not a size (expected an integer, a fraction in (0, 1), a percentage, or n KiB/MiB/GiB)`);
    if (!m) throw bad();
    const x = Number(m[1]), unit = (m[2] ?? '').toLowerCase();
    if (unit === '%' || (unit === '' && x > 0 && x < 1)) {
      const f = unit === '%' ? x / 100 : x;
      if (!(f > 0)) throw bad();
      if (f > 1) throw new InputError(`--size: "${s}" is more than the whole working set (a fraction is at most 100%; give a capacity instead)`);
      // 29% of 100 is 28.999999999999996 in floating point: round off the error before flooring.
      return Math.max(1, Math.floor(Number((f * workingSetSize).toPrecision(12))));
    }
    if (unit !== '' && !bytes) throw new UsageError(`--size: "${s}" is in bytes, but capacities are in objects; add --bytes for byte capacities`);
    const size = x * UNITS[unit];
    if (!Number.isInteger(size) || size < 1) throw bad();
    return size;
  });
}
