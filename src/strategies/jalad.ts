/**
 * jalad (JALAD): Neurosurgeon's split (split.ts, same frame machinery) plus c-bit quantization of the
 * feature tensor at the cut: upload bytes shrink by 32/c. (cut, c) is chosen jointly by
 * `bestJaladSplit`: least predicted latency among the pairs whose accuracy loss is <= `maxLoss`; full
 * precision (loss 0) is always allowed. The loss table comes from the scenario (`accuracyLoss`: rows
 * `{ cut: <layer name>, bits, loss }`, loss as a fraction of accuracy, 0.01 = one point); a (cut, bits)
 * pair missing from it is not considered. Cut 0 (raw input) and the all-local cut are never quantized.
 *
 * Correctness rule (a modelling choice): the full model (`models.edge.outcome`) answers as in split;
 * then, when that answer is correct and the plan's loss is l > 0, it is turned wrong with probability
 * min(1, l / a_y), where a_y is the full model's accuracy on the frame's true class y (exact over the
 * class's samples for real tables, the stated accuracy for parametric models). The expected accuracy
 * of every class, hence of any frame mix, drops by exactly l (by a_y when a_y < l). Draws come from
 * the stream `jalad`, only for such frames, so with maxLoss 0 jalad reproduces split frame for frame.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { bestJaladSplit } from '../models/split-planner.js';
import type { World } from '../world/world.js';
import { strategyMetrics } from '../world/metrics.js';
import { loadSplitProfile, SPLIT_METRICS, splitOptionFields, splitStrategy, type SplitProfile } from './split.js';
import type { StrategyEntry } from './strategy.js';

const options = z.strictObject({
  ...splitOptionFields,
  bitsChoices: z.array(z.number().gt(0).max(32)).default([4, 8, 16]).describe('Feature bit widths to consider (32 is always considered)'),
  accuracyLoss: z
    .array(z.strictObject({ cut: z.string().describe('Layer the cut follows'), bits: z.number().gt(0).max(32), loss: z.number().min(0).max(1) }))
    .default([])
    .describe('Accuracy loss (fraction, 0.01 = one point) of quantizing the features after `cut` to `bits`'),
  maxLoss: z.number().min(0).max(1).default(0.01).describe('Largest acceptable accuracy loss (fraction)'),
});

/** Accuracy of the full model `name` on each class (computed per run: one pass over the samples). */
function accuracyByClass(world: World, name: string): Float64Array {
  const out = world.scenario.outcomes;
  const samplesOf = world.outcomes.samplesOf;
  if (out.kind === 'parametric') return new Float64Array(samplesOf.length).fill(out.models[name].accuracy);
  // Real tables answer deterministically: the rng is not drawn.
  const m = world.outcomes.modelIndex(name);
  const rng = world.rng('jalad/unused');
  return Float64Array.from(samplesOf, (samples, y) => {
    let right = 0;
    for (const i of samples) if (world.outcomes.answer(m, i, rng) === y) right++;
    return samples.length > 0 ? right / samples.length : 0;
  });
}

export const jalad: StrategyEntry<typeof options, SplitProfile> = {
  description: 'JALAD: Neurosurgeon split plus c-bit feature quantization, (cut, bits) chosen jointly under an accuracy-loss bound',
  options,
  metrics: [
    ...SPLIT_METRICS,
    ...strategyMetrics('jalad', [
      { name: 'mean_bits', unit: 'bits', description: 'mean feature bit width chosen', better: 'neither' },
      { name: 'quantized_share', unit: 'fraction', description: 'fraction of frames with quantized features', better: 'neither' },
      { name: 'planned_accuracy_loss', unit: 'fraction', description: 'mean accuracy loss the plan accepted', better: 'lower' },
    ]),
  ],
  load: (o, read, baseDir) => loadSplitProfile(o.profile, read, baseDir, 'jalad'),
  create(world, o, profile) {
    const L = profile.layers.length;
    const cutOf = new Map(profile.layers.map((l, i) => [l.name, i + 1]));
    const table = new Map<string, number>();
    o.accuracyLoss.forEach((row, i) => {
      const cut = cutOf.get(row.cut);
      if (cut === undefined) throw new InputError(`jalad.accuracyLoss[${i}].cut: no layer '${row.cut}' in ${profile.model} (have ${[...cutOf.keys()].join(', ')})`);
      if (cut === L) throw new InputError(`jalad.accuracyLoss[${i}].cut: '${row.cut}' is the last layer; nothing crosses the link there`);
      const key = `${cut}/${row.bits}`;
      if (table.has(key)) throw new InputError(`jalad.accuracyLoss[${i}]: a second row for cut '${row.cut}' at ${row.bits} bits`);
      table.set(key, row.loss);
    });
    const s = world.scenario;
    const acc = accuracyByClass(world, s.models.edge.outcome);
    const rng = world.rng('jalad');
    const c = world.frames;
    const planOptions = { bitsChoices: o.bitsChoices, maxLoss: o.maxLoss, resultBytes: s.network.resultBytes, accuracyLoss: (cut: number, bits: number) => table.get(`${cut}/${bits}`) };
    let bitsSum = 0, lossSum = 0, quantized = 0;
    return splitStrategy(world, o, profile, {
      plan(p, link) {
        const best = bestJaladSplit(p, link, planOptions);
        return { cut: best.cut, bits: best.bits, loss: best.loss };
      },
      answered(slot, loss) {
        // Nature, not a decision: quantization turns a right answer wrong with probability loss / accuracy of its class.
        const label = world.trueLabel(slot);
        if (loss > 0 && c.answer[slot] === label && rng.uniform() * acc[label] < loss) c.answer[slot] = -1;
      },
      counted(plan) {
        bitsSum += plan.bits;
        lossSum += plan.loss;
        if (plan.bits < 32) quantized++;
      },
      metrics: () => ({
        mean_bits: world.perFrame(bitsSum),
        quantized_share: world.perFrame(quantized),
        planned_accuracy_loss: world.perFrame(lossSum),
      }),
    });
  },
};
