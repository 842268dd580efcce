/**
 * The memory limit of `--max-memory-gb`: its default and its ceiling. Apart from resources.ts, which
 * checks scenarios against it, so that a command's help (which shows the default) loads neither the
 * estimate nor the strategies it asks.
 */
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** The default limit: what V8 lets a heap grow to, and at most 80% of the machine's memory. */
export function defaultMemoryLimitGb(workers = 1): number {
  return Math.floor(Math.min(getHeapStatistics().heap_size_limit * workers, 0.8 * totalmem()) / 1e8) / 10;
}

/** The highest limit that can be asked for: the machine's memory (a limit above it would admit a run the kernel kills). */
export const machineMemoryGb = (): number => totalmem() / 1e9;
