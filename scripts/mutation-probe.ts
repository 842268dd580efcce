/**
 * Mutation probe: applies one small plausible bug at a time to the simulator's rules (src/policies,
 * src/sim, src/models/energy.ts, src/strategies), runs only the test files that cover the mutated
 * file (in order, stopping at the first that fails), records which file killed it, and restores the
 * file. A mutant that only test/scenario/golden.test.ts notices is reported as such: golden files are
 * regenerable, so they do not pin a rule.
 *
 *   npx tsx scripts/mutation-probe.ts [--root DIR] [--only id,id] [--markdown] [--check]
 *
 * Run on a clean tree whose tests pass (the file is restored after each mutant, also on Ctrl-C).
 * --root runs against another checkout (e.g. an older commit's tests). Sequential, one test process
 * at a time: the probe of all mutants takes about 15 minutes on one core.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Mutant {
  id: string;
  file: string;
  from: string;
  to: string;
  /** Test files covering the file, fastest and most specific first. */
  tests: string[];
  /** Run test/scenario/golden.test.ts when none of `tests` kills it. */
  golden?: boolean;
}

const POLICY = ['test/policies/conformance.test.ts', 'test/policies/arc.test.ts', 'test/policies/properties.test.ts', 'test/policies/golden.test.ts'];
const LINK = ['test/sim/bandwidth.test.ts', 'test/sim/link.test.ts', 'test/models/network-trace.test.ts', 'test/run/simulate.test.ts', 'test/scenario/energy.test.ts'];
const SIM = ['test/sim/engine.test.ts', 'test/sim/server.test.ts', 'test/sim/link.test.ts', 'test/sim/stats.test.ts', 'test/run/simulate.test.ts'];
const CACHENET = ['test/strategies/cachenet.test.ts', 'test/strategies/prefetch.test.ts', 'test/strategies/contract.test.ts', 'test/scenario/energy.test.ts', 'test/scenario/paper-cachenet.test.ts'];
const PREFETCH = ['test/strategies/prefetch-predictors.test.ts', 'test/strategies/prefetch.test.ts'];
const ENERGY = ['test/strategies/early-exit.test.ts', 'test/scenario/energy.test.ts', 'test/strategies/contract.test.ts'];
const REMOTE = ['test/strategies/edge-only.test.ts', 'test/strategies/cloud-only.test.ts', 'test/strategies/contract.test.ts', 'test/scenario/energy.test.ts'];

