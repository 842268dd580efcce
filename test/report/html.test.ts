import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, htmlReport, type HtmlReportOptions } from '../../src/report/html.js';
import { renderSvg } from '../../src/report/render.js';
import { latencyBreakdownChart, latencyCdfChart } from '../../src/report/charts/presets.js';
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../../src/errors.js';
import { CORE_METRICS } from '../../src/world/metrics.js';
import { frames, sweepRows } from './fixtures.js';

async function options(): Promise<HtmlReportOptions> {
  return {
    title: 'Sweep <tau> & friends',
    summary: [
      { strategy: 'cachenet', latency_mean_ms: 42.123456, accuracy: 0.91234, frames: 12000 },
      { strategy: 'edge-only', latency_mean_ms: 94, accuracy: 0.93 },
    ],
    charts: [
      { title: 'Latency CDF', svg: await renderSvg(latencyCdfChart(frames(200))), specFile: 'latency-cdf.vl.json' },
      { title: 'Breakdown', svg: await renderSvg(latencyBreakdownChart(sweepRows(), CORE_METRICS)) },
    ],
    notes: ['mcsim 0.1.0, seed 42', 'scenario: scenarios/default.yaml'],
  };
}

test('the page is self-contained: every chart inline, no remote script, style, image or link', async () => {
  const opts = await options();
  const html = htmlReport(opts);
  for (const chart of opts.charts) assert.ok(html.includes(chart.svg), `${chart.title} not inline`);
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\(\s*['"]?https?:/i);
  assert.doesNotMatch(html, /(src|href)\s*=\s*["']?(https?:)?\/\//i);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.match(html, /<a href="latency-cdf\.vl\.json">/);
});

test('the page is byte-identical for identical inputs', async () => {
  assert.ok(htmlReport(await options()) === htmlReport(await options()));
});

test('table: caller text is escaped, numbers are formatted and right-aligned, columns in first-seen order', async () => {
  const html = htmlReport(await options());
  assert.ok(html.includes('<h1>Sweep &#60;tau&#62; &#38; friends</h1>'));
  assert.ok(html.includes('<tr><th>strategy</th><th>latency_mean_ms</th><th>accuracy</th><th>frames</th></tr>'));
  assert.ok(html.includes('<tr><td>cachenet</td><td class="num">42.12</td><td class="num">0.9123</td><td class="num">12000</td></tr>'));
  assert.ok(html.includes('<tr><td>edge-only</td><td class="num">94</td><td class="num">0.93</td><td></td></tr>'));
  assert.ok(html.includes('<footer>\n<p>mcsim 0.1.0, seed 42</p>'));
  const only = htmlReport({ ...(await options()), columns: ['accuracy', 'strategy'] });
  assert.ok(only.includes('<tr><th>accuracy</th><th>strategy</th></tr>') && !only.includes('latency_mean_ms'));
});

test('formatNumber: four significant digits, integers whole, exponent outside [1e-3, 1e6)', () => {
  assert.equal(formatNumber(0.071234), '0.07123');
  assert.equal(formatNumber(1234.5678), '1235');
  assert.equal(formatNumber(12000), '12000');
  assert.equal(formatNumber(0.5), '0.5');
  assert.equal(formatNumber(0.000123456), '1.235e-4');
  assert.equal(formatNumber(2.0e-5), '2e-5');
  assert.equal(formatNumber(1234567.8), '1.235e+6');
  assert.equal(formatNumber(-0.25), '-0.25');
  assert.equal(formatNumber(Number.NaN), 'NaN');
});

test('a spec link that leaves the folder is refused', async () => {
  const opts = await options();
  for (const specFile of ['https://example.org/x.json', '//cdn/x.json', 'file:///etc/x']) {
    assert.throws(() => htmlReport({ ...opts, charts: [{ title: 'x', svg: '<svg></svg>', specFile }] }), InputError);
  }
});

test('two charts with clip paths keep distinct ids in one page', async () => {
  const spec: TopLevelSpec = { data: { values: [{ x: 1, y: 2 }, { x: 2, y: 5 }] }, mark: { type: 'line', clip: true }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } };
  const svg = await renderSvg(spec);
  const html = htmlReport({ title: 't', summary: [], charts: [{ title: 'a', svg }, { title: 'b', svg }] });
  for (const n of [1, 2]) assert.ok(html.includes(`id="chart${n}-clip1"`) && html.includes(`url(#chart${n}-clip1)`), `chart ${n}`);
  assert.ok(!/id="clip|url\(#clip/.test(html));
});
