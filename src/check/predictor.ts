/**
 * The contract of a prefetch predictor (strategies/prefetch/predictor.ts), as fast-check properties
 * over arbitrary observed partition streams, partition counts, candidate-list lengths and options:
 * - rank() never returns the partition observed last (the one the device is already in);
 * - its ids are partitions (integers in [0, partitions)), without duplicates, and it returns how many
 *   it wrote, at most out.length;
 * - rank() is a pure look-up: asked twice in a row it answers the same;
 * - deterministic: two predictors fed the same stream rank alike at every step;
 * - it reads the future (ctx.nextUse) only if its entry says needsFuture.
 * The oracle's future is the generated stream itself (the index of the next observation of q).
 */
import fc from 'fast-check';
import type { Predictor, PredictorEntry, PredictorOptions } from '../strategies/prefetch/predictor.js';
import { FutureIndex } from '../traces/future.js';
import { checkProperty, Violation, type CheckOptions, type CheckReport } from './report.js';

interface Stream {
  partitions: number;
  observed: number[];
  /** Candidate-list length (the prefetch budget in partitions). */
  k: number;
  options: PredictorOptions;
}

const streams: fc.Arbitrary<Stream> = fc.integer({ min: 1, max: 8 }).chain((partitions) =>
  fc.record({
    partitions: fc.constant(partitions),
    // Runs of one partition, as scenes are.
    observed: fc.array(fc.tuple(fc.integer({ min: 0, max: partitions - 1 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 30 }).map((runs) => runs.flatMap(([p, n]) => Array<number>(n).fill(p))),
    k: fc.integer({ min: 1, max: partitions + 1 }),
    options: fc.record({ prior: fc.double({ min: 0, max: 5, noNaN: true }), decay: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
  }),
);

/** What rank() wrote at one step: the ids it counted, and the count it returned. */
interface Ranked {
  ids: number[];
  n: number;
}

/** Feeds the stream to a fresh predictor, ranking after each observation; `future` counts nextUse calls. */
function feed(entry: PredictorEntry, s: Stream, onStep: (i: number, p: Predictor, ranked: Ranked) => void): { futureReads: number } {
  const future = new FutureIndex(Int32Array.from(s.observed), s.partitions);
  let i = -1, futureReads = 0;
  const p = entry.create({ partitions: s.partitions, nextUse: (q) => (futureReads++, future.nextUse(q, i)) }, s.options);
  const out = new Int32Array(s.k);
  for (i = 0; i < s.observed.length; i++) {
    p.observe(s.observed[i]);
    out.fill(-1);
    const n = p.rank(out);
    onStep(i, p, { ids: Array.from(out.subarray(0, Math.max(0, Math.min(n, out.length)))), n });
  }
  return { futureReads };
}

const told = (s: Stream, i: number, wrong: string) =>
  new Violation(`${s.partitions} partitions, candidates wanted ${s.k}, options prior ${s.options.prior} decay ${s.options.decay}; observed ${s.observed.slice(0, i + 1).join(' ')}; then ${wrong}`);

function properties(entry: PredictorEntry) {
  const rank = (p: Predictor, k: number) => {
    const out = new Int32Array(k).fill(-1);
    return Array.from(out.subarray(0, p.rank(out)));
  };
  return [
    {
      name: 'never the current partition',
      check: (s: Stream) =>
        void feed(entry, s, (i, _, r) => {
          if (r.ids.includes(s.observed[i])) throw told(s, i, `rank() returned [${r.ids.join(', ')}], which holds the current partition ${s.observed[i]}`);
        }),
    },
    {
      name: 'ids in range, no duplicates',
      check: (s: Stream) =>
        void feed(entry, s, (i, _, r) => {
          if (!Number.isInteger(r.n) || r.n < 0 || r.n > s.k) throw told(s, i, `rank() returned ${r.n} for a list of ${s.k} (expected an integer in 0..${s.k})`);
          const bad = r.ids.find((q) => !Number.isInteger(q) || q < 0 || q >= s.partitions);
          if (bad !== undefined) throw told(s, i, `rank() wrote [${r.ids.join(', ')}]: ${bad} is not a partition id (0..${s.partitions - 1})`);
          if (new Set(r.ids).size !== r.ids.length) throw told(s, i, `rank() wrote [${r.ids.join(', ')}]: a partition twice`);
        }),
    },
    {
      name: 'rank() is a pure look-up',
      check: (s: Stream) =>
        void feed(entry, s, (i, p, r) => {
          const again = rank(p, s.k);
          if (again.join() !== r.ids.join()) throw told(s, i, `rank() returned [${r.ids.join(', ')}] and, asked again, [${again.join(', ')}]`);
        }),
    },
    {
      name: 'deterministic',
      check: (s: Stream) => {
        const first: string[] = [];
        feed(entry, s, (_, __, r) => void first.push(r.ids.join(', ')));
        feed(entry, s, (i, _, r) => {
          if (r.ids.join(', ') !== first[i]) throw told(s, i, `rank() returned [${first[i]}] in a first run and [${r.ids.join(', ')}] in a second one (randomness must not come from outside the predictor's inputs)`);
        });
      },
    },
    {
      name: 'no future unless needsFuture',
      check: (s: Stream) => {
        const { futureReads } = feed(entry, s, () => {});
        if (!entry.needsFuture && futureReads > 0) throw told(s, s.observed.length - 1, `ctx.nextUse was called ${futureReads} times, but the entry's needsFuture is false (a predictor that reads the future is an oracle and must say so)`);
      },
    },
  ];
}

/** Runs the predictor contract against one entry. */
export async function checkPredictor(entry: PredictorEntry, name: string, o: CheckOptions = {}): Promise<CheckReport> {
  return { kind: 'predictor', name, properties: properties(entry).map((p) => checkProperty(p.name, streams, p.check, o)) };
}