const P = 'src/policies/', S = 'src/sim/', T = 'src/strategies/';
export const mutants: Mutant[] = [
  // Policies
  { id: 'lru-no-touch', file: `${P}lru.ts`, from: 'this.order.moveToTail(0, key);', to: '', tests: POLICY },
  { id: 'lfu-victim-newest', file: `${P}lfu.ts`, from: 'this.buckets.first(this.minFreq)', to: 'this.buckets.last(this.minFreq)', tests: POLICY },
  { id: 'clock-no-second-chance', file: `${P}clock.ts`, from: 'this.order.moveToTail(0, k);', to: '', tests: POLICY },
  { id: 'sieve-hand-reset', file: `${P}sieve.ts`, from: 'this.hand = next;', to: 'this.hand = -1;', tests: POLICY },
  { id: 'sieve-remove-keeps-hand', file: `${P}sieve.ts`, from: 'if (key === this.hand && this.has(key)) this.hand = this.order.after(key);', to: '', tests: ['test/policies/sieve.test.ts', ...POLICY] },
  { id: 's3fifo-move-at-1', file: `${P}s3fifo.ts`, from: 'MOVE_TO_MAIN = 2', to: 'MOVE_TO_MAIN = 1', tests: POLICY },
  { id: 's3fifo-no-freq-cap', file: `${P}s3fifo.ts`, from: 'this.freq[k] = Math.min(f, 3) - 1;', to: 'this.freq[k] = f - 1;', tests: POLICY },
  { id: 's3fifo-admit-all', file: `${P}s3fifo.ts`, from: 'return size <= this.smallCapacity;', to: 'return true;', tests: POLICY },
  { id: 's3fifo-main-full-at-eq', file: `${P}s3fifo.ts`, from: 'this.lists.size[MAIN] > this.mainCapacity', to: 'this.lists.size[MAIN] >= this.mainCapacity', tests: POLICY },
  { id: 'twoq-in-full-at-eq', file: `${P}twoq.ts`, from: 'this.lists.size[IN] > this.inCapacity', to: 'this.lists.size[IN] >= this.inCapacity', tests: POLICY },
  { id: 'twoq-main-no-touch', file: `${P}twoq.ts`, from: 'if (this.lists.of(key) === MAIN) this.lists.move(key, MAIN);', to: '', tests: POLICY },
  { id: 'twoq-ghost-from-main', file: `${P}twoq.ts`, from: 'if (fromIn) this.lists.pushBounded', to: 'if (!fromIn) this.lists.pushBounded', tests: POLICY },
  { id: 'arc-b1-step-1', file: `${P}arc.ts`, from: 'Math.max(this.lists.size[B2] / this.lists.size[B1], 1)', to: '1', tests: POLICY },
  { id: 'arc-b2-step-1', file: `${P}arc.ts`, from: 'Math.max(this.lists.size[B1] / this.lists.size[B2], 1)', to: '1', tests: POLICY },
  { id: 'arc-tie-on-b1', file: `${P}arc.ts`, from: 't1 === this.p && this.ghostHit === B2', to: 't1 === this.p && this.ghostHit === B1', tests: POLICY },
  { id: 'arc-case-iv-at-eq', file: `${P}arc.ts`, from: 'this.lists.size[B1] + this.incoming > this.capacity', to: 'this.lists.size[B1] + this.incoming >= this.capacity', tests: POLICY },
  { id: 'arc-b2-drop-above-2c', file: `${P}arc.ts`, from: '>= 2 * this.capacity', to: '> 2 * this.capacity', tests: POLICY },
  { id: 'belady-ties-higher-key', file: `${P}oracle-cache.ts`, from: 'na === nb && a < b', to: 'na === nb && a > b', tests: POLICY },
  { id: 'access-too-large-at-eq', file: `${P}policy.ts`, from: 'if (size > cache.capacity) return false;', to: 'if (size >= cache.capacity) return false;', tests: POLICY },
  { id: 'ghost-bound-at-eq', file: `${P}sized-lists.ts`, from: 'while (this.size[list] + size > bound)', to: 'while (this.size[list] + size >= bound)', tests: POLICY },
  // Simulation kernel
  { id: 'bw-last-segment-unbounded', file: `${S}bandwidth.ts`, from: 'const segEnd = i + 1 < this.n ? this.starts[i + 1] : this.period;', to: 'const segEnd = i + 1 < this.n ? this.starts[i + 1] : Infinity;', tests: LINK, golden: true },
  { id: 'bw-lands-in-zero-bin', file: `${S}bandwidth.ts`, from: 'if (c[mid] < rest) lo = mid;', to: 'if (c[mid] <= rest) lo = mid;', tests: LINK, golden: true },
  { id: 'bw-segment-strict', file: `${S}bandwidth.ts`, from: 'if (s[mid] <= p) lo = mid;', to: 'if (s[mid] < p) lo = mid;', tests: LINK, golden: true },
  { id: 'ps-plan-unshared', file: `${S}link.ts`, from: 'this.psServed) * n);', to: 'this.psServed));', tests: LINK, golden: true },
  { id: 'ps-airtime-unsplit', file: `${S}link.ts`, from: '(now - this.psOwnerSince[owner]) / n', to: '(now - this.psOwnerSince[owner])', tests: LINK, golden: true },
  { id: 'fifo-airtime-with-wait', file: `${S}link.ts`, from: 'now - Math.max(this.tStart[slot], this.fifoLastEnd)', to: 'now - this.tStart[slot]', tests: LINK, golden: true },
  { id: 'link-time-without-rtt', file: `${S}link.ts`, from: 'this.transferTimes.add(now + this.rtt - this.tStart[slot]);', to: 'this.transferTimes.add(now - this.tStart[slot]);', tests: LINK, golden: true },
  { id: 'server-drop-one-early', file: `${S}server.ts`, from: 'if (this.qLen >= this.maxQueue) {', to: 'if (this.qLen + 1 >= this.maxQueue) {', tests: SIM, golden: true },
  { id: 'server-no-zero-waits', file: `${S}server.ts`, from: 'this.waits.add(0);', to: '', tests: SIM, golden: true },
  { id: 'engine-lifo-ties', file: `${S}engine.ts`, from: 'if (pt < time || (pt === time && hSeq[p] < seq)) break;', to: 'if (pt < time || (pt === time && hSeq[p] > seq)) break;', tests: SIM, golden: true },
  { id: 'tally-variance-n', file: `${S}stats.ts`, from: 'this.m2 / (this.count - 1)', to: 'this.m2 / this.count', tests: SIM, golden: true },
  { id: 'time-average-new-value', file: `${S}stats.ts`, from: 'this.area += this.value * (now - this.lastTime);', to: 'this.area += value * (now - this.lastTime);', tests: SIM, golden: true },
  { id: 'quantile-rank-n', file: `${S}stats.ts`, from: 'const h = (this.n - 1) * p;', to: 'const h = this.n * p;', tests: SIM, golden: true },
  { id: 'auroc-ties-full', file: `${S}auroc.ts`, from: 'wins += same * (below + ties / 2);', to: 'wins += same * (below + ties);', tests: ['test/sim/auroc.test.ts', 'test/strategies/appeal.test.ts'], golden: true },
  { id: 'normal-clamped', file: `${S}dist.ts`, from: 'if (x >= 0) return x;', to: 'return Math.max(0, x);', tests: ['test/sim/rng.test.ts', 'test/scenario/workload.test.ts', 'test/run/simulate.test.ts', 'test/strategies/contract.test.ts'], golden: true },
  { id: 'lognormal-mean-mu', file: `${S}dist.ts`, from: 'return Math.exp(dist.mu + (dist.sigma * dist.sigma) / 2);', to: 'return Math.exp(dist.mu);', tests: ['test/sim/rng.test.ts', 'test/scenario/workload.test.ts', 'test/scenario/resources.test.ts', 'test/run/simulate.test.ts'], golden: true },
  // Energy
  { id: 'mac-int-linear', file: 'src/models/energy.ts', from: 'spec.mult8 * r * r + spec.add8 * r', to: 'spec.mult8 * r + spec.add8 * r', tests: ENERGY, golden: true },
  { id: 'mac-float-no-add', file: 'src/models/energy.ts', from: 'return spec.mult32f + spec.add32f;', to: 'return spec.mult32f;', tests: ENERGY, golden: true },
  { id: 'power-scenario-first', file: 'src/models/energy.ts', from: 'measured ?? inputs.power[tier]', to: 'inputs.power[tier] ?? measured', tests: ENERGY, golden: true },
  { id: 'macs-any-tier', file: 'src/models/energy.ts', from: 'return spec.macs.some((m) => m.tier === tier && m.model === model);', to: 'return spec.macs.some((m) => m.model === model);', tests: ENERGY, golden: true },
  // Strategies
  { id: 'appeal-at-delta', file: `${T}appeal.ts`, from: 'if (q > o.delta) {', to: 'if (q >= o.delta) {', tests: ['test/strategies/appeal.test.ts'], golden: true },
  { id: 'exit-at-tau', file: `${T}early-exit.ts`, from: 'if (entropy < taus[i]) {', to: 'if (entropy <= taus[i]) {', tests: ENERGY, golden: true },
  { id: 'exit-features-first-exit', file: `${T}early-exit.ts`, from: 'o.exits[n - 1].featureElements', to: 'o.exits[0].featureElements', tests: ENERGY, golden: true },
  { id: 'exit-suffix-energy-dropped', file: `${T}early-exit.ts`, from: 'if (world.counted(slot)) computeJ += c.stepEnergy[slot];\n        world.answer(slot, suffix);', to: 'world.answer(slot, suffix);', tests: ENERGY, golden: true },
  { id: 'device-energy-overwritten', file: `${T}on-device.ts`, from: 'frames.deviceComputeJ[slot] += frames.stepEnergy[slot];', to: 'frames.deviceComputeJ[slot] = frames.stepEnergy[slot];', tests: ENERGY, golden: true },
  { id: 'upload-charged-receive', file: `${T}remote.ts`, from: 'c.radioJ[slot] += power.transmit *', to: 'c.radioJ[slot] += power.receive *', tests: REMOTE, golden: true },
  { id: 'bytes-down-dropped', file: `${T}remote.ts`, from: 'else c.bytesDown[slot] += bytes;', to: '', tests: REMOTE, golden: true },
  { id: 'markov-no-add-one', file: `${T}prefetch/markov.ts`, from: '(this.entries[b] + 1)', to: 'this.entries[b]', tests: PREFETCH, golden: true },
  { id: 'markov-no-decay', file: `${T}prefetch/markov.ts`, from: 'if (this.o.decay < 1) for (let b = 0; b < row.length; b++) row[b] *= this.o.decay;', to: '', tests: PREFETCH, golden: true },
  { id: 'markov-norm-without-p', file: `${T}prefetch/markov.ts`, from: '(this.totalEntries + P)', to: '(this.totalEntries + 1)', tests: PREFETCH, golden: true },
  { id: 'rank-ties-higher-id', file: `${T}prefetch/predictor.ts`, from: 'if (c < bestCost)', to: 'if (c <= bestCost)', tests: PREFETCH, golden: true },
  { id: 'prefetch-budget-at-eq', file: `${T}prefetch/idle-push.ts`, from: 'this.spent[d] + this.partBytes > this.partBytes * this.candidates.length', to: 'this.spent[d] + this.partBytes >= this.partBytes * this.candidates.length', tests: PREFETCH, golden: true },
  { id: 'cachenet-hit-at-tau', file: `${T}cachenet/probe.ts`, from: 'bestEntropy < this.o.tau', to: 'bestEntropy <= this.o.tau', tests: CACHENET, golden: true },
  { id: 'probe-ties-later', file: `${T}cachenet/probe.ts`, from: 'if (h < bestEntropy)', to: 'if (h <= bestEntropy)', tests: CACHENET, golden: true },
  { id: 'mru-ties-later', file: `${T}cachenet/device-caches.ts`, from: 'this.lastUsed[d * this.parts + p] > this.lastUsed[d * this.parts + best]', to: 'this.lastUsed[d * this.parts + p] >= this.lastUsed[d * this.parts + best]', tests: CACHENET, golden: true },
  { id: 'push-energy-warmup-off-by-one', file: `${T}cachenet/push.ts`, from: 'this.cause[key] >= s.warmupFrames', to: 'this.cause[key] > s.warmupFrames', tests: CACHENET, golden: true },
  { id: 'split-bytes-off-by-one', file: `${T}split.ts`, from: 'profile.layers[cut - 1].outBytes', to: 'profile.layers[cut].outBytes', tests: ['test/strategies/split.test.ts', 'test/strategies/jalad.test.ts', 'test/strategies/contract.test.ts'], golden: true },
  { id: 'split-replan-when-equal', file: `${T}split.ts`, from: 'Math.abs(bw - plannedAt[d]) <= o.replanThreshold * plannedAt[d]', to: 'Math.abs(bw - plannedAt[d]) < o.replanThreshold * plannedAt[d]', tests: ['test/strategies/split.test.ts', 'test/strategies/jalad.test.ts'], golden: true },
  { id: 'jalad-loss-not-per-class', file: `${T}jalad.ts`, from: 'rng.uniform() * acc[label] < loss', to: 'rng.uniform() < loss', tests: ['test/strategies/jalad.test.ts'], golden: true },
];

