"""A weights file served on 127.0.0.1 and a cache to download it into."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.models.catalog import Catalog, ModelSpec
from app.core.weights.download import DownloadPolicy
from app.core.weights.store import WeightsStore
from tests.support.factories import sha256, state_dict_bytes, write_catalog

FAST = DownloadPolicy(retries=0, backoff=0.01, connect_timeout=2, read_timeout=5)


@pytest.fixture
def payload() -> bytes:
    return state_dict_bytes(size=400_000)


@pytest.fixture
def spec(server, payload, tmp_path: Path) -> ModelSpec:
    (server.root / "b0.pth").write_bytes(payload)
    catalog_file = write_catalog(
        tmp_path / "catalog.json",
        [{"id": "b0", "weights_url": server.url("b0.pth"), "sha256": sha256(payload)}],
    )
    return Catalog.load(catalog_file).get("b0")


@pytest.fixture
def store(isolated_environment: Path) -> WeightsStore:
    return WeightsStore(isolated_environment, FAST)
