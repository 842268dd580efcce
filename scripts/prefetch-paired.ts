/**
 * Paired differences of CacheNet with prefetch `markov` and `oracle` against `none` (reactive push), on
 * the same frames and compute draws per replication (common random numbers): mean and 95% interval over
 * replications of (predictor - none). The numbers of docs/prefetch.md. A stop-gap until the report's
 * general paired comparison covers option variants of one strategy.
 *   npx tsx scripts/prefetch-paired.ts scenarios/epic-kitchens.yaml [key=value ...]
 */
import { loadScenario } from '../src/scenario/load.js';
import { prepare } from '../src/scenario/prepare.js';
import { simulateRun } from '../src/run/simulate.js';
import { meanCi } from '../src/report/summary.js';

const [path, ...sets] = process.argv.slice(2);
const METRICS = ['prefetch_hit_rate', 'latency_mean', 'accuracy', 'answered_device', 'energy_device_total_j_per_frame', 'wasted_prefetch_bytes_per_frame'];
const runs = (predictor: string) => {
  const { scenario, baseDir } = loadScenario(path, [...sets, `cachenet.prefetch.predictor=${predictor}`]);
  const p = prepare(scenario, baseDir);
  return Array.from({ length: scenario.replications }, (_, rep) => simulateRun(p, 'cachenet', rep).metrics);
};
const none = runs('none');
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));
console.log(`${path} ${sets.join(' ')}: ${none.length} replications; predictor - none, mean [95% interval]`);
console.log(`| metric | none | markov - none | oracle - none |\n|---|---:|---:|---:|`);
const others = ['markov', 'oracle'].map(runs);
for (const m of METRICS) {
  const cells = others.map((r) => {
    const d = meanCi(r.map((x, i) => (x[m] ?? 0) - (none[i][m] ?? 0)));
    return `${fmt(d.mean)} [${fmt(d.lo)}, ${fmt(d.hi)}]`;
  });
  console.log(`| ${m} | ${fmt(meanCi(none.map((x) => x[m] ?? 0)).mean)} | ${cells.join(' | ')} |`);
}
