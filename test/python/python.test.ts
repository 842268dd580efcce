/**
 * The Python package's own tests (python/tests, `python3 -m unittest`), run against this checkout's
 * bin/mcsim.js, so `npm test` (and CI) covers the Python path. Without python3 the test is skipped with
 * a message, except in CI (CI=true), where it fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('python3 -m unittest passes on python/tests', async (t) => {
  if (spawnSync('python3', ['--version']).error) {
    if (process.env.CI === 'true') assert.fail('python3 is not installed, and CI must run the Python tests (.ci/run installs it)');
    t.skip('python3 not installed: the Python package was not tested');
    return;
  }
  // MCSIM is this checkout's CLI, whatever the caller's environment says; node is the one running us.
  const env = { ...process.env, MCSIM: join(ROOT, 'bin/mcsim.js'), PYTHONPATH: join(ROOT, 'python'), PATH: `${join(process.execPath, '..')}:${process.env.PATH ?? ''}` };
  const child = spawn('python3', ['-m', 'unittest', 'discover', '-s', 'python/tests', '-v'], { cwd: ROOT, env });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  assert.equal(code, 0, `python3 -m unittest failed:\n${output}`);
});
