"""Malformed user catalogs: every field checked, every error one line naming file, model and
field, exit code 2, never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.cli import main
from app.core.errors import CatalogError
from app.core.models.catalog import Catalog

DIGEST = "ab" * 32
NEW = {"id": "mine", "arch": "efficientnet_b0", "weights_url": "http://h/w.pth", "sha256": DIGEST}


def _with(**fields: object) -> dict[str, object]:
    return {**NEW, **fields}


@pytest.mark.parametrize(
    ("entry", "field", "message"),
    [
        (_with(aliases=[1]), "aliases", "expected a list of names"),
        (_with(sha256=None), "sha256", "expected str, got null"),
        (_with(crop=None), "crop", "expected int, got null"),
        (_with(resize=None), "resize", "expected int, got null"),
        (_with(crop=100_000), "crop", "at most 2048"),
        (_with(weights_url="http://[::1/w.pth"), "weights_url", "not a valid URL"),
        (_with(weights_url="http://h:99999/w.pth"), "weights_url", "not a valid URL"),
        (_with(weights_url="package:os/w.pth"), "weights_url", "built-in catalog only"),
        (_with(weights_url="http://h/a b.pth"), "weights_url", "not a URL"),
        (_with(file_name="w\u0000.pth"), "file_name", "not a usable"),
        (_with(file_name="w" * 255), "file_name", "1 to 120 characters"),
        (_with(file_name="onnx"), "file_name", "the cache uses that name"),
        (_with(file_name="b0.pth.part"), "file_name", "the cache uses that name"),
        (_with(file_name="a:b?.pth"), "file_name", "no control characters"),
        (_with(top1=250), "top1", "between 0 and 100"),
        (_with(gflops=-1), "gflops", "between 0"),
        (_with(params=0), "params", "positive whole number"),
        (_with(name=""), "name", "1 to 200 characters"),
        ({"id": "b0", "sha256": None}, "sha256", "got null"),
    ],
)  # fmt: skip
def test_each_field_is_checked(tmp_path: Path, capsys, entry, field: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"models": [entry]}), encoding="utf-8")
    with pytest.raises(CatalogError, match=message) as raised:
        Catalog.load(path)
    text = str(raised.value)
    assert str(path) in text and f"model '{entry['id']}'" in text and f"'{field}'" in text
    assert main(["--catalog", str(path), "models"]) == 2
    stderr = capsys.readouterr().err
    assert stderr.count("\n") == 1 and stderr.startswith("effnet: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"models": [{"id": "b0", "mean": [NaN, 0.5, 0.5]}]}', "NaN is not a number"),
        ('{"models": [{"id": "b0", "top1": Infinity}]}', "Infinity is not a number"),
        ('{"models": [{"id": "b0", "mean": [0.5, 0.5, 1e400]}]}', "'mean': expected three"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_malformed_documents(tmp_path: Path, capsys, text: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(CatalogError, match=message):
        Catalog.load(path)
    assert main(["--catalog", str(path), "models"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs exist on POSIX systems only")
def test_fifos_as_catalog_or_labels_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "catalog.json"
    os.mkfifo(fifo)
    with pytest.raises(CatalogError, match="is a pipe"):
        Catalog.load(fifo)
    labels = tmp_path / "labels.txt"
    os.mkfifo(labels)
    path = tmp_path / "ok.json"
    path.write_text(json.dumps({"models": [_with(labels=str(labels))]}))
    with pytest.raises(CatalogError, match=r"'labels': .*is a pipe"):
        Catalog.load(path)


ODD_VALUES = [
    None, True, 0, -1, 10**30, 1.5, "", "x", "a" * 300, "\x00", [], [1], ["a"], {}, {"a": 1},
    "http://[::1", "http://h:99999/x", "package:os/x", "ftp://x", "onnx", "b0.pth.part", "../x",
]  # fmt: skip


def test_random_entries_load_or_are_refused_in_one_line(tmp_path: Path) -> None:
    import random

    rng = random.Random(5)
    fields = [*sorted(NEW), "name", "family", "aliases", "file_name", "size_bytes", "resize",
              "crop", "interpolation", "mean", "std", "labels", "params", "gflops", "top1",
              "top5", "licence", "colour"]  # fmt: skip
    path = tmp_path / "fuzzed.json"
    outcomes = {"loaded": 0, "refused": 0}
    for _ in range(1500):
        entry = dict(NEW) if rng.random() < 0.8 else {"id": rng.choice(["b0", "lite0", "mine"])}
        for _ in range(rng.randint(1, 3)):
            value = rng.choice(ODD_VALUES)
            entry[rng.choice(fields)] = value if rng.random() < 0.7 else [value, value]
        path.write_text(json.dumps({"models": [entry]}), encoding="utf-8")
        try:
            Catalog.load(path)
            outcomes["loaded"] += 1
        except CatalogError as error:
            assert "\n" not in str(error) and str(path) in str(error)
            outcomes["refused"] += 1
    assert outcomes["loaded"] > 0 and outcomes["refused"] > 0
