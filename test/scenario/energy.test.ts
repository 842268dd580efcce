/**
 * The one energy model, checked on every bundled scenario and strategy (shortened runs): each run's
 * energy columns (J per frame) add up (device total = compute + radio + idle; system total = device
 * total + edge compute + cloud compute), none is negative, and each tier's compute energy appears
 * exactly where the strategy computed on that tier.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { runScenario } from '../../src/run/run.js';
import { HOROWITZ_2014, chargedByMacs, perMacJ, stepEnergy, type EnergySpec } from '../../src/models/energy.js';
import { HardwareTable } from '../../src/models/hardware.js';
import { simulateRun } from '../../src/run/simulate.js';
import { energyColumnsAddUp } from '../../src/check/strategy.js';
import { scenarioFiles, tiny } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHORT = ['frames=300', 'warmupFrames=50', 'replications=1'];
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} != ${b}`);

for (const file of scenarioFiles()) {
  test(`scenarios/${file}: energy columns add up for every strategy`, () => {
    const { scenario, baseDir } = loadScenario(join(ROOT, 'scenarios', file), SHORT);
    for (const { strategy, metrics: m } of runScenario(prepare(scenario, baseDir)).runs) {
      const what = `${file} ${strategy}`;
      assert.doesNotThrow(() => energyColumnsAddUp(m), what);
      const edge = m.energy_edge_compute_j_per_frame, cloud = m.energy_cloud_compute_j_per_frame, radio = m.energy_device_radio_j_per_frame;
      // Server compute energy is charged exactly when the server answered (or computed for) some frame.
      assert.equal(edge > 0, m.answered_edge > 0 || m.edge_utilization > 0, `${what}: edge energy ${edge}, edge answered ${m.answered_edge}`);
      assert.equal(cloud > 0, m.answered_cloud > 0, `${what}: cloud energy ${cloud}, cloud answered ${m.answered_cloud}`);
      assert.equal(radio > 0, m.bytes_up_per_frame + m.bytes_down_per_frame > 0, `${what}: radio energy ${radio}`);
    }
  });
}

test('a strategy computing on a tier without a power figure or an energy.macs row is refused in one line naming the key', () => {
  assert.throws(() => simulateRun(tiny('edge={workers: 1}'), 'edge-only', 0), /^InputError: edge\.power\.compute is not set .*'full'/);
  // An energy.macs row is a source of its own: no power figure needed.
  const m = simulateRun(tiny('edge={workers: 1}', 'energy.macs=[{tier: edge, model: full, macs: 1e9, bits: 16}]'), 'edge-only', 0).metrics;
  close(m.energy_edge_compute_j_per_frame, 1e9 * (0.2e-12 * 4 + 0.03e-12 * 2), 'edge MACs at 16 bits');
});

test('energy per MAC: 32-bit float from its figures; integer widths scale the 8-bit multiply by the square, the add linearly', () => {
  close(perMacJ(HOROWITZ_2014, 32), 4.6e-12, '32');
  close(perMacJ(HOROWITZ_2014, 8), 0.23e-12, '8');
  close(perMacJ(HOROWITZ_2014, 4), 0.2e-12 / 4 + 0.03e-12 / 2, '4');
  close(perMacJ(HOROWITZ_2014, 1), 0.2e-12 / 64 + 0.03e-12 / 8, '1');
});

test('an energy.macs row for a model the hardware table lacks (a typo) is one line naming the key and the models there are', () => {
  assert.throws(() => tiny('energy.macs=[{tier: edge, model: fulll, macs: 1e9, bits: 16}]'), /^InputError: energy\.macs\[0\]\.model: hardware table: no model "fulll" on hardware "[^"]+" \(models: .*full/);
});

test('a hardware row\'s measured power_w wins over the scenario\'s compute power; the scenario\'s is the fallback', () => {
  const table = new HardwareTable([
    { hardware: 'pi', model: 'measured', latency: { kind: 'fixed', value: 0.01 }, powerW: 4, source: 'test' },
    { hardware: 'pi', model: 'unmeasured', latency: { kind: 'fixed', value: 0.01 }, source: 'test' },
  ]);
  const energy: EnergySpec = { perMac: HOROWITZ_2014, macs: [] };
  const inputs = { energy, hardware: { device: 'pi' }, power: { device: 2.5, edge: undefined, cloud: undefined } };
  assert.equal(stepEnergy(inputs, table, 'device', 'measured')(0.5), 4 * 0.5);
  assert.equal(stepEnergy(inputs, table, 'device', 'unmeasured')(0.5), 2.5 * 0.5);
});

test('an energy.macs row charges only its own tier: an edge row for a model does not make the device\'s steps of it MAC-charged', () => {
  const energy: EnergySpec = { perMac: HOROWITZ_2014, macs: [{ tier: 'edge', model: 'resnet', macs: 1e9, bits: 8 }] };
  assert.equal(chargedByMacs(energy, 'edge', 'resnet'), true);
  assert.equal(chargedByMacs(energy, 'device', 'resnet'), false);
  assert.equal(chargedByMacs(energy, 'cloud', 'resnet'), false);
  const table = new HardwareTable([{ hardware: 'pi', model: 'resnet', latency: { kind: 'fixed', value: 0.01 }, source: 'test' }]);
  const inputs = { energy, hardware: { device: 'pi', edge: 'pi' }, power: { device: 3, edge: 9, cloud: undefined } };
  assert.equal(stepEnergy(inputs, table, 'device', 'resnet')(0.5), 1.5);
  assert.equal(stepEnergy(inputs, table, 'edge', 'resnet')(0.5), 1e9 * perMacJ(HOROWITZ_2014, 8));
});

test('energy.macs rows of the same (tier, model) are parts of one step at their own bit widths: their energies add up', () => {
  const energy: EnergySpec = {
    perMac: HOROWITZ_2014,
    macs: [
      { tier: 'device', model: 'bnn', macs: 1e6, bits: 32 },
      { tier: 'device', model: 'bnn', macs: 3e7, bits: 1 },
      { tier: 'cloud', model: 'bnn', macs: 5e7, bits: 32 },
    ],
  };
  const table = new HardwareTable([{ hardware: 'pi', model: 'bnn', latency: { kind: 'fixed', value: 0.01 }, source: 'test' }]);
  const inputs = { energy, hardware: { device: 'pi', cloud: 'pi' }, power: { device: 3, edge: undefined, cloud: undefined } };
  assert.equal(stepEnergy(inputs, table, 'device', 'bnn')(0.5), 1e6 * perMacJ(HOROWITZ_2014, 32) + 3e7 * perMacJ(HOROWITZ_2014, 1));
});

/**
 * The device and system energy of each strategy, rebuilt term by term from the scenario's inputs and the
 * run's counts (nothing hard-coded: the scenarios' networks and profiles may change): idle power over
 * the whole span (every device step of these scenarios is charged by MACs, so idle runs on through it),
 * the MAC energy of the steps each frame ran, the radio's airtime x power, the servers' MAC energy.
 */
