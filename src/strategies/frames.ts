/**
 * The frames in flight, one slot each, as columns of typed arrays: strategies pass slot numbers as
 * event payloads and write the frame's timings into its columns. A slot is freed when the frame is
 * answered or dropped, so memory is O(frames in flight), not O(frames). Columns are named fields
 * (not a keyed map) and latency parts one strided array, so hot paths compile to plain loads.
 */
import { grown } from '../sim/typed-arrays.js';
import type { Frame } from '../traces/frame.js';

/** Where a frame was answered. */
export const Where = { device: 0, edge: 1, cloud: 2, dropped: 3 } as const;
export type WhereCode = (typeof Where)[keyof typeof Where];

/** Latency parts, seconds; they add up to the frame's latency. */
export const PARTS = ['device_queue', 'device_compute', 'upload', 'server_queue', 'server_compute', 'download', 'partition_wait'] as const;
export const Part = {
  deviceQueue: 0,
  deviceCompute: 1,
  upload: 2,
  serverQueue: 3,
  serverCompute: 4,
  download: 5,
  partitionWait: 6,
} as const;
export type PartIndex = (typeof Part)[keyof typeof Part];
export const NPARTS = PARTS.length;

export class FrameTable {
  arrival = new Float64Array(64);
  /** The frame's index in its device's stream. */
  seq = new Float64Array(64);
  device = new Int32Array(64);
  label = new Int32Array(64);
  part = new Int32Array(64);
  sample = new Int32Array(64);
  bytes = new Float64Array(64);
  /** 1 if the frame starts a scene: its true partition differs from its device's previous frame's (scorer only). */
  sceneStart = new Uint8Array(64);
  /** Time the current step started. */
  stamp = new Float64Array(64);
  /** Service time drawn for the current compute step. */
  service = new Float64Array(64);
  /** Energy of the current device compute step when its caller gives it (NaN: power x time). */
  stepEnergy = new Float64Array(64);
  /** Bytes of the transfer in progress (carried across hops). */
  transfer = new Float64Array(64);
  /** Strategy-specific scratch value. */
  scratch = new Float64Array(64);
  /** The strategy's decision for the frame, logged per frame (cachenet: partition; split: cut; -1: none). */
  choice = new Float64Array(64);
  correct = new Uint8Array(64);
  energy = new Float64Array(64);
  bytesUp = new Float64Array(64);
  bytesDown = new Float64Array(64);
  /** Latency parts: parts[slot * NPARTS + Part.x]. */
  parts = new Float64Array(64 * NPARTS);
  private free: number[] = [];
  private size = 0;

  /** Takes a slot for frame f (the `seq`-th frame of its device), with every accumulator at zero. */
  admit(f: Frame, seq: number): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.size === this.arrival.length) this.grow();
      slot = this.size++;
    }
    this.arrival[slot] = f.t;
    this.seq[slot] = seq;
    this.device[slot] = f.device;
    this.label[slot] = f.label;
    this.part[slot] = f.part;
    this.sample[slot] = f.sample;
    this.bytes[slot] = f.bytes;
    this.stamp[slot] = f.t;
    this.service[slot] = 0;
    this.transfer[slot] = 0;
    this.scratch[slot] = 0;
    this.choice[slot] = -1;
    this.correct[slot] = 0;
    this.energy[slot] = 0;
    this.bytesUp[slot] = 0;
    this.bytesDown[slot] = 0;
    this.parts.fill(0, slot * NPARTS, slot * NPARTS + NPARTS);
    return slot;
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  /** Adds the time since the slot's stamp to part `p`, and restamps. Returns that time. */
  lap(slot: number, p: PartIndex, now: number): number {
    const dt = now - this.stamp[slot];
    this.parts[slot * NPARTS + p] += dt;
    this.stamp[slot] = now;
    return dt;
  }

  /** Splits the time since the stamp into compute (`service`) and queueing before it, and restamps. */
  lapService(slot: number, queue: PartIndex, compute: PartIndex, now: number): void {
    const service = this.service[slot];
    this.parts[slot * NPARTS + compute] += service;
    this.parts[slot * NPARTS + queue] += Math.max(0, now - this.stamp[slot] - service);
    this.stamp[slot] = now;
  }

  private grow(): void {
    const n = 2 * this.arrival.length;
    this.arrival = grown(this.arrival, n);
    this.seq = grown(this.seq, n);
    this.device = grown(this.device, n);
    this.label = grown(this.label, n);
    this.part = grown(this.part, n);
    this.sample = grown(this.sample, n);
    this.bytes = grown(this.bytes, n);
    this.sceneStart = grown(this.sceneStart, n);
    this.stamp = grown(this.stamp, n);
    this.service = grown(this.service, n);
    this.stepEnergy = grown(this.stepEnergy, n);
    this.transfer = grown(this.transfer, n);
    this.scratch = grown(this.scratch, n);
    this.choice = grown(this.choice, n);
    this.correct = grown(this.correct, n);
    this.energy = grown(this.energy, n);
    this.bytesUp = grown(this.bytesUp, n);
    this.bytesDown = grown(this.bytesDown, n);
    this.parts = grown(this.parts, n * NPARTS);
  }
}
