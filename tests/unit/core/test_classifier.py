"""The classifier end to end: download, load, preprocess, infer, LRU, cancel, errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from app.core.architectures.torch_models import build_model, load_model
from app.core.cancel import CancelToken
from app.core.errors import Cancelled, DeviceError, ModelLoadError, OutOfMemoryError
from app.core.inference.classifier import Classifier
from app.core.inference.predictions import top_classes
from app.core.models.catalog import Catalog
from app.core.photos.opening import open_image
from app.core.weights.store import WeightsStore
from tests.support.factories import sha256, write_catalog
from tests.support.photos import CHINA, FLOWER


@pytest.fixture
def catalog(server, b0_bytes: bytes, b0_file: Path, tmp_path: Path) -> Catalog:
    (server.root / "b0.pth").hardlink_to(b0_file)
    path = write_catalog(
        tmp_path / "catalog.json",
        [
            {"id": "b0", "weights_url": server.url("b0.pth"), "sha256": sha256(b0_bytes)},
            {"id": "wrong", "arch": "efficientnet_b3", "weights_url": server.url("b0.pth"),
             "sha256": sha256(b0_bytes)},
        ],
    )  # fmt: skip
    return Catalog.load(path)


@pytest.fixture
def classifier(catalog: Catalog, isolated_environment: Path) -> Classifier:
    return Classifier(catalog, WeightsStore(isolated_environment))


def reference_top5(state: bytes, photo: Path) -> list[int]:
    """What torchvision's own pipeline answers for the same weights and photo."""
    import io

    from torchvision.models import get_model_weights

    model = build_model("efficientnet_b0").eval()
    model.load_state_dict(torch.load(io.BytesIO(state), weights_only=True))
    transforms = get_model_weights("efficientnet_b0").DEFAULT.transforms()
    with torch.no_grad():
        logits = model(transforms(open_image(photo))[None])
    return logits.softmax(1).topk(5).indices[0].tolist()


def test_downloaded_model_answers_like_torchvisions_pipeline(classifier, b0_bytes) -> None:
    for photo in (CHINA, FLOWER):
        prediction = classifier.classify(photo, "b0", "cpu")
        assert [t.index for t in prediction.top] == reference_top5(b0_bytes, photo)
    china, flower = (classifier.classify(p, "b0", "cpu") for p in (CHINA, FLOWER))
    assert [t.index for t in china.top] != [t.index for t in flower.top]


def test_timings_and_the_lru(classifier) -> None:
    first = classifier.classify(CHINA, "b0", "cpu")
    assert first.timings.weights > 0 and first.timings.load > 0
    assert first.timings.preprocess > 0 and first.timings.inference > 0
    again = classifier.classify(CHINA, "b0", "cpu")
    assert again.timings.weights == again.timings.load == 0  # kept loaded
    assert again.top == first.top
    assert classifier.loaded_keys() == [("b0", "cpu", "fp32", "torch")]


def test_memory_cap_evicts_least_recently_used(catalog, isolated_environment) -> None:
    classifier = Classifier(catalog, WeightsStore(isolated_environment), memory_cap_bytes=1)
    classifier.classify(CHINA, "lite0", "cpu")
    classifier.classify(CHINA, "b0", "cpu")
    assert classifier.loaded_keys() == [("b0", "cpu", "fp32", "torch")]


def test_probabilities_are_a_softmax_over_all_classes(classifier) -> None:
    prediction = classifier.classify(CHINA, "lite0", "cpu", top_k=1000)
    assert sum(t.probability for t in prediction.top) == pytest.approx(1.0, abs=1e-4)
    assert [t.rank for t in prediction.top[:3]] == [1, 2, 3]


def test_top_classes_orders_best_first() -> None:
    top = top_classes(np.array([0.1, 0.6, 0.3]), ("a", "b", "c"), 2)
    assert [(t.label, t.rank) for t in top] == [("b", 1), ("c", 2)]


def test_cancel_between_stages(classifier) -> None:
    token = CancelToken()
    stages: list[str] = []

    def on_stage(name: str) -> None:
        stages.append(name)
        if name == "load":
            token.cancel()

    with pytest.raises(Cancelled):
        classifier.classify(CHINA, "b0", "cpu", token=token, stage=on_stage)
    assert stages == ["weights", "load"]
    assert classifier.loaded_keys() == []


def test_out_of_memory_becomes_advice_and_the_app_goes_on(classifier, monkeypatch) -> None:
    classifier.classify(CHINA, "lite0", "cpu", engine="torch")
    module = classifier.loader.loaded[("lite0", "cpu", "fp32", "torch")].module

    def exhausted(*args, **kwargs):
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(module, "forward", exhausted)
    with pytest.raises(OutOfMemoryError, match="ran out of memory.*smaller model"):
        classifier.classify(CHINA, "lite0", "cpu", engine="torch")
    assert classifier.loaded_keys() == []  # the failed model was let go
    assert classifier.classify(CHINA, "lite0", "cpu", engine="torch").top[0].label == "palace"


def test_unsupported_precision_and_device_are_clear(classifier) -> None:
    with pytest.raises(DeviceError, match="cpu cannot run fp16"):
        classifier.classify(CHINA, "lite0", "cpu", precision="fp16")
    with pytest.raises(DeviceError, match="no device 'tpu'"):
        classifier.classify(CHINA, "lite0", "tpu")


def test_weights_for_another_architecture_are_refused(classifier) -> None:
    with pytest.raises(ModelLoadError, match="does not fit efficientnet_b3"):
        classifier.classify(CHINA, "wrong", "cpu")


def test_loading_builds_no_throwaway_weights(catalog, isolated_environment) -> None:
    path = WeightsStore(isolated_environment).ensure(catalog.get("b0"))
    model = load_model("efficientnet_b0", 1000, path)
    assert all(p.device.type == "cpu" for p in model.parameters())
    assert not model.training
