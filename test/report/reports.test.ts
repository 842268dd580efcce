import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../../src/report/render.js';
import { writeRunReport } from '../../src/report/run-report.js';
import { writeSweepReport } from '../../src/report/sweep-report.js';
import { sweepCharts } from '../../src/report/sweep-charts.js';
import { runScenario } from '../../src/run/run.js';
import { loadSweep } from '../../src/run/sweep.js';
import { runSweep, sweepTable } from '../../src/run/sweep-run.js';
import { FIXTURES, tiny } from '../scenario/helpers.js';
import { CORE_METRICS } from '../../src/world/metrics.js';
import { vegaLiteValidator } from './fixtures.js';

const validate = vegaLiteValidator();

/** Every spec in dir/charts is valid Vega-Lite and has a non-empty SVG; the page embeds each SVG. */
function checkCharts(dir: string, expected: string[]): void {
  const specs = readdirSync(join(dir, 'charts')).filter((f) => f.endsWith('.vl.json')).sort();
  assert.deepEqual(specs, expected.map((c) => `${c}.vl.json`).sort());
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  for (const f of specs) {
    assert.ok(validate(JSON.parse(readFileSync(join(dir, 'charts', f), 'utf8'))), `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    const svg = readFileSync(join(dir, 'charts', f.replace('.vl.json', '.svg')), 'utf8');
    assert.match(svg, /^<svg[\s\S]*<path[\s\S]*<\/svg>$/);
    assert.ok(html.includes(`charts/${f}`), `report.html links ${f}`);
  }
  assert.doesNotMatch(html, /(src|href)="https?:/);
}

/** Every file under dir with its bytes. */
const snapshot = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => !f.endsWith('charts'))
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );

test('a report that fails midway leaves the previous one whole: no new file, no temporary', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-report-'));
  const first = tiny('strategies=[device-only, cachenet]');
  await writeRunReport(dir, first.scenario, runScenario(first));
  const before = snapshot(dir);
  const second = tiny('strategies=[device-only, cachenet]', 'frames=450');
  // The second chart fails after the summaries and the first chart were written to their temporaries.
  let charts = 0;
  const failing = async (spec: TopLevelSpec) => {
    if (++charts === 2) throw new Error('disk full');
    return renderSvg(spec);
  };
  await assert.rejects(writeRunReport(dir, second.scenario, runScenario(second), { render: failing }), /disk full/);
  assert.equal(charts, 2);
  assert.deepEqual(snapshot(dir), before);
  await writeRunReport(dir, second.scenario, runScenario(second));
  assert.notDeepEqual(snapshot(dir)['summary.csv'], before['summary.csv']);
});

test('run report: breakdown and CDF charts validate, render and are in report.html', async () => {
  const p = tiny('strategies=[device-only, edge-only, cachenet]');
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-report-'));
  await writeRunReport(dir, p.scenario, runScenario(p));
  checkCharts(dir, ['latency-breakdown', 'latency-cdf']);
  // The page's table reads like the terminal's: units in the headers, mean ± 95% half-width.
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  for (const title of ['latency ms', 'accuracy %', 'device mJ/frame', 'system mJ/frame', 'up kB/frame']) assert.ok(html.includes(`<th>${title}</th>`), title);
  assert.match(html, /<tr><td>cachenet<\/td><td class="num ci">\d+\.\d\d ±&nbsp;\d+\.\d\d<\/td>/);
});

test('sweep report: latency/accuracy, hit-rate, download and (with compare) paired-download charts per swept numeric key validate and render', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-report-'));
  const spec = { ...loadSweep(`${FIXTURES}tiny-sweep.yaml`), compare: { key: 'cachenet.policy', reference: 'lru' } };
  await writeSweepReport(dir, sweepTable(await runSweep(spec, { out: dir, workers: 1 })));
  checkCharts(dir, ['latency-accuracy-vs-cachenet-tau', 'hit-rate-vs-cachenet-tau', 'downloads-vs-cachenet-tau', 'downloads-vs-reference-by-cachenet-tau']);
  const svg = readFileSync(join(dir, 'charts', 'latency-accuracy-vs-cachenet-tau.svg'), 'utf8');
  assert.match(svg, /device-only/, 'device-only is drawn as a reference line');
});

test('sweep report over a categorical key only: grouped bars by that key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-report-'));
  const spec = { ...loadSweep(`${FIXTURES}tiny-sweep.yaml`), grid: { 'cachenet.policy': ['lru', 'fifo', 'belady'] } };
  await writeSweepReport(dir, sweepTable(await runSweep(spec, { out: dir, workers: 1 })));
  checkCharts(dir, ['latency-accuracy-by-cachenet-policy']);
});

test('sweep report: too many series for one panel become panels, titled by the key label', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-report-'));
  const grid = { 'cachenet.policy': ['lru', 'lfu', 'fifo', 'mru', 'random'], 'device.cache.slots': [1, 2, 3, 4], 'cachenet.tau': [0, 0.1] };
  const spec = { ...loadSweep(`${FIXTURES}tiny-sweep.yaml`, ['frames=40']), grid };
  const table = sweepTable(await runSweep(spec, { out: dir, workers: 1 }));
  await writeSweepReport(dir, table);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  // Against tau, 5 policies x 4 sizes: panels by size leave 5 series each.
  const { charts } = sweepCharts(table);
  const vsTau = charts.find((c) => c.name === 'latency-accuracy-vs-cachenet-tau')!.spec as { vconcat: Array<{ facet: { field: string; title: string } }> };
  assert.deepEqual([vsTau.vconcat[0].facet.field, vsTau.vconcat[0].facet.title], ['device\\.cache\\.slots', 'cache slots']);
  checkCharts(dir, ['latency-accuracy-vs-device-cache-slots', 'hit-rate-vs-device-cache-slots', 'downloads-vs-device-cache-slots', 'latency-accuracy-vs-cachenet-tau', 'hit-rate-vs-cachenet-tau', 'downloads-vs-cachenet-tau']);
  assert.doesNotMatch(html, /left out/);
});

/** A metric's columns: mean and 95% bounds. */
const withBounds = (m: string, v: number) => ({ [m]: v, [`${m}_lo`]: v * 0.9, [`${m}_hi`]: v * 1.1 });

test('sweep charts: a grid that needs more than 12 panels is left out with a hint; a run whose numbers do not change with x is one rule', () => {
  const rows: Array<Record<string, string | number>> = [];
  const seen: Array<Set<string>> = [];
  const a = [1, 2, 3, 4, 5, 6, 7], b = Array.from({ length: 13 }, (_, i) => i);
  for (const x of [1, 2]) {
    for (const ai of a) for (const bi of b) {
      rows.push({ point: rows.length, x, a: ai, b: bi, strategy: 'cachenet', ...withBounds('latency_mean', x + ai + bi / 100), ...withBounds('accuracy', 0.9) });
      seen.push(new Set(['x', 'a', 'b']));
    }
    rows.push({ point: rows.length, x, a: 1, b: 0, strategy: 'edge-only', ...withBounds('latency_mean', 0.1), ...withBounds('accuracy', 0.8) });
    seen.push(new Set(['x']));
  }
  const table = { name: 's', grid: { x: [1, 2], a, b }, points: [], runs: rows.length, replications: 3, rows, runRows: [], notes: [], seen, metrics: CORE_METRICS, axisTitles: {} };
  const { charts, skipped } = sweepCharts(table);
  assert.match(skipped.find((s) => s.startsWith('Charts against x '))!, /^Charts against x left out: 91 panels of at most 6 series\. Draw a slice, e\.g\. mcsim chart sweep\.csv --x x /);
  // Against b, a's 7 values make 7 panels (over b x 1 series: cachenet); edge-only is a rule, not a series.
  const vsB = charts.find((c) => c.name === 'latency-accuracy-vs-b')!.spec as { data: { values: Array<Record<string, unknown>> } };
  assert.ok(vsB.data.values.every((r) => r.strategy !== 'edge-only'));
  assert.equal(vsB.data.values.filter((r) => r.mcsim_reference === 'edge-only').length, 2 * 7, 'edge-only: a rule in each of 7 panels, in both rows of panels');
});
