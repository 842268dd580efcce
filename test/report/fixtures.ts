/**
 * Made-up sweep rows and frames shaped like the runner's output, for chart tests only: the numbers
 * are invented to exercise every channel (CI bands, baselines, breakdown columns), not measurements.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { Rng } from '../../src/sim/rng.js';

export type FixtureRow = Record<string, string | number>;

export function sweepRows(): FixtureRow[] {
  const rows: FixtureRow[] = [];
  const taus = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2];
  for (const strategy of ['cachenet', 'early-exit']) {
    const k = strategy === 'cachenet' ? 1 : 0.7;
    for (const tau of taus) {
      const hit = Math.min(0.95, 0.2 + 0.4 * tau * k);
      const lat = 0.09 - 0.05 * hit;
      const acc = 0.93 - 0.06 * hit * k;
      rows.push({
        strategy, policy: 'lru', tau, cache_slots: 8,
        latency_mean: lat, latency_mean_lo: lat - 0.004, latency_mean_hi: lat + 0.004,
        accuracy: acc, accuracy_lo: acc - 0.01, accuracy_hi: acc + 0.01,
        hit_rate: hit, hit_rate_lo: hit - 0.02, hit_rate_hi: hit + 0.02,
        ...breakdown(hit),
      });
    }
  }
  for (const [strategy, lat, acc] of [['device-only', 0.071, 0.71], ['edge-only', 0.094, 0.93]] as const) {
    rows.push({ strategy, policy: '', tau: '', cache_slots: '', latency_mean: lat, latency_mean_lo: lat - 0.002, latency_mean_hi: lat + 0.002, accuracy: acc, accuracy_lo: acc - 0.01, accuracy_hi: acc + 0.01, hit_rate: '', hit_rate_lo: '', hit_rate_hi: '', ...breakdown(strategy === 'device-only' ? 1 : 0) });
  }
  return rows;
}

function breakdown(hit: number): FixtureRow {
  return {
    t_device_queue: 0.002, t_device_compute: 0.012 + 0.03 * hit, t_upload: 0.03 * (1 - hit), t_server_queue: 0.006 * (1 - hit),
    t_server_compute: 0.02 * (1 - hit), t_download: 0.003 * (1 - hit), t_partition_wait: 0.004 * (1 - hit),
  };
}

export function frames(n: number, seed = 'charts'): FixtureRow[] {
  const rng = new Rng(seed);
  const out: FixtureRow[] = [];
  for (const [strategy, mu] of [['cachenet', Math.log(0.04)], ['edge-only', Math.log(0.09)], ['device-only', Math.log(0.07)]] as const) {
    for (let i = 0; i < n; i++) out.push({ strategy, latency: rng.lognormal(mu, strategy === 'device-only' ? 0.1 : 0.4) });
  }
  return out;
}

/**
 * The Vega-Lite JSON Schema as a validator. The schema is draft-07 (Ajv's default draft). strict mode
 * rejects its vendor keywords; its string formats are not what we test, so they pass as declared.
 */
export function vegaLiteValidator() {
  const schema = JSON.parse(readFileSync(new URL('../../node_modules/vega-lite/build/vega-lite-schema.json', import.meta.url), 'utf8'));
  return new Ajv({ strict: false, allErrors: true, formats: { uri: true, 'uri-reference': true, 'color-hex': true } }).compile(schema);
}
