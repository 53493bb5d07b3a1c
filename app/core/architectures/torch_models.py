"""Build an architecture and load verified weights into it, without wasted work."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

import torch
from torch import nn

from app.core.weights.checkpoint import read_state_dict

PRECISIONS = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


def build_model(arch: str, num_classes: int = 1000) -> nn.Module:
    """An untrained model of a catalog architecture (on the current default device)."""
    if arch.startswith("efficientnet_lite"):
        from app.core.architectures.lite import efficientnet_lite

        return efficientnet_lite(arch, num_classes)
    from torchvision.models import get_model

    return get_model(arch, weights=None, num_classes=num_classes)


def load_model(
    arch: str, num_classes: int, weights: Path, device: str = "cpu", precision: str = "fp32"
) -> nn.Module:
    """The model in eval mode on ``device``, channels-last, with the weights from ``weights``.

    The skeleton is built on the ``meta`` device and the tensors of the file are assigned
    to it as they are, so no random initialisation is computed only to be overwritten.
    """
    with torch.device("meta"):
        model = build_model(arch, num_classes)
    template = {key: tuple(value.shape) for key, value in model.state_dict().items()}
    # The app's own reader: plain data only, nothing in the file ever runs, and exactly the
    # model's tensors with the model's shapes.
    state = read_state_dict(weights, template, arch)
    model.load_state_dict(
        {key: torch.from_numpy(value) for key, value in state.items()}, strict=True, assign=True
    )
    model.eval()
    model.to(device=device, dtype=PRECISIONS[precision])
    return model.to(memory_format=torch.channels_last)


def _feature_map(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    from app.core.architectures.lite import EfficientNetLite

    if isinstance(model, EfficientNetLite):
        return model.feature_map(x)
    return model.features(x)  # type: ignore[operator]


def final_linear(model: nn.Module) -> tuple[str, nn.Linear]:
    """The classifier's linear layer (after pooling and dropout) and its module path."""
    from app.core.architectures.lite import EfficientNetLite

    if isinstance(model, EfficientNetLite):
        return "_fc", model._fc
    classifier = model.classifier
    assert isinstance(classifier, nn.Sequential) and isinstance(classifier[-1], nn.Linear)
    return f"classifier.{len(classifier) - 1}", classifier[-1]


def logits_and_feature_map(model: nn.Module, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The logits with the final feature map they were pooled from: every model here ends in
    global average pooling and one linear layer, so the feature map and that layer's
    weights give each class's activation map (see :mod:`app.core.inference.explain`)."""
    features = _feature_map(model, x)
    pooled = torch.flatten(nn.functional.adaptive_avg_pool2d(features, 1), 1)
    return final_linear(model)[1](pooled), features


@contextlib.contextmanager
def returning_feature_map(model: nn.Module) -> Iterator[nn.Module]:
    """``model`` whose forward returns (logits, feature map), for export: the state_dict
    keys, and so the graph's initializer names, stay those of the model."""
    model.forward = functools.partial(logits_and_feature_map, model)
    try:
        yield model
    finally:
        del model.forward


def parameter_bytes(model: nn.Module) -> int:
    tensors = [*model.parameters(), *model.buffers()]
    return sum(t.numel() * t.element_size() for t in tensors)
