/**
 * How CacheNet's speed-ups, hit rate and accuracy move when a scene's frames are correlated images
 * (`workload.imageReuse`, `src/traces/scene-images.ts`): from an independent test image per frame
 * (no option, today's bundled scenarios) to one image per scene (1), on scenarios/default.yaml and
 * scenarios/paper/cachenet-cifar10.yaml, everything else as in the scenario but 30 replications
 * (correlated frames hold fewer distinct images, so a replication varies more). Every reuse value sees
 * the same arrivals, scenes and fresh images (the reuse decisions have a stream of their own), and
 * the three strategies the same frames, so rows differ only by the reuse. Speed-ups are ratios per
 * replication, then mean and 95% interval over replications; the accuracy difference is the
 * summary's paired one (compare.reference = device-only, the full model).
 * Run from the repository root: `npx tsx scripts/correlated-frames.ts` (a few minutes); it rewrites
 * docs/figures/correlated-frames.csv.
 */
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/report/files.js';
import { tidyCsv } from '../src/report/run-report.js';
import { meanCi } from '../src/report/summary.js';
import { loadScenario, prepare, runScenario } from '../src/index.js';

const root = new URL('..', import.meta.url);
const SCENARIOS = ['scenarios/default.yaml', 'scenarios/paper/cachenet-cifar10.yaml'];
/** undefined: no option (an independent image per frame). */
const REUSE = [undefined, 0.5, 0.8, 0.9, 0.95, 0.99, 1];
const REPLICATIONS = 30;

const rows: Array<Record<string, string | number>> = [];
for (const file of SCENARIOS) {
  for (const reuse of REUSE) {
    const sets = [`replications=${REPLICATIONS}`, 'compare.reference=device-only', ...(reuse === undefined ? [] : [`workload.imageReuse=${reuse}`])];
    const { scenario, baseDir } = loadScenario(fileURLToPath(new URL(file, root)), sets);
    const result = runScenario(prepare(scenario, baseDir));
    const of = (strategy: string, metric: string) => result.runs.filter((r) => r.strategy === strategy).map((r) => r.metrics[metric]);
    const cachenet = result.summary.find((s) => s.strategy === 'cachenet')!.metrics;
    const row: Record<string, string | number> = { scenario: file, image_reuse: reuse === undefined ? 'iid' : reuse };
    for (const base of ['device-only', 'edge-only']) {
      const ci = meanCi(of(base, 'latency_mean').map((l, r) => l / of('cachenet', 'latency_mean')[r]));
      Object.assign(row, { [`speedup_vs_${base}`]: ci.mean, [`speedup_vs_${base}_lo`]: ci.lo, [`speedup_vs_${base}_hi`]: ci.hi });
    }
    for (const m of ['answered_device', 'hint_cached_rate', 'accuracy']) Object.assign(row, { [m]: cachenet[m], [`${m}_lo`]: cachenet[`${m}_lo`], [`${m}_hi`]: cachenet[`${m}_hi`] });
    Object.assign(row, {
      full_model_accuracy: result.summary.find((s) => s.strategy === 'device-only')!.metrics.accuracy,
      accuracy_vs_full: cachenet.accuracy_vs_ref,
      accuracy_vs_full_lo: cachenet.accuracy_vs_ref_lo,
      accuracy_vs_full_hi: cachenet.accuracy_vs_ref_hi,
    });
    rows.push(row);
    console.log(Object.entries(row).map(([k, v]) => `${k}=${typeof v === 'number' ? v.toFixed(4) : v}`).join(' '));
  }
}
writeFileAtomic(fileURLToPath(new URL('docs/figures/correlated-frames.csv', root)), tidyCsv(rows));
console.log(`wrote ${rows.length} rows to docs/figures/correlated-frames.csv`);
