#!/usr/bin/env node
// Runs the compiled build (dist/, made by `npm run build`, which `npm install` runs as `prepare`) when it
// is at least as new as every source file, for a fast start; otherwise the TypeScript sources through
// tsx, so an edited checkout never runs a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist/src/cli/main.js`;

function buildIsFresh() {
  if (!existsSync(built)) return false;
  // An installed package ships its build and no sources.
  if (!existsSync(`${root}src`)) return true;
  const builtAt = statSync(built).mtimeMs;
  return readdirSync(`${root}src`, { recursive: true }).every((f) => statSync(`${root}src/${f}`).mtimeMs <= builtAt);
}

if (buildIsFresh()) {
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
