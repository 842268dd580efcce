import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InputError } from '../../src/errors.js';
import { readBandwidthTrace } from '../../src/models/network-trace.js';
import { dataFile, scratchFile, sharedFile } from './paths.js';

const near = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const inputError = (re: RegExp) => (e: Error) => e instanceof InputError && re.test(e.message);

test('mahimahi: a tiny trace converted by hand (1 s and 0.5 s bins, loop period = last timestamp)', () => {
  // Packets at 0, 0, 500, 999 | 1000, 1500 | 2500 ms; period 2.5 s; the packet at 2500 ms counts in the last bin.
  const path = scratchFile('tiny.up', '0\n0\n500\n999\n1000\n1500\n2500\n');
  const tr = readBandwidthTrace(path);
  assert.deepEqual([...tr.bandwidth.starts], [0, 1, 2]);
  assert.deepEqual([...tr.bandwidth.rates], [4 * 12000, 2 * 12000, 12000 / 0.5]);
  assert.equal(tr.duration, 2.5);
  near(tr.meanMbps, (7 * 12000) / 2.5 / 1e6);
  near(tr.bandwidth.bitsBetween(0, 2.5), 7 * 12000);
  assert.equal(tr.bandwidth.rateAt(2.6), 48000, 'looped');
  assert.match(tr.source, /^mahimahi trace .*tiny\.up \(7 packets of 1500 B in 1 s bins, looped\)$/);

  const half = readBandwidthTrace(path, { bin: 0.5 });
  assert.deepEqual([...half.bandwidth.rates], [48000, 48000, 24000, 24000, 24000]);
  near(half.meanMbps, tr.meanMbps);

  const once = readBandwidthTrace(path, { loop: false, scale: 2 });
  assert.equal(once.bandwidth.period, Infinity);
  assert.equal(once.bandwidth.rateAt(100), 48000, 'the last rate holds after the end');
  near(once.meanMbps, 2 * tr.meanMbps);

  // The README's example: a file holding "1" is one packet per millisecond, 12 Mbit/s.
  const one = readBandwidthTrace(scratchFile('one.down', '1\n'));
  assert.equal(one.meanMbps, 12);
  near(one.bandwidth.transmitTime(0.5, 12e6), 1);
});

