"""A file that only shares a short digest, or a record someone else wrote into a cache, is
never taken for the catalog's file: short digests verify only downloads from the catalog's
own HTTPS address, and records count only when this user's app signed them."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import os
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from app.core.errors import DigestMismatchError
from app.core.inference.classifier import open_classifier
from app.core.inference.onnx_cache import OnnxCache
from app.core.models.catalog import Catalog, ModelSpec
from app.core.weights.records import DigestRecords, sha256_file
from app.core.weights.store import (
    OFFICIAL_ORIGIN,
    OTHER_ORIGIN,
    WeightsState,
    WeightsStore,
    origin_of_download,
)
from app.ui.widgets.pickers import plain_description
from tests.support.factories import sha256, write_catalog
from tests.support.photos import CHINA
from tests.support.users import another_user

PREFIX_DIGITS = 4  # a shorter prefix than the catalog's 8 digits, so a test finds a match


def _colliding(genuine: bytes, digits: int) -> bytes:
    """A file of the same size as ``genuine`` whose sha256 starts with the same digits."""
    prefix = hashlib.sha256(genuine).hexdigest()[:digits]
    body = bytearray(genuine)
    body[:4] = b"EVIL"
    for counter in itertools.count():
        body[-8:] = counter.to_bytes(8, "little")
        if hashlib.sha256(body).hexdigest().startswith(prefix):
            return bytes(body)
    raise AssertionError("unreachable")


@pytest.fixture
def genuine() -> bytes:
    return os.urandom(4096)


@pytest.fixture
def forged(genuine: bytes) -> bytes:
    return _colliding(genuine, PREFIX_DIGITS)


def _spec(genuine: bytes, digest: str) -> ModelSpec:
    spec = Catalog.load().get("b0")
    weights = dataclasses.replace(
        spec.weights, sha256=digest, size_bytes=len(genuine), file_name="b0.pth"
    )
    return dataclasses.replace(spec, weights=weights)


def test_the_forged_file_really_collides(genuine: bytes, forged: bytes) -> None:
    assert len(forged) == len(genuine) and forged != genuine
    assert sha256(forged)[:PREFIX_DIGITS] == sha256(genuine)[:PREFIX_DIGITS]


def test_an_imported_file_matching_only_a_short_digest_is_unverified_in_words(
    tmp_path: Path, isolated_environment: Path, genuine: bytes, forged: bytes
) -> None:
    spec = _spec(genuine, sha256(genuine)[:PREFIX_DIGITS])
    source = tmp_path / "from-a-friend.pth"
    source.write_bytes(forged)
    store = WeightsStore(isolated_environment)
    store.import_file(spec, source)
    status = store.status(spec)
    assert status.state is WeightsState.UNVERIFIED and status.ready
    assert "not verified" in plain_description(spec, status)
    # Using it again (a new check) does not make it verified either.
    store.ensure(spec)
    assert store.status(spec).state is WeightsState.UNVERIFIED


def test_a_full_digest_refuses_a_file_that_shares_its_prefix(
    tmp_path: Path, isolated_environment: Path, genuine: bytes, forged: bytes
) -> None:
    spec = _spec(genuine, sha256(genuine))
    source = tmp_path / "from-a-friend.pth"
    source.write_bytes(forged)
    with pytest.raises(DigestMismatchError):
        WeightsStore(isolated_environment).import_file(spec, source)
    source.write_bytes(genuine)
    WeightsStore(isolated_environment).import_file(spec, source)
    assert WeightsStore(isolated_environment).status(spec).state is WeightsState.VERIFIED


def test_only_the_catalogs_own_https_address_verifies_by_prefix(tmp_path: Path) -> None:
    builtin = Catalog.load().get("b0")
    assert builtin.weights.url.startswith("https://")
    assert origin_of_download(builtin) == OFFICIAL_ORIGIN
    mirrored = Catalog.load(environ={"EFFNET_WEIGHTS_URL": "https://mirror.example/w/"}).get("b0")
    assert origin_of_download(mirrored) == OTHER_ORIGIN
    entry = {"id": "mine", "arch": "efficientnet_b0", "weights_url": "http://127.0.0.1/x.pth",
             "sha256": "0123abcd"}  # fmt: skip
    plain_http = Catalog.load(write_catalog(tmp_path / "c.json", [entry])).get("mine")
    assert origin_of_download(plain_http) == OTHER_ORIGIN


def test_a_mirrored_download_matching_only_a_short_digest_is_unverified(
    tmp_path: Path, isolated_environment: Path, server, genuine: bytes, forged: bytes
) -> None:
    (server.root / "b0.pth").write_bytes(forged)
    spec = _spec(genuine, sha256(genuine)[:PREFIX_DIGITS])
    spec = dataclasses.replace(
        spec, weights=dataclasses.replace(spec.weights, url=server.url("b0.pth"), mirrored=True)
    )
    store = WeightsStore(isolated_environment)
    store.ensure(spec)
    assert store.status(spec).state is WeightsState.UNVERIFIED


def test_a_record_from_a_shared_cache_cannot_vouch_for_a_file(
    tmp_path: Path, isolated_environment: Path, genuine: bytes, forged: bytes
) -> None:
    spec = _spec(genuine, sha256(genuine)[:PREFIX_DIGITS])
    planted = isolated_environment / "b0.pth"
    planted.parent.mkdir(parents=True)
    planted.write_bytes(forged)
    records = DigestRecords(isolated_environment / ".checks")
    with another_user(tmp_path):  # records as the one who shared the cache wrote them
        records.write(planted, sha256(forged), origin=OFFICIAL_ORIGIN)
    store = WeightsStore(isolated_environment)
    assert store.status(spec).state is WeightsState.CACHED  # the record is ignored
    store.ensure(spec)
    assert store.status(spec).state is WeightsState.UNVERIFIED
    # An unsigned record, hand-written, fares no better.
    record = json.loads(records.path(planted).read_text())
    record.update(origin=OFFICIAL_ORIGIN)
    del record["signature"]
    records.path(planted).write_text(json.dumps(record))
    assert store.status(spec).state is WeightsState.CACHED


def test_weights_import_on_the_command_line_says_unverified(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], genuine: bytes
) -> None:
    """With only a prefix in the catalog, even the right file, imported, cannot be told
    from a forged one: the command says so, and the list shows it."""
    entry = {"id": "mine", "arch": "efficientnet_b0", "weights_url": "https://example.org/m.pth",
             "sha256": sha256(genuine)[:8], "size_bytes": len(genuine)}  # fmt: skip
    catalog = write_catalog(tmp_path / "c.json", [entry])
    source = tmp_path / "m.pth"
    source.write_bytes(genuine)
    assert main(["--catalog", str(catalog), "weights", "import", "mine", str(source)]) == 0
    assert "could not be verified" in capsys.readouterr().err
    assert main(["--catalog", str(catalog), "models"]) == 0
    assert "unverified" in capsys.readouterr().out


def test_a_forged_optimised_graph_with_a_matching_record_is_never_used(
    tmp_path: Path, isolated_environment: Path
) -> None:
    catalog = Catalog.load()
    spec = catalog.get("lite0")
    weights = WeightsStore(isolated_environment).ensure(spec)
    store = OnnxCache(isolated_environment)
    store.optimise(spec, weights, threads=1)
    graph = store.find(spec)
    assert graph is not None
    # Someone hands over a cache whose graph answers what they chose: zeroed weights here,
    # with a record whose digests all match, written with their own key.
    data = graph.with_suffix(".data")
    data.write_bytes(b"\0" * data.stat().st_size)
    with another_user(tmp_path):
        store.records.write(
            graph, sha256_file(graph), data_sha256=sha256_file(data),
            weights_sha256=sha256_file(weights),
        )  # fmt: skip
    assert OnnxCache(isolated_environment).find(spec) is None
    answer = open_classifier(catalog, isolated_environment).classify(CHINA, "lite0", engine="onnx")
    torch_answer = open_classifier(catalog, isolated_environment).classify(
        CHINA, "lite0", engine="torch"
    )
    assert answer.top[0].label == torch_answer.top[0].label == "palace"
    assert np.isclose(answer.top[0].probability, torch_answer.top[0].probability, atol=1e-3)
