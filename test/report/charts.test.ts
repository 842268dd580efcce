import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TopLevelSpec } from 'vega-lite';
import { lineChart, REFERENCE_FIELD } from '../../src/report/charts/line.js';
import { cdfChart } from '../../src/report/charts/cdf.js';
import { stackedBarsChart } from '../../src/report/charts/stacked-bars.js';
import { latencyAccuracyChart, latencyBreakdownChart, latencyCdfChart } from '../../src/report/charts/presets.js';
import { renderSvg } from '../../src/report/render.js';
import { InputError } from '../../src/errors.js';
import { CORE_METRICS } from '../../src/world/metrics.js';
import { frames, sweepRows, vegaLiteValidator } from './fixtures.js';

const validate = vegaLiteValidator();

const rows = sweepRows();
const mrcRows = () => ['lru', 'fifo'].flatMap((policy, k) => Array.from({ length: 300 }, (_, i) => ({ policy, cache_slots: i + 1, miss_ratio: 1 / Math.sqrt(i + 1 + k) })));
const curves = rows.filter((r) => r.tau !== '');

/** Each case: a spec and the axis titles its SVG must show. */
const cases: Array<{ name: string; spec: TopLevelSpec; titles: string[] }> = [
  { name: 'line, one series', spec: lineChart({ data: curves.filter((r) => r.strategy === 'cachenet'), x: 'tau', y: 'hit_rate', xTitle: 'threshold τ (nats)', yTitle: 'hit rate' }), titles: ['threshold τ (nats)', 'hit rate'] },
  {
    name: 'line, CI band, references, second panel',
    spec: lineChart({
      data: curves, x: 'tau', y: 'latency_mean', yLow: 'latency_mean_lo', yHigh: 'latency_mean_hi', color: 'strategy', yTitle: 'mean latency (s)', xTitle: 'τ (nats)',
      references: [{ label: 'device-only', value: 0.071 }],
      below: { y: 'accuracy', yLow: 'accuracy_lo', yHigh: 'accuracy_hi', yTitle: 'accuracy', yFormat: '.0%' },
    }),
    titles: ['mean latency (s)', 'accuracy', 'τ (nats)', 'device-only', 'strategy'],
  },
  { name: 'line, facets', spec: lineChart({ data: curves, x: 'tau', y: 'hit_rate', facet: 'strategy', yLow: 'hit_rate_lo', yHigh: 'hit_rate_hi', references: [{ label: 'half', value: 0.5 }] }), titles: ['tau', 'hit_rate', 'cachenet', 'early-exit', 'half'] },
  { name: 'dense line without markers, log x (a miss-ratio curve)', spec: lineChart({ data: mrcRows(), x: 'cache_slots', y: 'miss_ratio', color: 'policy', points: false, xScale: 'log', xTitle: 'cache size (slots)', yTitle: 'miss ratio' }), titles: ['cache size (slots)', 'miss ratio', 'lru'] },
  { name: 'points with error bars, log x', spec: lineChart({ data: curves, x: 'tau', y: 'hit_rate', yLow: 'hit_rate_lo', yHigh: 'hit_rate_hi', color: 'strategy', mark: 'point', xScale: 'log' }), titles: ['tau', 'hit_rate'] },
  { name: 'grouped bars', spec: lineChart({ data: curves, x: 'tau', y: 'hit_rate', yLow: 'hit_rate_lo', yHigh: 'hit_rate_hi', color: 'strategy', mark: 'bar' }), titles: ['tau', 'hit_rate'] },
  { name: 'cdf', spec: cdfChart({ data: frames(300), value: 'latency', color: 'strategy', valueTitle: 'latency (s)' }), titles: ['latency (s)', 'cumulative fraction'] },
  { name: 'cdf, log scale', spec: cdfChart({ data: frames(300), value: 'latency', valueScale: 'log', valueTitle: 'latency (s)' }), titles: ['latency (s)'] },
  { name: 'line, log y', spec: lineChart({ data: curves, x: 'tau', y: 'hit_rate', color: 'strategy', yScale: 'log' }), titles: ['hit_rate'] },
  { name: 'stacked bars', spec: stackedBarsChart({ data: rows, category: 'strategy', components: ['t_device_compute', 't_upload'], valueTitle: 'time (s)' }), titles: ['time (s)', 'strategy', 't_upload'] },
  { name: 'preset latency and accuracy', spec: latencyAccuracyChart(rows, CORE_METRICS, { baselines: ['device-only', 'edge-only'] }), titles: ['mean latency (ms)', 'accuracy', 'entropy threshold τ (nats)', 'edge-only'] },
  { name: 'preset latency CDF', spec: latencyCdfChart(frames(300)), titles: ['end-to-end latency (ms)'] },
  { name: 'preset latency breakdown', spec: latencyBreakdownChart(rows, CORE_METRICS), titles: ['mean latency (ms)', 'partition or model wait', 'time spent in'] },
];

for (const { name, spec, titles } of cases) {
  test(`${name}: spec follows the Vega-Lite schema and renders with its titles`, async () => {
    assert.ok(validate(spec), JSON.stringify(validate.errors?.slice(0, 3)));
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    let svg: string;
    try {
      svg = await renderSvg(spec);
    } finally {
      console.warn = warn;
    }
    assert.deepEqual(warnings, [], 'Vega-Lite warned');
    assert.match(svg, /^<svg[^>]*>/);
    for (const title of titles) assert.ok(svg.includes(`>${title}</text>`), `no "${title}" in the SVG`);
  });
}

