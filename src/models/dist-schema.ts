/**
 * The zod schema of a `Dist` (src/sim/dist.ts) as it appears in data files and scenarios. Values are
 * durations or sizes, so nothing may be negative; the unit is the file's (e.g. `latency_ms`).
 */
import { z } from 'zod';
import type { Dist } from '../sim/dist.js';

const nonNegative = z.number().finite().nonnegative();

// Typed as ZodType<Dist> so that the schema and the type cannot drift apart.
export const distSchema: z.ZodType<Dist> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), value: nonNegative }),
  z.strictObject({ kind: z.literal('exponential'), mean: z.number().finite().positive() }),
  z.strictObject({ kind: z.literal('normal'), mean: nonNegative, sd: nonNegative }),
  z.strictObject({ kind: z.literal('lognormal'), mu: z.number().finite(), sigma: nonNegative }),
  z.strictObject({ kind: z.literal('empirical'), samples: z.array(nonNegative).min(1) }),
], { error: 'expected a distribution: kind one of fixed, exponential, normal, lognormal, empirical' });

/** `a.b[3].c` for a zod issue path. */
export function issuePath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? String(k) : `.${String(k)}`;
  return s === '' ? '(top level)' : s;
}
