/**
 * The automatic charts of every bundled sweep, run tiny: no panel draws more than MAX_SERIES series,
 * read from the Vega-Lite specs themselves (their data, colour field and facet field).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_FIELD } from '../../src/report/charts/line.js';
import { MAX_SERIES, sweepCharts } from '../../src/report/sweep-charts.js';
import { loadSweep } from '../../src/run/sweep.js';
import { runSweep, sweepTable } from '../../src/run/sweep-run.js';

// Every bundled scenario with a sweep block, whatever its name (epic-kitchens.yaml has one).
const sweeps = ['scenarios', 'scenarios/paper'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.yaml') && /^(sweep|grid):/m.test(readFileSync(`${dir}/${f}`, 'utf8'))).map((f) => `${dir}/${f}`));

type Spec = { data?: { values: Array<Record<string, unknown>> }; encoding?: { color?: { field?: string } }; facet?: { field?: string }; spec?: Spec; layer?: Spec[]; vconcat?: Spec[] };

/** A field reference as the data names it (`device\.cache\.slots` -> `device.cache.slots`). */
const unescape = (ref: string) => ref.replace(/\\(.)/g, '$1');

/** Every (facet field, colour field) pair a spec draws with. */
function panels(spec: Spec, facet?: string): Array<{ facet?: string; color: string }> {
  const here = spec.facet?.field ? unescape(spec.facet.field) : facet;
  const own = spec.encoding?.color?.field ? [{ ...(here === undefined ? {} : { facet: here }), color: unescape(spec.encoding.color.field) }] : [];
  return [...own, ...[spec.spec, ...(spec.layer ?? []), ...(spec.vconcat ?? [])].flatMap((s) => (s ? panels(s, here) : []))];
}

/** The most series one panel of the spec draws. */
function mostSeries(spec: Spec): number {
  const rows = spec.data!.values.filter((r) => r[REFERENCE_FIELD] === undefined);
  let most = 0;
  for (const { facet, color } of panels(spec)) {
    const byPanel = new Map<unknown, Set<unknown>>();
    for (const r of rows) {
      const p = facet === undefined ? null : r[facet];
      if (!byPanel.has(p)) byPanel.set(p, new Set());
      byPanel.get(p)!.add(r[color]);
    }
    most = Math.max(most, ...[...byPanel.values()].map((s) => s.size));
  }
  return most;
}

test('the checker counts series per panel: 2 colours in each of 2 panels, references left out', () => {
  const values = [
    { p: 'a', s: 1 }, { p: 'a', s: 2 }, { p: 'b', s: 3 }, { p: 'b', s: 4 }, { p: 'b', [REFERENCE_FIELD]: 'edge', s: 9 },
  ];
  assert.equal(mostSeries({ data: { values }, facet: { field: 'p' }, spec: { layer: [{ encoding: { color: { field: 's' } } }] } }), 2);
  assert.equal(mostSeries({ data: { values }, encoding: { color: { field: 's' } } }), 4);
});

test('the sweep charts test finds every bundled sweep, epic-kitchens.yaml included', () => {
  assert.ok(sweeps.length >= 11 && sweeps.includes('scenarios/epic-kitchens.yaml'), sweeps.join(', '));
});

for (const path of sweeps) {
  test(`${path}: every automatic chart has at most ${MAX_SERIES} series per panel`, async () => {
    const out = mkdtempSync(join(tmpdir(), 'mcsim-sweep-charts-'));
    try {
      const spec = loadSweep(path, ['frames=60', 'warmupFrames=10', 'replications=3']);
      const { charts } = sweepCharts(sweepTable(await runSweep(spec, { out, workers: 1 })));
      assert.ok(charts.length > 0, 'some chart is drawn');
      for (const c of charts) assert.ok(mostSeries(c.spec as Spec) <= MAX_SERIES, `${c.name}: ${mostSeries(c.spec as Spec)} series in a panel`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
}
