"""Build an architecture and load verified weights into it, without wasted work."""

from __future__ import annotations

import zipfile
from pathlib import Path

import torch
from torch import nn

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
    to it as they are (memory-mapped when the file format allows), so no random
    initialisation is computed only to be overwritten.
    """
    with torch.device("meta"):
        model = build_model(arch, num_classes)
    state = torch.load(
        weights, map_location="cpu", weights_only=True, mmap=zipfile.is_zipfile(weights)
    )
    if isinstance(state, dict) and "state_dict" in state:
        state = state["state_dict"]
    if not isinstance(state, dict):
        raise ModelLoadError(f"{weights.name} does not hold a state dict")
    try:
        model.load_state_dict(state, strict=True, assign=True)
    except RuntimeError as error:
        summary = str(error).splitlines()[0] if str(error) else "shapes differ"
        detail = _mismatch_summary(model, state) or summary
        raise ModelLoadError(f"{weights.name} does not fit {arch}: {detail}") from None
    model.eval()
    model.to(device=device, dtype=PRECISIONS[precision])
    return model.to(memory_format=torch.channels_last)


def _mismatch_summary(model: nn.Module, state: dict) -> str:
    expected = model.state_dict()
    missing = [k for k in expected if k not in state]
    unexpected = [k for k in state if k not in expected]
    wrong = [
        k for k in expected if k in state and tuple(state[k].shape) != tuple(expected[k].shape)
    ]
    parts = []
    for label, keys in (("missing", missing), ("unexpected", unexpected), ("wrong shape", wrong)):
        if keys:
            more = f" and {len(keys) - 2} more" if len(keys) > 2 else ""
            parts.append(f"{label} {', '.join(keys[:2])}{more}")
    return "; ".join(parts)


def parameter_bytes(model: nn.Module) -> int:
    tensors = [*model.parameters(), *model.buffers()]
    return sum(t.numel() * t.element_size() for t in tensors)
