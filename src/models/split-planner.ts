/**
 * Split-point planning (Neurosurgeon, JALAD) over a LayerProfile: pure functions, no engine.
 *
 * A cut k in 0..L (L = number of layers) runs layers [0, k) on the device and [k, L) on the server:
 * - k = 0: everything on the server; the network input (`inputBytes`) is uploaded, never compressed;
 * - 0 < k < L: layer k-1's output (`outBytes`) is uploaded, compressed to `bits` per element if asked;
 * - k = L: everything on the device; nothing crosses the link, so no upload, no rtt, no result download.
 *
 * For a cut k < L, with B = bandwidthBps (bit/s, both directions):
 *   deviceS   = Σ_{i<k} deviceS_i              serverS = Σ_{i≥k} serverS_i
 *   bytes     = k = 0 ? inputBytes : outBytes_{k-1} × bits / 32
 *   uploadS   = 8 · bytes / B                  downloadS = 8 · resultBytes / B
 *   transferS = rtt + uploadS + downloadS      (one round trip per offloaded frame)
 *   latency   = deviceS + transferS + serverS
 *   energyJ   = computeW · deviceS + transmitW · uploadS + idleW · (rtt + serverS + downloadS)
 * and for k = L: latency = deviceS = Σ all deviceS_i, transferS = serverS = bytes = 0,
 * energyJ = computeW · deviceS. Energy is the device's only: it computes, transmits the upload, and
 * otherwise waits (the result download is counted as waiting, at idleW).
 *
 * Ties (equal objective, compared exactly) go to the smallest cut: the first minimum in cut order.
 */
import type { LayerProfile } from './layer-profile.js';

export interface SplitCost {
  /** Layers [0, cut) run on the device, [cut, L) on the server. */
  cut: number;
  /** deviceS + transferS + serverS, s. */
  latency: number;
  deviceS: number;
  /** rtt + upload + result download, s; 0 at the all-local cut. */
  transferS: number;
  serverS: number;
  /** Bytes uploaded (after compression). */
  bytes: number;
  /** Device energy, J; present when `power` is given. */
  deviceEnergyJ?: number;
}

export interface SplitLink {
  /** Bit/s, both directions, > 0 (Infinity allowed: transfers take no time). */
  bandwidthBps: number;
  /** Seconds per offloaded frame (request/response round trip), >= 0. */
  rtt: number;
}

export interface DevicePower {
  /** W while computing layers. */
  computeW: number;
  /** W while uploading. */
  transmitW: number;
  /** W while waiting for the server (rtt, server compute, result download). @defaultValue 0 */
  idleW?: number;
}

export interface SplitOptions {
  /** Bytes of the answer sent back to the device when the server ran any layer. @defaultValue 0 */
  resultBytes?: number;
  /** Device power; when given, every SplitCost carries deviceEnergyJ. */
  power?: DevicePower;
  /** Bits per feature element at cuts 0 < k < L (outBytes are FP32, so bytes × bits / 32), in (0, 32]. @defaultValue 32 */
  bits?: number;
}

export interface BestSplitOptions extends SplitOptions {
  /** What to minimize; 'energy' needs `power`. @defaultValue 'latency' */
  objective?: 'latency' | 'energy';
}

export interface JaladOptions extends Omit<SplitOptions, 'bits'> {
  /** Bit widths to consider for the features (each in (0, 32]); 32 (full precision) is always considered. */
  bitsChoices: number[];
  /**
   * Accuracy loss of cutting after `cut` layers (0 < cut < L) with features at `bits` < 32, in the
   * scenario's unit (e.g. top-1 points); undefined when the table has no entry, which rules the pair out.
   * Never asked for 32 bits (loss 0) or for cuts 0 and L (nothing is compressed).
   */
  accuracyLoss: (cut: number, bits: number) => number | undefined;
  /** Largest acceptable loss, >= 0. */
  maxLoss: number;
}

export type JaladSplit = SplitCost & { bits: number; loss: number };

/** Costs of every cut 0..L (index = cut). */
export function splitCosts(profile: LayerProfile, link: SplitLink, options: SplitOptions = {}): SplitCost[] {
  const coster = makeCoster(profile, link, options);
  const bits = options.bits ?? 32;
  checkBits('bits', bits);
  const out: SplitCost[] = [];
  for (let k = 0; k <= coster.L; k++) out.push(coster.at(k, bits));
  return out;
}

/** The cut minimizing `objective` (latency by default); ties → the smallest cut. */
export function bestSplit(profile: LayerProfile, link: SplitLink, options: BestSplitOptions = {}): SplitCost {
  const objective = options.objective ?? 'latency';
  if (objective !== 'latency' && objective !== 'energy') throw new RangeError(`bestSplit: objective must be 'latency' or 'energy', got '${String(objective)}'`);
  if (objective === 'energy' && !options.power) throw new RangeError("bestSplit: objective 'energy' needs options.power");
  const value = objective === 'latency' ? (c: SplitCost) => c.latency : (c: SplitCost) => c.deviceEnergyJ!;
  let best: SplitCost | undefined;
  for (const c of splitCosts(profile, link, options)) if (best === undefined || value(c) < value(best)) best = c;
  return best!;
}

