/** cloud-only's own rules: both wireless and WAN hops, cloud compute. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateRun } from '../../src/run/simulate.js';
import { tiny } from '../scenario/helpers.js';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

test('cloud-only: wireless and WAN hops both ways plus cloud compute, hand-computed', () => {
  const m = simulateRun(tiny(), 'cloud-only', 0).metrics;
  const up = (8 * 10000) / 8e6 + 0.01 + (8 * 10000) / 100e6 + 0.03;
  const down = (8 * 100) / 100e6 + 0.03 + (8 * 100) / 16e6 + 0.01;
  close(m.latency_mean, up + 0.002 + down, 1e-9);
  close(m.bytes_up_per_frame, 10000);
  assert.equal(m.answered_cloud, 1);
});
