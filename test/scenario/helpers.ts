/** Builds a prepared scenario from test/fixtures/tiny.yaml with overrides. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { applySets, parseScenario, readScenarioFile } from '../../src/scenario/load.js';
import { prepare, type Prepared } from '../../src/scenario/prepare.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const TINY = `${FIXTURES}tiny.yaml`;

export function tiny(...sets: string[]): Prepared {
  const raw = readScenarioFile(TINY);
  applySets(raw, sets);
  return prepare(parseScenario(raw, TINY), dirname(TINY));
}

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const isSweepFile = (f: string) => 'grid' in readScenarioFile(`${SCENARIOS}${f}`);

/** Bundled YAML files, by path below scenarios/ (subfolders such as paper/ included). */
const yamlFiles = () => readdirSync(SCENARIOS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).sort();

/** Bundled scenario files (not sweep files), by path below scenarios/. */
export function scenarioFiles(): string[] {
  return yamlFiles().filter((f) => !isSweepFile(f));
}

/** Bundled sweep files, by path below scenarios/. */
export function sweepFiles(): string[] {
  return yamlFiles().filter((f) => isSweepFile(f));
}
