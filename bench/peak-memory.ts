/**
 * One cachenet run of the default scenario in this process, for bench/scenario.ts, which starts a
 * fresh process per frame count: a process's peak resident memory only ever grows, so a case measured
 * after another could not show less than the earlier case's peak. Prints one JSON line: the peak
 * before the run (Node, modules, the prepared scenario) and after it.
 * Usage: node --import tsx bench/peak-memory.ts <frames>
 */
import { DEFAULT_SCENARIO } from '../src/cli/scenario-args.js';
import { loadScenario } from '../src/scenario/load.js';
import { prepare } from '../src/scenario/prepare.js';
import { simulateRun } from '../src/run/simulate.js';

const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const frames = Number(process.argv[2]);
const { scenario, baseDir } = loadScenario(DEFAULT_SCENARIO, [`frames=${frames}`, 'warmupFrames=0', 'replications=1', 'strategies=[cachenet]']);
const prepared = prepare(scenario, baseDir);
const before = peakMb();
simulateRun(prepared, 'cachenet', 0);
console.log(JSON.stringify({ max_rss_before_run_mb: before, max_rss_mb: peakMb() }));
