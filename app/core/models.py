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
    state = _read_state(weights)
    if isinstance(state, dict) and "state_dict" in state:
        state = state["state_dict"]
    if not isinstance(state, dict) or not all(
        isinstance(value, torch.Tensor) for value in state.values()
    ):
        raise ModelLoadError(f"{weights} does not hold a state dict (tensors by name)")
    try:
        model.load_state_dict(state, strict=True, assign=True)
    except RuntimeError as error:
        summary = str(error).splitlines()[0] if str(error) else "shapes differ"
        detail = _mismatch_summary(model, state) or summary
        raise ModelLoadError(f"{weights} does not fit {arch}: {detail}") from None
    model.eval()
    model.to(device=device, dtype=PRECISIONS[precision])
    return model.to(memory_format=torch.channels_last)


def _read_state(weights: Path) -> object:
    """torch.load with only plain data allowed (no code from the file runs); any failure,
    whatever torch raises for it, is one line that names the file."""
    try:
        is_zip = zipfile.is_zipfile(weights)
        if is_zip and _is_torchscript(weights):  # torch.load would hand it to torch.jit.load
            raise ModelLoadError(f"{weights} is a TorchScript program, not a weights file")
        return torch.load(weights, map_location="cpu", weights_only=True, mmap=is_zip)
    except ModelLoadError:
        raise
    except OSError as error:
        raise ModelLoadError(f"cannot read {weights} ({error.strerror or error})") from None
    except Exception as error:  # UnpicklingError, RuntimeError, EOFError, …: not weights
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ModelLoadError(
            f"{weights} is not a weights file that can be loaded ({reason[:160]})"
        ) from None


def _is_torchscript(weights: Path) -> bool:
    try:
        with zipfile.ZipFile(weights) as archive:
            return any(name.endswith("/constants.pkl") for name in archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


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
