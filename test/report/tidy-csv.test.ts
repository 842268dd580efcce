import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTidyCsv, whereRows } from '../../src/report/tidy-csv.js';
import { InputError } from '../../src/errors.js';

function withCsv(text: string, f: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'mcsim-csv-'));
  try {
    const path = join(dir, 'x.csv');
    writeFileSync(path, text);
    f(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('columns are numeric when every non-empty cell is a number; empty cells are null', () => {
  withCsv('policy,slots,ratio\nlru,8,0.5\nfifo,16,\n0.25,1e3,0.125\n', (path) => {
    const t = readTidyCsv(path);
    assert.deepEqual(t.columns, ['policy', 'slots', 'ratio']);
    assert.deepEqual([...t.numeric], ['slots', 'ratio']);
    assert.deepEqual(t.rows, [
      { policy: 'lru', slots: 8, ratio: 0.5 },
      { policy: 'fifo', slots: 16, ratio: null },
      { policy: '0.25', slots: 1000, ratio: 0.125 },
    ]);
    assert.deepEqual(whereRows(path, t, ['slots=16.0']), [t.rows[1]]);
    assert.deepEqual(whereRows(path, t, ['ratio=']), [t.rows[1]]);
    assert.throws(() => whereRows(path, t, ['slots=7']), /no rows match --where slots=7/);
    assert.throws(() => whereRows(path, t, ['size=7']), /no column "size" \(columns: policy, slots, ratio\)/);
  });
});

test('a ragged line is an InputError naming the file and the line', () => {
  withCsv('a,b\n1,2\n3,4,5\n', (path) => {
    assert.throws(() => readTidyCsv(path), (e: unknown) => e instanceof InputError && e.message.startsWith(`${path}:3: `));
  });
  assert.throws(() => readTidyCsv('/nonexistent/x.csv'), /\/nonexistent\/x.csv: cannot read file \(ENOENT\)/);
});