/**
 * JALAD: the (cut, bits) pair of least latency among those whose accuracy loss is <= maxLoss, full
 * precision (loss 0) always allowed. Cuts 0 and L compress nothing and report bits = 32. Ties → the
 * smallest cut, then the most bits (the least compressed, so the smaller loss).
 */
export function bestJaladSplit(profile: LayerProfile, link: SplitLink, options: JaladOptions): JaladSplit {
  const coster = makeCoster(profile, link, options);
  const { maxLoss, accuracyLoss } = options;
  if (!(maxLoss >= 0)) throw new RangeError(`bestJaladSplit: maxLoss must be >= 0, got ${maxLoss}`);
  options.bitsChoices.forEach((b, i) => checkBits(`bitsChoices[${i}]`, b));
  const compressed = [...new Set(options.bitsChoices)].filter((b) => b < 32).sort((a, b) => b - a);

  let best: JaladSplit | undefined;
  const consider = (k: number, bits: number, loss: number): void => {
    const c = coster.at(k, bits);
    if (best === undefined || c.latency < best.latency) best = { ...c, bits, loss };
  };
  for (let k = 0; k <= coster.L; k++) {
    consider(k, 32, 0);
    if (k === 0 || k === coster.L) continue;
    for (const bits of compressed) {
      const loss = accuracyLoss(k, bits);
      if (loss === undefined) continue;
      if (!(loss >= 0) || !Number.isFinite(loss)) throw new RangeError(`bestJaladSplit: accuracyLoss(${k}, ${bits}) must be a finite number >= 0 or undefined, got ${loss}`);
      if (loss <= maxLoss) consider(k, bits, loss);
    }
  }
  return best!;
}

interface Coster {
  L: number;
  at(k: number, bits: number): SplitCost;
}

/** Validates once, then prices any cut in O(1) from prefix sums. */
function makeCoster(profile: LayerProfile, link: SplitLink, options: SplitOptions): Coster {
  const { bandwidthBps, rtt } = link;
  if (!(bandwidthBps > 0)) throw new RangeError(`split link: bandwidthBps must be > 0, got ${bandwidthBps}`);
  if (!(rtt >= 0) || !Number.isFinite(rtt)) throw new RangeError(`split link: rtt must be a finite number >= 0 s, got ${rtt}`);
  const resultBytes = options.resultBytes ?? 0;
  if (!(resultBytes >= 0) || !Number.isFinite(resultBytes)) throw new RangeError(`split options: resultBytes must be a finite number >= 0, got ${resultBytes}`);
  const power = options.power;
  const idleW = power?.idleW ?? 0;
  if (power) {
    for (const [name, w] of [['computeW', power.computeW], ['transmitW', power.transmitW], ['idleW', idleW]] as const) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`split options: power.${name} must be a finite number >= 0 W, got ${w}`);
    }
  }
  const layers = profile.layers;
  const L = layers.length;
  if (!(profile.inputBytes >= 0) || !Number.isFinite(profile.inputBytes)) throw new RangeError(`profile ${profile.model}: inputBytes must be a finite number >= 0, got ${profile.inputBytes}`);
  // dev[k] = Σ_{i<k} deviceS_i, srv[k] = Σ_{i≥k} serverS_i.
  const dev = new Float64Array(L + 1);
  const srv = new Float64Array(L + 1);
  for (let i = 0; i < L; i++) {
    const { name, deviceS, serverS, outBytes } = layers[i];
    if (!Number.isFinite(deviceS) || !Number.isFinite(serverS)) throw new RangeError(`profile ${profile.model}: layer ${i} (${name}) times must be finite`);
    if (!(outBytes >= 0) || !Number.isFinite(outBytes)) throw new RangeError(`profile ${profile.model}: layer ${i} (${name}) outBytes must be a finite number >= 0, got ${outBytes}`);
    dev[i + 1] = dev[i] + deviceS;
  }
  for (let i = L - 1; i >= 0; i--) srv[i] = srv[i + 1] + layers[i].serverS;

  const downloadS = (8 * resultBytes) / bandwidthBps;
  return {
    L,
    at(k: number, bits: number): SplitCost {
      const deviceS = dev[k];
      if (k === L) {
        const local: SplitCost = { cut: k, latency: deviceS, deviceS, transferS: 0, serverS: 0, bytes: 0 };
        if (power) local.deviceEnergyJ = power.computeW * deviceS;
        return local;
      }
      const serverS = srv[k];
      const bytes = k === 0 ? profile.inputBytes : (layers[k - 1].outBytes * bits) / 32;
      const uploadS = (8 * bytes) / bandwidthBps;
      const transferS = rtt + uploadS + downloadS;
      const cost: SplitCost = { cut: k, latency: deviceS + transferS + serverS, deviceS, transferS, serverS, bytes };
      if (power) cost.deviceEnergyJ = power.computeW * deviceS + power.transmitW * uploadS + idleW * (rtt + serverS + downloadS);
      return cost;
    },
  };
}

function checkBits(name: string, bits: number): void {
  if (!(bits > 0 && bits <= 32)) throw new RangeError(`split options: ${name} must be in (0, 32], got ${bits}`);
}
