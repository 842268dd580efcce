/**
 * docs/edge-models.md's cost-trace example (the block ```sh example=cost-trace) runs as written: its
 * text runs in bash in a temporary folder laid out like a checkout (scenarios/ and data/ of this one,
 * `mcsim` on PATH running this checkout's bin/mcsim.js), every command succeeds, and the replays
 * report the policies the example names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test("docs/edge-models.md: the cost-trace example runs as written and its replays name every policy it asks for", { timeout: 120_000 }, () => {
  const doc = readFileSync(join(ROOT, 'docs/edge-models.md'), 'utf8');
  const blocks = [...doc.matchAll(/^```sh example=cost-trace\n([\s\S]*?)^```$/gm)];
  assert.equal(blocks.length, 1, 'one ```sh example=cost-trace block');
  const script = blocks[0][1];
  const work = mkdtempSync(join(tmpdir(), 'mcsim-doc-'));
  for (const d of ['scenarios', 'data']) symlinkSync(join(ROOT, d), join(work, d));
  mkdirSync(join(work, 'bin'));
  writeFileSync(join(work, 'bin/mcsim'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/mcsim.js')}" "$@"\n`);
  chmodSync(join(work, 'bin/mcsim'), 0o755);
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: work, encoding: 'utf8', env: { ...process.env, PATH: `${join(work, 'bin')}:${process.env.PATH}` } });
  assert.equal(r.status, 0, `the example failed:\n${r.stderr}`);
  for (const policy of ['lru', 'gdsf', 'belady', 'belady-size']) assert.match(r.stdout, new RegExp(`^${policy} +396512184 `, 'm'), `no ${policy} row`);
});