test('mahimahi: real traces, mean Mbps = packets x 12,000 bit / last timestamp; seconds match the derived CSV', () => {
  const derived = readFileSync(sharedFile('network/mahimahi-cellular/mahimahi_per_second_mbps.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  for (const name of ['ATT-LTE-driving-2016.up', 'Verizon-LTE-short.down', 'TMobile-UMTS-driving.up']) {
    const path = sharedFile(`network/mahimahi-cellular/${name}`);
    const stamps = readFileSync(path, 'utf8').trim().split('\n').map(Number);
    const last = stamps[stamps.length - 1];
    const tr = readBandwidthTrace(path);
    assert.equal(tr.duration, last / 1000);
    near(tr.meanMbps, (stamps.length * 12000) / (last / 1000) / 1e6, 1e-12);
    // Every full second carries the packets the shared per-second CSV counts for it (the last bin
    // also takes the packets stamped exactly at the period, which the CSV puts in one more second).
    const rows = derived.filter((r) => r[0] === name);
    assert.ok(rows.length > 100);
    for (const [, second, , mbps] of rows) {
      const s = Number(second);
      if (s + 1 < tr.duration) near(tr.bandwidth.rates[s] / 1e6, Number(mbps), 1e-12);
    }
  }
  const shipped = readBandwidthTrace(dataFile('network/ATT-LTE-driving-2016.up'));
  near(shipped.meanMbps, (19101 * 12000) / 120.002 / 1e6, 1e-12);
  assert.ok(readBandwidthTrace(dataFile('network/ATT-LTE-driving-2016.down')).meanMbps > shipped.meanMbps);
});

test('mbps (Pensieve): sample i holds over (t[i-1], t[i]]; mean of a real Norway trace equals a direct computation', () => {
  const tiny = readBandwidthTrace(scratchFile('tiny-mbps', '0.0\t5\n1.0\t2\n3.0\t4\n'));
  assert.deepEqual([...tiny.bandwidth.starts], [0, 1]);
  assert.deepEqual([...tiny.bandwidth.rates], [2e6, 4e6]);
  assert.equal(tiny.duration, 3);
  near(tiny.meanMbps, (2 * 1 + 4 * 2) / 3);

  for (const rel of ['norway_hsdpa_test/norway_tram_10', 'fcc_train/trace_10322_http---edition.cnn.com']) {
    const path = sharedFile(`network/pensieve-norway-fcc/${rel}`);
    const rows = readFileSync(path, 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
    let bits = 0;
    for (let i = 1; i < rows.length; i++) bits += rows[i][1] * 1e6 * (rows[i][0] - rows[i - 1][0]);
    const span = rows[rows.length - 1][0] - rows[0][0];
    const tr = readBandwidthTrace(path);
    assert.equal(tr.duration, span);
    near(tr.meanMbps, bits / span / 1e6, 1e-12);
    near(tr.bandwidth.bitsBetween(0, 2 * span), 2 * bits, 1e-9);
  }
});

test('csv with a header: t,mbps holds from each row on; t,up,down needs a column; holds selects the convention for csv and mbps', () => {
  const one = readBandwidthTrace(scratchFile('rates.csv', 't,mbps\n0,5\n1,2\n3,4\n'));
  assert.deepEqual([...one.bandwidth.starts], [0, 1, 3]);
  assert.deepEqual([...one.bandwidth.rates], [5e6, 2e6, 4e6]);
  // [0,1) at 5, [1,3) at 2, and the last row holds for the gap before it: [3,5) at 4.
  assert.equal(one.duration, 5);
  near(one.meanMbps, (5 * 1 + 2 * 2 + 4 * 2) / 5);
  const until = readBandwidthTrace(scratchFile('rates-until.csv', 't,mbps\n0,5\n1,2\n3,4\n'), { holds: 'until' });
  const pensieve = readBandwidthTrace(scratchFile('rates-until.txt', '0 5\n1 2\n3 4\n'));
  assert.deepEqual([...until.bandwidth.rates], [...pensieve.bandwidth.rates]);
  assert.equal(until.duration, pensieve.duration);
  const fromMbps = readBandwidthTrace(scratchFile('rates-from.txt', '0 5\n1 2\n3 4\n'), { holds: 'from' });
  assert.deepEqual([...fromMbps.bandwidth.rates], [...one.bandwidth.rates]);
  assert.equal(fromMbps.duration, one.duration);

  const both = scratchFile('updown.csv', 't,up,down\n0,1,10\n2,3,30\n');
  assert.deepEqual([...readBandwidthTrace(both, { column: 'down' }).bandwidth.rates], [10e6, 30e6]);
  assert.deepEqual([...readBandwidthTrace(both, { column: 'up' }).bandwidth.rates], [1e6, 3e6]);
  assert.throws(() => readBandwidthTrace(both), inputError(/: give column, one of up, down$/));
  assert.throws(() => readBandwidthTrace(both, { column: 'side' }), inputError(/: no column "side" \(columns: t, up, down\)$/));
  // An option the format does not read is refused, never ignored.
  assert.throws(() => readBandwidthTrace(both, { column: 'up', carrier: 'att' }), inputError(/: option "carrier" does not apply to the csv format \(it is for 5gophers\)$/));
  assert.throws(() => readBandwidthTrace(scratchFile('m.up', '0\n5\n'), { holds: 'from' }), inputError(/: option "holds" does not apply to the mahimahi format \(it is for mbps, csv\)$/));
  assert.throws(() => readBandwidthTrace(scratchFile('neg.csv', 't,mbps\n0,1\n1,-2\n'), {}), inputError(/neg\.csv:3: throughput must be >= 0, got -2$/));
});

test('5gophers: one run of the throughput file, one carrier of a driving trace, the walking trace', () => {
  const dir = sharedFile('network/5gophers/All-Carriers/');
  const run1 = readFileSync(`${dir}01-Throughput/data.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).filter((r) => r[4] === '1');
  const tr = readBandwidthTrace(`${dir}01-Throughput/data.csv`, { run: 1 });
  assert.equal(tr.duration, 60);
  near(tr.meanMbps, run1.reduce((a, r) => a + Number(r[6]), 0) / run1.length, 1e-12);
  near(tr.bandwidth.rates[3], 5.216944452293956e6, 1e-15);

  const car = readBandwidthTrace(`${dir}03-User-Mobility/car-driving-trace-2.csv`, { carrier: 'tmobile', interval: 2 });
  assert.equal(car.duration, 252, 'seq_num 0..125 with gaps, 2 s apart');
  assert.equal(car.bandwidth.starts.length, 120);
  near(car.bandwidth.rates[0], 85.20671999999998e6, 1e-15);
  assert.equal(readBandwidthTrace(`${dir}03-User-Mobility/walking-trace.csv`).duration, 603);

  assert.throws(() => readBandwidthTrace(`${dir}01-Throughput/data.csv`), inputError(/give run, one of the run_num values 1\.\.120/));
  assert.throws(() => readBandwidthTrace(`${dir}03-User-Mobility/car-driving-trace-1.csv`, { carrier: 'att' }), inputError(/give carrier, one of Sprint, TMobile, Verizon \(got att\)/));
});

test('bad trace lines are InputErrors naming the file and line', () => {
  const cases: [string, string, RegExp][] = [
    ['bad.up', '0\n5\nfive\n', /:3: expected one integer millisecond timestamp, got "five"$/],
    ['back.up', '0\n5\n4\n', /:3: timestamps must not decrease \(4 after 5\)$/],
    ['three-cols', '0 1\n1 2 3\n', /:2: expected "time_s Mbit\/s" \(two numbers\), got "1 2 3"$/],
    ['nan-mbps', '0 1\n1 x\n', /:2: expected "time_s Mbit\/s"/],
    ['same-time', '0 1\n\n1 2\n1 3\n', /:4: times must increase \(1 after 1\)$/],
    ['one-line', '0 1\n', /: a trace needs at least two samples/],
    ['zeros', '0 0\n1 0\n', /: the trace carries no bits/],
    ['empty', '\n\n', /: empty trace file$/],
    ['what.txt', 'hello world\n', /cannot tell the trace format/],
    ['g.csv', 'protocol,num_tcp_conn,seq_num,throughput_mbps\nTCP,8,0,1.5\nTCP,8,1\n', /:3: expected 4 comma-separated fields/],
    ['g2.csv', 'protocol,num_tcp_conn,seq_num,throughput_mbps\nTCP,8,0,1.5\nTCP,8,1,fast\n', /:3: column "throughput_mbps": expected a number, got "fast"$/],
  ];
  for (const [name, content, re] of cases) {
    const path = scratchFile(name, content);
    assert.throws(() => readBandwidthTrace(path), (e: Error) => e instanceof InputError && e.message.startsWith(path + ':') && re.test(e.message), name);
  }
  const ok = scratchFile('ok.up', '1\n');
  assert.throws(() => readBandwidthTrace(ok, { scale: 0 }), inputError(/scale must be a finite number > 0/));
  assert.throws(() => readBandwidthTrace(ok, { bin: -1 }), inputError(/bin must be/));
  assert.throws(() => readBandwidthTrace(scratchFile('zero.up', '0\n0\n')), inputError(/last timestamp must be > 0/));
});
