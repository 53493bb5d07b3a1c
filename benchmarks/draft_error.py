"""What reduced-size JPEG decoding (batches only) costs in answers: Lite0's top-5
probabilities on 12-16 MP photos, decoded in full vs in draft mode at several factors."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

from app.core.architectures.torch_models import load_model
from app.core.inference.runners import TorchRunner
from app.core.models.catalog import Catalog
from app.core.photos.opening import DRAFT_FACTOR, DRAFT_TOLERANCE, open_image
from app.core.photos.preprocess import preprocess
from app.core.weights.store import WeightsStore
from benchmarks.engine import PHOTO

SIZES = ((4000, 3000), (3000, 4000), (4032, 3024), (4624, 3468))


def _photos(folder: Path) -> list[Path]:
    """Large JPEGs from the real sample photos: whole, and two off-centre crops of each."""
    photos = []
    for index, source in enumerate((PHOTO, PHOTO.with_name("flower.jpg"))):
        image = Image.open(source).convert("RGB")
        w, h = image.size
        for size in SIZES:
            for crop in (None, (0, 0, w * 3 // 4, h * 3 // 4), (w // 4, h // 4, w, h)):
                path = folder / f"{index}-{size[0]}x{size[1]}-{len(photos)}.jpg"
                part = image.crop(crop) if crop else image
                part.resize(size, Image.Resampling.BICUBIC).save(path, quality=92)
                photos.append(path)
    return photos


def main() -> None:
    spec = Catalog.load().get("lite0")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        weights = WeightsStore(folder / "cache").ensure(spec)
        runner = TorchRunner(load_model(spec.arch, spec.num_classes, weights), "cpu", "fp32")
        photos = _photos(folder)
        print(f"\nDraft JPEG decoding vs full decode, Lite0, {len(photos)} photos of 12-16 MP")
        for factor in (2, 3, 4):
            worst, changed = 0.0, 0
            for photo in photos:
                full = preprocess(open_image(photo), spec.preprocessing)[None]
                least = factor * spec.preprocessing.resize
                draft = preprocess(open_image(photo, min_short_side=least), spec.preprocessing)
                exact = runner.probabilities(full)[0]
                reduced = runner.probabilities(draft[None])[0]
                top = np.argsort(-exact)[:5]
                worst = max(worst, float(np.abs(exact[top] - reduced[top]).max()))
                changed += int(exact.argmax() != reduced.argmax())
            chosen = " (used)" if factor == DRAFT_FACTOR else ""
            print(
                f"  short side ≥ {factor}× resize{chosen}: largest top-5 change {worst:.4f} "
                f"(bound {DRAFT_TOLERANCE}), top-1 changed on {changed}"
            )


if __name__ == "__main__":
    main()
