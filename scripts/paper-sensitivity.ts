/**
 * The sensitivity chart of docs/reproduction.md: CacheNet's speed-ups over device-only and edge-only,
 * and its accuracy drop, on scenarios/paper/cachenet-cifar10.yaml over the entropy threshold tau and
 * the mean scene length (everything else as in the scenario). Ratios are per replication (the three
 * strategies see the same frames), then mean and 95% interval over replications.
 * Run from the repository root: `npx tsx scripts/paper-sensitivity.ts` (about a minute); it rewrites
 * docs/figures/cachenet-paper-sensitivity.{csv,svg} and cachenet-paper-accuracy.svg.
 */
import { fileURLToPath } from 'node:url';
import { lineChart } from '../src/report/charts/line.js';
import { writeFileAtomic } from '../src/report/files.js';
import { renderSvg } from '../src/report/render.js';
import { tidyCsv } from '../src/report/run-report.js';
import { meanCi } from '../src/report/summary.js';
import { loadScenario } from '../src/scenario/load.js';
import { prepare } from '../src/scenario/prepare.js';
import { runScenario } from '../src/run/run.js';

const root = new URL('..', import.meta.url);
const scenarioPath = fileURLToPath(new URL('scenarios/paper/cachenet-cifar10.yaml', root));
const out = (name: string) => fileURLToPath(new URL(`docs/figures/${name}`, root));

const TAUS = [0, 0.25, 0.5, 0.5493, 0.75, 1, 1.25, 1.5];
const SCENES = [5, 15, 30, 100];
const rows: Array<Record<string, string | number>> = [];
for (const meanRun of SCENES) {
  for (const tau of TAUS) {
    const { scenario, baseDir } = loadScenario(scenarioPath, ['replications=5', 'frames=1500', 'warmupFrames=150', `cachenet.tau=${tau}`, `workload.scene.meanRun=${meanRun}`]);
    const runs = runScenario(prepare(scenario, baseDir)).runs;
    const of = (strategy: string, metric: string) => runs.filter((r) => r.strategy === strategy).map((r) => r.metrics[metric]);
    const cachenet = of('cachenet', 'latency_mean');
    const scenes = `scenes of ${meanRun} frames`;
    for (const [base, paper] of [['device-only', 3.2], ['edge-only', 1.6]] as const) {
      const ci = meanCi(of(base, 'latency_mean').map((l, r) => l / cachenet[r]));
      rows.push({ tau, meanRun, scenes, measure: `speed-up over ${base} (paper ${paper}x)`, value: ci.mean, lo: ci.lo, hi: ci.hi });
    }
    const drop = meanCi(of('device-only', 'accuracy').map((a, r) => 100 * (a - of('cachenet', 'accuracy')[r])));
    rows.push({ tau, meanRun, scenes, measure: 'accuracy drop (points)', value: drop.mean, lo: drop.lo, hi: drop.hi });
  }
}
writeFileAtomic(out('cachenet-paper-sensitivity.csv'), tidyCsv(rows));
const common = { x: 'tau', xTitle: 'entropy threshold τ (nats)', y: 'value', yLow: 'lo', yHigh: 'hi', color: 'scenes' } as const;
const speedups = rows.filter((r) => String(r.measure).startsWith('speed-up'));
writeFileAtomic(out('cachenet-paper-sensitivity.svg'), await renderSvg(lineChart({ ...common, data: speedups, yTitle: 'mean latency ratio (x)', facet: 'measure', title: 'CacheNet speed-ups vs τ and scene persistence (paper: 3.2x, 1.6x; τ rule ln(3)/2 = 0.55)' })));
const drops = rows.filter((r) => r.measure === 'accuracy drop (points)');
writeFileAtomic(out('cachenet-paper-accuracy.svg'), await renderSvg(lineChart({ ...common, data: drops, yTitle: 'accuracy drop vs the full model (points)', title: 'CacheNet accuracy drop vs τ and scene persistence' })));
console.log(`wrote ${rows.length} rows to docs/figures/cachenet-paper-sensitivity.csv and two charts`);
