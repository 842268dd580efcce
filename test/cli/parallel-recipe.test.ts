/**
 * The README's GNU parallel recipe (the fenced block ```sh recipe=gnu-parallel) runs as written: its
 * text, taken from README.md, runs in a shell in a temporary folder laid out like a checkout
 * (scenarios/ and data/ of this one, and `npx mcsim` resolving to this checkout's bin/mcsim.js through
 * node_modules/.bin, as `npm install` links it); then the unsharded sweep of the same file runs there,
 * and the merged report must equal its report byte for byte.
 *
 * Not compared with the merged folder: the unsharded folder's sweep.plan.json and jobs/, the state
 * `--resume` reads, which merge leaves in the shard folders (README "Sweeps on a cluster"); they are
 * compared with the shards' own instead: every shard's plan is the unsharded plan, and every shard's
 * job is the unsharded job of its name. The folders' manifests (.mcsim-files.json) then differ by
 * exactly those names.
 *
 * Needs GNU parallel (Debian package `parallel`; moreutils' `parallel` takes other arguments): without
 * it the test is skipped with a message, except in CI (CI=true), where it fails (.ci/run installs it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The body of the README's fenced block whose info string names `recipe=<name>`. */
function readmeRecipe(name: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```\w+ recipe=(\S+)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === name);
  assert.equal(blocks.length, 1, `README.md: expected one block \`\`\`sh recipe=${name}, found ${blocks.length}`);
  return blocks[0][2];
}

const isGnuParallel = () => /GNU parallel/.test(spawnSync('parallel', ['--version'], { encoding: 'utf8' }).stdout ?? '');

const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();

/** What `--resume` reads: kept in the shard folders, not in the merged one. */
const isSweepState = (f: string) => f === 'sweep.plan.json' || f.startsWith('jobs/');
const MANIFEST = '.mcsim-files.json';

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { files: string[] };

test("the README's GNU parallel recipe, then merge, gives the unsharded sweep's report byte for byte", { timeout: 300_000 }, (t) => {
  if (!isGnuParallel()) {
    if (process.env.CI === 'true') assert.fail('GNU parallel is not installed, and CI must run the README recipe (.ci/run installs it)');
    t.skip('GNU parallel not installed (apt-get install parallel): the README recipe did not run');
    return;
  }
  const recipe = readmeRecipe('gnu-parallel');
  // The recipe names the sweep file, the shard count, the folder of the shard folders (`--out
  // sweep/shard-{}`) and the merged folder.
  const sweepFile = recipe.match(/mcsim sweep (\S+)/)?.[1];
  const shardCount = Number(recipe.match(/--shard \{\}\/(\d+)/)?.[1]);
  const shardParent = recipe.match(/mcsim sweep .*--out (\S+)\/[^/\s]*\{\}/)?.[1];
  const mergedOut = recipe.match(/mcsim merge .*--out (\S+)/)?.[1];
  assert.ok(sweepFile && shardCount > 1 && shardParent && mergedOut, `the recipe names no sweep file, shard count, shard folders or merge --out:\n${recipe}`);

  const work = mkdtempSync(join(tmpdir(), 'mcsim-recipe-'));
  try {
    for (const dir of ['scenarios', 'data']) symlinkSync(join(ROOT, dir), join(work, dir));
    mkdirSync(join(work, 'node_modules/.bin'), { recursive: true });
    symlinkSync(join(ROOT, 'bin/mcsim.js'), join(work, 'node_modules/.bin/mcsim'));
    // GNU parallel's documented way to say one will cite it, in a folder of its own, so the caller's
    // ~/.parallel is neither read nor written.
    const parallelHome = join(work, 'parallel-home');
    mkdirSync(parallelHome);
    writeFileSync(join(parallelHome, 'will-cite'), '');
    const env = {
      ...process.env,
      // npx, and the `#!/usr/bin/env node` of bin/mcsim.js, find the node running this test.
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      PARALLEL_HOME: parallelHome,
      // Never a package called mcsim from the registry: npx fails if the link above does not resolve.
      npm_config_yes: 'false',
      npm_config_update_notifier: 'false',
    };
    const ran = spawnSync('sh', ['-e', '-c', recipe], { cwd: work, env, encoding: 'utf8' });
    assert.equal(ran.status, 0, `the README recipe failed (status ${ran.status}):\n${recipe}\n${ran.stdout}\n${ran.stderr}`);
    // --quiet sweeps and merge print nothing on stderr: anything there (a warning, a notice) is news.
    assert.equal(ran.stderr, '', 'the README recipe wrote to stderr');

    const unsharded = join(work, 'unsharded');
    const full = spawnSync(process.execPath, [join(ROOT, 'bin/mcsim.js'), 'sweep', sweepFile, '--out', unsharded, '--quiet'], { cwd: work, env, encoding: 'utf8' });
    assert.equal(full.status, 0, `the unsharded sweep failed:\n${full.stderr}`);

    const merged = join(work, mergedOut);
    const report = filesUnder(unsharded).filter((f) => !isSweepState(f) && f !== MANIFEST);
    assert.ok(report.includes('sweep.csv') && report.includes('report.html') && report.some((f) => f.startsWith('charts/')), report.join(', '));
    assert.deepEqual(filesUnder(merged), [...report, MANIFEST].sort(), 'the merged folder holds the report files of the unsharded one');
    for (const f of report) assert.ok(readFileSync(join(merged, f)).equals(readFileSync(join(unsharded, f))), `${f}: the merged shards and the unsharded sweep differ`);
    assert.deepEqual(manifest(merged), { ...manifest(unsharded), files: manifest(unsharded).files.filter((f) => !isSweepState(f)) });

    const shards = readdirSync(join(work, shardParent)).map((d) => join(work, shardParent, d));
    assert.equal(shards.length, shardCount, `${shardCount} shard folders`);
    const state = filesUnder(unsharded).filter(isSweepState);
    const shardState = new Set(shards.flatMap((dir) => filesUnder(dir).filter(isSweepState)));
    assert.deepEqual([...shardState].sort(), state, 'the shards hold the plan and every job of the unsharded sweep');
    for (const dir of shards) {
      for (const f of filesUnder(dir).filter(isSweepState)) assert.ok(readFileSync(join(dir, f)).equals(readFileSync(join(unsharded, f))), `${dir}/${f}: differs from the unsharded sweep's`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
