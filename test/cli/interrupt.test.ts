/**
 * Signals that end a command (SIGINT, SIGTERM, SIGHUP): in every mode the command stops at once,
 * removes its temporaries and ends by the signal (a shell reports 128 + its number), never exits 0.
 * The bound on stopping is generous (5 s from the signal) so a loaded machine cannot fail it; before
 * the fix a sweep in one thread ran every job to the end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseTemporary } from '../../src/report/temporary.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TINY = join(ROOT, 'test/fixtures/tiny.yaml');
const NUMBER = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type Signal = keyof typeof NUMBER;

/** Left by a killed command whose process is gone (pids are below 2^22 on Linux). */
const STALE = '.summary.csv.mcsim-4999999-0badc0de.tmp';

const temporariesUnder = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => parseTemporary(basename(f)));

/**
 * Spawns mcsim with `args`, waits until `ready()` holds (the command is at work), sends `signal` and
 * checks that the command ends by it within the bound.
 */
async function interrupt(signal: Signal, args: string[], ready: () => boolean): Promise<void> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/mcsim.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let running = true;
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('close', (code, sig) => ((running = false), done([code, sig]))));
  while (running && !ready()) await sleep(20);
  assert.ok(running, `the command ended before it was interrupted: ${stderr}`);
  await sleep(300); // well inside the work
  const sent = Date.now();
  child.kill(signal);
  const [code, sig] = await exited;
  const elapsed = Date.now() - sent;
  assert.ok(sig === signal || code === 128 + NUMBER[signal], `ended by ${sig ?? `exit code ${code}`}, expected ${signal}: ${stderr}`);
  assert.ok(elapsed < 5000, `stopped ${elapsed} ms after ${signal}`);
}

function outFolder(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'mcsim-sig-')), 'out');
  mkdirSync(join(out, 'charts'), { recursive: true });
  writeFileSync(join(out, STALE), 'stale');
  writeFileSync(join(out, 'charts', '.latency-cdf.svg.mcsim-4999998-0badc0de.tmp'), 'stale');
  writeFileSync(join(out, 'data.123.tmp'), 'a user file');
  return out;
}

function leftNothing(out: string): void {
  assert.deepEqual(temporariesUnder(out), [], 'no temporaries left, the stale ones removed at start');
  assert.equal(existsSync(join(out, 'data.123.tmp')), true, "the user's file stays");
}

/** A sweep file over tiny.yaml whose jobs each take far longer than the bound. */
function sweepFile(taus: number[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mcsim-sig-')), 'sweep.yaml');
  writeFileSync(path, `scenario: ${TINY}\nset:\n  replications: 1\n  frames: 10000000\n  strategies: [cachenet]\ngrid:\n  cachenet.tau: [${taus.join(', ')}]\n`);
  return path;
}

const started = (out: string) => () => !existsSync(join(out, STALE));

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  test(`${signal} during run --per-frame removes the growing frames.csv temporary and ends the process by ${signal}`, async () => {
    const out = outFolder();
    const frames = () => readdirSync(out).some((f) => parseTemporary(f)?.target === 'frames.csv');
    await interrupt(signal, ['run', 'scenarios/default.yaml', '--set', 'frames=200000', '--set', 'replications=2', '--out', out, '--per-frame', '--quiet'], frames);
    leftNothing(out);
  });
}

const modes: Array<[string, Signal, (out: string) => string[]]> = [
  ['run in this thread', 'SIGTERM', (out) => ['run', TINY, '--set', 'frames=10000000', '--out', out, '--quiet']],
  ['run on 2 workers', 'SIGHUP', (out) => ['run', TINY, '--set', 'frames=10000000', '--out', out, '--workers', '2', '--quiet']],
  ['sweep with --workers 1', 'SIGINT', (out) => ['sweep', sweepFile([0.1, 0.2]), '--out', out, '--workers', '1', '--quiet']],
  ['sweep of a single job', 'SIGTERM', (out) => ['sweep', sweepFile([0.1]), '--out', out, '--workers', '2', '--quiet']],
  ['sweep on 2 workers', 'SIGHUP', (out) => ['sweep', sweepFile([0.1, 0.2, 0.3]), '--out', out, '--workers', '2', '--quiet']],
];
for (const [mode, signal, args] of modes) {
  test(`${signal} stops a ${mode} at once and leaves no temporaries`, async () => {
    const out = outFolder();
    await interrupt(signal, args(out), started(out));
    leftNothing(out);
  });
}

test('SIGINT stops mrc during its replay and leaves no files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-sig-'));
  const ids = Array.from({ length: 4_000_000 }, (_, i) => (i * 7919) % 100_003);
  writeFileSync(join(dir, 't.txt'), ids.join('\n') + '\n');
  const out = join(dir, 'out');
  mkdirSync(out);
  const start = Date.now();
  // No file to wait for: the replay runs from about a second after start to several seconds on.
  await interrupt('SIGINT', ['mrc', join(dir, 't.txt'), '--size', '100,1000,10000', '--out', join(out, 'mrc')], () => Date.now() - start > 2000);
  assert.deepEqual(readdirSync(out), []);
});
