import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} during run --per-frame removes the run's temporary files and exits ${code}; stale ones of dead runs go too`, async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mcsim-sig-')), 'out');
    mkdirSync(join(out, 'charts'), { recursive: true });
    // Left by a killed run whose process is gone (pids are below 2^22 on Linux).
    writeFileSync(join(out, 'frames.csv.4999999.tmp'), 'stale');
    writeFileSync(join(out, 'charts', 'latency-cdf.svg.4999998.tmp'), 'stale');
    const child = spawn(process.execPath, [join(ROOT, 'bin/mcsim.js'), 'run', 'scenarios/default.yaml', '--set', 'frames=200000', '--set', 'replications=2', '--out', out, '--per-frame', '--quiet'], { cwd: ROOT });
    let running = true;
    const exited = new Promise<number | null>((done) => child.on('close', (c) => ((running = false), done(c))));
    const mine = `frames.csv.${child.pid}.tmp`;
    while (running && !existsSync(join(out, mine))) await sleep(50);
    assert.ok(running, 'the run ended before writing frames.csv');
    assert.equal(existsSync(join(out, 'frames.csv.4999999.tmp')), false, 'stale temporary removed at start');
    assert.equal(existsSync(join(out, 'charts', 'latency-cdf.svg.4999998.tmp')), false);
    child.kill(signal);
    assert.equal(await exited, code);
    assert.deepEqual(readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.tmp')), []);
  });
}
