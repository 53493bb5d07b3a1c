"""A label set file from someone else is checked field by field before anything uses it:
every fault is one LabelSetError naming the file, and nothing else is raised."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.core.models.catalog import Catalog, builtin_specs
from app.core.models.label_sets import (
    LabelSet,
    LabelSetError,
    TrainingSummary,
    install,
    installed,
    read_label_set,
)

CATALOG = Catalog(builtin_specs())
LITE0 = CATALOG.get("lite0")
FEATURES = 1280  # Lite0's pooled features


def label_set(labels: tuple[str, ...] = ("cat", "dog")) -> LabelSet:
    generator = np.random.default_rng(0)
    summary = TrainingSummary((5,) * len(labels), 0.9, (0.9,) * len(labels), 5, False, 1.0)
    return LabelSet(
        labels, "lite0", LITE0.weights.sha256,
        generator.normal(size=(len(labels), FEATURES)).astype(np.float32),
        generator.normal(size=len(labels)).astype(np.float32), 1.5, summary, "1.0",
    )  # fmt: skip


def document() -> dict[str, Any]:
    return json.loads(label_set().to_bytes())


def write(folder: Path, content: dict[str, Any] | bytes, name: str = "pets.effnet") -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return path


def floats(values: list[float]) -> str:
    return base64.b64encode(np.array(values, dtype="<f4").tobytes()).decode()


def test_a_label_set_round_trips_and_answers_as_its_model(tmp_path: Path) -> None:
    original = label_set(("receipt", "whiteboard", "other"))
    path = write(tmp_path, original.to_bytes())
    spec = CATALOG.get(str(path))
    assert spec.id == "pets.effnet" and spec.labels == ("receipt", "whiteboard", "other")
    assert spec.head is not None and spec.head.backbone.id == "lite0"
    assert np.array_equal(spec.head.weights, original.weights)
    assert spec.head.temperature == 1.5 and spec.arch == LITE0.arch
    assert spec.name == "My labels: receipt · whiteboard · other — from EfficientNet-Lite0"
    assert CATALOG.get("pets.effnet") is spec  # found again by its id


def _mutations() -> list[tuple[str, Any]]:
    def edit(change: Any) -> dict[str, Any]:
        changed = document()
        change(changed)
        return changed

    return [
        ("not JSON", b"\x89PNG\r\n"),
        ("not UTF-8", b'{"format": "\xff"}'),
        ("another format", edit(lambda d: d.update(format="effnet-catalog"))),
        ("a newer version", edit(lambda d: d.update(version=2))),
        ("a list", b"[1, 2]"),
        ("nested deeply", b"[" * 100_000 + b"]" * 100_000),
        ("NaN", document_text().replace('"temperature": 1.5', '"temperature": NaN').encode()),
        ("no labels", edit(lambda d: d.pop("labels"))),
        ("one label", edit(lambda d: d.update(labels=["cat"]))),
        ("a label with a slash", edit(lambda d: d.update(labels=["cat", "../dog"]))),
        ("a label '..'", edit(lambda d: d.update(labels=["cat", ".."]))),
        ("a label with a control character", edit(lambda d: d.update(labels=["cat", "d\x07g"]))),
        ("a label with a NUL", edit(lambda d: d.update(labels=["cat", "d\x00g"]))),
        ("an empty label", edit(lambda d: d.update(labels=["cat", ""]))),
        ("a label of 65 characters", edit(lambda d: d.update(labels=["cat", "d" * 65]))),
        ("a label that is a number", edit(lambda d: d.update(labels=["cat", 7]))),
        ("two labels alike", edit(lambda d: d.update(labels=["Cat", "cAT"]))),
        ("an unknown model", edit(lambda d: d["model"].update(id="b99"))),
        ("other weights", edit(lambda d: d["model"].update(weights_sha256="ab" * 32))),
        ("a digest that is not hex", edit(lambda d: d["model"].update(weights_sha256="z" * 64))),
        ("weights too short", edit(lambda d: d["head"].update(weights=floats([1.0] * 10)))),
        ("weights not base64", edit(lambda d: d["head"].update(weights="%%%"))),
        ("a bias too long", edit(lambda d: d["head"].update(bias=floats([0.0] * 3)))),
        (
            "an infinite weight",
            edit(
                lambda d: d["head"].update(
                    weights=floats([float("inf")] + [0.0] * (2 * FEATURES - 1))
                )
            ),
        ),
        (
            "a huge weight",
            edit(lambda d: d["head"].update(weights=floats([1e30] + [0.0] * (2 * FEATURES - 1)))),
        ),
        ("features as text", edit(lambda d: d["head"].update(features="1280"))),
        ("features a bool", edit(lambda d: d["head"].update(features=True))),
        ("a zero temperature", edit(lambda d: d["head"].update(temperature=0))),
        ("a negative temperature", edit(lambda d: d["head"].update(temperature=-1.0))),
        ("a summary for 3 labels", edit(lambda d: d["training"].update(photos=[5, 5, 5]))),
        ("an accuracy of 2", edit(lambda d: d["training"].update(accuracy=2.0))),
        ("a negative count", edit(lambda d: d["training"].update(photos=[5, -1]))),
        ("no app version", edit(lambda d: d.pop("app_version"))),
    ]


def document_text() -> str:
    return json.dumps(document())


@pytest.mark.parametrize(("fault", "content"), _mutations(), ids=[m[0] for m in _mutations()])
def test_a_hostile_file_is_one_line_naming_it(tmp_path: Path, fault: str, content: Any) -> None:
    path = write(tmp_path, content)
    with pytest.raises(LabelSetError) as refused:
        CATALOG.get(str(path))
    message = str(refused.value)
    assert message.startswith(f"{path}: cannot use this label set: ") and "\n" not in message


def test_a_head_for_another_model_is_refused_when_it_runs(tmp_path: Path) -> None:
    """1,280 features is Lite0's; the same numbers on a wider head cannot score them."""
    from app.core.errors import ModelLoadError
    from app.core.inference.classifier import open_classifier
    from tests.support.photos import CHINA

    narrow = document()
    narrow["head"].update(features=8, weights=floats([0.5] * 16))
    path = write(tmp_path, narrow)
    classifier = open_classifier(CATALOG, tmp_path / "cache")
    with pytest.raises(ModelLoadError, match="expects 8 features; EfficientNet-Lite0 gives 1280"):
        classifier.classify(CHINA, str(path), "cpu")


def test_special_and_huge_files_are_refused_without_reading_them(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.effnet"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.effnet"
    with huge.open("wb") as stream:
        stream.truncate(65 * 1024**2)  # sparse: nothing is written
    folder = tmp_path / "folder.effnet"
    folder.mkdir()
    for path in (fifo, huge, folder, tmp_path / "missing.effnet"):
        with pytest.raises(LabelSetError, match="cannot use this label set"):
            read_label_set(path)


def test_kept_label_sets_are_found_by_name_and_a_broken_one_is_said(tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    spec = install(write(tmp_path, label_set().to_bytes(), "My Pets.effnet"), CATALOG, kept)
    assert spec.id == "my-pets.effnet" and (kept / "my-pets.effnet").is_file()
    (kept / "broken.effnet").write_text("{}", encoding="utf-8")
    said: list[str] = []
    catalog = installed(CATALOG, kept, said.append)
    assert catalog.get("my-pets.effnet").labels == ("cat", "dog")
    assert "broken.effnet" not in catalog and len(said) == 1 and "broken.effnet" in said[0]
    with pytest.raises(LabelSetError):  # a broken file is never installed
        install(kept / "broken.effnet", CATALOG, tmp_path / "other")
    assert not (tmp_path / "other").exists()
