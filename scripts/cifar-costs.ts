/**
 * Generates data/hardware-cifar.json: DERIVED compute costs of the CIFAR models whose real outputs
 * mcsim ships, on the tiers of data/hardware.json. Run from the repository root:
 * `npx tsx scripts/make-cifar-costs.ts` (test/models/cifar-costs.test.ts checks the file is what this gives).
 *
 * ncnn measured ImageNet-sized networks only. A CIFAR network's time on a tier is derived from the
 * MAC throughput the tier reached on its closest measured relative (MACs counted by scripts/conv-macs.ts):
 *   t(cifar model) = MACs(cifar model) / (MACs(relative) / t(relative)),
 * as a lognormal with the measured row's mean and spread (sd = (max - min) / 4 of the benchmark's
 * loops, the 'lognormal' rule of ncnnLatencyMs), both scaled by the MAC ratio.
 * Relatives (ASSUMPTION): the VGG-16 for the CIFAR VGG-16; ResNet-18 for the residual and dense CIFAR
 * networks and for LeNet-5 (no measured network is closer). The scaling is linear in MACs, so it leaves
 * out fixed per-layer and per-launch costs that do not shrink with the input: on GPUs, where a 32x32
 * input leaves most of the device idle, the derived times are lower bounds, far below what a run
 * would measure. data/PROVENANCE.md states the same.
 */
import { ncnnLatencyMs, selectNcnnRows, type HardwareFile } from '../src/models/hardware.js';
import { scaleDist } from '../src/sim/dist.js';
import { densenetBc100Cifar, lenet5Cifar, resnet18Imagenet, resnet32Cifar, vgg16Cifar, vgg16Imagenet, wrn16x4Cifar } from './conv-macs.js';
import { NCNN_TIERS } from './ncnn-tiers.js';

export const RELATIVES = { vgg16: vgg16Imagenet(), resnet18: resnet18Imagenet() } as const;

/** Model name in the table, its MACs, its measured relative, and what the name stands for. */
export const MODELS: ReadonlyArray<{ model: string; macs: number; relative: keyof typeof RELATIVES; what: string }> = [
  { model: 'vgg16_cifar10', macs: vgg16Cifar(10), relative: 'vgg16', what: 'CIFAR VGG-16, 10 classes' },
  { model: 'wrn16_4_cifar10', macs: wrn16x4Cifar(10), relative: 'resnet18', what: 'WRN-16-4, 10 classes' },
  { model: 'wrn16_4_cifar100', macs: wrn16x4Cifar(100), relative: 'resnet18', what: 'WRN-16-4, 100 classes' },
  { model: 'resnet32_cifar10', macs: resnet32Cifar(10), relative: 'resnet18', what: 'CIFAR ResNet-32, 10 classes' },
  { model: 'resnet32_cifar100', macs: resnet32Cifar(100), relative: 'resnet18', what: 'CIFAR ResNet-32, 100 classes' },
  { model: 'densenet_bc100_cifar100', macs: densenetBc100Cifar(100), relative: 'resnet18', what: 'DenseNet-BC-100 (k = 12), 100 classes' },
  { model: 'lenet5_cifar10', macs: lenet5Cifar(10), relative: 'resnet18', what: 'LeNet-5, 10 classes' },
  { model: 'lenet5_cifar100', macs: lenet5Cifar(100), relative: 'resnet18', what: 'LeNet-5, 100 classes' },
];

/** The table, from the ncnn benchmark CSV. */
export function cifarCosts(csv: string): HardwareFile {
  return {
    description:
      'DERIVED by scripts/make-cifar-costs.ts: CIFAR models costed by their MAC counts (scripts/conv-macs.ts) at the MAC throughput each tier ' +
      'measured on a relative ImageNet network in ncnn benchncnn (Tencent/ncnn f4e9a78; the blocks of data/hardware.json). Linear in MACs: ' +
      'lower bounds, furthest below a measurement on GPUs. See data/PROVENANCE.md.',
    rows: NCNN_TIERS.flatMap((tier) => {
      const measured = selectNcnnRows(csv, { ...tier, models: Object.keys(RELATIVES) });
      return MODELS.map(({ model, macs, relative, what }) => {
        const row = measured.find((r) => r.model === relative);
        if (!row) throw new Error(`${tier.hardware}: ncnn block ${tier.block} has no ${relative} row`);
        const ratio = macs / RELATIVES[relative];
        const dist = scaleDist(ncnnLatencyMs(row, 'lognormal'), ratio);
        return {
          hardware: tier.hardware,
          model,
          latency_ms: dist,
          source:
            `DERIVED: ${what}, ${macs.toLocaleString('en-US')} MACs, at the throughput of ncnn ${relative} (${RELATIVES[relative].toLocaleString('en-US')} MACs, ` +
            `avg ${row.avgMs} ms, min ${row.minMs}, max ${row.maxMs}; README line ${row.readmeLine}): mean ${(row.avgMs * ratio).toPrecision(4)} ms, a lower bound`,
        };
      });
    }),
  };
}