const HYBRID = ['paper/hybrid-cifar10.yaml', 'paper/hybrid-cifar100.yaml'];
const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1e-6, Math.abs(b)), `${what}: ${a} != ${b}`);

for (const file of HYBRID) {
  test(`scenarios/${file}: device energy = idle over the span + compute + radio, system = device + edge + cloud, term by term and between strategies`, () => {
    // No warm-up: the counted span is the whole run and every frame arrived in it.
    const { scenario: s, baseDir } = loadScenario(join(ROOT, 'scenarios', file), ['frames=400', 'warmupFrames=0', 'replications=1']);
    // A step may be several rows, parts at their own bit widths.
    const macJ = (tier: 'device' | 'edge' | 'cloud', model: string) => {
      const rows = s.energy.macs.filter((r) => r.tier === tier && r.model === model);
      assert.ok(rows.length > 0, `${file}: ${tier} steps of ${model} are charged by MACs`);
      return rows.reduce((j, r) => j + r.macs * perMacJ(s.energy.perMac, r.bits), 0);
    };
    const ee = s['early-exit'];
    const p = s.device.power;
    // Airtime x power, for the constant-rate links these scenarios use (a trace would need its integral).
    const bps = (link: { mbps?: number; scale: number }) => {
      assert.ok(link.mbps !== undefined, `${file}: a constant-rate link`);
      return link.mbps * link.scale * 1e6;
    };
    const terms = (strategy: string, m: Record<string, number>) => {
      assert.equal(m.drop_rate, 0, `${file} ${strategy}: no frame dropped (the terms count every frame's steps)`);
      const idle = (p.idle * m.sim_seconds * s.workload.devices) / m.frames;
      const radio = ((m.bytes_up_per_frame * 8) / bps(s.network.uplink)) * p.transmit + ((m.bytes_down_per_frame * 8) / bps(s.network.downlink)) * p.receive;
      if (strategy === 'device-only') return { idle, compute: macJ('device', s.models.device.cost), radio, edge: 0, cloud: 0 };
      assert.equal(strategy, 'early-exit');
      // Every frame runs segment 0; a frame that did not exit at segment i runs segment i + 1, then the suffix.
      let reached = 1, compute = 0;
      ee.exits.forEach((x, i) => {
        compute += reached * macJ('device', x.cost);
        reached -= m[`exit_${i}_rate`];
      });
      const server = reached * macJ(ee.suffix.tier, ee.suffix.cost);
      return { idle, compute, radio, edge: ee.suffix.tier === 'edge' ? server : 0, cloud: ee.suffix.tier === 'cloud' ? server : 0 };
    };
    const runs = runScenario(prepare(s, baseDir)).runs;
    assert.deepEqual(runs.map((r) => r.strategy).sort(), ['device-only', 'early-exit']);
    const rebuilt = runs.map(({ strategy, metrics: m }) => {
      const t = terms(strategy, m);
      const what = `${file} ${strategy}`;
      near(m.energy_device_idle_j_per_frame, t.idle, `${what} idle`);
      near(m.energy_device_compute_j_per_frame, t.compute, `${what} device compute`);
      near(m.energy_device_radio_j_per_frame, t.radio, `${what} radio`);
      near(m.energy_edge_compute_j_per_frame, t.edge, `${what} edge`);
      near(m.energy_cloud_compute_j_per_frame, t.cloud, `${what} cloud`);
      const device = t.idle + t.compute + t.radio;
      near(m.energy_device_total_j_per_frame, device, `${what} device total`);
      near(m.energy_system_total_j_per_frame, device + t.edge + t.cloud, `${what} system total`);
      return { strategy, m, t };
    });
    const [a, b] = rebuilt;
    const diff = (k: 'idle' | 'compute' | 'radio' | 'edge' | 'cloud') => a.t[k] - b.t[k];
    near(a.m.energy_device_total_j_per_frame - b.m.energy_device_total_j_per_frame, diff('idle') + diff('compute') + diff('radio'), `${file}: device energy difference`);
    near(a.m.energy_system_total_j_per_frame - b.m.energy_system_total_j_per_frame, diff('idle') + diff('compute') + diff('radio') + diff('edge') + diff('cloud'), `${file}: system energy difference`);
    // Device-only pays idle power over every frame interval it spends computing; the span opens with
    // the first arrival at t = 0, so it holds at least frames - 1 intervals.
    const only = rebuilt.find((r) => r.strategy === 'device-only')!;
    const interval = 1 / s.workload.arrivals.fps;
    assert.ok(only.m.energy_device_total_j_per_frame >= (p.idle * interval * (only.m.frames - 1)) / only.m.frames, `${file}: device-only ${only.m.energy_device_total_j_per_frame} J/frame, below idle power x the frame interval`);
  });
}
