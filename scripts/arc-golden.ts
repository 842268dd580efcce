/**
 * Writes the generated ARC workload (test/policies/arc-workload.ts) as a libCacheSim oracleGeneral
 * file, so that libCacheSim's cachesim can measure the miss counts test/policies/arc.test.ts pins:
 *
 *   npx tsx scripts/arc-golden.ts /tmp/arc.oracleGeneral.bin
 *   cachesim /tmp/arc.oracleGeneral.bin oracleGeneral arc 50,100,200,500,1000,2000 --ignore-obj-size 1
 *   cachesim /tmp/arc.oracleGeneral.bin oracleGeneral arc 2000,10000,50000
 *
 * (cachesim: libCacheSim commit aa0fc409, built by the lead's build-cachesim.sh). Records are
 * {uint32 time = request index; uint64 id = dense key; uint32 size; int64 next access index or -1}.
 */
import { writeFileSync } from 'node:fs';
import { NO_NEXT_USE, nextUses } from '../src/traces/next-use.js';
import { ORACLE_RECORD_BYTES } from '../src/traces/oracle-trace.js';
import { arcWorkload } from '../test/policies/arc-workload.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: tsx scripts/arc-golden.ts OUT.oracleGeneral.bin');
  process.exit(2);
}
const w = arcWorkload();
const next = nextUses(w.keys, w.keySpace);
const buf = Buffer.alloc(w.keys.length * ORACLE_RECORD_BYTES);
for (let i = 0; i < w.keys.length; i++) {
  const at = i * ORACLE_RECORD_BYTES;
  buf.writeUInt32LE(i, at);
  buf.writeBigUInt64LE(BigInt(w.keys[i]), at + 4);
  buf.writeUInt32LE(w.sizes[i], at + 12);
  buf.writeBigInt64LE(next[i] === NO_NEXT_USE ? -1n : BigInt(next[i]), at + 16);
}
writeFileSync(out, buf);
console.log(`${out}: ${w.keys.length} requests, ${new Set(w.keys).size} objects`);
