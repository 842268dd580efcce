/**
 * How far SHARDS' sampled LRU curves (src/mrc/shards.ts, `mcsim mrc --sample`) are from the exact one:
 * the mean absolute error of the miss ratio over every cache size 1, 2, ..., (distinct objects) in
 * objects, at fixed rates 0.1, 0.01 and 0.001 with and without the SHARDS_adj correction, and at fixed
 * sample sizes 8192 and 1024 objects, for each trace given (unit sizes). Also the sampled objects and
 * the time of the curve alone (the exact pass against the sampled one, in this process).
 * Run from the repository root:
 *   npx tsx scripts/shards-accuracy.ts ../shared/data/cachetraces/cloudPhysicsIO.txt ../shared/data/cachetraces/sprite.trace.gz /tmp/cp50.bin
 * (/tmp/cp50.bin: `for i in $(seq 50); do cat ../shared/data/cachetraces/cloudPhysicsIO.oracleGeneral.bin; done > /tmp/cp50.bin`).
 * Prints a Markdown table.
 */
import { shardsMissCurve, type SampleSpec } from '../src/mrc/shards.js';
import { lruMissCurve, type MissCurve } from '../src/mrc/stack-distance.js';
import { readCacheTrace } from '../src/traces/read-trace.js';

const SPECS: SampleSpec[] = [
  { kind: 'rate', rate: 0.1 },
  { kind: 'rate', rate: 0.01 },
  { kind: 'rate', rate: 0.001 },
  { kind: 'size', maxObjects: 8192 },
  { kind: 'size', maxObjects: 1024 },
];

/** Mean over capacities 1..objects of |estimated - exact| miss ratio. */
function mae(estimate: MissCurve, exact: MissCurve, objects: number): number {
  let sum = 0;
  for (let c = 1; c <= objects; c++) sum += Math.abs(estimate.at(c).misses - exact.at(c).misses);
  return sum / exact.requests / objects;
}

const ms = (t0: number) => (performance.now() - t0).toFixed(0);
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npx tsx scripts/shards-accuracy.ts <trace>...');
  process.exit(2);
}
console.log('| trace | requests | objects | sample | final rate | sampled objects | MAE (SHARDS_adj) | MAE (uncorrected) | curve time (ms), exact -> sampled |');
console.log('|---|---:|---:|---|---:|---:|---:|---:|---:|');
for (const file of files) {
  const trace = await readCacheTrace(file, {});
  let t0 = performance.now();
  const exact = lruMissCurve(trace.keys, trace.keySpace);
  const exactMs = ms(t0);
  for (const spec of SPECS) {
    t0 = performance.now();
    const corrected = shardsMissCurve(trace.keys, trace.keySpace, undefined, spec);
    const sampledMs = ms(t0);
    const raw = shardsMissCurve(trace.keys, trace.keySpace, undefined, spec, { correct: false });
    const s = corrected.sample!;
    const name = spec.kind === 'rate' ? `shards:${spec.rate}` : `shards-size:${spec.maxObjects}`;
    console.log(`| ${file.split('/').pop()} | ${trace.keys.length} | ${trace.keySpace} | ${name} | ${Number(s.rate.toPrecision(3))} | ${s.sampledObjects} | ${mae(corrected, exact, trace.keySpace).toFixed(4)} | ${mae(raw, exact, trace.keySpace).toFixed(4)} | ${exactMs} -> ${sampledMs} |`);
  }
}
