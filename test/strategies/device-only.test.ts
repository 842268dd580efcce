/** device-only's own rules: the frame runs the device model, nothing crosses a link. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateRun } from '../../src/run/simulate.js';
import { tiny } from '../scenario/helpers.js';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

test('device-only: latency is the device compute time; energy is compute power x time', () => {
  const m = simulateRun(tiny(), 'device-only', 0).metrics;
  close(m.latency_mean, 0.1);
  close(m.latency_p99, 0.1);
  close(m.t_device_compute, 0.1);
  close(m.t_device_queue, 0);
  close(m.energy_device_compute_j_per_frame, 4 * 0.1);
  close(m.energy_device_radio_j_per_frame, 0);
  close(m.energy_edge_compute_j_per_frame, 0);
  close(m.energy_cloud_compute_j_per_frame, 0);
  assert.equal(m.answered_device, 1);
  assert.equal(m.frames, 200);
  assert.ok(m.accuracy > 0.8 && m.accuracy < 0.97, `accuracy ${m.accuracy}`);
});
