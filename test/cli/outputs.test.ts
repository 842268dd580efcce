/**
 * What commands do to the files already in their output folder: they replace the set of files the
 * previous command wrote there (listed in its manifest) as a whole, and never touch anything else: not
 * a user's file however it is named, not a user's subfolder, nothing through a symlink.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TINY = join(ROOT, 'test/fixtures/tiny.yaml');
const mcsim = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin/mcsim.js'), ...args], { cwd: ROOT, stdio: 'pipe' });

/** A dead process's temporary in mcsim's own pattern (pids are below 2^22 on Linux). */
const OURS = '.summary.csv.mcsim-4999999-0badc0de.tmp';
/** A user's files that look like temporaries, in --out, in a subfolder of theirs and behind a symlink. */
const USER = ['data.123.tmp', 'frames.csv.4999999.tmp', 'mine/data.123.tmp', `mine/${OURS}`, 'elsewhere/data.123.tmp', `elsewhere/${OURS}`];

function userFolder(): string {
  const base = mkdtempSync(join(tmpdir(), 'mcsim-outs-'));
  const out = join(base, 'out');
  mkdirSync(join(out, 'mine'), { recursive: true });
  mkdirSync(join(base, 'outside'));
  symlinkSync(join(base, 'outside'), join(out, 'elsewhere'));
  for (const f of USER) writeFileSync(join(out, f), 'the user');
  writeFileSync(join(out, OURS), 'stale');
  return out;
}

const assertUserFilesStay = (out: string) => USER.forEach((f) => assert.ok(existsSync(join(out, f)), `${f} stays`));

test("run: stale temporaries of mcsim's go, nothing of the user's; a second run replaces the first's files as a whole", () => {
  const out = userFolder();
  mcsim('run', TINY, '--out', out, '--per-frame', '--set', 'compare.reference=device-only', '--chart-format', 'png,pdf', '--quiet');
  assert.equal(existsSync(join(out, OURS)), false, "mcsim's own stale temporary is removed");
  assertUserFilesStay(out);
  assert.ok(['frames.csv', 'charts/paired-differences.svg', 'charts/paired-differences.png', 'charts/latency-cdf.pdf'].every((f) => existsSync(join(out, f))));
  mcsim('run', TINY, '--out', out, '--quiet');
  assert.equal(existsSync(join(out, 'frames.csv')), false, "the first run's frames.csv is gone");
  assert.equal(existsSync(join(out, 'charts/paired-differences.svg')), false, "the first run's paired chart is gone");
  assert.equal(existsSync(join(out, 'charts/latency-cdf.png')), false, "the first run's PNG charts are gone: no figure of an old run beside a new one");
  assert.ok(existsSync(join(out, 'summary.csv')));
  assertUserFilesStay(out);
});

test("sweep then run into one folder: the run's set replaces the sweep's (report, plan, jobs); the user's files stay", () => {
  const out = userFolder();
  mcsim('sweep', join(ROOT, 'test/fixtures/tiny-sweep.yaml'), '--out', out, '--workers', '1', '--quiet');
  assert.ok(existsSync(join(out, 'sweep.csv')) && readdirSync(join(out, 'jobs')).length > 0);
  mcsim('run', TINY, '--out', out, '--quiet');
  assert.deepEqual(['sweep.csv', 'sweep.json', 'sweep.plan.json'].filter((f) => existsSync(join(out, f))), []);
  assert.deepEqual(readdirSync(join(out, 'jobs')), []);
  assertUserFilesStay(out);
});

test("mrc: a second report with the same prefix replaces the first's files (its curve and chart go); others' files stay", () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-outs-'));
  writeFileSync(join(dir, 't.txt'), '1\n2\n3\n1\n2\n4\n1\n');
  writeFileSync(join(dir, 'other.svg'), 'the user');
  mcsim('mrc', join(dir, 't.txt'), '--size', '1,2', '--out', join(dir, 'm'));
  assert.ok(existsSync(join(dir, 'm.svg')) && existsSync(join(dir, 'm.lru-curve.csv')));
  mcsim('mrc', join(dir, 't.txt'), '--size', '2', '--no-curve', '--out', join(dir, 'm'));
  assert.deepEqual(readdirSync(dir).sort(), ['.m.mcsim-files.json', 'm.csv', 'other.svg', 't.txt']);
});
