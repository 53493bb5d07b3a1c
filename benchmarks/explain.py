"""What "Where did it look?" costs: classify with and without the class activation map,
on the CPU engine (ONNX Runtime), side by side, for B0 and B3.

The explained run asks the graph for two more outputs (the final feature map and the
classifier's weights) and draws the top class's heatmap over the photo.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import sklearn.datasets

from app.core.inference.classifier import open_classifier
from app.core.inference.explain import heatmap
from app.core.models.catalog import Catalog
from app.core.photos.opening import open_image
from benchmarks.harness import interleaved_medians, random_weights_catalog, report

PHOTO = Path(sklearn.datasets.__file__).parent / "images" / "china.jpg"


def main(rounds: int = 30) -> None:
    with tempfile.TemporaryDirectory() as folder:
        catalog = Catalog.load(random_weights_catalog(Path(folder), ["b0", "b3"]))
        classifier = open_classifier(catalog, Path(folder) / "cache")
        image = open_image(PHOTO)
        for model_id in ("b0", "b3"):
            classifier.classify(image, model_id, "cpu", engine="onnx")  # load and optimise

            def classify(model_id: str = model_id) -> None:
                classifier.classify(image, model_id, "cpu", engine="onnx")

            def explain(model_id: str = model_id) -> None:
                answer = classifier.classify(image, model_id, "cpu", engine="onnx", explain=True)
                assert answer.activations is not None
                heatmap(answer.activations, answer.top[0].index)

            medians = interleaved_medians(
                {"classify": classify, "classify + heatmap of the top class": explain}, rounds
            )
            report(
                f"{model_id} on the CPU: what explaining adds (target ≤ 1.10)", medians, "classify"
            )


if __name__ == "__main__":
    main()
