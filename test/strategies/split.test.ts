/** split's own rules (Neurosurgeon-style cut selection over layer profiles, re-planning on bandwidth estimates). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { fitLink } from '../../src/models/bandwidth-estimator.js';
import { readNeurosurgeonProfile, type NeurosurgeonProfile } from '../../src/models/layer-profile.js';
import { runScenario } from '../../src/run/run.js';
import { simulateRun } from '../../src/run/simulate.js';
import { tiny as tinyScenario } from '../scenario/helpers.js';
import { ALEXNET, SCRATCH, TOY, nsProfile, splitSet } from './layer-profiles.js';

/** The tiny fixture running split (prepare reads the layer profiles of the strategies it lists). */
const tiny = (...sets: string[]) => tinyScenario('strategies=[split]', ...sets);
const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

test('split by hand: one frame cut after layer a on the tiny scenario (oracle, constant links)', () => {
  // Planner (B = 8 Mbit/s, rtt 0.01 + 0.01, 100 B result): cut 0 = 0.02 + 1 + 1e-4 + 0.03 = 1.0501 s;
  // cut 1 = 0.05 + 0.02 + 0.004 + 1e-4 + 0.02 = 0.0941 s; cut 2 = 0.2811 s; cut 3 = 0.35 s.
  const m = simulateRun(tiny(splitSet('split', TOY), 'frames=20'), 'split', 0).metrics;
  assert.equal(m.mean_cut, 1);
  assert.equal(m.cut_a_share, 1);
  assert.equal(m.cut_input_share, 0);
  // Simulated: device 5 + 50 ms, up 4000 B at 8 Mbit/s + 10 ms, edge 20 ms, down 100 B at 16 Mbit/s + 10 ms.
  const up = (8 * 4000) / 8e6, down = (8 * 100) / 16e6;
  close(m.t_device_compute, 0.055);
  close(m.t_upload, up + 0.01);
  close(m.t_server_compute, 0.02);
  close(m.t_download, down + 0.01);
  close(m.latency_mean, 0.055 + up + 0.01 + 0.02 + down + 0.01);
  close(m.energy_device_compute_j_per_frame, 4 * 0.055);
  close(m.energy_device_radio_j_per_frame, 2 * up + 1 * down);
  close(m.energy_edge_compute_j_per_frame, 20 * 0.02); // edge.power.compute 20 W
  close(m.bytes_up_per_frame, 4000);
  close(m.bytes_down_per_frame, 100);
  assert.equal(m.answered_edge, 1);
});

test('split objective energy: a frugal processor keeps every layer when latency would offload', () => {
  // Toy profile at 8 Mbit/s with compute 0.1 W, transmit 2 W, idle 1 W: energy of cut 1 = 0.1 * 0.05 +
  // 2 * 0.004 + 1 * (0.02 + 0.02 + 1e-4) = 0.0531 J, cut 2 = 0.0571 J, cut 3 = 0.1 * 0.35 = 0.035 J.
  const cut = (objective: string) => simulateRun(tiny('device.power.compute=0.1', 'frames=5', splitSet('split', TOY, `, objective: ${objective}`)), 'split', 0).metrics.mean_cut;
  assert.equal(cut('latency'), 1);
  assert.equal(cut('energy'), 3);
});

test('split runs on a TensorRT (trex) profile, the other side scaled', () => {
  const trex = fileURLToPath(new URL('../../../shared/data/layer-profiles/trex/resnet18-a100-fp32/', import.meta.url));
  const set = (scale: number) => `split={profile: {kind: trex, path: '${trex}', otherSideScale: ${scale}}, estimator: {kind: oracle}}`;
  const m = simulateRun(tiny('network.uplink={mbps: 1e6, rtt: 0}', 'network.downlink={mbps: 1e6, rtt: 0}', 'frames=5', set(20)), 'split', 0).metrics;
  // A device 20x slower than the server, an all but free link: everything on the server.
  assert.equal(m.mean_cut, 0);
  assert.equal(m.cut_input_share, 1);
  // A device 20x faster: everything on the device.
  const local = simulateRun(tiny('frames=5', set(0.05)), 'split', 0).metrics;
  assert.equal(local.answered_device, 1);
});

/** Latency of cut k priced from the definitions (pre-processing, both rtts, result at the uplink rate). */
function bruteLatency(p: NeurosurgeonProfile, k: number, bps: number, rtt: number, resultBytes: number): number {
  const L = p.layers.length;
  let t = p.preprocessS;
  for (let i = 0; i < k; i++) t += p.layers[i].deviceS;
  if (k === L) return t;
  for (let i = k; i < L; i++) t += p.layers[i].serverS;
  const sent = k === 0 ? p.inputBytes : p.layers[k - 1].outBytes;
  return t + rtt + (8 * (sent + resultBytes)) / bps;
}

