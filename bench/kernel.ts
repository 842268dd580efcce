/** Kernel benchmarks: the same models as bench/bare-heap.ts, through the Engine and Server API. */
import { Engine } from '../src/sim/engine.js';
import { Rng } from '../src/sim/rng.js';
import { Server } from '../src/sim/server.js';
import { bareHold, bareMM1 } from './bare-heap.js';
import type { BenchCase } from './harness.js';

function kernelMM1(customers: number, lambda: number, mu: number, seed: string) {
  const e = new Engine();
  const arrivals = new Rng(`${seed}/arrivals`), service = new Rng(`${seed}/service`);
  const server = new Server(e);
  let arrived = 0;
  const done = e.on(() => {});
  const arrive: number = e.on(() => {
    server.submit(arrived, service.exponential(1 / mu), done);
    if (++arrived < customers) e.schedule(arrivals.exponential(1 / lambda), arrive);
  });
  e.schedule(0, arrive);
  e.run();
  return { events: e.firedCount, meanWait: server.waits.mean };
}

function kernelHold(pending: number, steps: number, seed: string) {
  const rng = new Rng(seed);
  const e = new Engine();
  const hold: number = e.on(() => e.schedule(rng.exponential(1), hold));
  for (let i = 0; i < pending; i++) e.schedule(rng.exponential(1), hold);
  for (let s = 0; s < steps; s++) e.step();
  return { steps, end: e.peek() };
}

const CUSTOMERS = 1_000_000;
const STEPS = 2_000_000;

export const kernelCases: BenchCase[] = [
  {
    name: 'kernel-mm1',
    unit: 'events/s',
    work: 2 * CUSTOMERS,
    subject: () => kernelMM1(CUSTOMERS, 0.8, 1, 'bench'),
    baseline: () => bareMM1(CUSTOMERS, 0.8, 1, 'bench'),
  },
  ...[1e3, 1e5].map(
    (pending): BenchCase => ({
      name: `kernel-hold-${pending}`,
      unit: 'steps/s',
      work: STEPS,
      subject: () => kernelHold(pending, STEPS, 'bench'),
      baseline: () => bareHold(pending, STEPS, 'bench'),
    }),
  ),
];
