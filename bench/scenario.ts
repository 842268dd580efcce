/**
 * The default scenario's cachenet run, one replication of 1e5 and then 1e6 frames: frames/s, events per
 * frame and events/s (a slower rate with more events per frame is more work, not a slower engine), and the
 * peak resident memory of one such run in a fresh process (bench/peak-memory.ts), before and after
 * the run (if memory grew with frames, the 1e6 figure would be far above the 1e5 one).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SCENARIO } from '../src/cli/scenario-args.js';
import { loadScenario } from '../src/scenario/load.js';
import { prepare } from '../src/scenario/prepare.js';
import { simulateRun } from '../src/run/simulate.js';
import type { BenchCase } from './harness.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Peak memory of one run of `frames` frames, measured in a fresh process. */
function peakMemory(frames: number): Record<string, number> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/peak-memory.ts', String(frames)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as Record<string, number>;
}

function cachenetCase(frames: number): BenchCase {
  const { scenario, baseDir } = loadScenario(DEFAULT_SCENARIO, [`frames=${frames}`, 'warmupFrames=0', 'replications=1', 'strategies=[cachenet]']);
  const prepared = prepare(scenario, baseDir);
  return {
    name: `cachenet-default-${frames}`,
    unit: 'frames/s',
    work: frames,
    rounds: frames > 1e5 ? 2 : 3,
    subject: () => simulateRun(prepared, 'cachenet', 0),
    events: () => simulateRun(prepared, 'cachenet', 0).events,
    extra: () => peakMemory(frames),
  };
}

export const scenarioCases = (): BenchCase[] => [cachenetCase(1e5), cachenetCase(1e6)];
