"""Exports Lite0 to ONNX for the bundle (checked against PyTorch on a real photo), so the
installed app answers with ONNX Runtime from its very first photo."""

from __future__ import annotations

import sys
from pathlib import Path

import sklearn.datasets

from app.core.catalog import Catalog
from app.core.images import open_image
from app.core.onnx_export import OnnxStore
from app.core.preprocess import preprocess
from app.core.weights import WeightsStore


def main(build_dir: Path) -> None:
    spec = Catalog.load().get("lite0")
    photo = Path(sklearn.datasets.__file__).parent / "images" / "china.jpg"
    sample = preprocess(open_image(photo), spec.preprocessing)[None]
    weights = WeightsStore(build_dir).ensure(spec)
    print(OnnxStore(build_dir).export(spec, weights, sample))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build"))
