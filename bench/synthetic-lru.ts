/**
 * One LRU replay of the synthetic stream (bench/synthetic-trace.ts) in a fresh process, for
 * bench/stream-replay.ts: a process's peak RSS only grows, so each length gets its own. Prints one
 * JSON line: requests, misses, seconds, requests/s and the peak RSS.
 * Usage: node --import tsx bench/synthetic-lru.ts <requests> [capacity]
 */
import { performance } from 'node:perf_hooks';
import { replayPolicy } from '../src/mrc/replay.js';
import { syntheticRequests } from './synthetic-trace.js';

const length = Number(process.argv[2]), capacity = Number(process.argv[3] ?? 50_000);
const t0 = performance.now();
const r = replayPolicy(syntheticRequests(length), 'lru', { capacity });
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ requests: r.requests, misses: r.misses, seconds: Number(seconds.toFixed(2)), rate: Math.round(length / seconds), max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }));
