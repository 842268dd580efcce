/**
 * The miss path: the frame is uploaded; at the edge the encoder picks its partition (the hint) and the
 * full model (or, with `missAnswer: partition`, that partition) answers; the result goes down first,
 * and the push of the partition is scheduled just after it, so it follows on the link. The frame is
 * answered when everything it waits for is on the device: its result, and with blocking pushes its
 * partition (the wait is the latency part partition_wait).
 */
import type { StepEnergy } from '../../models/energy.js';
import type { World } from '../../world/world.js';
import { Part, Where } from '../../world/frames.js';
import { Remote } from '../remote.js';
import { SlotColumn } from '../slot-column.js';
import type { Pushes } from './push.js';

export interface MissOptions {
  /** Outcome-model index of what answers at the edge, given the frame's hint. */
  answerer: (hint: number) => number;
  /** Edge compute of one miss: the encoder, then the answering model (draws in s, and their energy). */
  encoder: { cost: () => number; energy: StepEnergy };
  classifier: { cost: () => number; energy: StepEnergy };
  /** The result of a frame of device d has left the downlink (prefetch: the link may be idle now). */
  resultDelivered?: (device: number) => void;
}

export class MissPath {
  /** Per frame: how many deliveries (result, partition) it still waits for. */
  private readonly awaited = new SlotColumn();
  private readonly remote: Remote;
  private pushes: Pushes | null = null;

  constructor(
    private readonly world: World,
    private readonly o: MissOptions,
  ) {
    const c = world.frames, e = world.engine;
    const pushAfterResult = e.on((slot) => {
      if (this.pushes!.push(slot)) this.awaited.add(slot, 1);
    });
    this.remote = new Remote(world, {
      tier: 'edge',
      served: (slot) => {
        world.answer(slot, o.answerer(c.hint[slot]));
        this.awaited.set(slot, 1);
        e.schedule(0, pushAfterResult, slot);
        return world.scenario.network.resultBytes;
      },
      answered: (slot) => this.delivered(slot),
    });
  }

  /** The pushes that follow results (set once, after both exist: each needs the other). */
  pushWith(pushes: Pushes): void {
    this.pushes = pushes;
  }

  send(slot: number): void {
    const { encoder, classifier } = this.o;
    const encode = encoder.cost(), classify = classifier.cost();
    this.remote.send(slot, this.world.frames.bytes[slot], encode + classify, encoder.energy(encode) + classifier.energy(classify));
  }

  /** The partition a blocked frame waited for has landed; if its result is already there, the wait ends now. */
  partitionLanded(slot: number): void {
    if (this.awaited.add(slot, -1) > 0) return;
    this.world.frames.lap(slot, Part.partitionWait, this.world.engine.now);
    this.world.complete(slot, Where.edge);
  }

  private delivered(slot: number): void {
    this.o.resultDelivered?.(this.world.frames.device[slot]);
    if (this.awaited.add(slot, -1) === 0) this.world.complete(slot, Where.edge);
  }
}
