/**
 * The one energy model every strategy uses (DESIGN.md section 5). Each compute step on each tier draws
 * its energy from ONE declared source per (tier, hardware-table model):
 * - `macs`: the rows of the scenario's `energy.macs` list for that (tier, model): the sum over them of
 *   MACs x energy of one MAC at the row's bit width (a constant per step, whatever the step's time).
 *   Several rows are the parts of one step at different widths (a binarized network whose first
 *   convolution and shortcuts stay at 32 bits), so no row has to blend two widths into one;
 * - otherwise power x busy time: the hardware-table row's measured power when it has one, else the tier's
 *   compute power from the scenario (`device.power.compute`, `edge.power.compute`, `cloud.power.compute`).
 * Radio energy is not here: it is airtime x radio power, charged by the links' users (Remote, cachenet).
 *
 * What each device term counts (the device is the one tier charged idle power; World.idleEnergy):
 * - idle: idle power over the whole counted span, except while the device runs a power-charged step;
 * - compute: a power-charged step's power x its time (a compute power is the device's whole draw
 *   while computing, idle included, so idle stops meanwhile), a MAC-charged step's MACs x energy per
 *   MAC (the arithmetic alone: the device keeps drawing idle power underneath, so idle runs on);
 * - radio: airtime x radio power, on top of idle (radio figures are increments over idle).
 * So device energy = idle power x span + (compute power - idle power) x power-charged busy time +
 * MAC energy + radio energy whichever source a step has: a device that computes longer on MACs is
 * charged the idle power of that time too. The rule keeps power-charged steps as measured (a board's
 * power while computing) and adds to MAC figures only what they leave out. The other rule with the same
 * totals (idle over every span, a power step charged its increment over idle) would make every measured
 * compute figure a difference of two figures, one usually assumed. Edge and cloud: steps only, no idle.
 *
 * Energy per MAC by bit width (`perMacJ`): 32 bits is the floating-point MAC (the full-precision
 * reference); an integer MAC of b <= 16 bits scales the 8-bit integer figures, the multiplier with the
 * square of the width and the adder linearly:
 *   e(b) = mult8 x (b/8)^2 + add8 x (b/8).
 * The scaling is read off the same table: an integer multiply costs 0.2 pJ at 8 bits and 3.1 pJ at 32
 * (x15.5, about 4^2), an integer add 0.03 pJ at 8 bits and 0.1 pJ at 32 (x3.3, about 4). At 1 bit the rule
 * gives the cost of an XNOR + popcount step only as an extrapolation (docs/metrics.md says so).
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { HardwareTable } from './hardware.js';

const positive = z.number().positive();

export const HOROWITZ_2014 = {
  mult32f: 3.7e-12,
  add32f: 0.9e-12,
  mult8: 0.2e-12,
  add8: 0.03e-12,
  source:
    'Horowitz, "Computing\'s energy problem (and what we can do about it)", ISSCC 2014, 45 nm, arithmetic only ' +
    '(no memory access): 32-bit float mult 3.7 pJ, add 0.9 pJ; 8-bit int mult 0.2 pJ, add 0.03 pJ',
};

export const bitWidth = z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16), z.literal(32)]);
export type BitWidth = z.output<typeof bitWidth>;

export const tierName = z.enum(['device', 'edge', 'cloud']);

export const energySchema = z
  .strictObject({
    perMac: z
      .strictObject({
        mult32f: positive.describe('J per 32-bit floating-point multiply'),
        add32f: positive.describe('J per 32-bit floating-point add'),
        mult8: positive.describe('J per 8-bit integer multiply (scaled with the square of the width below 16 bits)'),
        add8: positive.describe('J per 8-bit integer add (scaled linearly with the width)'),
        source: z.string(),
      })
      .default(HOROWITZ_2014)
      .describe('Energy of the arithmetic of one MAC'),
    macs: z
      .array(
        z.strictObject({
          tier: tierName,
          model: z.string().describe('Hardware-table model whose steps on this tier are charged by MACs'),
          macs: positive.describe('MACs of one step'),
          bits: bitWidth.describe('Bit width of the arithmetic (32: floating point)'),
          note: z.string().optional().describe('Where the MAC count comes from'),
        }),
      )
      .default([])
      .describe('Compute steps charged as MACs x energy per MAC instead of power x busy time; rows of the same (tier, model) are parts of one step, each at its own bit width, and add up'),
  })
  .prefault({});

export type EnergySpec = z.output<typeof energySchema>;
export type TierName = z.output<typeof tierName>;

/** Joules of one MAC at `bits` (32: floating point; otherwise integer, scaled from 8 bits). */
export function perMacJ(spec: EnergySpec['perMac'], bits: BitWidth): number {
  if (bits === 32) return spec.mult32f + spec.add32f;
  const r = bits / 8;
  return spec.mult8 * r * r + spec.add8 * r;
}

/** What the energy model needs of a scenario. */
export interface EnergyInputs {
  energy: EnergySpec;
  hardware: Partial<Record<TierName, string>>;
  /** Compute power per tier, W (absent: not given in the scenario). */
  power: Record<TierName, number | undefined>;
}

/** Energy of one compute step of `seconds` on a tier, and which idle rule its source follows. */
export interface StepEnergy {
  (seconds: number): number;
  /**
   * Whether the figure includes the tier's idle draw during the step: true of power x time, false of
   * MACs (see the header). Read on the device only, the one tier charged idle power.
   */
  readonly includesIdle: boolean;
}

/** Whether steps of (tier, model) are charged by MACs (an `energy.macs` row) rather than power x time. */
export function chargedByMacs(spec: EnergySpec, tier: TierName, model: string): boolean {
  return spec.macs.some((m) => m.tier === tier && m.model === model);
}

/**
 * The declared source of (tier, model): MACs when listed in `energy.macs`, else power x time.
 * @throws InputError naming the missing power figure when neither the table nor the scenario has one
 */
export function stepEnergy(inputs: EnergyInputs, table: HardwareTable, tier: TierName, model?: string): StepEnergy {
  const parts = inputs.energy.macs.filter((m) => m.tier === tier && m.model === model);
  if (parts.length > 0) {
    const joules = parts.reduce((j, m) => j + m.macs * perMacJ(inputs.energy.perMac, m.bits), 0);
    return Object.assign(() => joules, { includesIdle: false });
  }
  const hw = inputs.hardware[tier];
  const measured = model !== undefined && hw !== undefined && table.has(hw, model) ? table.get(hw, model).powerW : undefined;
  const watts = measured ?? inputs.power[tier];
  if (watts === undefined) {
    throw new InputError(`${tier}.power.compute is not set (and the hardware table has no power for '${model ?? 'this step'}'): compute energy on the ${tier} needs a power figure or an energy.macs row`);
  }
  return Object.assign((seconds: number) => watts * seconds, { includesIdle: true });
}
