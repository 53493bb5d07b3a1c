"""Build an architecture and load verified weights into it, without wasted work."""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from app.core.checkpoint import describe_mismatch, read_state_dict
from app.core.errors import ModelLoadError

PRECISIONS = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


def build_model(arch: str, num_classes: int = 1000) -> nn.Module:
    """An untrained model of a catalog architecture (on the current default device)."""
    if arch.startswith("efficientnet_lite"):
        from app.core.lite import efficientnet_lite

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
    # The app's own reader: plain data only, nothing in the file ever runs.
    state = {key: torch.from_numpy(value) for key, value in read_state_dict(weights).items()}
    try:
        model.load_state_dict(state, strict=True, assign=True)
    except RuntimeError as error:
        summary = str(error).splitlines()[0] if str(error) else "shapes differ"
        expected = {key: tuple(value.shape) for key, value in model.state_dict().items()}
        found = {key: tuple(value.shape) for key, value in state.items()}
        detail = describe_mismatch(expected, found) or summary
        raise ModelLoadError(f"{weights} does not fit {arch}: {detail}") from None
    model.eval()
    model.to(device=device, dtype=PRECISIONS[precision])
    return model.to(memory_format=torch.channels_last)


def parameter_bytes(model: nn.Module) -> int:
    tensors = [*model.parameters(), *model.buffers()]
    return sum(t.numel() * t.element_size() for t in tensors)
