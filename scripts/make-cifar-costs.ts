/** Writes data/hardware-cifar.json (scripts/cifar-costs.ts says how it is derived). Run from the repository root: `npx tsx scripts/make-cifar-costs.ts`. */
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/report/files.js';
import { hardwareFileText } from '../src/models/hardware.js';
import { cifarCosts } from './cifar-costs.js';

const root = new URL('..', import.meta.url);
const file = cifarCosts(fileURLToPath(new URL('../shared/data/hardware/ncnn_benchncnn_latency.csv', root)));
const out = fileURLToPath(new URL('data/hardware-cifar.json', root));
writeFileAtomic(out, hardwareFileText(file));
console.log(`wrote ${file.rows.length} rows to ${out}`);
