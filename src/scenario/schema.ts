/**
 * The scenario format: one zod schema is the source of the TypeScript types (ScenarioInput as
 * written, Scenario with defaults filled in), of validation with key-path errors, and of the
 * published JSON Schema (`mcsim schema`). Units: seconds, bytes, Mbit/s, watts, nats.
 * Relative paths are relative to the scenario file's folder.
 */
import { z } from 'zod';
import { worldFields } from '../world/world-spec.js';
import { gridSchema } from './grid.js';
import { policies } from '../policies/registry.js';
import { predictors } from '../strategies/prefetch/registry.js';
import { strategies, type StrategyName } from '../strategies/registry.js';
import type { RegistryTables } from '../strategies/strategy.js';

/** One options block per strategy, named after it, every field defaulted. */
function strategyOptions(r: RegistryTables) {
  return Object.fromEntries(
    Object.entries(r.strategies).map(([name, entry]) => [name, ((entry.optionsFor?.(r) ?? entry.options) as z.ZodObject).prefault({}).describe(entry.description)]),
  ) as { [K in StrategyName]: z.ZodPrefault<(typeof strategies)[K]['options']> };
}

// The world spec's fields, replications placed after the seed as in scenario files.
const { seed, ...worldRest } = worldFields;

/**
 * The scenario schema over the strategies, policies and predictors of `r` (the built-ins plus a
 * scenario's plugins: their names are the enums, their option blocks are keys). Typed as over the
 * built-ins; a plugin strategy's name and block are strings and records the types do not list.
 */
export function scenarioSchemaFor(r: RegistryTables) {
  const strategyNames = Object.keys(r.strategies) as [StrategyName, ...StrategyName[]];
  return z.strictObject({
    $schema: z.string().optional(),
    name: z.string().default('scenario'),
    description: z.string().optional(),
    seed,
    replications: z.number().int().min(1).default(3),
    ...worldRest,
    strategies: z.array(z.enum(strategyNames)).min(1),
    compare: z
      .strictObject({ reference: z.enum(strategyNames).describe('Strategy the others are compared with, replication by replication') })
      .optional()
      .describe('Paired differences against a reference: <metric>_vs_ref with paired 95% bounds in the summary'),
    ...strategyOptions(r),
    sweep: z.strictObject({ grid: gridSchema }).optional().describe('Grid for mcsim sweep (ignored by mcsim run)'),
    output: z
      .strictObject({
        dir: z.string().default('reports/run'),
        perFrame: z.boolean().default(false),
      })
      .prefault({}),
  }).refine((s) => s.warmupFrames < s.frames, {
    message: 'warmupFrames must be below frames (otherwise no frame is counted)',
    path: ['warmupFrames'],
  }).refine((s) => !s.compare || s.strategies.includes(s.compare.reference), {
    message: 'compare.reference must be one of the scenario\'s strategies',
    path: ['compare', 'reference'],
  });
}

/** The schema over the built-ins: what `mcsim schema` prints. */
export const scenarioSchema = scenarioSchemaFor({ strategies, policies, predictors });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
