import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TopLevelSpec } from 'vega-lite';
import { mrcChart } from '../../src/report/charts/mrc.js';
import { renderSvg } from '../../src/report/render.js';
import { renderThread } from '../../src/report/render-thread.js';

const rows = [10, 100, 1000].map((size, i) => ({ policy: 'lru', size, requests: 100, misses: 90 - 30 * i, miss_ratio: (90 - 30 * i) / 100, byte_miss_ratio: (90 - 30 * i) / 100 }));

test('the render thread returns the bytes renderSvg returns, for charts asked for at once', async () => {
  const render = renderThread();
  const specs = [mrcChart({ rows }), mrcChart({ rows, title: 'second' })];
  const fromThread = await Promise.all(specs.map(render));
  for (const [i, spec] of specs.entries()) assert.equal(fromThread[i], await renderSvg(spec));
  assert.notEqual(fromThread[0], fromThread[1]);
});

test('a chart that fails to render rejects with its error; the thread goes on serving', async () => {
  const render = renderThread();
  const bad = { data: { values: [] }, mark: 'wobble' } as unknown as TopLevelSpec;
  const inProcess = await renderSvg(bad).then(() => 'rendered', (err: Error) => err.message);
  assert.notEqual(inProcess, 'rendered');
  await assert.rejects(render(bad), (err: Error) => err.message === inProcess);
  assert.match(await render(mrcChart({ rows })), /^<svg/);
});
