"""EfficientNet-Lite, the mobile-friendly EfficientNet (torchvision has none).

Differences from EfficientNet-B*: no squeeze-and-excite, ReLU6 instead of SiLU, and the stem
and head are not scaled with the width. The weights were trained in TensorFlow, whose "SAME"
padding is asymmetric for strided convolutions; it is reproduced exactly here so the
published accuracy carries over. Module names follow the TensorFlow port's state dicts
(``_conv_stem``, ``_blocks.N._depthwise_conv`` …) so those files load as they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F  # noqa: N812 - the usual alias
from torch import nn

BN_EPS = 1e-3
STEM_CHANNELS = 32
HEAD_CHANNELS = 1280


@dataclass(frozen=True)
class StageConfig:
    repeats: int
    kernel: int
    stride: int
    expand: int
    in_channels: int
    out_channels: int


# The B0 stage layout (efficientnet_lite_builder.py), scaled per variant below.
BASE_STAGES = (
    StageConfig(1, 3, 1, 1, 32, 16),
    StageConfig(2, 3, 2, 6, 16, 24),
    StageConfig(2, 5, 2, 6, 24, 40),
    StageConfig(3, 3, 2, 6, 40, 80),
    StageConfig(3, 5, 1, 6, 80, 112),
    StageConfig(4, 5, 2, 6, 112, 192),
    StageConfig(1, 3, 1, 6, 192, 320),
)

# variant: (width multiplier, depth multiplier, input resolution, dropout)
LITE_VARIANTS: dict[str, tuple[float, float, int, float]] = {
    "efficientnet_lite0": (1.0, 1.0, 224, 0.2),
    "efficientnet_lite1": (1.0, 1.1, 240, 0.2),
    "efficientnet_lite2": (1.1, 1.2, 260, 0.3),
    "efficientnet_lite3": (1.2, 1.4, 280, 0.3),
    "efficientnet_lite4": (1.4, 1.8, 300, 0.3),
}


def round_filters(channels: int, width: float, divisor: int = 8) -> int:
    """Scale a channel count and round it to a multiple of ``divisor`` (never down by >10 %)."""
    scaled = channels * width
    rounded = max(divisor, int(scaled + divisor / 2) // divisor * divisor)
    if rounded < 0.9 * scaled:
        rounded += divisor
    return rounded


class Conv2dSame(nn.Conv2d):
    """A Conv2d with TensorFlow's "SAME" padding: extra padding goes right and bottom."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pad_h = self._same_padding(x.shape[-2], 0)
        pad_w = self._same_padding(x.shape[-1], 1)
        if pad_h or pad_w:
            x = F.pad(x, [pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2])
        return F.conv2d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)

    def _same_padding(self, size: int, axis: int) -> int:
        stride, kernel = self.stride[axis], self.kernel_size[axis]
        out = math.ceil(size / stride)
        return max((out - 1) * stride + kernel - size, 0)


def _conv_bn(in_ch: int, out_ch: int, kernel: int = 1, stride: int = 1, groups: int = 1):
    conv = Conv2dSame(in_ch, out_ch, kernel, stride=stride, groups=groups, bias=False)
    return conv, nn.BatchNorm2d(out_ch, eps=BN_EPS)


class MBConvLite(nn.Module):
    """Inverted residual block: expand 1×1, depthwise k×k, project 1×1, ReLU6, no SE."""

    def __init__(self, in_ch: int, out_ch: int, kernel: int, stride: int, expand: int) -> None:
        super().__init__()
        hidden = in_ch * expand
        self.has_expansion = expand != 1
        if self.has_expansion:
            self._expand_conv, self._bn0 = _conv_bn(in_ch, hidden)
        self._depthwise_conv, self._bn1 = _conv_bn(hidden, hidden, kernel, stride, groups=hidden)
        self._project_conv, self._bn2 = _conv_bn(hidden, out_ch)
        self.use_residual = stride == 1 and in_ch == out_ch
        self.act = nn.ReLU6(inplace=True)

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        x = inputs
        if self.has_expansion:
            x = self.act(self._bn0(self._expand_conv(x)))
        x = self.act(self._bn1(self._depthwise_conv(x)))
        x = self._bn2(self._project_conv(x))
        return x + inputs if self.use_residual else x


class EfficientNetLite(nn.Module):
    def __init__(self, width: float, depth: float, dropout: float, num_classes: int = 1000) -> None:
        super().__init__()
        self._conv_stem, self._bn0 = _conv_bn(3, STEM_CHANNELS, 3, stride=2)
        blocks: list[nn.Module] = []
        last = len(BASE_STAGES) - 1
        for index, stage in enumerate(BASE_STAGES):
            fixed = index in (0, last)  # the first and last stages keep their depth
            repeats = stage.repeats if fixed else math.ceil(depth * stage.repeats)
            in_ch = STEM_CHANNELS if index == 0 else round_filters(stage.in_channels, width)
            out_ch = round_filters(stage.out_channels, width)
            for repeat in range(repeats):
                stride = stage.stride if repeat == 0 else 1
                blocks.append(MBConvLite(in_ch, out_ch, stage.kernel, stride, stage.expand))
                in_ch = out_ch
        self._blocks = nn.ModuleList(blocks)
        self._conv_head, self._bn1 = _conv_bn(in_ch, HEAD_CHANNELS)
        self.act = nn.ReLU6(inplace=True)
        self._dropout = nn.Dropout(dropout)
        self._fc = nn.Linear(HEAD_CHANNELS, num_classes)

    def feature_map(self, x: torch.Tensor) -> torch.Tensor:
        """The final feature map, before pooling."""
        x = self.act(self._bn0(self._conv_stem(x)))
        for block in self._blocks:
            x = block(x)
        return self.act(self._bn1(self._conv_head(x)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(F.adaptive_avg_pool2d(self.feature_map(x), 1), 1)
        return self._fc(self._dropout(x))


def efficientnet_lite(arch: str, num_classes: int = 1000) -> EfficientNetLite:
    """Build an untrained EfficientNet-Lite0…4 by its architecture name."""
    width, depth, _resolution, dropout = LITE_VARIANTS[arch]
    return EfficientNetLite(width, depth, dropout, num_classes)
