import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dataFile } from './paths.js';

test('data/PROVENANCE.md lists every shipped file with its current size and sha256', () => {
  const text = readFileSync(dataFile('PROVENANCE.md'), 'utf8');
  const listed = new Map<string, [number, string]>();
  for (const m of text.matchAll(/^\| `([^`]+)` \| ([\d,]+) \| `([0-9a-f]{64})` \|$/gm)) listed.set(m[1], [Number(m[2].replace(/,/g, '')), m[3]]);
  const shipped = readdirSync(dataFile(''), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name !== 'PROVENANCE.md')
    .map((d) => `${d.parentPath}/${d.name}`.slice(dataFile('').length).replace(/^\//, ''));
  assert.deepEqual([...listed.keys()].sort(), shipped.sort());
  for (const [file, [bytes, sha]] of listed) {
    const content = readFileSync(dataFile(file));
    assert.equal(content.length, bytes, file);
    assert.equal(createHash('sha256').update(content).digest('hex'), sha, `${file}: update data/PROVENANCE.md`);
  }
});
