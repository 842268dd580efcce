/**
 * The strategy contract (contract.ts) over every registered strategy, on one scenario that all of
 * them can run: all-strategies.yaml, shortened, with two devices on a shared channel, Poisson
 * arrivals and a one-frame device queue, so that frames queue, contend and are sometimes dropped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare, type Prepared } from '../../src/scenario/prepare.js';
import { strategyNames } from '../../src/strategies/registry.js';
import { contractRun, sameFrames, strategyContract } from './contract.js';
import { ROOT } from './helpers.js';

const SETS = ['frames=300', 'warmupFrames=40', 'replications=1', 'workload.devices=2', 'network.shared=true', 'workload.arrivals={kind: poisson, fps: 4}', 'device.maxQueue=1'];
let memo: Prepared | undefined;
const scenario = () => {
  if (!memo) {
    const { scenario, baseDir } = loadScenario(`${ROOT}scenarios/all-strategies.yaml`, [`strategies=[${strategyNames.join(', ')}]`, ...SETS]);
    memo = prepare(scenario, baseDir);
  }
  return memo;
};

const checked = strategyNames.map((name) => (strategyContract(name, scenario), name));

test('the contract ran over every registered strategy, the eight known ones at least', () => {
  for (const name of ['device-only', 'edge-only', 'cloud-only', 'cachenet', 'early-exit', 'appeal', 'split', 'jalad']) assert.ok((checked as string[]).includes(name), name);
});

test('every strategy sees the same frames; the scenario makes some strategy drop frames and some answer at every tier', () => {
  const runs = new Map(strategyNames.map((name) => [name, contractRun(scenario(), name)]));
  sameFrames(runs);
  const all = [...runs.values()].map((r) => r.metrics);
  assert.ok(all.some((m) => m.drop_rate > 0), 'some strategy drops frames');
  for (const where of ['answered_device', 'answered_edge', 'answered_cloud']) assert.ok(all.some((m) => m[where] > 0), where);
});
