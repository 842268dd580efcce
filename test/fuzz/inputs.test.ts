/**
 * Fuzz of the input surface: random mutations and truncations of every bundled scenario and sweep,
 * every cache-trace format (text, gzip, CSV, oracleGeneral, gzipped oracleGeneral), every data table
 * (hardware tables, network traces, probability and outcome tables, layer profiles) and the example
 * of every format in docs/data.md, lines past the readers' limits, and every numeric key of every
 * bundled scenario set to an extreme value (as `--set` does). Each mutated
 * input must either be read or fail with the one-line input error of errors.ts; any other exception
 * (a TypeError, a RangeError, a raw zlib error, a message over several lines) fails the test.
 *
 * MCSIM_FUZZ_RUNS sets the cases per input (default 20, about half a minute in all); fast-check prints
 * the seed and path of a failure, to replay with MCSIM_FUZZ_SEED.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import YAML from 'yaml';
import { classifyError, InputError } from '../../src/errors.js';
import { layerHardware, readHardwareRows, readHardwareTable } from '../../src/models/hardware.js';
import { readCsvProfile, readNeurosurgeonProfile } from '../../src/models/layer-profile.js';
import { readBandwidthTrace } from '../../src/models/network-trace.js';
import { readOutcomeTable, readProbTable } from '../../src/models/outcome-table.js';
import { applySets, parseScenario, readScenarioFile } from '../../src/scenario/load.js';
import { prepare } from '../../src/scenario/prepare.js';
import { checkResources } from '../../src/scenario/resources.js';
import { checkStrategies } from '../../src/run/simulate.js';
import { loadSweep, planSweep } from '../../src/run/sweep.js';
import { readCacheTrace } from '../../src/traces/read-trace.js';
import { MAX_LINE_BYTES } from '../../src/traces/compression.js';
import { readFrameCsv } from '../../src/traces/frame-csv.js';
import { readTimelines } from '../../src/traces/timeline.js';
import { scenarioFiles } from '../scenario/helpers.js';
import { cacheTrace } from '../shared-data.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS = join(ROOT, 'scenarios');
const DATA = join(ROOT, 'data');
const RUNS = Number(process.env.MCSIM_FUZZ_RUNS ?? 20);
const SEED = process.env.MCSIM_FUZZ_SEED === undefined ? undefined : Number(process.env.MCSIM_FUZZ_SEED);
const WORK = mkdtempSync(join(tmpdir(), 'mcsim-fuzz-'));

/** Tokens a careless edit or a broken export leaves in a file. */
const TOKENS = ['', '-1', '0', '1e308', 'NaN', 'x', ',', '"', '\n', ':', '- ', '{', ']', '\t', '1.5', '99999999', '\u00e9', '\0'];

type Mutation = { kind: 'truncate' | 'flip' | 'insert' | 'delete' | 'token'; at: number; byte: number; token: string };

const mutation = fc.record({
  kind: fc.constantFrom('truncate', 'flip', 'insert', 'delete', 'token'),
  at: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
  token: fc.constantFrom(...TOKENS),
}) as fc.Arbitrary<Mutation>;

function apply(data: Buffer, muts: readonly Mutation[]): Buffer {
  let b = data;
  for (const m of muts) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'flip') b = Buffer.concat([b.subarray(0, at), Buffer.from([m.byte]), b.subarray(at + 1)]);
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from([m.byte]), b.subarray(at)]);
    else if (m.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + (m.byte % 16))]);
    else b = Buffer.concat([b.subarray(0, at), Buffer.from(m.token), b.subarray(at + (m.byte % 8))]);
  }
  return b;
}

/** Passes if `read` succeeds or fails with a one-line input error; rethrows anything else. */
async function readsOrInputError(what: string, read: () => unknown): Promise<void> {
  try {
    await read();
  } catch (err) {
    const known = classifyError(err);
    if (known?.exitCode !== 1 || (err as Error).message.includes('\n')) {
      throw new Error(`${what}: not a one-line input error: ${(err as Error)?.stack ?? String(err)}`);
    }
  }
}

/** Fuzzes one file: `base` bytes mutated, written as `name`, read by `read(path)`. */
async function fuzzFile(name: string, base: Buffer, read: (path: string) => unknown): Promise<void> {
  const dir = mkdtempSync(join(WORK, 'f-'));
  const path = join(dir, name);
  await fc.assert(
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (muts) => {
      writeFileSync(path, apply(base, muts));
      await readsOrInputError(`${name} after ${JSON.stringify(muts)}`, () => read(path));
    }),
    { numRuns: RUNS, seed: SEED, includeErrorInReport: true },
  );
}

