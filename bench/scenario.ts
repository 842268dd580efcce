/**
 * The default scenario's cachenet run, one replication of 1e5 and then 1e6 frames: frames/s, and the
 * process's peak resident memory after each (if memory grew with frames, the second would be far higher).
 */
import { DEFAULT_SCENARIO } from '../src/cli/scenario-args.js';
import { loadScenario } from '../src/scenario/load.js';
import { prepare } from '../src/scenario/prepare.js';
import { simulateRun } from '../src/scenario/simulate.js';
import type { BenchCase } from './harness.js';

function cachenetCase(frames: number): BenchCase {
  const { scenario, baseDir } = loadScenario(DEFAULT_SCENARIO, [`frames=${frames}`, 'warmupFrames=0', 'replications=1', 'strategies=[cachenet]']);
  const prepared = prepare(scenario, baseDir);
  return {
    name: `cachenet-default-${frames}`,
    unit: 'frames/s',
    work: frames,
    rounds: frames > 1e5 ? 2 : 3,
    subject: () => simulateRun(prepared, 'cachenet', 0),
    extra: () => ({ max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }),
  };
}

export const scenarioCases = (): BenchCase[] => [cachenetCase(1e5), cachenetCase(1e6)];
