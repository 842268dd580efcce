/** edge-only's own rules: upload, edge compute, result down. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateRun } from '../../src/run/simulate.js';
import { tiny } from '../scenario/helpers.js';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

test('edge-only: upload + edge compute + download, hand-computed', () => {
  const m = simulateRun(tiny(), 'edge-only', 0).metrics;
  const up = (8 * 10000) / 8e6 + 0.01, edge = 0.005, down = (8 * 100) / 16e6 + 0.01;
  close(m.t_upload, up, 1e-9);
  close(m.t_server_compute, edge, 1e-9);
  close(m.t_server_queue, 0, 1e-9);
  close(m.t_download, down, 1e-9);
  close(m.latency_mean, up + edge + down, 1e-9);
  close(m.energy_device_radio_j_per_frame, 2 * (8 * 10000) / 8e6 + 1 * (8 * 100) / 16e6, 1e-9);
  close(m.energy_device_compute_j_per_frame, 0);
  close(m.energy_edge_compute_j_per_frame, 20 * edge, 1e-9); // edge.power.compute 20 W x 5 ms
  close(m.energy_cloud_compute_j_per_frame, 0);
  close(m.bytes_up_per_frame, 10000);
  close(m.bytes_down_per_frame, 100);
  assert.equal(m.answered_edge, 1);
});
