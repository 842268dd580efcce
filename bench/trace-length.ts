/**
 * How `mcsim mrc` grows with the trace (issue 13): cloudPhysicsIO repeated 10, 50, 100 and 200 times
 * (1.1 to 22.8 million requests, oracleGeneral), LRU at 1,000 slots, whole process each, without and
 * with the default curve and chart. Figures: best wall time of 3 rounds (rate = requests/s) and the
 * peak RSS, from /usr/bin/time. Linear growth shows as a flat rate.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from './harness.js';
import { timed } from './libcachesim.js';
import { repeatedTraceFile } from './repeated-trace.js';

const bin = fileURLToPath(new URL('../bin/mcsim.js', import.meta.url));
const REQUESTS = 113_872;

function lengthCase(repeat: number, curve: boolean): BenchCase {
  const name = `trace-length-lru-x${repeat}${curve ? '-curve' : ''}`;
  // The file is written on first use (the 200x one is 547 MB), not when the cases are listed.
  const argv = () => ['node', bin, 'mrc', repeatedTraceFile(repeat), '--policy', 'lru', '--size', '1000', '--out', join(tmpdir(), 'mcsim-bench', name), ...(curve ? [] : ['--no-curve'])];
  let rssMb = 0;
  return {
    name,
    unit: 'requests/s',
    work: REQUESTS * repeat,
    rounds: 3,
    subject: () => void (rssMb = Math.max(rssMb, timed(argv()).rssMb)),
    extra: () => ({ max_rss_mb: rssMb }),
  };
}

export const traceLengthCases = (): BenchCase[] => [10, 50, 100, 200].flatMap((r) => [lengthCase(r, false), lengthCase(r, true)]);
