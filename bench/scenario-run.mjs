// One strategy's run of a scenario, repeated, in a fresh plain-node process on the compiled build
// (dist/, which `npm run bench` builds first), as bin/mcsim.js runs it once built. Not under tsx:
// with tsx's loader registered (it turns on source maps) the same compiled code ran ~15% slower in
// CPU time (docs/performance.md), so a bench process under tsx would measure its loader too. A fresh
// process also gives the run's own peak resident memory: a process's peak only ever grows, so a run
// measured after another could not show less than the earlier one's peak.
// Usage: node bench/scenario-run.mjs <scenario> <strategy> <rounds> [key=value ...]
// Prints one JSON line: the best round's seconds (the run alone: no start-up, no scenario loading),
// the events it fired, and the peak RSS before the first round (Node, modules, the prepared
// scenario) and after the last.
const dist = (path) => import(new URL(`../dist/src/${path}`, import.meta.url).href);
const { loadScenario } = await dist('scenario/load.js');
const { prepare } = await dist('scenario/prepare.js');
const { simulateRun } = await dist('run/simulate.js');

const [file, strategy, rounds, ...sets] = process.argv.slice(2);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const { scenario, baseDir } = loadScenario(file, sets);
const prepared = prepare(scenario, baseDir);
const before = peakMb();
let seconds = Infinity, events = 0;
for (let r = 0; r < Number(rounds); r++) {
  const t0 = performance.now();
  events = simulateRun(prepared, strategy, 0).events;
  seconds = Math.min(seconds, (performance.now() - t0) / 1000);
}
console.log(JSON.stringify({ seconds, events, max_rss_before_run_mb: before, max_rss_mb: peakMb() }));
