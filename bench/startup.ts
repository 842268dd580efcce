/**
 * Start-up of the command line, whole process each, through bin/mcsim.js as a user runs it, against a
 * bare `node -e 0`, alternating: `mcsim --help` (issue 13: within 1.5x) and `mcsim run --help` (issue
 * 21: within 2x). ratio = node's best time / mcsim's (0.5 is 2x); extra: the medians of the rounds and
 * times_node_median = mcsim's median / node's (2 is 2x), the figure the targets are stated in.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median, type BenchCase } from './harness.js';

const bin = fileURLToPath(new URL('../bin/mcsim.js', import.meta.url));

/** Runs node with `argv` and returns its wall time in seconds. */
function spawnTimed(argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} failed: ${r.stderr}`);
  return (performance.now() - t0) / 1000;
}

function startup(name: string, args: string[]): BenchCase {
  const mine: number[] = [], node: number[] = [];
  return {
    name,
    unit: 'starts/s',
    work: 1,
    rounds: 15,
    subject: () => void mine.push(spawnTimed([bin, ...args])),
    baseline: () => void node.push(spawnTimed(['-e', '0'])),
    extra: () => ({
      mcsim_median_s: Number(median(mine).toFixed(4)),
      node_median_s: Number(median(node).toFixed(4)),
      times_node_median: Number((median(mine) / median(node)).toFixed(2)),
      rounds: mine.length,
    }),
  };
}

export const startupCases: BenchCase[] = [startup('startup-help', ['--help']), startup('startup-run-help', ['run', '--help'])];
