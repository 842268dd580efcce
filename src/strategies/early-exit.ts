/**
 * early-exit (a conditionally deep hybrid network): the device runs a quantized prefix of the network
 * in segments, each ending in an exit head; after segment i, if the head's predictive entropy is below
 * its tau, the device answers with that head. A frame that passes the last exit uploads the prefix's
 * feature tensor (elements x featureBits / 8 bytes) and the server runs the full-precision suffix.
 *
 * Outcomes from real data: an exit head and the full network are two real models evaluated on the
 * same test samples (e.g. LeNet-5 as the exit, WRN-16-4 as the full network, both on the CIFAR-10 test
 * set): a frame stands for one real sample, so whether it exits (the exit's real entropy) and whether
 * the answer is right (the exit's or the full network's real correctness on that very sample) keep
 * their real per-sample correlation. The stand-in's limit: a real exit head shares the prefix with
 * the full network; here the head is a separate network evaluated on the same images.
 *
 * Energy: a segment's device energy is its MACs x the energy of one MAC at the prefix's bit width
 * (`energyPerMac`, published figures with their source), instead of compute power x time; radio energy
 * is charged as for every upload. Static and memory energy are not modelled.
 *
 * Each segment is one job on the device's FIFO queue: a frame that continues re-enters the queue
 * behind frames already waiting. Exits are numbered from 0; `choice` is the exit that answered, or
 * the number of exits when the server did.
 *
 * Metrics: exit_rate (fraction answered on the device), exit_<i>_rate, and
 * energy_ratio_vs_full_precision = mean MAC energy per frame on the device / (fullPrecisionMacs x
 * energyPerMac[32]), i.e. against running the whole network at 32 bits on the device.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { Where } from '../run/frames.js';
import { OnDevice } from './on-device.js';
import { Remote, serverModel } from './remote.js';
import { resolveOption, type StrategyEntry } from './strategy.js';

const positive = z.number().positive();

const exitSchema = z.strictObject({
  outcome: z.string().describe('Outcome-model name of the exit head'),
  tau: z.number().min(0).describe('Exit when the head entropy < tau, nats'),
  cost: z.string().describe('Hardware-table model: device time of the segment from the previous exit to this one, head included'),
  macs: positive.describe('MACs of that segment'),
  featureElements: positive.describe('Elements of the tensor sent when the frame continues past this exit (used for the last exit)'),
});

// Horowitz, ISSCC 2014, 45 nm; one MAC = one multiply + one add. The paper was not read here: the 32-bit
// float figures (3.7 + 0.9 pJ) were checked against a table citing it (Frontiers, PMC8934428, Table 3), the
// 16- and 8-bit ones against public notes quoting the same table.
const HOROWITZ_2014 = {
  '32': 4.6e-12,
  '16': 1.5e-12,
  '8': 0.23e-12,
  source:
    'Horowitz, "Computing\'s energy problem (and what we can do about it)", ISSCC 2014, 45 nm, MAC = mult + add, ' +
    'arithmetic only: 32-bit float 3.7 + 0.9 pJ, 16-bit float 1.1 + 0.4 pJ, 8-bit int 0.2 + 0.03 pJ; checked against ' +
    'secondary transcriptions of the table only (PMC8934428 Table 3 for 32-bit), not the paper',
};

const options = z
  .strictObject({
    exits: z
      .array(exitSchema)
      .min(1)
      .default([{ outcome: 'lenet5', tau: 0.5, cost: 'blazeface', macs: 651720, featureElements: 400 }])
      .describe('Exits in network order'),
    bits: z.union([z.literal(1), z.literal(4), z.literal(8), z.literal(16), z.literal(32)]).default(8).describe('Bit width of the device prefix'),
    featureBits: z.number().int().min(1).max(32).default(8).describe('Bit width of the uploaded features'),
    suffix: serverModel.default({ outcome: 'wrn16_4', cost: 'mobilenet', tier: 'edge' }).describe('The full network, run on the server'),
    energyPerMac: z
      .strictObject({
        '1': positive.optional(),
        '4': positive.optional(),
        '8': positive.optional(),
        '16': positive.optional(),
        '32': positive.describe('Joules per 32-bit MAC (the full-precision reference)'),
        source: z.string().describe('Where the per-MAC energies come from'),
      })
      .default(HOROWITZ_2014)
      .describe('Joules per MAC by bit width'),
    fullPrecisionMacs: positive.default(392612352).describe('MACs of the whole network (32-bit reference)'),
  })
  .refine((o) => o.energyPerMac[`${o.bits}`] !== undefined, { message: 'energyPerMac has no figure for the prefix bit width `bits`', path: ['energyPerMac'] });

export const earlyExit: StrategyEntry<typeof options> = {
  description: 'The device runs a quantized prefix with exit heads and answers when an exit is confident; otherwise the server finishes from the uploaded features',
  options,
  create(world, o) {
    const c = world.frames;
    const n = o.exits.length;
    const heads = o.exits.map((x, i) => resolveOption(`early-exit.exits[${i}].outcome`, () => world.outcomes.modelIndex(x.outcome)));
    heads.forEach((m, i) => {
      if (!world.outcomes.provides(m, 'entropy')) throw new InputError(`early-exit.exits[${i}].outcome: '${o.exits[i].outcome}' has no entropy in the outcome data`);
    });
    const costs = o.exits.map((x, i) => resolveOption(`early-exit.exits[${i}].cost`, () => world.cost('device', x.cost)));
    const taus = Float64Array.from(o.exits, (x) => x.tau);
    const perMac = o.energyPerMac[`${o.bits}`]!;
    const energies = Float64Array.from(o.exits, (x) => x.macs * perMac);
    const featureBytes = (o.exits[n - 1].featureElements * o.featureBits) / 8;
    const suffix = resolveOption('early-exit.suffix.outcome', () => world.outcomes.modelIndex(o.suffix.outcome));
    const suffixCost = resolveOption('early-exit.suffix.cost', () => world.cost(o.suffix.tier, o.suffix.cost));
    const where = o.suffix.tier === 'edge' ? Where.edge : Where.cloud;
    const exited = new Float64Array(n);
    let macEnergy = 0;

    const remote = new Remote(world, {
      tier: o.suffix.tier,
      served: (slot) => (world.answer(slot, suffix), world.scenario.network.resultBytes),
      answered: (slot) => world.complete(slot, where),
    });
    const segment: OnDevice = new OnDevice(world, (slot) => {
      const i = c.scratch[slot];
      if (world.counted(slot)) macEnergy += energies[i];
      if (world.answer(slot, heads[i]) < taus[i]) {
        c.choice[slot] = i;
        if (world.counted(slot)) exited[i]++;
        world.complete(slot, Where.device);
      } else if (i + 1 < n) {
        c.scratch[slot] = i + 1;
        segment.run(slot, costs[i + 1](), energies[i + 1]);
      } else {
        c.choice[slot] = n;
        remote.send(slot, featureBytes, suffixCost());
      }
    });

    return {
      arrive(slot) {
        c.scratch[slot] = 0;
        segment.run(slot, costs[0](), energies[0]);
      },
      metrics() {
        const per = (x: number) => world.perFrame(x);
        const row: Record<string, number> = { exit_rate: per(exited.reduce((a, b) => a + b, 0)) };
        exited.forEach((k, i) => (row[`exit_${i}_rate`] = per(k)));
        row.energy_ratio_vs_full_precision = per(macEnergy) / (o.fullPrecisionMacs * o.energyPerMac['32']);
        return row;
      },
    };
  },
};
