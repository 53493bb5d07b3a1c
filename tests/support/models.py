"""Randomly initialised models whose outputs depend on the input (for end-to-end tests)."""

from __future__ import annotations

import io

import numpy as np
import torch

from app.core.architectures.torch_models import build_model
from app.core.models.catalog import Preprocessing
from app.core.photos.opening import open_image
from tests.support.photos import PHOTOS


def calibrated_state_dict(arch: str, seed: int = 0) -> bytes:
    """Weights of ``arch`` saved with ``torch.save``: random, yet input-sensitive.

    An untouched random EfficientNet outputs a near-uniform distribution (activations
    shrink towards zero). BatchNorm statistics averaged over real photos and noise keep the
    signal alive and well conditioned, and the classifier is scaled so logits are the size
    a trained model's are (a few units), so a preprocessing mistake changes the top-5 and
    absolute tolerances (like the ONNX export's 1e-4) mean what they do for real weights.
    """
    torch.manual_seed(seed)
    model = build_model(arch)
    photos = torch.from_numpy(np.stack([_pixels(photo) for photo in PHOTOS]))
    model.train()
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.momentum = None  # a plain average over the calibration passes
    with torch.no_grad():
        for _ in range(3):
            model(torch.cat([photos, torch.randn(6, 3, 224, 224)]))
        model.eval()
        head = [m for m in model.modules() if isinstance(m, torch.nn.Linear)][-1]
        head.weight.mul_(4.0 / float(model(photos).std()))
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getvalue()


def _pixels(photo) -> np.ndarray:  # type: ignore[no-untyped-def]
    from app.core.photos.preprocess import preprocess

    return preprocess(open_image(photo), Preprocessing(resize=256, crop=224))