test('the schema check can fail: a misspelt mark is rejected', () => {
  assert.equal(validate({ ...(cases[0].spec as object), mark: 'lines' }), false);
});

test('rendering is deterministic: the same spec gives the same SVG, also after other charts', async () => {
  const spec = cases[1].spec;
  const first = await renderSvg(spec);
  await renderSvg(cases[2].spec);
  assert.ok((await renderSvg(spec)) === first);
});

test('clip-path ids restart at 1 in every SVG (vega numbers them process-wide)', async () => {
  const spec: TopLevelSpec = { data: { values: [{ x: 1, y: 2 }, { x: 2, y: 5 }] }, mark: { type: 'line', clip: true }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } };
  const a = await renderSvg(spec), b = await renderSvg(spec);
  assert.ok(a === b);
  assert.ok(a.includes('id="clip1"') && a.includes('clip-path="url(#clip1)"') && !a.includes('clip2'));
});

test('line markers can be turned off', () => {
  const mark = (points: boolean) => JSON.stringify(lineChart({ data: curves, x: 'tau', y: 'hit_rate', color: 'strategy', points }));
  assert.ok(mark(true).includes('"point":{"size":36}') && mark(false).includes('"point":false'));
});

test('preset: baselines become reference lines, not series; latency is drawn in ms', () => {
  const spec = latencyAccuracyChart(rows, CORE_METRICS, { baselines: ['device-only', 'edge-only'] }) as { data: { values: Array<Record<string, unknown>> } };
  const curves = spec.data.values.filter((r) => r[REFERENCE_FIELD] === undefined);
  assert.ok(curves.every((r) => r.strategy !== 'device-only' && r.strategy !== 'edge-only'));
  assert.equal(curves[0].latency_mean, 78);
  const refs = spec.data.values.filter((r) => r[REFERENCE_FIELD] !== undefined && 'latency_mean' in r);
  assert.deepEqual(refs, [{ latency_mean: 71, [REFERENCE_FIELD]: 'device-only', mcsim_label_below: false }, { latency_mean: 94, [REFERENCE_FIELD]: 'edge-only', mcsim_label_below: true }]);
});

test('facets: each panel gets its own reference lines, and those for every panel', () => {
  const spec = lineChart({ data: curves, x: 'tau', y: 'hit_rate', facet: 'strategy', references: [{ label: 'all', value: 0.5 }, { label: 'mine', value: 0.6, panel: 'cachenet' }] }) as { data: { values: Array<Record<string, unknown>> } };
  const refs = spec.data.values.filter((r) => r[REFERENCE_FIELD] !== undefined).map((r) => `${r.strategy}:${r[REFERENCE_FIELD]}`);
  assert.deepEqual(refs, ['cachenet:all', 'cachenet:mine', 'early-exit:all']);
});

test('stacked bars average the rows of a category and stack in the order of the components', () => {
  const spec = stackedBarsChart({
    data: [{ s: 'a', p: 1, q: 2 }, { s: 'a', p: 3, q: '' }, { s: 'b', p: 5, q: 1 }],
    category: 's', components: ['q', 'p'], componentLabels: { p: 'P' },
  }) as { data: { values: unknown[] }; encoding: { color: { sort: string[] } } };
  assert.deepEqual(spec.data.values, [
    { s: 'a', component: 'q', value: 1, stack_order: 0 }, { s: 'a', component: 'P', value: 2, stack_order: 1 },
    { s: 'b', component: 'q', value: 1, stack_order: 0 }, { s: 'b', component: 'P', value: 5, stack_order: 1 },
  ]);
  assert.deepEqual(spec.encoding.color.sort, ['q', 'P']);
});

test('bad fields are InputErrors that name the field and list the present ones', () => {
  assert.throws(() => lineChart({ data: curves, x: 'tau', y: 'latency' }), (e: unknown) => e instanceof InputError && /no field "latency".*latency_mean/.test(e.message));
  assert.throws(() => lineChart({ data: curves, x: 'tau', y: 'strategy' }), /field "strategy" is not numeric/);
  assert.throws(() => lineChart({ data: curves, x: 'tau', y: 'hit_rate', yLow: 'hit_rate_lo' }), /both yLow and yHigh/);
  assert.throws(() => cdfChart({ data: [{ v: 1 }, { v: 'slow' }], value: 'v' }), /row 2: field "v" is not a number/);
  assert.throws(() => stackedBarsChart({ data: rows, category: 'strategy', components: ['t_upload', 'nope'] }), /no field "nope"/);
});

test('line charts refuse two rows at one point instead of drawing a zigzag', () => {
  assert.throws(() => lineChart({ data: curves, x: 'tau', y: 'hit_rate' }), /several rows with tau=0.1 have a "hit_rate"/);
});

test('field names with dots are escaped, not read as nested fields', async () => {
  const spec = lineChart({ data: [{ 'a.b': 1, y: 2 }, { 'a.b': 2, y: 3 }], x: 'a.b', y: 'y' });
  assert.ok(validate(spec));
  assert.match(await renderSvg(spec), /<path[^>]* d="M[\d.]+,[\d.]+L/);
});
