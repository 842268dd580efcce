/** Paths used by the model-reader tests: shipped data, shared data (beside the repo) and scratch files. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);

/** A file under the repository's data/ folder. */
export const dataFile = (rel: string): string => fileURLToPath(new URL(`data/${rel}`, root));

/** A file under ../shared/data/ (beside the repository, also in CI). */
export const sharedFile = (rel: string): string => fileURLToPath(new URL(`../shared/data/${rel}`, root));

let scratch: string | undefined;

/** Writes `content` to a fresh file named `name` in a per-process temporary folder; returns its path. */
export function scratchFile(name: string, content: string | Uint8Array): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'mcsim-models-'));
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}
