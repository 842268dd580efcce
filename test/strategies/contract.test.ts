/**
 * The strategy contract (src/check/strategy.ts) over every registered strategy, in the check world
 * (check/world.ts: all-strategies.yaml, shortened, two devices on a shared channel, Poisson arrivals
 * and a one-frame device queue, so that frames queue, contend and are sometimes dropped), with each
 * strategy's option block from that scenario.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkStrategy } from '../../src/check/strategy.js';
import { checkWorld } from '../../src/check/world.js';
import { FRAME_COLUMNS, type MetricRow } from '../../src/world/recorder.js';
import { simulateRun } from '../../src/run/simulate.js';
import type { Prepared } from '../../src/scenario/prepare.js';
import { strategies, strategyNames } from '../../src/strategies/registry.js';
import type { StrategyEntry } from '../../src/strategies/strategy.js';

let memo: Prepared | undefined;
const world = () => (memo ??= checkWorld(`strategies=[${strategyNames.join(', ')}]`));

for (const name of strategyNames) {
  test(`${name}: the strategy contract`, async (t) => {
    const report = await checkStrategy(strategies[name] as StrategyEntry, name, { world: world(), options: world().scenario[name] });
    assert.equal(report.properties.length, 5);
    for (const p of report.properties) await t.test(p.name, () => assert.ok(p.ok, p.detail));
  });
}

test('the contract ran over every registered strategy, the eight known ones at least', () => {
  for (const name of ['device-only', 'edge-only', 'cloud-only', 'cachenet', 'early-exit', 'appeal', 'split', 'jalad']) assert.ok((strategyNames as string[]).includes(name), name);
});

test('every strategy sees the same frames (device, seq, arrival, label); the check world makes some strategy drop frames and some answer at every tier', () => {
  const cols = ['device', 'seq', 't', 'label'].map((c) => FRAME_COLUMNS.indexOf(c));
  const runs = strategyNames.map((name) => {
    const lines: string[] = [];
    const { metrics } = simulateRun(world(), name, 0, { write: (l) => void lines.push(l) });
    return { name, metrics, identity: lines.map((l) => cols.map((i) => l.split(',')[i]).join(',')).sort() };
  });
  for (const r of runs.slice(1)) assert.deepEqual(r.identity, runs[0].identity, `${r.name} vs ${runs[0].name}`);
  const all: MetricRow[] = runs.map((r) => r.metrics);
  assert.ok(all.some((m) => m.drop_rate > 0), 'some strategy drops frames');
  for (const where of ['answered_device', 'answered_edge', 'answered_cloud']) assert.ok(all.some((m) => m[where] > 0), where);
});
