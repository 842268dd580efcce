/**
 * The docs run, as a researcher would run them: mcsim packed with `npm pack`, installed from the
 * tarball into an empty project outside the repository, the example files of docs/plugins.md and
 * docs/library.md written there as the docs show them, then the installed `mcsim` command: check,
 * run, sweep on 1 and 2 workers and as 2 merged shards (byte-identical), mrc, the library example and
 * a type check of them all against the package's declarations.
 *
 * The convention the docs follow: a fenced block whose info string is `<language> file=<path>`
 * (```ts file=policies/window-lfu.ts) is the file at <path> in the reader's project, taken byte for
 * byte; any other block is prose.
 *
 * The package is built from this checkout's sources into a staging copy of the files package.json
 * ships, and packed from there, so the test never writes the checkout's dist/ (which other tests'
 * commands may be reading) and never packs a build older than the sources. The install resolves
 * mcsim's dependencies from npm's cache, or the registry for what `npm ci` did not cache.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const work = mkdtempSync(join(tmpdir(), 'mcsim-pack-'));
const project = join(work, 'project');
// The installed command's `#!/usr/bin/env node` finds the node running this test.
const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };

function exec(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.status, 0, `${what} failed (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const mcsim = (...args: string[]) => exec(join(project, 'node_modules/.bin/mcsim'), args, project);
const run = (...args: string[]) => ok(mcsim(...args), `mcsim ${args.join(' ')}`);

/** The example files of a doc: path -> content. */
function exampleFiles(doc: string): Map<string, string> {
  const text = readFileSync(join(ROOT, 'docs', doc), 'utf8');
  return new Map([...text.matchAll(/^```\w+ file=(\S+)\n([\s\S]*?)^```$/gm)].map((m) => [m[1], m[2]]));
}

/** The rows of a CSV without quoted fields (what mcsim writes for these examples), by column name. */
function csvRows(path: string): Array<Record<string, string>> {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
  return lines.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]])));
}

const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();