const firstLines = (text: string, n: number) => text.split('\n').slice(0, n).join('\n') + '\n';
const textOf = (path: string) => (path.endsWith('.gz') ? gunzipSync(readFileSync(path)).toString('utf8') : readFileSync(path, 'utf8'));

// A mutated scenario is validated as `mcsim validate` does, its relative paths still against scenarios/;
// the memory limit is low so that a mutated device count cannot build a huge world here.
const validateScenario = (path: string) => {
  const scenario = parseScenario(readScenarioFile(path), path);
  checkResources(scenario, path, { maxMemoryGb: 0.3 });
  checkStrategies(prepare(scenario, SCENARIOS));
};

test('fuzz: every bundled scenario and sweep, mutated, is valid or a one-line input error', async () => {
  for (const file of readdirSync(SCENARIOS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'))) {
    const text = readFileSync(join(SCENARIOS, file));
    const isSweep = 'grid' in readScenarioFile(join(SCENARIOS, file));
    // A sweep file names its scenario relative to itself: the copy sits beside a copy of the scenarios.
    const dir = mkdtempSync(join(WORK, 's-'));
    if (isSweep) cpSync(SCENARIOS, dir, { recursive: true });
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (muts) => {
        const path = join(dir, dirname(file), isSweep ? `mutated-${basename(file)}` : basename(file));
        writeFileSync(path, apply(text, muts));
        await readsOrInputError(`${file} after ${JSON.stringify(muts)}`, () => (isSweep ? planSweep(loadSweep(path)) : validateScenario(path)));
      }),
      { numRuns: RUNS, seed: SEED, includeErrorInReport: true },
    );
  }
});

test('fuzz: cache traces in every format (text, gzip, CSV, oracleGeneral, gzipped oracleGeneral)', async () => {
  const text = Buffer.from(firstLines(readFileSync(cacheTrace('cloudPhysicsIO.txt'), 'utf8'), 300));
  const ids = text.toString().trim().split('\n');
  const csv = Buffer.from(`time,id,size\n${ids.map((id, i) => `${i},${id},${512 * (1 + (i % 7))}`).join('\n')}\n`);
  const oracle = readFileSync(cacheTrace('cloudPhysicsIO.oracleGeneral.bin')).subarray(0, 24 * 300);
  const sprite = gzipSync(Buffer.from(firstLines(textOf(cacheTrace('sprite.trace.gz')), 300)));
  await fuzzFile('t.txt', text, (p) => readCacheTrace(p));
  await fuzzFile('t.trace.gz', sprite, (p) => readCacheTrace(p));
  await fuzzFile('t.csv', csv, (p) => readCacheTrace(p, { csv: { id: 'id', size: 'size', time: 'time', header: true } }));
  await fuzzFile('t.oracleGeneral.bin', oracle, (p) => readCacheTrace(p));
  await fuzzFile('t.oracleGeneral.bin.gz', gzipSync(oracle), (p) => readCacheTrace(p));
});

test('fuzz: data tables (hardware, network traces, probability and outcome tables, layer profiles)', async () => {
  await fuzzFile('hardware.json', readFileSync(join(DATA, 'hardware.json')), readHardwareTable);
  await fuzzFile('split-hardware.json', readFileSync(join(DATA, 'layer-profiles/neurosurgeon-alexnet-hardware.json')), readHardwareTable);
  const lte = Buffer.from(firstLines(readFileSync(join(DATA, 'network/ATT-LTE-driving-2016.up'), 'utf8'), 400));
  await fuzzFile('lte.up', lte, (p) => readBandwidthTrace(p));
  const probs = Buffer.from(firstLines(textOf(join(DATA, 'model-outputs/cifar10_probs_vgg16_verifiedcal.csv.gz')), 40));
  await fuzzFile('probs.csv', probs, readProbTable);
  await fuzzFile('probs.csv.gz', gzipSync(probs), readProbTable);
  const outcomes = Buffer.from(firstLines(textOf(join(DATA, 'model-outputs/frugalml_ferplus_outcomes.csv.gz')), 40));
  await fuzzFile('outcomes.csv', outcomes, (p) => readOutcomeTable(p, 'microsoft'));
  // A layer profile is a folder: one of its files is mutated, the others copied.
  const profile = join(DATA, 'layer-profiles/neurosurgeon-alexnet');
  for (const file of readdirSync(profile)) {
    const dir = mkdtempSync(join(WORK, 'p-'));
    for (const f of readdirSync(profile)) copyFileSync(join(profile, f), join(dir, f));
    await fuzzFile(file, readFileSync(join(profile, file)), (p) => {
      copyFileSync(p, join(dir, basename(p)));
      return readNeurosurgeonProfile(dir, { variant: file.includes('pxl3') ? 'pxl3' : file.includes('udp') ? 'udp' : 'tcp' });
    });
  }
});

