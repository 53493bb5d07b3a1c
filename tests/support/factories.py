"""Real weight files and user catalogs for tests."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import torch


def state_dict_bytes(seed: int = 0, size: int = 64 * 1024) -> bytes:
    """A real (small) torch state dict, serialised as ``torch.save`` writes it."""
    generator = torch.Generator().manual_seed(seed)
    buffer = io.BytesIO()
    torch.save({"weight": torch.randn(size // 4, generator=generator)}, buffer)
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_catalog(path: Path, models: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"models": models}), encoding="utf-8")
    return path
