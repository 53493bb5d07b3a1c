"""The model catalog: built-in entries from torchvision's metadata, user catalogs, mirror."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from app.core.architectures.torchvision_catalog import (
    imagenet_categories,
    lite0_entry,
    torchvision_entries,
    with_official_digests,
)
from app.core.errors import CatalogError, UnknownModelError
from app.core.models.catalog import BUILTIN_FILE, IMAGENET_LABELS_FILE, Catalog
from tests.support.factories import write_catalog

EXPECTED_IDS = ["lite0", *(f"b{n}" for n in range(8)), "v2-s", "v2-m", "v2-l"]
DIGEST = "ab" * 32


def test_builtin_catalog_has_all_twelve_models() -> None:
    assert Catalog.load().ids() == EXPECTED_IDS


def test_builtin_data_equals_torchvision_metadata() -> None:
    committed = json.loads(BUILTIN_FILE.read_text())["models"]
    assert committed == with_official_digests([lite0_entry(), *torchvision_entries()])
    assert IMAGENET_LABELS_FILE.read_text().splitlines() == imagenet_categories()


@pytest.mark.parametrize("model_id", EXPECTED_IDS)
def test_parameter_counts_match_freshly_built_models(model_id: str) -> None:
    from app.core.architectures.torch_models import build_model

    spec = Catalog.load().get(model_id)
    with torch.device("meta"):
        model = build_model(spec.arch, spec.num_classes)
    assert sum(p.numel() for p in model.parameters()) == spec.params


def test_aliases_resolve_to_the_same_entry() -> None:
    catalog = Catalog.load()
    assert catalog.get("efficientnet_b3") is catalog.get("B3")
    with pytest.raises(UnknownModelError, match="unknown model 'b9'.*lite0, b0"):
        catalog.get("b9")


def test_preprocessing_follows_each_models_training() -> None:
    catalog = Catalog.load()
    b0, b7, lite0 = catalog.get("b0"), catalog.get("b7"), catalog.get("lite0")
    assert (b0.preprocessing.resize, b0.preprocessing.crop) == (256, 224)
    assert (b7.preprocessing.resize, b7.preprocessing.crop) == (600, 600)
    assert lite0.preprocessing.interpolation == "bicubic"
    assert lite0.preprocessing.mean == pytest.approx((127 / 255,) * 3)


def test_mirror_replaces_location_but_keeps_file_name() -> None:
    catalog = Catalog.load(environ={"EFFNET_WEIGHTS_URL": "https://mirror.example/models"})
    assert catalog.get("b0").weights.url == (
        "https://mirror.example/models/efficientnet_b0_rwightman-7f5810bc.pth"
    )
    assert catalog.get("lite0").weights.is_packaged  # nothing to mirror


def test_user_catalog_overrides_only_given_fields(tmp_path: Path) -> None:
    path = write_catalog(
        tmp_path / "c.json",
        [{"id": "b0", "weights_url": "http://127.0.0.1:8000/b0.pth", "sha256": DIGEST}],
    )
    b0 = Catalog.load(path).get("b0")
    assert b0.weights.url == "http://127.0.0.1:8000/b0.pth"
    assert b0.weights.file_name == "b0.pth" and b0.weights.sha256 == DIGEST
    assert b0.params == 5288548 and b0.preprocessing.resize == 256  # kept


def test_user_catalog_adds_a_model_with_its_labels(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "birds.txt").write_text("robin\nwren\n\nsparrow\n")
    path = write_catalog(
        tmp_path / "c.json",
        [{"id": "birds", "arch": "efficientnet_b3", "name": "My birds", "labels": "birds.txt",
          "weights_url": "file:///data/birds.pth", "sha256": DIGEST, "crop": 300}],
    )  # fmt: skip
    monkeypatch.setenv("EFFNET_CATALOG", str(path))
    birds = Catalog.load().get("birds")
    assert birds.labels == ("robin", "wren", "sparrow") and birds.num_classes == 3
    assert birds.family == "Your catalog" and not birds.builtin
    assert birds.preprocessing.crop == birds.preprocessing.resize == 300
    assert birds.params is None  # not ImageNet figures


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "x", "weights_url": "http://h/x.pth", "sha256": DIGEST}, "'arch': required"),
        ({"id": "x", "arch": "resnet50", "weights_url": "http://h/x.pth", "sha256": DIGEST},
         "'arch': unknown architecture 'resnet50'"),
        ({"id": "b0", "sha256": "xyz"}, "'sha256': expected the hex digest"),
        ({"id": "b0", "weights_url": "ftp://h/x.pth"}, "'weights_url': scheme"),
        ({"id": "b0", "crop": "big"}, "'crop': expected int"),
        ({"id": "b0", "mean": [0.5, 0.5]}, "'mean': expected three numbers"),
        ({"id": "b0", "interpolation": "lanczos"}, "'interpolation'"),
        ({"id": "b0", "colour": 1}, "'colour': unknown field"),
        ({"id": "b0", "labels": "missing.txt"}, "'labels': cannot read"),
        ({"name": "no id"}, "needs an 'id'"),
    ],
)  # fmt: skip
def test_malformed_entries_name_file_and_field(tmp_path: Path, entry, message) -> None:
    path = write_catalog(tmp_path / "bad.json", [entry])
    with pytest.raises(CatalogError, match=message) as raised:
        Catalog.load(path)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [("{not json", "not valid JSON"), ('{"models": 3}', "expected"), ("[]", "expected")],
)
def test_malformed_catalog_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(CatalogError, match=message):
        Catalog.load(path)
    with pytest.raises(CatalogError, match="not found"):
        Catalog.load(tmp_path / "absent.json")
