/**
 * cloudPhysicsIO repeated 50 times (5,693,600 requests) as one libCacheSim oracleGeneral file, the
 * workload issues 4 and 13 compare mcsim with libCacheSim's `cachesim` on. Written once per machine
 * into the temp directory. Each copy's times follow the previous copy's, and next_access_vtime is
 * recomputed over the whole file (1-based index of the object's next request, -1 if none), so
 * cachesim's Belady, which reads that field, sees the true future.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPEAT = 50;
export const SOURCE = fileURLToPath(new URL('../../shared/data/cachetraces/cloudPhysicsIO.oracleGeneral.bin', import.meta.url));
const RECORD = 24;

export function repeatedTraceFile(repeat = REPEAT): string {
  const dir = join(tmpdir(), 'mcsim-bench');
  const path = join(dir, `cloudPhysicsIO-x${repeat}.v2.oracleGeneral.bin`);
  const src = readFileSync(SOURCE), n = src.length / RECORD;
  if (existsSync(path) && statSync(path).size === src.length * repeat) return path;
  const out = Buffer.alloc(src.length * repeat);
  const span = src.readUInt32LE((n - 1) * RECORD) - src.readUInt32LE(0) + 1;
  for (let r = 0; r < repeat; r++) {
    src.copy(out, r * src.length);
    for (let i = 0; i < n; i++) out.writeUInt32LE(src.readUInt32LE(i * RECORD) + r * span, (r * n + i) * RECORD);
  }
  // Backward pass: the next request of each id, as a 1-based index.
  const nextOf = new Map<bigint, number>();
  for (let j = n * repeat - 1; j >= 0; j--) {
    const id = out.readBigUInt64LE(j * RECORD + 4);
    out.writeBigInt64LE(BigInt(nextOf.get(id) ?? -1), j * RECORD + 16);
    nextOf.set(id, j + 1);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${path}.tmp`, out);
  renameSync(`${path}.tmp`, path);
  return path;
}