test('split on a constant link picks the brute-force argmin over all cuts (AlexNet tables)', () => {
  fc.assert(
    fc.property(fc.constantFrom('tcp', 'udp', 'pxl3'), fc.double({ min: -1, max: 3, noNaN: true }), (variant, log10Mbps) => {
      const mbps = 10 ** log10Mbps;
      const p = readNeurosurgeonProfile(ALEXNET, { variant });
      const lat = Array.from({ length: p.layers.length + 1 }, (_, k) => bruteLatency(p, k, mbps * 1e6, 0.02, 100));
      const min = Math.min(...lat);
      const sim = tiny(`network.uplink={mbps: ${mbps}, rtt: 0.01}`, 'frames=5', `split={profile: {path: '${ALEXNET}', variant: ${variant}}, estimator: {kind: oracle}}`);
      const cut = simulateRun(sim, 'split', 0).metrics.mean_cut;
      assert.ok(Number.isInteger(cut), `one cut for every frame, got mean ${cut}`);
      assert.ok(lat[cut] <= min + 1e-12, `${variant} at ${mbps} Mbit/s: cut ${cut} (${lat[cut]} s) vs best ${lat.indexOf(min)} (${min} s)`);
      const runnerUp = Math.min(...lat.filter((_, k) => k !== lat.indexOf(min)));
      if (runnerUp - min > 1e-9) assert.equal(cut, lat.indexOf(min));
    }),
    { numRuns: 30 },
  );
});

test('split: very high bandwidth puts every layer on the faster side; very low bandwidth runs all locally', () => {
  const cutAt = (mbps: number, path = ALEXNET, variant = 'pxl3') =>
    simulateRun(tiny(`network.uplink={mbps: ${mbps}, rtt: 0.01}`, 'frames=5', `split={profile: {path: '${path}', variant: ${variant}}, estimator: {kind: oracle}}`), 'split', 0).metrics.mean_cut;
  // AlexNet: the server (29 ms in all) is faster than the phone (222 ms): cut 0.
  assert.equal(cutAt(1e6), 0);
  assert.equal(cutAt(0.01), 17);
  // A device faster than the server at every layer keeps everything, however fast the link.
  const fastDevice = nsProfile('fast-device', [['input', 0, 300], ['a', 1, 200], ['softmax', 2, 0]], [100, 10]);
  assert.equal(cutAt(1e6, fastDevice, 'tcp'), 2);
});

test('split at the AlexNet tables\' measured conditions (fitted link) picks pool5 with the oracle', () => {
  for (const variant of ['tcp', 'pxl3'] as const) {
    const p = readNeurosurgeonProfile(ALEXNET, { variant });
    const sent = (k: number) => (k === 0 ? p.inputBytes : p.layers[k - 1].outBytes);
    const link = fitLink(p.transferS.slice(0, p.layers.length).map((seconds, k) => ({ bytes: sent(k), seconds })));
    const mbps = link.bandwidthBps / 1e6;
    const sim = tiny(
      `network.uplink={mbps: ${mbps}, rtt: ${link.rtt}}`,
      `network.downlink={mbps: ${mbps}, rtt: 0}`,
      'network.resultBytes=0',
      'frames=10',
      `split={profile: {path: '${ALEXNET}', variant: ${variant}}, estimator: {kind: oracle}}`,
    );
    const m = simulateRun(sim, 'split', 0).metrics;
    assert.equal(m.cut_pool5_share, 1, variant);
    close(m.bytes_up_per_frame, 36_864);
  }
});

test('split with EWMA: re-plans when the uplink steps down, from pool5 to all-local', () => {
  // 40 Mbit/s for 30 s, then 0.5 Mbit/s (mbps format: rate i holds over (t[i-1], t[i]]).
  const trace = join(SCRATCH, 'step.mbps');
  writeFileSync(trace, '0 40\n30 40\n100000 0.5\n');
  const run = (threshold: number) => {
    const lines: string[] = [];
    const p = tiny(
      `network.uplink={trace: '${trace}', format: mbps, rtt: 0.01}`,
      'frames=60',
      'replications=1',
      `split={profile: {path: '${ALEXNET}', variant: pxl3}, estimator: {kind: ewma, alpha: 0.5, initialMbps: 40}, replanThreshold: ${threshold}}`,
      'strategies=[split]',
    );
    const [summary] = runScenario(p, { sink: { write: (l) => void lines.push(l) } }).summary;
    const cuts = lines.map((l) => Number(l.split(',')[10]));
    return { cuts, m: summary.metrics };
  };
  const every = run(0);
  // Frames arrive at t = 0, 1, ...: before the step every frame sends pool5 (cut 10).
  assert.deepEqual(every.cuts.slice(0, 30), Array(30).fill(10));
  // After it, slow uploads pull the estimate down until the device keeps everything, and stays there
  // (an all-local frame uploads nothing, so the estimate no longer moves).
  const firstLocal = every.cuts.indexOf(17);
  assert.ok(firstLocal > 30 && firstLocal < 40, `first all-local frame ${firstLocal}`);
  assert.deepEqual(every.cuts.slice(firstLocal), Array(60 - firstLocal).fill(17));
  assert.equal(every.m.cut_changes_per_frame * 60, 1);
  assert.ok(every.m.replans_per_frame * 60 >= 2, 'the estimate moved more than once');
  // A loose threshold re-plans less often and still ends all-local.
  const loose = run(0.5);
  assert.ok(loose.m.replans_per_frame < every.m.replans_per_frame);
  assert.equal(loose.cuts[59], 17);
});

