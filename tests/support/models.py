"""Randomly initialised models whose outputs depend on the input (for end-to-end tests)."""

from __future__ import annotations

import io

import torch

from app.core.models import build_model


def calibrated_state_dict(arch: str, seed: int = 0) -> bytes:
    """Weights of ``arch`` saved with ``torch.save``; BatchNorm statistics set on noise.

    An untouched random EfficientNet outputs a near-uniform distribution (activations
    shrink towards zero); a few forward passes in train mode give BatchNorm statistics that
    keep the signal alive, so different inputs get clearly different top-5 classes.
    """
    torch.manual_seed(seed)
    model = build_model(arch)
    model.train()
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.momentum = None  # a plain average over the calibration passes
    with torch.no_grad():
        for _ in range(3):
            model(torch.randn(8, 3, 224, 224))
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getvalue()
