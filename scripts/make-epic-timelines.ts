/**
 * Derives data/video-labels/ from the EPIC-KITCHENS-100 validation annotations in
 * ../shared/data/video-labels/ (CC BY-NC 4.0; the licence is copied beside the output).
 * Run from the repository root: `npx tsx scripts/make-epic-timelines.ts`.
 *
 * Rules (docs/prefetch.md):
 * - A segment's scene is the category (21 of them) of its noun class (`EPIC_100_noun_classes.csv`).
 * - Overlaps: at every instant the segment that started last among those covering it gives the scene
 *   (the most recent action; equal starts: the later row of the file). Segments with stop <= start are
 *   left out. Uncovered time inside a video is a gap (not written: the frame source decides).
 * - Consecutive pieces of the same category that touch are merged into one interval.
 * - Categories are ranked by the seconds they cover after these rules, most first (ties by name):
 *   rank 0 is the most common scene.
 * Outputs: `epic100_val_timelines.csv.gz` (video,start_s,end_s,rank; rows by video then time, times in
 * seconds as written upstream, 0.01 s) and `epic100_noun_categories.csv` (rank,category,seconds,intervals).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../src/report/files.js';
import { columnIndex, intField, readCsv } from '../src/models/read-table.js';
import { lineError } from '../src/errors.js';

const root = new URL('..', import.meta.url);
const src = (f: string) => fileURLToPath(new URL(`../shared/data/video-labels/${f}`, root));
const out = (f: string) => fileURLToPath(new URL(`data/video-labels/${f}`, root));

interface Piece {
  start: number;
  end: number;
  category: string;
}

const nouns = readCsv(src('EPIC_100_noun_classes.csv'));
const categoryOf = new Map<number, string>();
for (let r = 0; r < nouns.records.length; r++) {
  categoryOf.set(intField(nouns, r, columnIndex(nouns, 'id'), 0), nouns.records[r][columnIndex(nouns, 'category')]);
}

const segs = readCsv(src('EPIC_100_validation.csv.gz'));
const [video, start, stop, noun] = ['video_id', 'start_timestamp', 'stop_timestamp', 'noun_class'].map((c) => columnIndex(segs, c));
const seconds = (r: number, c: number) => {
  const m = /^(\d+):(\d\d):(\d\d(?:\.\d+)?)$/.exec(segs.records[r][c]);
  if (!m) throw lineError(segs.file, segs.lines[r], `expected HH:MM:SS.ss, got "${segs.records[r][c]}"`);
  return Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 100) / 100;
};
const byVideo = new Map<string, Array<Piece & { row: number }>>();
for (let r = 0; r < segs.records.length; r++) {
  const s = seconds(r, start), e = seconds(r, stop);
  if (!(e > s)) continue;
  const category = categoryOf.get(intField(segs, r, noun, 0));
  if (category === undefined) throw lineError(segs.file, segs.lines[r], 'noun_class not in EPIC_100_noun_classes.csv');
  const v = segs.records[r][video];
  if (!byVideo.has(v)) byVideo.set(v, []);
  byVideo.get(v)!.push({ start: s, end: e, category, row: r });
}

/** Disjoint pieces of one video: between consecutive boundaries, the covering segment that started last. */
function resolve(list: Array<Piece & { row: number }>): Piece[] {
  const bounds = [...new Set(list.flatMap((p) => [p.start, p.end]))].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    let best: (Piece & { row: number }) | undefined;
    for (const p of list) {
      if (p.start <= a && p.end >= b && (!best || p.start > best.start || (p.start === best.start && p.row > best.row))) best = p;
    }
    if (!best) continue;
    const last = pieces.at(-1);
    if (last && last.end === a && last.category === best.category) last.end = b;
    else pieces.push({ start: a, end: b, category: best.category });
  }
  return pieces;
}

const videos = [...byVideo.keys()].sort();
const timelines = videos.map((v) => [v, resolve(byVideo.get(v)!)] as const);
const totals = new Map<string, { seconds: number; intervals: number }>();
for (const [, pieces] of timelines) {
  for (const p of pieces) {
    const t = totals.get(p.category) ?? { seconds: 0, intervals: 0 };
    t.seconds += p.end - p.start;
    t.intervals++;
    totals.set(p.category, t);
  }
}
const ranked = [...totals.entries()].sort((x, y) => y[1].seconds - x[1].seconds || (x[0] < y[0] ? -1 : 1));
const rank = new Map(ranked.map(([c], i) => [c, i]));

const fmt = (x: number) => x.toFixed(2);
const rows = timelines.flatMap(([v, pieces]) => pieces.map((p) => `${v},${fmt(p.start)},${fmt(p.end)},${rank.get(p.category)}`));
mkdirSync(out(''), { recursive: true });
writeFileAtomic(out('epic100_val_timelines.csv.gz'), gzipSync(`video,start_s,end_s,rank\n${rows.join('\n')}\n`, { level: 9 }));
writeFileAtomic(
  out('epic100_noun_categories.csv'),
  `rank,category,seconds,intervals\n${ranked.map(([c, t], i) => `${i},${c},${fmt(t.seconds)},${t.intervals}`).join('\n')}\n`,
);
writeFileAtomic(out('LICENSE-EPIC-KITCHENS.txt'), readFileSync(src('LICENSE-EPIC-KITCHENS.txt')));
console.log(`${videos.length} videos, ${rows.length} intervals, ${ranked.length} categories`);
