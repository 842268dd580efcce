/**
 * MAC counts of the CNNs mcsim's CIFAR tables come from and of the ImageNet networks ncnn measured,
 * counted layer by layer from their architectures: a convolution is C_in x C_out x k^2 x H_out x W_out
 * MACs, a fully connected layer in x out (no bias, no batch norm, no pooling, no activation: the
 * multiply-accumulates only, as the papers count them). Used by scripts/make-cifar-costs.ts; checked
 * against the totals stated in ../shared/papers/SETUPS.md and docs/reproduction.md by
 * test/models/conv-macs.test.ts.
 */

const conv = (cin: number, cout: number, k: number, hout: number) => cin * cout * k * k * hout * hout;

/** VGG-16's 13 convolutions (3x3, padding 1; M: a 2x2 max pool) from a square input of side `side`. */
function vggConvs(side: number): number {
  const cfg = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'] as const;
  let macs = 0, cin = 3, s = side;
  for (const c of cfg) {
    if (c === 'M') s /= 2;
    else {
      macs += conv(cin, c, 3, s);
      cin = c;
    }
  }
  return macs;
}

/** ImageNet VGG-16 (224x224, classifier 25088 -> 4096 -> 4096 -> 1000), what ncnn's `vgg16` runs. */
export const vgg16Imagenet = () => vggConvs(224) + 25088 * 4096 + 4096 * 4096 + 4096 * 1000;

/** CIFAR VGG-16 (32x32; Geifman's cifar-vgg: the 13 convolutions, then 512 -> 512 -> C). */
export const vgg16Cifar = (classes: number) => vggConvs(32) + 512 * 512 + 512 * classes;

/** Basic residual blocks (two 3x3 convolutions; a 1x1 shortcut convolution where the width or the side changes). */
function basicStages(cin: number, side: number, stages: ReadonlyArray<{ width: number; blocks: number; stride: number }>): { macs: number; cout: number; side: number } {
  let macs = 0, c = cin, s = side;
  for (const { width, blocks, stride } of stages) {
    for (let b = 0; b < blocks; b++) {
      const out = b === 0 ? s / stride : s;
      macs += conv(c, width, 3, out) + conv(width, width, 3, out);
      if (c !== width || out !== s) macs += conv(c, width, 1, out);
      c = width;
      s = out;
    }
  }
  return { macs, cout: c, side: s };
}

/** ImageNet ResNet-18 (7x7 stride-2 stem to 112x112, max pool to 56x56, 4 stages of 2 blocks, fc 512 -> 1000). */
export function resnet18Imagenet(): number {
  const body = basicStages(64, 56, [64, 128, 256, 512].map((width, i) => ({ width, blocks: 2, stride: i === 0 ? 1 : 2 })));
  return conv(3, 64, 7, 112) + body.macs + 512 * 1000;
}

/** CIFAR ResNet-32 (He et al. 2016, option-B 1x1 shortcuts as the hybrid paper's code): 3x3 stem 3 -> 16, stages of 5 blocks at widths 16 / 32 / 64, fc 64 -> C. */
export function resnet32Cifar(classes: number): number {
  const body = basicStages(16, 32, [16, 32, 64].map((width, i) => ({ width, blocks: 5, stride: i === 0 ? 1 : 2 })));
  return conv(3, 16, 3, 32) + body.macs + 64 * classes;
}

/** CIFAR WRN-16-4 (Zagoruyko & Komodakis 2016): 3x3 stem 3 -> 16, stages of 2 blocks at widths 64 / 128 / 256, fc 256 -> C. */
export function wrn16x4Cifar(classes: number): number {
  const body = basicStages(16, 32, [64, 128, 256].map((width, i) => ({ width, blocks: 2, stride: i === 0 ? 1 : 2 })));
  return conv(3, 16, 3, 32) + body.macs + 256 * classes;
}

/** LeNet-5 on 32x32x3 (net:cal's: 5x5 convolutions 3 -> 6 -> 16 without padding, 2x2 pools, fc 400 -> 120 -> 84 -> C). */
export const lenet5Cifar = (classes: number) => conv(3, 6, 5, 28) + conv(6, 16, 5, 10) + 400 * 120 + 120 * 84 + 84 * classes;

/**
 * CIFAR DenseNet-BC-100, growth 12 (Huang et al. 2017): a 3x3 stem 3 -> 24, 3 dense blocks of 16
 * bottleneck layers (1x1 to 48 channels, 3x3 to 12) at 32 / 16 / 8 pixels, transitions halving the
 * channels with a 1x1 convolution before a 2x2 average pool, fc -> C.
 */
export function densenetBc100Cifar(classes: number): number {
  const k = 12;
  let macs = conv(3, 2 * k, 3, 32), c = 2 * k;
  [32, 16, 8].forEach((side, block) => {
    for (let layer = 0; layer < 16; layer++) {
      macs += conv(c, 4 * k, 1, side) + conv(4 * k, k, 3, side);
      c += k;
    }
    if (block < 2) {
      macs += conv(c, c / 2, 1, side);
      c /= 2;
    }
  });
  return macs + c * classes;
}
