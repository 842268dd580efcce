/**
 * Prints the iso-accuracy table of an AppealNet delta sweep (docs/reproduction.md, AppealNet): for each
 * appeal score (and each predictor AUROC), the energy per frame it needs to reach the big model's
 * accuracy (the sweep's cloud-only or edge-only row) and one and two points less, and its saving
 * against the max-softmax baseline (`one-minus-confidence`) and against the big model alone at that
 * accuracy (src/report/iso-accuracy.ts). Energy, J per frame, under three accountings: the system total
 * (device compute + radio + idle, plus the server's compute), the active part (the same without the
 * device's idle energy), and the device's active part (its compute + radio: the server's compute is not
 * counted, as a paper counting only the edge's energy would).
 *
 * Run: `npx tsx scripts/appeal-iso-accuracy.ts reports/appeal-delta-sweep/sweep.csv`.
 */
import { energyAtAccuracy, savingAtAccuracy, type TradeoffPoint } from '../src/report/iso-accuracy.js';
import { readTidyCsv } from '../src/report/tidy-csv.js';

const path = process.argv[2];
if (!path) throw new Error('usage: npx tsx scripts/appeal-iso-accuracy.ts <sweep.csv>');
const { rows } = readTidyCsv(path);
const num = (r: (typeof rows)[number], c: string) => Number(r[c]);
const measures: Record<string, (r: (typeof rows)[number]) => number> = {
  system: (r) => num(r, 'energy_system_total_j_per_frame'),
  active: (r) => num(r, 'energy_system_total_j_per_frame') - num(r, 'energy_device_idle_j_per_frame'),
  'device active': (r) => num(r, 'energy_device_total_j_per_frame') - num(r, 'energy_device_idle_j_per_frame'),
};

const big = rows.find((r) => r.strategy === 'cloud-only' || r.strategy === 'edge-only');
if (!big) throw new Error(`${path}: no cloud-only or edge-only row to take the big model's accuracy from`);
const series = new Map<string, typeof rows>();
for (const r of rows.filter((r) => r.strategy === 'appeal')) {
  const name = r['appeal.score'] === 'predictor' ? `predictor, AUROC ${r['appeal.auroc']}` : String(r['appeal.score']);
  if (!series.has(name)) series.set(name, []);
  series.get(name)!.push(r);
}
const baseline = series.get('one-minus-confidence');
if (!baseline) throw new Error(`${path}: no appeal rows with appeal.score = one-minus-confidence (the baseline)`);

const targets = [0, 0.01, 0.02].map((d) => num(big, 'accuracy') - d);
const pct = (x: number) => (Number.isNaN(x) ? 'not reached' : `${(100 * x).toFixed(1)}%`);
for (const [measure, energy] of Object.entries(measures)) {
  const curve = (rs: typeof rows): TradeoffPoint[] => rs.map((r) => ({ accuracy: num(r, 'accuracy'), energy: energy(r) }));
  console.log(`\n${measure} energy, J per frame (saving vs one-minus-confidence; vs the big model alone); big model alone: accuracy ${pct(num(big, 'accuracy'))}, ${energy(big).toFixed(4)} J\n`);
  console.log(`| score | measured AUROC | ${targets.map((a) => `accuracy ${pct(a)}`).join(' | ')} |`);
  console.log(`|---|---|${targets.map(() => '---|').join('')}`);
  for (const [name, rs] of series) {
    const auroc = rs.reduce((s, r) => s + num(r, 'score_auroc'), 0) / rs.length;
    const cells = targets.map((a) => {
      const e = energyAtAccuracy(curve(rs), a);
      return Number.isNaN(e) ? 'not reached' : `${e.toFixed(4)} (${pct(savingAtAccuracy(curve(rs), curve(baseline), a))}; ${pct(1 - e / energy(big))})`;
    });
    console.log(`| ${name} | ${auroc.toFixed(3)} | ${cells.join(' | ')} |`);
  }
}
