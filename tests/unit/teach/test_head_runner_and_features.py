"""A label set runs as its model's pooled features scored by its head, explains with the
head's weights, and its features are kept by photo content."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from app.core.folders.prediction_cache import PredictionCache
from app.core.inference.classifier import open_classifier
from app.core.inference.explain import class_activation_map
from app.core.models.catalog import Catalog, builtin_specs
from app.core.photos.augment import VARIANTS
from tests.support.photos import CHINA, FLOWER
from tests.unit.teach.test_label_set_files import label_set, write


def test_a_label_set_scores_its_models_pooled_features(tmp_path: Path) -> None:
    catalog = Catalog(builtin_specs())
    taught = label_set(("palace", "flower", "other"))
    path = write(tmp_path, taught.to_bytes())
    classifier = open_classifier(catalog, tmp_path / "cache")
    features: dict[Path, np.ndarray] = {}
    classifier.features_many([CHINA], "lite0", "cpu", on_result=features.__setitem__)
    logits = (features[CHINA][0] @ taught.weights.T + taught.bias) / taught.temperature
    expected = np.exp(logits - logits.max())
    expected /= expected.sum()
    prediction = classifier.classify(CHINA, str(path), "cpu", top_k=3, explain=True)
    answered = {top.label: top.probability for top in prediction.top}
    assert np.allclose([answered[label] for label in taught.labels], expected, atol=1e-5)
    activations = prediction.activations
    assert activations is not None and np.array_equal(activations.classifier, taught.weights)
    best = prediction.top[0].index
    assert class_activation_map(activations, best).max() == 1.0


def test_views_change_the_photo_but_not_what_it_shows(tmp_path: Path) -> None:
    classifier = open_classifier(Catalog(builtin_specs()), tmp_path / "cache")
    found: dict[Path, np.ndarray] = {}
    classifier.features_many([CHINA, FLOWER], "lite0", "cpu", variants=list(VARIANTS.values()),
                             on_result=found.__setitem__)  # fmt: skip
    china, flower = found[CHINA], found[FLOWER]
    assert china.shape == (3, 1280)
    assert not np.allclose(china[0], china[1]) and not np.allclose(china[0], china[2])

    def similarity(a: np.ndarray, b: np.ndarray) -> float:
        return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))

    for view in (1, 2):  # each view is nearer its own photo than the other photo
        assert similarity(china[0], china[view]) > similarity(china[0], flower[view])


def test_features_are_kept_by_content_and_a_damaged_one_is_made_again(tmp_path: Path) -> None:
    spec = Catalog(builtin_specs()).get("lite0")
    cache = PredictionCache(tmp_path / "store.sqlite3")
    photo = tmp_path / "a.jpg"
    photo.write_bytes(CHINA.read_bytes())
    content, seen = cache.content_key(photo)
    vector = np.arange(1280, dtype=np.float32)
    assert cache.keep_features(content, seen, photo, spec, "mirrored", vector)
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(photo.read_bytes())
    assert np.array_equal(cache.features(cache.content_key(copy)[0], spec, "mirrored"), vector)
    assert cache.features(content, spec, "as taken") is None
    cache.close()
    with sqlite3.connect(tmp_path / "store.sqlite3") as db:
        db.execute("UPDATE features SET vector = ?", (b"\x00\x00\xc0\x7f" * 3 + b"\x01",))
    cache = PredictionCache(tmp_path / "store.sqlite3")
    assert cache.features(content, spec, "mirrored") is None  # 13 bytes: not float32s
    with sqlite3.connect(tmp_path / "store.sqlite3") as db:
        db.execute("UPDATE features SET vector = ?", (b"\x00\x00\xc0\x7f" * 4,))  # NaNs
    assert cache.features(content, spec, "mirrored") is None
    cache.close()


def test_an_exported_label_set_answers_as_the_app_does(tmp_path: Path, capsys) -> None:
    import json as json_module

    import onnxruntime

    from app.cli import main
    from app.core.photos.model_input import model_input

    taught = label_set(("palace", "flower", "other"))
    path = write(tmp_path, taught.to_bytes())
    assert main(["export", str(path), "--out", str(tmp_path / "pets.onnx")]) == 0
    assert "pets.effnet: written to" in capsys.readouterr().out
    session = onnxruntime.InferenceSession(str(tmp_path / "pets.onnx"))
    metadata = session.get_modelmeta().custom_metadata_map
    assert json_module.loads(metadata["labels"]) == ["palace", "flower", "other"]
    assert metadata["model"] == "lite0" and "centre_crop" in metadata["preprocessing"]
    spec = Catalog(builtin_specs()).get(str(path))
    pixels, _size = model_input(CHINA, spec.preprocessing, draft=False)
    exported = session.run(["probabilities"], {metadata["input"]: pixels[None]})[0][0]
    classifier = open_classifier(Catalog(builtin_specs()), tmp_path / "cache")
    prediction = classifier.classify(CHINA, str(path), "cpu", top_k=3)
    answered = {top.label: top.probability for top in prediction.top}
    assert np.allclose(exported, [answered[label] for label in spec.labels], atol=1e-5)
