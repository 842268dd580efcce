/**
 * The derived CIFAR cost table (data/hardware-cifar.json): its MAC counts equal the totals stated for
 * these architectures elsewhere, the file is what its script gives, and each row is its relative's
 * measured time scaled by the MAC ratio.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { densenetBc100Cifar, lenet5Cifar, resnet18Imagenet, resnet32Cifar, vgg16Cifar, vgg16Imagenet, wrn16x4Cifar } from '../../scripts/conv-macs.js';
import { cifarCosts, MODELS, RELATIVES } from '../../scripts/cifar-costs.js';
import { hardwareFileText, readHardwareTable } from '../../src/models/hardware.js';
import { meanOf } from '../../src/sim/dist.js';
import { sharedData } from '../shared-data.js';

test('MAC counts: the totals the papers, SETUPS.md and docs/reproduction.md state for these architectures', () => {
  assert.equal(vgg16Imagenet(), 15_470_264_320); // VGG-16 at 224x224: the 15.47 GMACs usually quoted
  assert.equal(resnet18Imagenet(), 1_814_073_344); // ResNet-18: 1.8 GMACs (He et al. 2016 table 1: 1.8e9 FLOPs, counted as multiply-adds)
  assert.equal(resnet32Cifar(10), 69_124_736); // ../shared/papers/SETUPS.md, the hybrid code's network
  assert.equal(wrn16x4Cifar(10), 392_612_352); // docs/reproduction.md, the WRN-16-4 derivation
  assert.equal(lenet5Cifar(10), 651_720); // 352,800 + 240,000 + 48,000 + 10,080 + 840
  assert.equal(vgg16Cifar(10) - vgg16Cifar(100), 512 * (10 - 100));
  assert.ok(densenetBc100Cifar(100) > 2.8e8 && densenetBc100Cifar(100) < 3e8); // ~0.29 G (Huang et al. 2017 report FLOPs only for ImageNet)
});

test('data/hardware-cifar.json is what scripts/make-cifar-costs.ts writes, and loads as a hardware table', () => {
  const file = cifarCosts(sharedData('hardware/ncnn_benchncnn_latency.csv'));
  assert.equal(readFileSync('data/hardware-cifar.json', 'utf8'), hardwareFileText(file), 'regenerate: npx tsx scripts/make-cifar-costs.ts');
  const table = readHardwareTable('data/hardware-cifar.json');
  const measured = readHardwareTable('data/hardware.json');
  for (const hw of ['rpi4-cpu4', 'orin-gpu', 'v100-gpu', 'aws-c5.4xlarge-cpu8']) {
    for (const m of MODELS) {
      const derived = meanOf(table.get(hw, m.model).latency);
      const relative = meanOf(measured.get(hw, m.relative).latency);
      // The mean is the relative's measured average x the MAC ratio (the lognormal keeps the mean).
      assert.ok(Math.abs(derived / (relative * (m.macs / RELATIVES[m.relative])) - 1) < 1e-9, `${hw} ${m.model}`);
      assert.ok(table.get(hw, m.model).source.startsWith('DERIVED'));
    }
  }
});
