/** Running bin/mcsim.js as a user does, and the one-line failure every command ends with. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function mcsimAsync(args: string[], cwd = ROOT): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/mcsim.js'), ...args], { cwd });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** One line on stderr, the expected exit code, the message matching. */
export function assertOneLine(r: Ran, status: number, message: RegExp, what: string): void {
  assert.equal(r.status, status, `${what}: exit ${r.status}\n${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `${what}: expected one line, got\n${r.stderr}`);
  assert.match(lines[0], /^mcsim: /, what);
  assert.match(lines[0], message, what);
}

