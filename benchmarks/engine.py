"""The engine against plain torchvision: inference, model loading, photo preprocessing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import sklearn.datasets
import torch
from PIL import Image

from app.core.architectures.torch_models import build_model, load_model
from app.core.inference.classifier import Classifier
from app.core.models.catalog import Catalog
from app.core.photos.opening import DRAFT_FACTOR, open_image
from app.core.photos.preprocess import preprocess
from app.core.weights.store import WeightsStore
from benchmarks.harness import interleaved_medians, random_weights_catalog, report

PHOTO = Path(sklearn.datasets.__file__).parent / "images" / "china.jpg"


def bench_inference(catalog: Catalog, store: WeightsStore, rounds: int) -> None:
    classifier = Classifier(catalog, store)
    image = open_image(PHOTO)
    for model_id in ("b0", "b3"):
        spec = catalog.get(model_id)
        tensor = torch.from_numpy(preprocess(image, spec.preprocessing))[None]
        plain = build_model(spec.arch).eval()
        plain.load_state_dict(torch.load(store.ensure(spec), weights_only=True))

        def bare_forward(model=plain, batch=tensor) -> None:
            with torch.no_grad():
                model(batch).softmax(1)

        def app_classify(model_id=model_id) -> None:
            classifier.classify(image, model_id, "cpu")

        medians = interleaved_medians(
            {"bare torchvision forward (preprocessed)": bare_forward,
             "app classify (preprocess + infer + top-5)": app_classify},
            rounds,
        )  # fmt: skip
        report(
            f"{model_id}: warm classify vs bare forward",
            medians,
            "bare torchvision forward (preprocessed)",
        )


def bench_loading(catalog: Catalog, store: WeightsStore, rounds: int) -> None:
    for model_id in ("b0", "b7"):
        spec = catalog.get(model_id)
        path = store.ensure(spec)

        def plain_load(arch=spec.arch, path=path) -> None:
            model = build_model(arch)
            model.load_state_dict(torch.load(path, weights_only=True))
            model.eval()

        def app_load(arch=spec.arch, path=path) -> None:
            load_model(arch, 1000, path)

        medians = interleaved_medians(
            {
                "get_model() + load_state_dict": plain_load,
                "app load_model (meta, own reader)": app_load,
            },
            rounds,
        )
        report(
            f"{model_id}: ready-to-run from cached weights",
            medians,
            "get_model() + load_state_dict",
        )


def bench_preprocessing(folder: Path, rounds: int) -> None:
    from torchvision.models import EfficientNet_B0_Weights

    big = folder / "24mp.jpg"
    Image.open(PHOTO).resize((6000, 4000), Image.Resampling.BICUBIC).save(big, quality=90)
    spec = Catalog.load().get("b0").preprocessing
    transforms = EfficientNet_B0_Weights.DEFAULT.transforms()

    def naive() -> None:
        transforms(Image.open(big).convert("RGB"))

    def app_path() -> None:
        preprocess(open_image(big, min_short_side=DRAFT_FACTOR * spec.resize), spec)

    baseline = "PIL open/convert + torchvision transforms"
    contenders = {baseline: naive, "app open_image (draft) + preprocess": app_path}
    report("24 MP JPEG → B0 input", interleaved_medians(contenders, rounds), baseline)


def main(rounds: int = 10) -> None:
    torch.set_num_threads(torch.get_num_threads())
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        catalog = Catalog.load(random_weights_catalog(folder, ["b0", "b3", "b7"]))
        store = WeightsStore(folder / "cache")
        print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; medians of {rounds}")
        bench_inference(catalog, store, rounds)
        bench_loading(catalog, store, max(3, rounds // 2))
        bench_preprocessing(folder, rounds)
