/**
 * Per-run metrics: every answered or dropped frame after the warm-up goes through record(); finish()
 * turns the collectors into one flat row of named numbers (DESIGN.md section 7). The recorder is the
 * scorer: the one place that compares a frame's answer with its true label (`truth`, by sample).
 */
import { LogHistogram, Tally } from '../sim/stats.js';
import { NPARTS, PARTS, Where, type FrameTable, type WhereCode } from './frames.js';

export type MetricRow = Record<string, number>;

/** Receives one line per recorded frame (the per-frame CSV; its t, device, sample and bytes make it a replayable frame file). */
export interface FrameSink {
  write(line: string): void;
}

export const FRAME_COLUMNS = ['strategy', 'replication', 'device', 'seq', 't', 'sample', 'bytes', 'label', 'part', 'where', 'choice', 'correct', 'latency', ...PARTS, 'device_compute_j', 'device_radio_j', 'edge_compute_j', 'cloud_compute_j', 'bytes_up', 'bytes_down'];
/** The per-frame columns the scorer fills from the true label: the only ones a relabelling may change (with the catalogue's scoredAgainstTruth metrics). */
export const TRUTH_COLUMNS: readonly string[] = ['label', 'correct'];
const WHERE_NAMES = ['device', 'edge', 'cloud', 'dropped'];

export interface RecorderOptions {
  /** True label of each outcome-table sample. */
  truth: Int32Array;
  /** Class -> partition, to score the encoder's hints (-1 everywhere without partitions). */
  partOf: Int32Array;
  warmupFrames: number;
  deadline?: number;
  sink?: FrameSink;
  /** Prefix of per-frame lines: `strategy,replication`. */
  label?: string;
}

export class Recorder {
  // Mean exact, quantiles within 0.05% at any latency in memory that grows with the latency range, not the frames: runs of any length fit.
  private readonly latency = new Tally();
  private readonly latencyQuantiles = new LogHistogram();
  private readonly parts = PARTS.map(() => new Tally());
  private readonly where = new Float64Array(4);
  private correct = 0;
  private computeJ = 0;
  private radioJ = 0;
  private edgeJ = 0;
  private cloudJ = 0;
  private bytesUp = 0;
  private bytesDown = 0;
  private lateFrames = 0;
  private seen = 0;
  private hinted = 0;
  private hintsRight = 0;

  constructor(private readonly o: RecorderOptions) {}

  /** Device radio energy not tied to one frame's answer (a partition pushed in the background), caused by frame `seq`. */
  addRadio(joules: number, seq: number): void {
    if (seq >= this.o.warmupFrames) this.radioJ += joules;
  }

  /** Frames recorded so far (warm-up excluded). */
  get count(): number {
    return this.seen;
  }

  record(frames: FrameTable, slot: number, where: WhereCode, now: number): void {
    const c = frames;
    if (c.seq[slot] < this.o.warmupFrames) return;
    this.seen++;
    this.where[where]++;
    this.computeJ += c.deviceComputeJ[slot];
    this.radioJ += c.radioJ[slot];
    this.edgeJ += c.edgeJ[slot];
    this.cloudJ += c.cloudJ[slot];
    this.bytesUp += c.bytesUp[slot];
    this.bytesDown += c.bytesDown[slot];
    const latency = now - c.arrival[slot];
    const label = this.o.truth[c.sample[slot]];
    const correct = c.answer[slot] === label ? 1 : 0;
    if (c.hint[slot] >= 0) {
      this.hinted++;
      if (this.o.partOf[label] === c.hint[slot]) this.hintsRight++;
    }
    if (where !== Where.dropped) {
      this.latency.add(latency);
      this.latencyQuantiles.add(latency);
      this.correct += correct;
      for (let k = 0; k < NPARTS; k++) this.parts[k].add(c.parts[slot * NPARTS + k]);
      if (this.o.deadline !== undefined && latency > this.o.deadline) this.lateFrames++;
    }
    if (this.o.sink) {
      const partCells = c.parts.subarray(slot * NPARTS, slot * NPARTS + NPARTS).join(',');
      this.o.sink.write(
        `${this.o.label},${c.device[slot]},${c.seq[slot]},${c.arrival[slot]},${c.sample[slot]},${c.bytes[slot]},${label},${c.hint[slot]},${WHERE_NAMES[where]},${c.choice[slot]},${correct},${where === Where.dropped ? '' : latency},${partCells},${c.deviceComputeJ[slot]},${c.radioJ[slot]},${c.edgeJ[slot]},${c.cloudJ[slot]},${c.bytesUp[slot]},${c.bytesDown[slot]}\n`,
      );
    }
  }

  /** Points of the latency distribution function (s, fraction), from the constant-memory histogram. */
  latencyCdf(): Array<[number, number]> {
    return this.latencyQuantiles.cdf();
  }

  /**
   * The run's metrics; `idlePerFrame` is the devices' idle energy over the counted time per frame that
   * arrived in it (time-based, so shared among those frames; see simulate.ts) and `extra` adds
   * strategy and resource figures (hit rate, utilization...). Energy columns are J per recorded frame
   * and add up: device total = compute + radio + idle; system total = device total + edge + cloud.
   */
  finish(idlePerFrame: number, extra: MetricRow): MetricRow {
    const answered = this.seen - this.where[Where.dropped];
    const per = (x: number) => (this.seen > 0 ? x / this.seen : NaN);
    const row: MetricRow = {
      frames: this.seen,
      latency_mean: this.latency.count > 0 ? this.latency.mean : NaN,
      latency_p50: this.latencyQuantiles.quantile(0.5),
      latency_p95: this.latencyQuantiles.quantile(0.95),
      latency_p99: this.latencyQuantiles.quantile(0.99),
      accuracy: answered > 0 ? this.correct / answered : NaN,
      answered_device: per(this.where[Where.device]),
      answered_edge: per(this.where[Where.edge]),
      answered_cloud: per(this.where[Where.cloud]),
      drop_rate: per(this.where[Where.dropped]),
      ...energyColumns(per(this.computeJ), per(this.radioJ), idlePerFrame, per(this.edgeJ), per(this.cloudJ)),
      bytes_up_per_frame: per(this.bytesUp),
      bytes_down_per_frame: per(this.bytesDown),
    };
    if (this.o.deadline !== undefined) row.deadline_miss_rate = answered > 0 ? this.lateFrames / answered : NaN;
    if (this.hinted > 0) row.encoder_accuracy = this.hintsRight / this.hinted;
    PARTS.forEach((p, k) => (row[`t_${p}`] = this.parts[k].count > 0 ? this.parts[k].mean : 0));
    return { ...row, ...extra };
  }
}

/** The energy columns, J per frame, from their parts (the sums are computed here only). */
export function energyColumns(deviceCompute: number, deviceRadio: number, deviceIdle: number, edgeCompute: number, cloudCompute: number): MetricRow {
  const deviceTotal = deviceCompute + deviceRadio + deviceIdle;
  return {
    energy_device_compute_j_per_frame: deviceCompute,
    energy_device_radio_j_per_frame: deviceRadio,
    energy_device_idle_j_per_frame: deviceIdle,
    energy_device_total_j_per_frame: deviceTotal,
    energy_edge_compute_j_per_frame: edgeCompute,
    energy_cloud_compute_j_per_frame: cloudCompute,
    energy_system_total_j_per_frame: deviceTotal + edgeCompute + cloudCompute,
  };
}
