"""Side-by-side timing: alternate the contenders so machine noise hits both alike."""

from __future__ import annotations

import hashlib
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from app.core.models.catalog import Catalog


def interleaved_medians(
    contenders: dict[str, Callable[[], object]], rounds: int, warmup: int = 1
) -> dict[str, float]:
    """Median milliseconds of each contender, run in turns A, B, A, B, …"""
    for run in contenders.values():
        for _ in range(warmup):
            run()
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            started = time.perf_counter()
            run()
            samples[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def report(title: str, medians: dict[str, float], baseline: str) -> None:
    base = medians[baseline]
    print(f"\n{title}")
    for name, value in medians.items():
        print(f"  {name:<44} {value:9.1f} ms   ratio {value / base:5.2f}")


def random_weights_catalog(folder: Path, model_ids: list[str]) -> Path:
    """A user catalog whose models point at random weights saved in ``folder``: timing needs
    no training, and the files still go through the app's real cache and checks."""
    import torch

    from app.core.architectures.torch_models import build_model

    entries = []
    for model_id in model_ids:
        spec = Catalog.load().get(model_id)
        path = folder / f"{model_id}.pth"
        torch.save(build_model(spec.arch).state_dict(), path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        entries.append({"id": model_id, "weights_url": path.as_uri(), "sha256": digest})
    catalog_file = folder / "catalog.json"
    catalog_file.write_text(json.dumps({"models": entries}))
    return catalog_file
