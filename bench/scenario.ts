/**
 * The default scenario's cachenet run, one replication of 1e5 and then 1e6 frames, and the edge-models
 * study scenario's run (docs/edge-models.md): frames/s, events per
 * frame and events/s (a slower rate with more events per frame is more work, not a slower engine), and
 * the run's peak resident memory before and after it (if memory grew with frames, the 1e6 figure would
 * be far above the 1e5 one). Each round is a fresh plain-node process on the compiled build
 * (bench/scenario-run.mjs says why), timing its best of two runs: the first also compiles the hot paths.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SCENARIO } from '../src/cli/scenario-args.js';
import type { BenchCase, Timed } from './harness.js';

const CHILD = fileURLToPath(new URL('./scenario-run.mjs', import.meta.url));

/** Runs strategy `strategy` of `scenario` (with `sets` applied) `runs` times in a fresh process: the best run's time, events and peak memory. */
export function scenarioRun(scenario: string, strategy: string, runs: number, sets: string[]): Timed {
  const out = JSON.parse(execFileSync(process.execPath, [CHILD, scenario, strategy, String(runs), ...sets], { encoding: 'utf8' })) as Record<string, number>;
  const { seconds, events, ...extra } = out;
  return { timed: true, seconds, events, extra };
}

function cachenetCase(frames: number): BenchCase {
  const sets = [`frames=${frames}`, 'warmupFrames=0', 'replications=1', 'strategies=[cachenet]'];
  return {
    name: `cachenet-default-${frames}`,
    unit: 'frames/s',
    work: frames,
    rounds: frames > 1e5 ? 3 : 5,
    subject: () => scenarioRun(DEFAULT_SCENARIO, 'cachenet', 2, sets),
  };
}

/** scenarios/edge-models.yaml: 20 devices x 10,000 frames through the edge's model cache (12 models, LRU, cold loads, batching). */
function edgeModelsCase(): BenchCase {
  const devices = 20, frames = 10_000;
  return {
    name: `edge-models-${devices * frames}`,
    unit: 'frames/s',
    work: devices * frames,
    rounds: 3,
    subject: () => scenarioRun('scenarios/edge-models.yaml', 'edge-models', 2, [`frames=${frames}`, 'warmupFrames=0', 'replications=1']),
  };
}

export const scenarioCases = (): BenchCase[] => [cachenetCase(1e5), cachenetCase(1e6), edgeModelsCase()];