before(() => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  const staging = join(work, 'staging');
  mkdirSync(staging);
  for (const f of ['package.json', ...pkg.files.filter((f) => f !== 'dist')]) cpSync(join(ROOT, f), join(staging, f), { recursive: true });
  ok(exec(process.execPath, [TSC, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(staging, 'dist')], ROOT), 'the build');
  ok(exec('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], staging), 'npm pack');
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack made a tarball');

  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-study', private: true, type: 'module' }, null, 2));
  ok(exec('npm', ['install', join(work, tarball), '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], project), 'npm install of the tarball');
  const files = new Map([...exampleFiles('plugins.md'), ...exampleFiles('library.md')]);
  for (const f of ['tsconfig.json', 'policies/window-lfu.ts', 'strategies/queue-gate.ts', 'scenario.yaml', 'sweep.yaml', 'library.ts']) {
    assert.ok(files.has(f), `the docs give ${f}`);
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
});

after(() => rmSync(work, { recursive: true, force: true }));

test('mcsim check passes the docs policy and strategy', () => {
  assert.match(run('check', './policies/window-lfu.ts'), /^mcsim check: policy window-lfu\n(  pass  .*\n)+6 of 6 properties pass\n$/);
  assert.match(run('check', './strategies/queue-gate.ts'), /^mcsim check: strategy queue-gate\n(  pass  .*\n)+5 of 5 properties pass\n$/);
});

test('mcsim run runs the docs scenario with both plugins; window-lfu is not LRU', () => {
  run('run', 'scenario.yaml', '--quiet');
  const rows = csvRows(join(project, 'reports/plugins/summary.csv'));
  assert.deepEqual(rows.map((r) => r.strategy), ['device-only', 'edge-only', 'cachenet', 'queue-gate']);
  const gate = Number(rows.find((r) => r.strategy === 'queue-gate')!.offload_rate);
  assert.ok(gate > 0 && gate < 1, `queue-gate sends some frames to the edge and keeps some (offload_rate ${gate})`);
  const summary = JSON.parse(readFileSync(join(project, 'reports/plugins/summary.json'), 'utf8')) as { plugins: Array<{ name: string; sha256: string }> };
  assert.deepEqual(summary.plugins.map((p) => p.name).sort(), ['queue-gate', 'window-lfu']);

  run('run', 'scenario.yaml', '--quiet', '--set', 'cachenet.policy=lru', '--out', 'reports/lru');
  const cachenet = (dir: string) => JSON.stringify(csvRows(join(project, dir, 'summary.csv')).find((r) => r.strategy === 'cachenet'));
  assert.notEqual(cachenet('reports/plugins'), cachenet('reports/lru'), 'window-lfu gives the numbers of the built-in LRU');
});

test('mcsim sweep gives byte-identical files on 1 and 2 workers and as 2 merged shards, and refuses to resume with an edited plugin', () => {
  run('sweep', 'sweep.yaml', '--workers', '1', '--out', 'w1', '--quiet');
  run('sweep', 'sweep.yaml', '--workers', '2', '--out', 'w2', '--quiet');
  run('sweep', 'sweep.yaml', '--workers', '1', '--shard', '0/2', '--out', 's0', '--quiet');
  run('sweep', 'sweep.yaml', '--workers', '1', '--shard', '1/2', '--out', 's1', '--quiet');
  run('merge', 's0', 's1', '--out', 'merged');
  // The report files (sweep.csv, sweep.json, charts, report.html); the manifests list different folders' files.
  const report = filesUnder(join(project, 'merged')).filter((f) => f !== '.mcsim-files.json');
  assert.ok(report.includes('sweep.csv') && report.includes('sweep.json'), report.join(', '));
  for (const f of report) {
    const merged = readFileSync(join(project, 'merged', f));
    assert.ok(merged.equals(readFileSync(join(project, 'w1', f))), `${f}: 1 worker and 2 merged shards differ`);
    assert.ok(merged.equals(readFileSync(join(project, 'w2', f))), `${f}: 1 worker and 2 workers differ`);
  }
  const rows = csvRows(join(project, 'w1/sweep.csv')).filter((r) => r.strategy === 'cachenet');
  const metrics = (policy: string) => rows.filter((r) => r['cachenet.policy'] === policy).map(({ point, 'cachenet.policy': _, ...m }) => JSON.stringify(m));
  assert.equal(metrics('window-lfu').length, 2);
  assert.ok(metrics('window-lfu').every((m) => !metrics('lru').includes(m)), 'window-lfu gives the numbers of the built-in LRU');

  const policy = join(project, 'policies/window-lfu.ts');
  const text = readFileSync(policy, 'utf8');
  appendFileSync(policy, '// edited\n');
  const resumed = mcsim('sweep', 'sweep.yaml', '--workers', '1', '--out', 'w1', '--quiet', '--resume');
  writeFileSync(policy, text);
  assert.equal(resumed.status, 1, resumed.stderr);
  assert.match(resumed.stderr, /^mcsim: w1 was made with other plugin code: plugin window-lfu differs \(sha256 \w+ vs \w+\)/);
});

test('mcsim mrc replays the bundled timeline through LRU and the plugin, which miss differently', () => {
  run('mrc', 'node_modules/mcsim/data/video-labels/epic100_val_timelines.csv.gz', '--header', '--id-col', 'rank', '--policy', 'lru,./policies/window-lfu.ts', '--size', '3,5,10', '--out', 'reports/mrc');
  const rows = csvRows(join(project, 'reports/mrc.csv'));
  assert.deepEqual(rows.map((r) => `${r.policy}@${r.size}`), ['lru@3', 'lru@5', 'lru@10', 'window-lfu@3', 'window-lfu@5', 'window-lfu@10']);
  for (const size of ['3', '5', '10']) {
    const misses = (policy: string) => rows.find((r) => r.policy === policy && r.size === size)!.misses;
    assert.notEqual(misses('window-lfu'), misses('lru'), `window-lfu misses as LRU does at ${size} slots`);
  }
});

test('the library example runs a scenario, a sweep and replays, and a policy object made in it replays as the built-in LRU', () => {
  const out = ok(exec(join(project, 'node_modules/.bin/tsx'), ['library.ts'], project), 'tsx library.ts');
  assert.match(out, /^run: queue-gate offload_rate = 0\.\d+ \(share of the counted frames sent to the edge\), over 2 replications$/m);
  assert.deepEqual(csvRows(join(project, 'reports/library-run/summary.csv')).map((r) => r.strategy), ['device-only', 'edge-only', 'cachenet', 'queue-gate']);
  assert.match(out, /^sweep: cachenet with window-lfu: /m);
  const replays = Object.fromEntries([...out.matchAll(/^replay: (.+), 5 slots: (\d+) misses of (\d+)/gm)].map((m) => [m[1], m[2]]));
  assert.equal(replays['lru made here'], replays['built-in lru']);
  assert.notEqual(replays['window-lfu'], replays['built-in lru']);
});

test("the examples type-check against the package's declarations (mcsim and mcsim/plugin)", () => {
  ok(exec(process.execPath, [TSC, '-p', project], project), 'tsc over the docs examples');
});
