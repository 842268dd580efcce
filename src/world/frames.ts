/**
 * The frames in flight, one slot each, as columns of typed arrays: strategies pass slot numbers as
 * event payloads and write the frame's timings into its columns. A slot is freed when the frame is
 * answered or dropped, so memory is O(frames in flight), not O(frames). Columns are named fields
 * (not a keyed map) and latency parts one strided array, so hot paths compile to plain loads.
 *
 * The table carries no label: a strategy decides from what a real system has (the frame, model
 * answers and their scores); the scorer compares `answer` with the truth when the frame is recorded.
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
  /** Outcome-table row the frame stands for (what the models answer on). */
  sample = new Int32Array(64);
  bytes = new Float64Array(64);
  /** The recorded video the frame comes from (timeline replay), -1 otherwise (traces/frame.ts). */
  video = new Int32Array(64);
  /** 1 if the frame starts a scene: its true partition differs from its device's previous frame's (scorer only). */
  sceneStart = new Uint8Array(64);
  /** Time the current step started. */
  stamp = new Float64Array(64);
  /** Service time drawn for the current compute step. */
  service = new Float64Array(64);
  /** Energy of the current compute step, J (from the world's energy model). */
  stepEnergy = new Float64Array(64);
  /** Bytes of the transfer in progress (carried across hops). */
  transfer = new Float64Array(64);
  /** Strategy-specific scratch value. */
  scratch = new Float64Array(64);
  /** The strategy's decision for the frame, logged per frame (cachenet: partition; split: cut; -1: none). */
  choice = new Float64Array(64);
  /** The partition the edge encoder picked for the frame (cachenet; -1: none), logged per frame. */
  hint = new Int32Array(64);
  /** The class the frame was answered with (-1: none, or a partition declined). */
  answer = new Int32Array(64);
  /** Energy caused by the frame, J: device compute, device radio, edge compute, cloud compute. */
  deviceComputeJ = new Float64Array(64);
  radioJ = new Float64Array(64);
  edgeJ = new Float64Array(64);
  cloudJ = new Float64Array(64);
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
    this.sample[slot] = f.sample;
    this.bytes[slot] = f.bytes;
    this.video[slot] = f.video;
    this.stamp[slot] = f.t;
    this.service[slot] = 0;
    this.transfer[slot] = 0;
    this.scratch[slot] = 0;
    this.choice[slot] = -1;
    this.hint[slot] = -1;
    this.answer[slot] = -1;
    this.deviceComputeJ[slot] = 0;
    this.radioJ[slot] = 0;
    this.edgeJ[slot] = 0;
    this.cloudJ[slot] = 0;
    this.bytesUp[slot] = 0;
    this.bytesDown[slot] = 0;
    // A loop, not parts.fill: for 7 cells the builtin's call costs more than the stores.
    for (let k = slot * NPARTS, end = k + NPARTS; k < end; k++) this.parts[k] = 0;
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
    this.sample = grown(this.sample, n);
    this.bytes = grown(this.bytes, n);
    this.video = grown(this.video, n);
    this.sceneStart = grown(this.sceneStart, n);
    this.stamp = grown(this.stamp, n);
    this.service = grown(this.service, n);
    this.stepEnergy = grown(this.stepEnergy, n);
    this.transfer = grown(this.transfer, n);
    this.scratch = grown(this.scratch, n);
    this.choice = grown(this.choice, n);
    this.hint = grown(this.hint, n);
    this.answer = grown(this.answer, n);
    this.deviceComputeJ = grown(this.deviceComputeJ, n);
    this.radioJ = grown(this.radioJ, n);
    this.edgeJ = grown(this.edgeJ, n);
    this.cloudJ = grown(this.cloudJ, n);
    this.bytesUp = grown(this.bytesUp, n);
    this.bytesDown = grown(this.bytesDown, n);
    this.parts = grown(this.parts, n * NPARTS);
  }
}
