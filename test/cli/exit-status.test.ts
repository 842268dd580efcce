/**
 * Issue 23: every command, through the real command line, ends a failure with one line and a non-zero
 * status (README "Exit status"), and a closed standard output with 141 and no word (as `cat` does),
 * having still finished its files. No stack trace ('    at ' lines) on any path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertOneLine, mcsimAsync, type Ran } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIO = join(ROOT, 'scenarios/default.yaml');
const TINY = ['--set', 'frames=40', '--set', 'warmupFrames=0', '--set', 'replications=1', '--set', 'strategies=[edge-only]', '--quiet'];

/** mcsim with its stdout closed before it writes anything: every write gets EPIPE. */
function closedStdout(args: string[], cwd: string): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/mcsim.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout: '', stderr }));
  });
}

/** Files left as `<name>.<pid>.tmp` anywhere under dir. */
const temporaries = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.\d+\.tmp$/.test(f));

function sweepFile(dir: string, name: string, grid: string): string {
  const path = join(dir, name);
  writeFileSync(path, `scenario: ${SCENARIO}\nset: { replications: 1, frames: 40, warmupFrames: 0, strategies: [edge-only] }\ngrid:\n  ${grid}\n`);
  return path;
}

test('every command: a failing input is one line and a non-zero status; a closed stdout is 141 and silent', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-exit-'));
  writeFileSync(join(dir, 'ids.txt'), Array.from({ length: 2000 }, (_, i) => `${i % 97}\n`).join(''));
  writeFileSync(join(dir, 'long.txt'), `1\n2\n${'7'.repeat(1.5 * 2 ** 20)}\n`);
  writeFileSync(join(dir, 'xy.csv'), 'x,y\n1,2\n2,3\n');
  const good = sweepFile(dir, 'good.yaml', 'workload.arrivals.fps: [5, 10]');
  // Made by a sweep below; its job files are then damaged for merge.
  const shard = join(dir, 'shard');
  const r = await mcsimAsync(['sweep', good, '--out', shard, '--workers', '1', '--quiet'], dir);
  assert.equal(r.status, 0, r.stderr);
  const broken = join(dir, 'broken');
  mkdirSync(join(broken, 'jobs'), { recursive: true });
  writeFileSync(join(broken, 'sweep.plan.json'), readFileSync(join(shard, 'sweep.plan.json')));
  for (const f of readdirSync(join(shard, 'jobs'))) {
    const job = JSON.parse(readFileSync(join(shard, 'jobs', f), 'utf8'));
    delete job.metrics;
    writeFileSync(join(broken, 'jobs', f), JSON.stringify(job));
  }

  const failing: Array<[string, string[], number | number[], RegExp]> = [
    ['run, bad key', ['run', SCENARIO, ...TINY, '--set', 'cachenet.tau=high', '--out', 'r1'], 1, /cachenet\.tau/],
    // A failure inside a worker thread (a typed array of 1e12 server slots): one line across the thread
    // boundary. 70 while it is a RangeError (a bug's status); 1 once the value is refused as an input.
    ['sweep, a point fails in a worker', ['sweep', sweepFile(dir, 'bad.yaml', 'edge.workers: [1, 1e12]'), '--workers', '2', '--out', 's1', '--quiet'], [1, 70], /edge\.workers|RangeError: Invalid typed array length/],
    ['merge, job file without metrics', ['merge', broken, '--out', 'm1'], 1, /jobs\/.*\.json: not a job file of mcsim sweep \(metrics: /],
    ['mrc, a line over 1 MiB', ['mrc', 'long.txt', '--size', '2', '--out', 'mrc1'], 1, /long\.txt:3: the line is longer than 1 MiB/],
    ['trace, no such file', ['trace', 'nope.txt'], 1, /nope\.txt: no such file or folder/],
    ['validate, bad value', ['validate', SCENARIO, '--set', 'frames=-3'], 1, /frames/],
    ['chart, no such column', ['chart', 'xy.csv', '--x', 'x', '--y', 'z'], 1, /xy\.csv: .*z/],
    ['schema, unknown option', ['schema', '--bogus'], 2, /^mcsim: Unknown argument: bogus \(see mcsim schema --help\)$/],
    ['sweep, bad --shard', ['sweep', good, '--shard', '5/2'], 2, /--shard '5\/2'/],
  ];
  for (let i = 0; i < failing.length; i += 2) {
    const batch = failing.slice(i, i + 2);
    const results = await Promise.all(batch.map(([, args]) => mcsimAsync(args, dir)));
    batch.forEach(([what, , status, message], j) => {
      const ran = results[j];
      const statuses = Array.isArray(status) ? status : [status];
      assert.ok(statuses.includes(ran.status!), `${what}: exit ${ran.status}\n${ran.stderr}`);
      assertOneLine(ran, ran.status!, message, what);
    });
  }

  const succeeding: Array<[string, string[]]> = [
    ['run', ['run', SCENARIO, ...TINY, '--out', 'r2']],
    ['sweep', ['sweep', good, '--workers', '2', '--out', 's2', '--quiet']],
    ['merge', ['merge', shard, '--out', 'm2']],
    ['mrc', ['mrc', 'ids.txt', '--size', '2,10', '--out', 'mrc2']],
    ['trace', ['trace', 'ids.txt']],
    ['validate', ['validate', SCENARIO]],
    ['chart', ['chart', 'xy.csv', '--x', 'x', '--y', 'y', '--out', 'c2']],
    ['schema', ['schema']],
  ];
  for (let i = 0; i < succeeding.length; i += 2) {
    const batch = succeeding.slice(i, i + 2);
    const results = await Promise.all(batch.map(([, args]) => closedStdout(args, dir)));
    batch.forEach(([what], j) => {
      assert.equal(results[j].status, 141, `${what} with a closed stdout: exit ${results[j].status}\n${results[j].stderr}`);
      assert.equal(results[j].stderr, '', what);
    });
  }
  // The files were finished all the same, and no temporary is left.
  assert.ok(readdirSync(join(dir, 'r2')).includes('summary.csv'));
  assert.ok(readdirSync(join(dir, 's2')).includes('sweep.csv'));
  assert.ok(readdirSync(join(dir, 'm2')).includes('sweep.csv'));
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('mrc2.')).sort(), ['mrc2.csv', 'mrc2.lru-curve.csv', 'mrc2.svg', 'mrc2.vl.json']);
  assert.ok(readdirSync(dir).includes('c2.svg'));
  assert.deepEqual(temporaries(dir), []);
});

test('a bug is one line with status 70; MCSIM_DEBUG=1 adds its stack', async () => {
  const { failure, EXIT_INTERNAL } = await import('../../src/cli/failure.js');
  const bug = failure(new TypeError("Cannot read properties of undefined (reading 'x')\nsecond line"));
  assert.equal(bug.exitCode, EXIT_INTERNAL);
  assert.equal(bug.message, "internal error (a bug in mcsim; MCSIM_DEBUG=1 prints the stack trace): TypeError: Cannot read properties of undefined (reading 'x')");
  assert.equal(failure('a thrown string').exitCode, EXIT_INTERNAL);
});

test('`-` when standard input is a socket (a parent process\'s default pipes): a one-line input error, not a bug', async () => {
  const r = await new Promise<Ran>((done) => {
    // spawn's default stdio gives the child a socket pair, which /dev/stdin cannot reopen (ENXIO).
    const child = spawn(process.execPath, [join(ROOT, 'bin/mcsim.js'), 'mrc', '-', '--size', '10', '--no-curve', '--out', join(tmpdir(), 'mcsim-socket-mrc')]);
    child.stdin.end('1\n2\n');
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^mcsim: .*standard input is a socket: pipe the data in/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
});
