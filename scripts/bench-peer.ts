/**
 * The default scenario's cachenet run (1e6 frames, one replication, best of 3) in ANOTHER checkout of
 * mcsim, for side-by-side comparisons with `npm run bench -- cachenet-default-1000000`: frames/s, and
 * events per frame and events/s counted from that checkout's own engine (older commits' runs do not
 * report their events, so its Engine's run is wrapped to keep the last engine).
 * Run: `git worktree add --detach /tmp/peer <commit> && ln -s $PWD/node_modules /tmp/peer/node_modules &&
 * npx tsx scripts/bench-peer.ts /tmp/peer scenario` (the second argument: the folder of its simulate.ts
 * under src/, `scenario` at 1e15d05, `run` today).
 */
import { pathToFileURL } from 'node:url';

const [root, simulateDir = 'run'] = process.argv.slice(2);
if (!root) throw new Error('usage: npx tsx scripts/bench-peer.ts <checkout> [folder of simulate.ts under src/]');
const load = (path: string) => import(pathToFileURL(`${root}/src/${path}`).href);
const { Engine } = await load('sim/engine.ts');
const { DEFAULT_SCENARIO } = await load('cli/scenario-args.ts');
const { loadScenario } = await load('scenario/load.ts');
const { prepare } = await load('scenario/prepare.ts');
const { simulateRun } = await load(`${simulateDir}/simulate.ts`);

let last: { firedCount: number } | undefined;
for (const method of ['run', 'runEvents'] as const) {
  const original = Engine.prototype[method];
  if (typeof original !== 'function') continue;
  Engine.prototype[method] = function (this: { firedCount: number }, ...args: unknown[]) {
    last = this;
    return original.apply(this, args);
  };
}
const frames = 1e6;
const { scenario, baseDir } = loadScenario(DEFAULT_SCENARIO, [`frames=${frames}`, 'warmupFrames=0', 'replications=1', 'strategies=[cachenet]']);
const prepared = prepare(scenario, baseDir);
let best = Infinity;
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  simulateRun(prepared, 'cachenet', 0);
  best = Math.min(best, (performance.now() - t0) / 1000);
}
const events = last!.firedCount;
console.log(JSON.stringify({ root, framesPerS: Math.round(frames / best), eventsPerFrame: events / frames, eventsPerS: Math.round(events / best) }));
