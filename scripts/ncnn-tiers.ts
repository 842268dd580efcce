/** The ncnn benchmark blocks data/hardware.json takes its tiers from (scripts/make-hardware-table.ts), also the base of data/hardware-cifar.json. */
import type { NcnnSelect } from '../src/models/hardware.js';

export const NCNN_TIERS: readonly NcnnSelect[] = [
  // End device: a weak ARM board, all four cores (README block 45).
  { hardware: 'rpi4-cpu4', section: /^Raspberry Pi 4 Model B/, numThreads: 4, gpuDevice: -1, block: 45 },
  // Edge: an embedded GPU box (block 6).
  { hardware: 'orin-gpu', section: /^NVIDIA Jetson AGX Orin/, gpuDevice: 0, block: 6 },
  // Cloud: a data-centre GPU (block 222).
  { hardware: 'v100-gpu', section: /^NVIDIA Tesla V100-PCIE-32GB/, gpuDevice: 0, block: 222 },
  // Cloud, CPU only: an AWS instance, 8 threads (block 194).
  { hardware: 'aws-c5.4xlarge-cpu8', section: 'AWS c5.4xlarge Instance', numThreads: 8, gpuDevice: -1, block: 194 },
];
