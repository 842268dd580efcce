import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLUGINS = 'test/fixtures/plugins/';
const mcsim = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/mcsim.js'), ...args], { encoding: 'utf8', cwd: ROOT });

test('mcsim check passes a sound plugin policy and strategy, each property on a line', () => {
  for (const [file, kind] of [['window-lfu.ts', 'policy window-lfu'], ['bw-gate.ts', 'strategy bw-gate']]) {
    const r = mcsim('check', `${PLUGINS}${file}`, '--runs', '30');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`^mcsim check: ${kind}\\n(  pass  .*\\n)+\\d+ of \\d+ properties pass\\n$`));
  }
});

test('mcsim check fails a policy over its capacity with the counterexample, and a wrong shape in one line', () => {
  const r = mcsim('check', `${PLUGINS}over-capacity.ts`, '--runs', '50');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /FAIL  capacity kept\n +created with capacity \d+, the policy reports capacity \d+/);
  const broken = mcsim('check', `${PLUGINS}broken-no-create.mjs`);
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /^mcsim: .*broken-no-create\.mjs: the default export has no 'create' \(a function\)\n$/);
});