test('split keeps its plan while the estimate moves by at most replanThreshold of the planned rate, bounds included', () => {
  // Oracle estimate on a traced uplink: 10 Mbit/s for 30 s, then 15 (csv: a row holds from its t on).
  // The step is exactly 0.5 of the planned rate: threshold 0.5 keeps the plan, 0.49 re-plans once.
  const trace = join(SCRATCH, 'step-half.csv');
  writeFileSync(trace, 't,mbps\n0,10\n30,15\n100000,15\n');
  const replans = (threshold: number) => {
    const p = tiny(
      `network.uplink={trace: '${trace}', rtt: 0.01}`,
      'frames=60',
      'warmupFrames=0',
      'replications=1',
      `split={profile: {path: '${ALEXNET}', variant: pxl3}, estimator: {kind: oracle}, replanThreshold: ${threshold}}`,
      'strategies=[split]',
    );
    return runScenario(p).summary[0].metrics.replans_per_frame * 60;
  };
  assert.equal(replans(0.5), 0);
  assert.equal(replans(0.49), 1);
});

test('split with EWMA probing: a device stuck all-local discovers a fast link; without probes it never does', () => {
  const run = (probe: string) =>
    simulateRun(
      tiny('network.uplink={mbps: 100, rtt: 0.01}', 'frames=40', `split={profile: {path: '${ALEXNET}', variant: pxl3}, estimator: {kind: ewma, alpha: 0.5, initialMbps: 0.01${probe}}}`),
      'split',
      0,
    ).metrics;
  const blind = run('');
  assert.equal(blind.mean_cut, 17, 'a 10 kbit/s first guess keeps every frame local, and nothing corrects it');
  const probing = run(', probeEvery: 2, probeBytes: 20000');
  // Frames arrive every second; the first probe goes out at t = 2 s, after which pool5 is best.
  assert.ok(probing.cut_pool5_share >= 0.9, `with probes: pool5 share ${probing.cut_pool5_share}`);
  assert.ok(probing.latency_mean < 0.5 * blind.latency_mean);
  // One probe (20 kB) while the estimate was low; uploads keep the device out of quiet periods afterwards.
  assert.equal(probing.probe_bytes_per_frame * 40, 20000);
});

test('split options: a trex profile without otherSideScale is an InputError naming the option', () => {
  assert.throws(
    () => simulateRun(tiny("split={profile: {kind: trex, path: '../../../shared/data/layer-profiles/trex/resnet18-a100-fp32'}}"), 'split', 0),
    (e: Error) => e instanceof InputError && /split\.profile\.otherSideScale/.test(e.message),
  );
});

test('probe bytes count from the end of the warm-up, like every other per-frame figure', () => {
  const run = (warmup: number) =>
    simulateRun(
      tiny('network.uplink={mbps: 0.05, rtt: 0.01}', 'frames=60', `warmupFrames=${warmup}`, `split={profile: {path: '${ALEXNET}', variant: pxl3}, estimator: {kind: ewma, alpha: 0.5, initialMbps: 0.01, probeEvery: 2, probeBytes: 1000}}`),
      'split',
      0,
    ).metrics;
  // The link is too slow to offload: the device stays local and probes every 2 s throughout.
  const all = run(0), half = run(30);
  assert.equal(all.mean_cut, 17);
  assert.ok(Math.abs(half.probe_bytes_per_frame - all.probe_bytes_per_frame) <= 1000 / 30, `${half.probe_bytes_per_frame} vs ${all.probe_bytes_per_frame}`);
});

test('split left out of the scenario\'s strategies: its profile was not read, and running it says so', () => {
  assert.throws(() => simulateRun(tinyScenario(splitSet('split', TOY)), 'split', 0), (e: Error) => e instanceof InputError && /split is not in the scenario's strategies/.test(e.message));
});
