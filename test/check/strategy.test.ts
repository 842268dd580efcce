/** The strategy contract fails broken strategies on the right property, saying which frame and what changed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { formatCheckReport } from '../../src/check/report.js';
import { checkStrategy } from '../../src/check/strategy.js';
import { checkWorld } from '../../src/check/world.js';
import { deviceOnly } from '../../src/strategies/device-only.js';
import type { StrategyEntry } from '../../src/strategies/strategy.js';
import { answersTwice, readsLabel } from '../fixtures/broken-plugins.js';

let memo: ReturnType<typeof checkWorld> | undefined;
const world = () => (memo ??= checkWorld());
const failed = (r: Awaited<ReturnType<typeof checkStrategy>>) => r.properties.filter((p) => !p.ok).map((p) => p.name);

test('a strategy with default options runs in the bundled check world when none is given, and passes', async () => {
  const r = await checkStrategy(deviceOnly, 'device-only');
  assert.deepEqual(failed(r), []);
  assert.match(formatCheckReport(r), /^mcsim check: strategy device-only\n(  pass  .*\n){5}5 of 5 properties pass\n$/);
});

test('a strategy that decides from world.trueLabel fails "no label read" only, naming the frame whose decision changed', async () => {
  const r = await checkStrategy(readsLabel, 'reads-label', { world: world() });
  assert.deepEqual(failed(r), ['no label read (labels permuted, decisions unchanged)']);
  const detail = r.properties.at(-1)!.detail!;
  assert.match(detail, /^with every sample's label shifted by 3 classes \(class c becomes c \+ 3 mod 10\) the strategy decided differently \(before -> after\): frame \d+ of device \d \(arrived at [\d.]+ s\): where (device -> edge|edge -> device), /);
  assert.match(detail, /a decision from world\.trueLabel is an oracle, not a strategy$/);
});

test('a strategy that answers a frame twice fails "every frame answered or dropped exactly once", naming the frame', async () => {
  const r = await checkStrategy(answersTwice, 'answers-twice', { world: world() });
  const p = r.properties.find((q) => q.name === 'every frame answered or dropped exactly once')!;
  assert.equal(p.ok, false);
  assert.match(p.detail!, /^frame \d+ of device \d \(arrived at [\d.]+ s\) was completed [2-9] times \(answered on the device, then answered on the device.*\); world\.complete\(\) must be called once per frame$/);
  assert.match(formatCheckReport(r), /\n  FAIL  every frame answered or dropped exactly once\n          frame \d+ of device/);
});

test('a strategy that never completes some frames, or whose latency parts do not add up, is told which', async () => {
  const dropsHalf = { ...deviceOnly, create: (w: Parameters<typeof deviceOnly.create>[0], o: Record<string, never>) => {
    const s = deviceOnly.create(w, o, undefined);
    return { arrive: (slot: number) => (w.frames.seq[slot] % 2 === 0 ? s.arrive(slot) : undefined) };
  } };
  const r = await checkStrategy(dropsHalf, 'loses-frames', { world: world() });
  assert.match(r.properties[0].detail!, /^520 frames arrived past the warm-up \(2 devices x 260\), 260 were answered or dropped; never completed: frame 41 of device 0, /);
});

test('options that do not validate are one failing line naming the key; a failing run is reported on every property', async () => {
  const needsBudget: StrategyEntry = { description: 'needs a budget', options: z.strictObject({ budget: z.number() }), create: (w) => deviceOnly.create(w, {}, undefined) };
  const r = await checkStrategy(needsBudget, 'needs-budget', { world: world() });
  assert.deepEqual(r.properties.map((p) => p.name), ['options']);
  assert.match(r.properties[0].detail!, /^needs-budget's options do not validate: budget: missing \(expected number\)/);
  const broken = await checkStrategy({ ...deviceOnly, create: () => { throw new Error('no model'); } }, 'broken', { world: world() });
  assert.equal(failed(broken).length, 5);
  assert.equal(broken.properties[0].detail, 'the run in the check world failed: threw Error: no model');
});
