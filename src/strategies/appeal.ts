/**
 * appeal (AppealNet): a little model on the device answers every frame and an appeal score q
 * estimates how likely that answer is wrong; when q > delta the input is uploaded and the big model
 * (edge or cloud, priced per call) answers instead.
 *
 * q's quality is a parameter, from the little model's answer on the frame's sample (real outputs with
 * empirical or table outcomes), the measured baselines:
 * `entropy` (nats), `one-minus-confidence` (1 - top-1 probability or the reported confidence: the
 * max-softmax baseline), `margin` (1 - (top-1 minus top-2 probability)); or `predictor`: AppealNet's
 * trained predictor head, which cannot be trained here, modelled as a score of stated discrimination
 * `auroc` against "the little model is wrong" (binormal: q = logistic(N(0, 1) + a) on a wrong answer,
 * logistic(N(0, 1) - a) on a right one, whose AUROC is Phi(a sqrt 2), so a = Phi^-1(auroc) / sqrt 2;
 * AUROC 1 gives q = 1{wrong} exactly). It reads the frame's correctness, as a model of a predictor of
 * that quality and nothing better: whether such a predictor exists is the question its AUROC asks.
 * A score the outcome data lack (FrugalML tables have no entropy, no margin) is refused.
 *
 * `choice` is 1 for an appealed frame, 0 otherwise. Metrics: appeal_rate, cost_per_frame_usd
 * (pricePerCall x appeals per frame) and score_auroc, the AUROC of q for the little model's errors
 * measured over the run (frames whose little model ran; one score kept per frame, 8 bytes).
 */
import { probit } from 'simple-statistics';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { auroc } from '../sim/auroc.js';
import { Samples } from '../sim/stats.js';
import { Where } from '../world/frames.js';
import { strategyMetrics } from '../world/metrics.js';
import { OnDevice } from './on-device.js';
import { Remote, serverModel } from './remote.js';
import { resolveOption, type StrategyEntry } from './strategy.js';

const options = z.strictObject({
  little: z
    .strictObject({ outcome: z.string().describe('Outcome-model name'), cost: z.string().describe('Hardware-table model on the device') })
    .default({ outcome: 'github_cnn', cost: 'squeezenet' }),
  big: serverModel.default({ outcome: 'microsoft', cost: 'resnet50', tier: 'cloud' }).describe('The big model'),
  delta: z.number().default(0.5).describe('Appeal when q > delta'),
  score: z.enum(['entropy', 'one-minus-confidence', 'margin', 'predictor']).default('one-minus-confidence'),
  auroc: z.number().gt(0.5).max(1).default(0.8).describe('predictor: AUROC of q for the little model errors'),
  pricePerCall: z.number().min(0).default(0.001).describe('USD per big-model call (FrugalML meta.csv: Microsoft 10 USD per 10,000 images)'),
});

export const appeal: StrategyEntry<typeof options> = {
  description: 'A little model answers on the device; frames whose appeal score exceeds delta are uploaded to the big model',
  options,
  axisTitles: { delta: 'appeal threshold δ', auroc: 'appeal predictor AUROC' },
  metrics: strategyMetrics('appeal', [
    { name: 'appeal_rate', unit: 'fraction', description: 'fraction of frames sent to the big model', better: 'neither' },
    { name: 'cost_per_frame_usd', unit: 'USD/frame', description: 'big-model calls x price per call, per frame', better: 'lower' },
    { name: 'score_auroc', unit: '1', description: 'AUROC of the appeal score for "the little model is wrong"', better: 'higher', scoredAgainstTruth: true },
  ]),
  create(world, o) {
    const c = world.frames;
    const out = world.outcomes;
    const little = resolveOption('appeal.little.outcome', () => out.modelIndex(o.little.outcome));
    const big = resolveOption('appeal.big.outcome', () => out.modelIndex(o.big.outcome));
    const littleCost = resolveOption('appeal.little.cost', () => world.cost('device', o.little.cost));
    const bigCost = resolveOption('appeal.big.cost', () => world.cost(o.big.tier, o.big.cost));
    const littleEnergy = world.energy('device', o.little.cost);
    const bigEnergy = world.energy(o.big.tier, o.big.cost);
    const needs = o.score === 'entropy' ? 'entropy' : o.score === 'margin' ? 'margin' : o.score === 'one-minus-confidence' ? 'confidence' : null;
    if (needs && !out.provides(little, needs)) {
      throw new InputError(`appeal.score: '${o.score}' needs the ${needs} of model '${o.little.outcome}', which the outcome data do not provide`);
    }
    const noise = world.rng('appeal');
    // simple-statistics' probit approximates (2.3214 for 2.3263 at 0.99: AUROC 0.98987) and stays finite
    // at 1, where the separation is infinite and q the error indicator itself.
    const a = o.auroc === 1 ? Infinity : probit(o.auroc) / Math.SQRT2;
    const scores: Record<typeof o.score, (slot: number, entropy: number) => number> = {
      entropy: (_, h) => h,
      'one-minus-confidence': () => 1 - out.confidence(),
      margin: () => 1 - out.margin(),
      predictor: (slot) => 1 / (1 + Math.exp(-(noise.normal() + (c.answer[slot] === world.trueLabel(slot) ? -a : a)))),
    };
    const score = scores[o.score];
    const onWrong = new Samples(), onRight = new Samples();
    let appeals = 0;

    const remote = new Remote(world, {
      tier: o.big.tier,
      served: (slot) => (world.answer(slot, big), world.scenario.network.resultBytes),
      answered: (slot) => world.complete(slot, o.big.tier === 'edge' ? Where.edge : Where.cloud),
    });
    const device = new OnDevice(world, (slot) => {
      const q = score(slot, world.answer(slot, little));
      // The AUROC is scored against the truth (a metric, not a decision).
      if (world.counted(slot)) (c.answer[slot] === world.trueLabel(slot) ? onRight : onWrong).add(q);
      if (q > o.delta) {
        c.choice[slot] = 1;
        if (world.counted(slot)) appeals++;
        const t = bigCost();
        remote.send(slot, c.bytes[slot], t, bigEnergy(t));
      } else {
        c.choice[slot] = 0;
        world.complete(slot, Where.device);
      }
    });

    return {
      arrive(slot) {
        const t = littleCost();
        device.run(slot, t, littleEnergy);
      },
      metrics: () => ({
        appeal_rate: world.perFrame(appeals),
        cost_per_frame_usd: world.perFrame(appeals * o.pricePerCall),
        score_auroc: auroc(onWrong.values(), onRight.values()),
      }),
    };
  },
};
