import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import YAML from 'yaml';
import { scenarioFiles } from '../scenario/helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const mcsim = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/mcsim.js'), ...args], { encoding: 'utf8', cwd: ROOT });

test('mcsim run writes the report files and prints the comparison table', () => {
  const out = mkdtempSync(join(tmpdir(), 'mcsim-run-'));
  const r = mcsim('run', 'scenarios/default.yaml', '--set', 'frames=400', '--set', 'replications=2', '--out', out, '--per-frame', '--quiet');
  assert.equal(r.status, 0, r.stderr);
  for (const s of ['device-only', 'edge-only', 'cachenet']) assert.match(r.stdout, new RegExp(`^${s} `, 'm'));
  assert.deepEqual(readdirSync(out).sort(), ['.mcsim-files.json', 'charts', 'frames.csv', 'report.html', 'runs.csv', 'scenario.resolved.json', 'summary.csv', 'summary.json']);
  assert.deepEqual(readdirSync(join(out, 'charts')).sort(), ['latency-breakdown.svg', 'latency-breakdown.vl.json', 'latency-cdf.svg', 'latency-cdf.vl.json']);
  const frames = readFileSync(join(out, 'frames.csv'), 'utf8').trim().split('\n');
  assert.equal(frames.length, 1 + 3 * 2 * (400 - 300));
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.summary.length, 3);
  assert.ok(summary.summary.every((s: { latency_mean: number }) => s.latency_mean > 0));
});

test('bad input: one line naming the problem, exit code 1, no stack trace, no output left behind', () => {
  const out = mkdtempSync(join(tmpdir(), 'mcsim-bad-'));
  const cases: Array<[string[], RegExp]> = [
    [['run', 'scenarios/default.yaml', '--set', 'cachenet.tau=high', '--out', out], /cachenet\.tau/],
    [['run', 'scenarios/default.yaml', '--set', 'workload.colour=red', '--out', out], /workload\.colour/],
    [['run', 'no-such.yaml', '--out', out], /no-such\.yaml: cannot read scenario/],
    [['validate', 'scenarios/default.yaml', '--set', 'hardware.device=toaster'], /toaster/],
  ];
  for (const [args, message] of cases) {
    const r = mcsim(...args);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  assert.deepEqual(readdirSync(out), []);
});

test('mcsim schema prints a JSON Schema that accepts every bundled scenario', () => {
  const r = mcsim('schema');
  assert.equal(r.status, 0, r.stderr);
  const validate = new Ajv2020({ strict: false }).compile(JSON.parse(r.stdout));
  const dir = join(ROOT, 'scenarios');
  for (const f of scenarioFiles()) {
    const ok = validate(YAML.parse(readFileSync(join(dir, f), 'utf8')));
    assert.ok(ok, `${f}: ${JSON.stringify(validate.errors)}`);
  }
  assert.equal(validate({ frames: 'x' }), false);
});

test('mcsim validate accepts every bundled scenario; --help works on every command', () => {
  for (const f of scenarioFiles()) {
    const r = mcsim('validate', join('scenarios', f));
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
    assert.match(r.stdout, /valid/);
  }
  for (const cmd of ['run', 'validate', 'schema', 'sweep', 'merge', 'chart', 'mrc', 'trace']) {
    const r = mcsim(cmd, '--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Options:/);
  }
  assert.ok(existsSync(join(ROOT, 'scenarios/default.yaml')));
});

test('the committed scenario.schema.json is what mcsim schema prints (regenerate: mcsim schema > scenario.schema.json)', () => {
  assert.equal(readFileSync(join(ROOT, 'scenario.schema.json'), 'utf8'), mcsim('schema').stdout);
});

test('mcsim run on 1 or 2 worker threads writes identical files', () => {
  const [one, two] = [1, 2].map((workers) => {
    const out = mkdtempSync(join(tmpdir(), `mcsim-w${workers}-`));
    const r = mcsim('run', 'scenarios/all-strategies.yaml', '--set', 'frames=300', '--set', 'warmupFrames=0', '--set', 'replications=2', '--workers', String(workers), '--out', out, '--quiet');
    assert.equal(r.status, 0, r.stderr);
    return out;
  });
  for (const f of ['summary.csv', 'runs.csv', 'summary.json', 'report.html', 'charts/latency-cdf.svg']) {
    assert.equal(readFileSync(join(two, f), 'utf8'), readFileSync(join(one, f), 'utf8'), f);
  }
});
