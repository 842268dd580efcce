/**
 * early-exit (a conditionally deep hybrid network, Long, Chakraborty and Roy, arXiv:2005.10851): the
 * device runs a quantized prefix of the network in segments, each ending in an exit head; after segment
 * i, if the head's predictive entropy is below its tau, the device answers with that head. A frame that
 * passes the last exit uploads the prefix's feature tensor (elements x featureBits / 8 bytes) and the
 * server (the paper's cloud) runs the full-precision suffix.
 *
 * Outcomes from real data: an exit head and the full network are two real models evaluated on the
 * same test samples (e.g. LeNet-5 as the exit, WRN-16-4 as the full network, both on the CIFAR-10 test
 * set): a frame stands for one real sample, so whether it exits (the exit's real entropy) and whether
 * the answer is right (the exit's or the full network's real correctness on that very sample) keep
 * their real per-sample correlation. The stand-in's limits: a real exit head shares the prefix with
 * the full network, here the head is a separate network evaluated on the same images; and the stand-in
 * ran at full precision. What quantizing the prefix does to the head's answers is the stated parameter
 * `exitAccuracyLoss`: that fraction of the head's correct answers is turned wrong (stream
 * `early-exit/quantization`, one draw per exit answer); the exit decision keeps the stand-in's entropy.
 *
 * Energy comes from the world's one energy model: each segment is a device step of its hardware-table
 * model, the suffix a server step of its model, each charged by its declared source (for the paper's
 * metric, `energy.macs` rows: MACs x energy per MAC at the prefix's and the suffix's bit widths).
 *
 * Each segment is one job on the device's FIFO queue: a frame that continues re-enters the queue
 * behind frames already waiting. Exits are numbered from 0; `choice` is the exit that answered, or
 * the number of exits when the server did.
 *
 * Metrics: exit_rate (fraction answered on the device), exit_<i>_rate, and the paper's
 * compute_energy_reduction = energy of the full-precision network on one frame (fullPrecisionMacs x
 * the 32-bit MAC energy) / the hybrid's compute energy per frame (every segment a frame ran, on the
 * device, + the suffix for frames that did not exit, on the server). Radio and idle energy are left out,
 * as in the paper's "computational energy". Reported only when the segments and the suffix are all
 * charged by MACs (`energy.macs` rows), so that both sides of the ratio count the same thing.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { chargedByMacs, perMacJ } from '../models/energy.js';
import { Where } from '../world/frames.js';
import { strategyMetrics } from '../world/metrics.js';
import { OnDevice } from './on-device.js';
import { Remote, serverModel } from './remote.js';
import { resolveOption, type StrategyEntry } from './strategy.js';

const positive = z.number().positive();

const exitSchema = z.strictObject({
  outcome: z.string().describe('Outcome-model name of the exit head (a stand-in model answering on the same samples)'),
  tau: z.number().min(0).describe('Exit when the head entropy < tau, nats'),
  cost: z.string().describe('Hardware-table model of the segment from the previous exit to this one, head included (its energy: energy.macs or power x time)'),
  featureElements: positive.describe('Elements of the tensor sent when the frame continues past this exit (used for the last exit)'),
});

const options = z.strictObject({
  exits: z
    .array(exitSchema)
    .min(1)
    .default([{ outcome: 'lenet5', tau: 0.5, cost: 'blazeface', featureElements: 400 }])
    .describe('Exits in network order'),
  featureBits: z.number().int().min(1).max(32).default(8).describe('Bit width of the uploaded features'),
  suffix: serverModel.default({ outcome: 'wrn16_4', cost: 'mobilenet', tier: 'edge' }).describe('The full network, run on the server'),
  exitAccuracyLoss: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe("Quantization's effect on the exit heads: the fraction of their correct answers turned wrong (0: they answer as the full-precision stand-in)"),
  fullPrecisionMacs: positive.default(392612352).describe('MACs of the whole network, the reference run at 32-bit float on every frame'),
});

export const earlyExit: StrategyEntry<typeof options> = {
  description: 'The device runs a quantized prefix with exit heads and answers when an exit is confident; otherwise the server finishes from the uploaded features',
  options,
  axisTitles: { 'exits.0.tau': 'first exit threshold τ (nats)' },
  metrics: strategyMetrics('early-exit', [
    { name: 'exit_rate', unit: 'fraction', description: 'fraction of frames answered on the device, at any exit', better: 'neither' },
    { name: 'exit_<i>_rate', unit: 'fraction', description: 'fraction of frames answered at exit i (from 0)', better: 'neither' },
    { name: 'compute_energy_reduction', unit: '1', description: "full-precision network's compute energy / the hybrid's, per frame (only when every segment is charged by MACs)", better: 'higher', optional: true },
  ]),
  create(world, o) {
    const c = world.frames;
    const n = o.exits.length;
    const heads = o.exits.map((x, i) => resolveOption(`early-exit.exits[${i}].outcome`, () => world.outcomes.modelIndex(x.outcome)));
    heads.forEach((m, i) => {
      if (!world.outcomes.provides(m, 'entropy')) throw new InputError(`early-exit.exits[${i}].outcome: '${o.exits[i].outcome}' has no entropy in the outcome data`);
    });
    const costs = o.exits.map((x, i) => resolveOption(`early-exit.exits[${i}].cost`, () => world.cost('device', x.cost)));
    const energies = o.exits.map((x, i) => resolveOption(`early-exit.exits[${i}].cost`, () => world.energy('device', x.cost)));
    const taus = Float64Array.from(o.exits, (x) => x.tau);
    const featureBytes = (o.exits[n - 1].featureElements * o.featureBits) / 8;
    const suffix = resolveOption('early-exit.suffix.outcome', () => world.outcomes.modelIndex(o.suffix.outcome));
    const suffixCost = resolveOption('early-exit.suffix.cost', () => world.cost(o.suffix.tier, o.suffix.cost));
    const suffixEnergy = resolveOption('early-exit.suffix.cost', () => world.energy(o.suffix.tier, o.suffix.cost));
    const spec = world.scenario.energy;
    const fullPrecisionJ = o.fullPrecisionMacs * perMacJ(spec.perMac, 32);
    // The paper's ratio compares MAC energies: it is reported only when every step is charged by MACs.
    const byMacs = o.exits.every((x) => chargedByMacs(spec, 'device', x.cost)) && chargedByMacs(spec, o.suffix.tier, o.suffix.cost);
    const quantization = world.rng('early-exit/quantization');
    const where = o.suffix.tier === 'edge' ? Where.edge : Where.cloud;
    const exited = new Float64Array(n);
    let computeJ = 0;

    const remote = new Remote(world, {
      tier: o.suffix.tier,
      served(slot) {
        if (world.counted(slot)) computeJ += c.stepEnergy[slot];
        world.answer(slot, suffix);
        return world.scenario.network.resultBytes;
      },
      answered: (slot) => world.complete(slot, where),
    });
    /** Runs segment i of the frame on the device. */
    const run = (slot: number, i: number) => {
      c.scratch[slot] = i;
      const t = costs[i]();
      segment.run(slot, t, energies[i]);
    };
    const segment: OnDevice = new OnDevice(world, (slot) => {
      const i = c.scratch[slot];
      if (world.counted(slot)) computeJ += c.stepEnergy[slot];
      const entropy = world.answer(slot, heads[i]);
      // Nature, not a decision: quantization turns the exit's answer wrong with probability exitAccuracyLoss (-1 matches no label).
      if (quantization.uniform() < o.exitAccuracyLoss) c.answer[slot] = -1;
      if (entropy < taus[i]) {
        c.choice[slot] = i;
        if (world.counted(slot)) exited[i]++;
        world.complete(slot, Where.device);
      } else if (i + 1 < n) {
        run(slot, i + 1);
      } else {
        c.choice[slot] = n;
        const t = suffixCost();
        remote.send(slot, featureBytes, t, suffixEnergy(t));
      }
    });

    return {
      arrive: (slot) => run(slot, 0),
      metrics() {
        const per = (x: number) => world.perFrame(x);
        const row: Record<string, number> = { exit_rate: per(exited.reduce((a, b) => a + b, 0)) };
        exited.forEach((k, i) => (row[`exit_${i}_rate`] = per(k)));
        if (byMacs) row.compute_energy_reduction = fullPrecisionJ / per(computeJ);
        return row;
      },
    };
  },
};
