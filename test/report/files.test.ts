import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { FileSet } from '../../src/report/files.js';
import { folderManifest, prefixManifest, readManifest } from '../../src/report/manifest.js';
import { parseTemporary, temporaryPath } from '../../src/report/temporary.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'mcsim-files-'));

function commit(manifest: string, files: Record<string, string>, keep: string[] = []): void {
  const set = new FileSet(manifest);
  for (const [path, text] of Object.entries(files)) set.write(path, text);
  for (const path of keep) set.keep(path);
  set.commit();
}

test("temporaries have a name only mcsim makes: a user's data.123.tmp or frames.csv.123.tmp is not one", () => {
  const t = temporaryPath('/out/charts/latency.svg');
  assert.match(t, /^\/out\/charts\/\.latency\.svg\.mcsim-\d+-[0-9a-f]{8}\.tmp$/);
  assert.deepEqual(parseTemporary(basename(t)), { target: 'latency.svg', pid: process.pid });
  for (const name of ['data.123.tmp', 'frames.csv.123.tmp', '.frames.csv.123.tmp', 'x.mcsim-1-0badc0de.tmp', '.x.mcsim-1-zz.tmp']) assert.equal(parseTemporary(name), undefined, name);
  assert.notEqual(temporaryPath('/a'), temporaryPath('/a'), 'two temporaries of one file differ');
});

test("a file set replaces the set its manifest lists: the old set's extra files go, the user's files stay", () => {
  const dir = fresh();
  const manifest = folderManifest(dir);
  writeFileSync(join(dir, 'mine.csv'), 'the user');
  commit(manifest, { [join(dir, 'summary.csv')]: 'a', [join(dir, 'frames.csv')]: 'a', [join(dir, 'charts', 'paired.svg')]: 'a' });
  assert.deepEqual(readManifest(manifest), ['charts/paired.svg', 'frames.csv', 'summary.csv']);
  commit(manifest, { [join(dir, 'summary.csv')]: 'b', [join(dir, 'charts', 'cdf.svg')]: 'b' });
  assert.deepEqual(readdirSync(dir, { recursive: true }).map(String).sort(), ['.mcsim-files.json', 'charts', 'charts/cdf.svg', 'mine.csv', 'summary.csv']);
  assert.equal(readFileSync(join(dir, 'summary.csv'), 'utf8'), 'b');
  assert.equal(readFileSync(join(dir, 'mine.csv'), 'utf8'), 'the user');
  assert.deepEqual(readManifest(manifest), ['charts/cdf.svg', 'summary.csv']);
});

test('files a command put in place itself (kept) belong to the set; without a manifest nothing is removed', () => {
  const dir = fresh();
  const manifest = folderManifest(dir);
  mkdirSync(join(dir, 'jobs'));
  writeFileSync(join(dir, 'jobs', 'a.json'), '{}');
  commit(manifest, { [join(dir, 'sweep.csv')]: 'x' }, [join(dir, 'jobs', 'a.json')]);
  assert.deepEqual(readManifest(manifest), ['jobs/a.json', 'sweep.csv']);
  commit(manifest, { [join(dir, 'summary.csv')]: 'y' });
  assert.equal(existsSync(join(dir, 'jobs', 'a.json')), false);
  const plain = new FileSet();
  plain.write(join(dir, 'other.csv'), 'z');
  plain.commit();
  assert.deepEqual(readdirSync(dir).sort(), ['.mcsim-files.json', 'jobs', 'other.csv', 'summary.csv']);
});

test('a manifest never removes a file outside its folder, through a symlink, a folder, or when it is not ours', () => {
  const outside = fresh();
  writeFileSync(join(outside, 'precious.csv'), 'outside');
  mkdirSync(join(outside, 'charts'));
  writeFileSync(join(outside, 'charts', 'x.svg'), 'outside');
  const dir = fresh();
  symlinkSync(join(outside, 'charts'), join(dir, 'charts'));
  symlinkSync(join(outside, 'precious.csv'), join(dir, 'link.csv'));
  mkdirSync(join(dir, 'sub'));
  const manifest = folderManifest(dir);
  const forged = ['../' + basename(outside) + '/precious.csv', join(outside, 'precious.csv'), 'charts/x.svg', 'link.csv', 'sub'];
  writeFileSync(manifest, JSON.stringify({ files: forged }));
  commit(manifest, { [join(dir, 'summary.csv')]: 'a' });
  assert.equal(readFileSync(join(outside, 'precious.csv'), 'utf8'), 'outside');
  assert.equal(readFileSync(join(outside, 'charts', 'x.svg'), 'utf8'), 'outside');
  assert.ok(existsSync(join(dir, 'link.csv')) && existsSync(join(dir, 'sub')));
  // Not a manifest of ours (not JSON, or not a regular file): nothing listed, nothing removed.
  writeFileSync(join(dir, 'summary.csv'), 'user');
  writeFileSync(manifest, 'summary.csv\n');
  assert.deepEqual(readManifest(manifest), []);
  commit(manifest, { [join(dir, 'other.csv')]: 'b' });
  assert.equal(readFileSync(join(dir, 'summary.csv'), 'utf8'), 'user');
});

test("an output prefix's manifest lists its own files beside it, and no one else's", () => {
  const dir = fresh();
  const prefix = join(dir, 'mrc');
  writeFileSync(join(dir, 'notes.svg'), 'user');
  commit(prefixManifest(prefix), { [`${prefix}.csv`]: 'a', [`${prefix}.svg`]: 'a', [`${prefix}.lru-curve.csv`]: 'a' });
  commit(prefixManifest(prefix), { [`${prefix}.csv`]: 'b' });
  assert.deepEqual(readdirSync(dir).sort(), ['.mrc.mcsim-files.json', 'mrc.csv', 'notes.svg']);
});