test('fuzz: the formats of docs/data.md (CSV bandwidth, layer CSV, frame file, timeline, layered hardware), with lines past the limits', async () => {
  const example = (f: string) => readFileSync(join(ROOT, 'docs/data', f));
  await fuzzFile('rates.csv', example('rates.csv'), (p) => readBandwidthTrace(p, { column: 'up' }));
  await fuzzFile('rates.txt', example('rates.txt'), (p) => readBandwidthTrace(p, { holds: 'from' }));
  await fuzzFile('layers.csv', example('layers.csv'), readCsvProfile);
  await fuzzFile('frames.csv', example('frames.csv'), (p) => readFrameCsv(p, 2));
  await fuzzFile('timeline.csv', example('timeline.csv'), readTimelines);
  await fuzzFile('my-hardware.json', example('my-hardware.json'), (p) => layerHardware([{ from: 'base', rows: readHardwareRows(join(DATA, 'hardware.json')) }, { from: p, rows: readHardwareRows(p) }]));
  // A line longer than the text readers' 1 MiB limit, anywhere in a text trace.
  const long = Buffer.from('x'.repeat(MAX_LINE_BYTES + 1));
  await fuzzFile('long.txt', Buffer.concat([example('requests.txt'), long, Buffer.from('\n7\n')]), (p) => readCacheTrace(p));
});

/** Values at the edges of what numbers can be, for any numeric key of a scenario. */
const EXTREMES = [0, -0, -1, 1e-300, 5e-324, 1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 1e12, 0.5, 'NaN', '1e400', '0x10', ''];

/** The dotted paths of every number in a parsed scenario document. */
function numberPaths(value: unknown, at = ''): string[] {
  if (typeof value === 'number') return [at];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => numberPaths(v, at === '' ? k : `${at}.${k}`));
}

test('fuzz: every numeric key of every bundled scenario, set to an extreme value as --set does, is valid or a one-line input error', async () => {
  for (const file of scenarioFiles()) {
    const path = join(SCENARIOS, file);
    const paths = numberPaths(readScenarioFile(path));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.constantFrom(...EXTREMES), async (key, value) => {
        await readsOrInputError(`${file} --set ${key}=${String(value)}`, () => {
          const raw = readScenarioFile(path);
          applySets(raw, [`${key}=${typeof value === 'number' ? String(value) : JSON.stringify(value)}`]);
          const scenario = parseScenario(raw, path);
          checkResources(scenario, path, { maxMemoryGb: 0.3 });
          checkStrategies(prepare(scenario, dirname(path)));
        });
      }),
      { numRuns: RUNS * 2, seed: SEED, includeErrorInReport: true },
    );
  }
});

test('fuzz regressions: a scenario the strategies cannot run is an input error, not a RangeError', () => {
  // Found by the fuzz (MCSIM_FUZZ_RUNS=250): all-strategies.yaml cut short, losing models.cloud.
  const dir = mkdtempSync(join(WORK, 'r-'));
  const path = join(dir, 'all-strategies.yaml');
  const doc = YAML.parse(readFileSync(join(SCENARIOS, 'all-strategies.yaml'), 'utf8'));
  delete doc.models.cloud;
  writeFileSync(path, YAML.stringify(doc).replaceAll('../data/', `${join(SCENARIOS, '../data')}/`));
  assert.throws(() => validateScenario(path), (e: unknown) => e instanceof InputError && /models\.cloud is not set/.test(e.message));
  // Found by the extreme-value fuzz: 1e308 Mbit/s overflowed to an infinite rate (a RangeError).
  const raw = readScenarioFile(join(SCENARIOS, 'appeal-ferplus.yaml'));
  applySets(raw, ['network.wan.mbps=1e308']);
  assert.throws(() => parseScenario(raw, 'appeal-ferplus.yaml'), (e: unknown) => e instanceof InputError && /network\.wan\.mbps/.test((e as Error).message));
});