interface Outcome {
  id: string;
  file: string;
  result: 'killed' | 'golden only' | 'SURVIVED' | 'stale';
  by: string;
}

const GOLDEN = 'test/scenario/golden.test.ts';
const PER_FILE_TIMEOUT_S = 300;

/** Runs one test file; resolves to the first failing test's name, or null if it passed. */
function runTest(root: string, file: string): Promise<string | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', () => {});
    // A mutant can loop forever (an eviction that never frees room): that counts as killed.
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), PER_FILE_TIMEOUT_S * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) return done(null);
      const failed = /^\s*not ok \d+ - (.*)$/m.exec(out);
      done(code === null ? `timeout after ${PER_FILE_TIMEOUT_S} s` : (failed?.[1] ?? `exit ${code}`));
    });
  });
}

async function probe(root: string, m: Mutant): Promise<Outcome> {
  const path = join(root, m.file);
  const original = readFileSync(path, 'utf8');
  const at = original.indexOf(m.from);
  if (at < 0 || original.indexOf(m.from, at + 1) >= 0) return { id: m.id, file: m.file, result: 'stale', by: 'search string not found exactly once' };
  const restore = () => writeFileSync(path, original);
  process.once('SIGINT', restore);
  try {
    writeFileSync(path, original.slice(0, at) + m.to + original.slice(at + m.from.length));
    for (const t of m.tests) {
      if (!existsSync(join(root, t))) continue;
      const failed = await runTest(root, t);
      if (failed !== null) return { id: m.id, file: m.file, result: 'killed', by: `${t.replace(/^test\//, '')}: ${failed}` };
    }
    if (m.golden && (await runTest(root, GOLDEN)) !== null) return { id: m.id, file: m.file, result: 'golden only', by: GOLDEN.replace(/^test\//, '') };
    return { id: m.id, file: m.file, result: 'SURVIVED', by: '' };
  } finally {
    restore();
    process.removeListener('SIGINT', restore);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = resolve(opt('--root') ?? '.');
  const only = opt('--only')?.split(',');
  const chosen = only ? mutants.filter((m) => only.includes(m.id)) : mutants;
  if (args.includes('--check')) {
    // Every mutant applies exactly once and names existing test files.
    for (const m of chosen) {
      const n = readFileSync(join(root, m.file), 'utf8').split(m.from).length - 1;
      const missing = m.tests.filter((t) => !existsSync(join(root, t)));
      if (n !== 1 || missing.length > 0) console.error(`${m.id}: ${n} matches; missing tests: ${missing.join(', ') || 'none'}`);
    }
    console.error(`${chosen.length} mutants checked`);
    return;
  }
  const outcomes: Outcome[] = [];
  for (const m of chosen) {
    const o = await probe(root, m);
    outcomes.push(o);
    console.error(`${o.result.padEnd(11)} ${o.id} ${o.by}`);
  }
  const count = (r: Outcome['result']) => outcomes.filter((o) => o.result === r).length;
  console.error(`${outcomes.length} mutants: ${count('killed')} killed, ${count('golden only')} golden only, ${count('SURVIVED')} survived, ${count('stale')} stale`);
  if (args.includes('--markdown')) {
    console.log('| mutant | file | result | killed by |');
    console.log('|---|---|---|---|');
    for (const o of outcomes) console.log(`| \`${o.id}\` | ${o.file.replace(/^src\//, '')} | ${o.result} | ${o.by.replace(/\|/g, '\\|')} |`);
  }
}

await main();
