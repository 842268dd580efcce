/** One run's loop and world, through simple strategies: queueing, drops, idle and radio energy, warm-up, determinism. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario, runScenarioSteps } from '../../src/run/run.js';
import { simulateRun } from '../../src/run/simulate.js';
import { tiny } from '../scenario/helpers.js';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

test('edge queue with Poisson frames and exponential service matches M/M/1', () => {
  // lambda = 8/s, E[S] = 0.1 s: rho = 0.8, Wq = rho / (mu - lambda) = 0.4 s.
  const p = tiny(
    'workload.arrivals={kind: poisson, fps: 8}',
    'models.edge.cost=expo',
    'network.uplink={mbps: 1e6}',
    'network.downlink={mbps: 1e6}',
    'frames=60000',
    'warmupFrames=2000',
  );
  const runs = [0, 1, 2, 3].map((r) => simulateRun(p, 'edge-only', r).metrics);
  const wq = runs.reduce((a, m) => a + m.t_server_queue, 0) / runs.length;
  const util = runs.reduce((a, m) => a + m.edge_utilization, 0) / runs.length;
  assert.ok(Math.abs(wq - 0.4) / 0.4 < 0.06, `Wq ${wq}`);
  assert.ok(Math.abs(util - 0.8) < 0.01, `utilization ${util}`);
});

test('same seed: identical results; another seed: different; strategies see the same frames', () => {
  const a = JSON.stringify(runScenario(tiny()));
  assert.equal(a, JSON.stringify(runScenario(tiny())));
  assert.notEqual(a, JSON.stringify(runScenario(tiny('seed=8'))));
  const lines: string[] = [];
  runScenario(tiny('replications=1', 'workload.scene.meanRun=5'), { sink: { write: (l) => void lines.push(l) } });
  const frames = (strategy: string) =>
    lines.filter((l) => l.startsWith(`${strategy},`)).map((l) => l.split(',').slice(2, 6).join(','));
  assert.equal(frames('device-only').length, 200);
  for (const s of ['edge-only', 'cloud-only', 'cachenet']) assert.deepEqual(frames(s), frames('device-only'), s);
});

test('idle energy: idle power whenever the device is not computing, per arriving frame', () => {
  // 200 frames at 1 fps, 0.1 s of compute each: the run ends at 199.1 s with 20 s busy; idle power 1 W.
  const m = simulateRun(tiny(), 'device-only', 0).metrics;
  close(m.energy_device_idle_j_per_frame, (199.1 - 20) / 200, 1e-9);
  close(m.energy_device_total_j_per_frame, 0.4 + (199.1 - 20) / 200, 1e-9);
  close(m.energy_system_total_j_per_frame, 0.4 + (199.1 - 20) / 200, 1e-9);
});

test('idle energy runs on through device steps charged by MACs (the arithmetic alone), counted from the end of the warm-up', () => {
  // 12 fps against 0.1 s of compute: the device is busy from t = 0 to 20 s; statistics start at frame
  // 100's arrival, 100/12 s, in the middle of a step.
  const overloaded = ['workload.arrivals={kind: fixed, fps: 12}', 'warmupFrames=100'];
  const m = simulateRun(tiny(...overloaded, 'energy.macs=[{tier: device, model: full, macs: 1e9, bits: 8}]'), 'device-only', 0).metrics;
  close(m.energy_device_idle_j_per_frame, (20 - 100 / 12) / 100, 1e-9);
  close(m.energy_device_compute_j_per_frame, 1e9 * 0.23e-12, 1e-9);
  // Charged by power, the same steps include the idle draw: the device is never charged idle.
  close(simulateRun(tiny(...overloaded), 'device-only', 0).metrics.energy_device_idle_j_per_frame, 0, 1e-9);
});

test('an overloaded device with a bounded queue drops frames; drops are counted, not answered', () => {
  // 10 fps against 0.1 s of compute with Poisson arrivals: rho = 1; at most 2 frames may wait.
  const m = simulateRun(tiny('workload.arrivals={kind: poisson, fps: 10}', 'device.maxQueue=2', 'frames=5000'), 'device-only', 0).metrics;
  assert.ok(m.drop_rate > 0.1 && m.drop_rate < 0.4, `drop rate ${m.drop_rate}`);
  close(m.answered_device + m.drop_rate, 1);
  assert.ok(m.latency_p99 <= 0.3 + 1e-9, `a kept frame waits for at most 2 others: p99 ${m.latency_p99}`);
});

test('radio energy is airtime: not the wait behind another device on a FIFO channel, not overlap counted twice', () => {
  // Two devices send 125 kB (1 s at 1 Mbit/s) at the same instants on one channel; transmit 1 W, receive 0.
  const base = ['workload.devices=2', 'network.shared=true', 'network.uplink={mbps: 1, rtt: 0}', 'workload.inputBytes=125000', 'device.power.receive=0', 'device.power.transmit=1', 'workload.arrivals={kind: fixed, fps: 0.2}', 'frames=20'];
  const fifo = simulateRun(tiny(...base), 'edge-only', 0).metrics;
  close(fifo.energy_device_radio_j_per_frame, 1, 1e-9);
  close(fifo.t_upload, 1.5, 1e-9); // 1 s and 2 s
  // Processor sharing: both radios are on for the whole 2 s, each at half the rate.
  const ps = simulateRun(tiny(...base, 'network.sharing=ps'), 'edge-only', 0).metrics;
  close(ps.energy_device_radio_j_per_frame, 2, 1e-9);
});

test('time-based statistics start when the warm-up ends', () => {
  // Frames at 1 fps, 0.1 s of compute, warm-up 100: statistics from t = 100 to the end at 199.1 s.
  const m = simulateRun(tiny('warmupFrames=100'), 'device-only', 0).metrics;
  close(m.device_utilization, 10 / 99.1, 1e-9);
  close(m.energy_device_idle_j_per_frame, (99.1 - 10) / 100, 1e-9);
});

test('runs in slices: runScenarioSteps pauses within runs every sliceEvents events, and the result is the same', () => {
  const p = tiny('strategies=[device-only, cachenet]', 'replications=2');
  const runs = p.scenario.strategies.length * p.scenario.replications;
  const steps = runScenarioSteps(p, { sliceEvents: 500 });
  let pauses = 0;
  let step = steps.next();
  while (!step.done) {
    pauses++;
    step = steps.next();
  }
  // Every run pauses after itself and at least once within (each has far more than 500 events).
  assert.ok(pauses >= 2 * runs, `${pauses} pauses for ${runs} runs`);
  assert.deepEqual(step.value, runScenario(p));
});
