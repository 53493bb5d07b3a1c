from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Offscreen, on a screen of the size most people have (Qt's offscreen default is 800×800).
os.environ.setdefault(
    "QT_QPA_PLATFORM",
    f"offscreen:configfile={Path(__file__).parent / 'support' / 'screen-1920x1080.json'}",
)

from tests.support import weights_server


@pytest.fixture(scope="session", autouse=True)
def one_users_configuration(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The configuration folder, with the key that signs cache records: one for the session,
    as for one user, set before any cache is made (caches made once per session are copied
    into tests' caches); a test may switch to another user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        yield


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own cache and data folders (stored answers, thumbnails) and no user
    catalog, mirror or proxy."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("EFFNET_CACHE_DIR", str(cache))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))  # thumbnails
    for name in ("EFFNET_CATALOG", "EFFNET_WEIGHTS_URL", "http_proxy", "https_proxy",
                 "HTTP_PROXY", "HTTPS_PROXY", "LC_ALL", "LC_MESSAGES"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANGUAGE", "en")  # messages in the source language, whatever the machine's
    return cache


@pytest.fixture
def vietnamese(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The Vietnamese translation, compiled from the .ts in the tree, in use for one test."""
    from app import i18n
    from tests.support.translations import compiled_translations

    monkeypatch.setattr(i18n, "translations_dir", lambda: compiled_translations(tmp_path_factory))
    assert i18n.use("vi")
    yield
    i18n.use(i18n.SOURCE_LANGUAGE)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[weights_server.WeightsServer]:
    root = tmp_path / "served"
    root.mkdir()
    state, http_server = weights_server.start(root)
    yield state
    http_server.shutdown()
    http_server.server_close()


@pytest.fixture(scope="session")
def b0_bytes() -> bytes:
    """B0 weights, random but input-sensitive (see calibrated_state_dict)."""
    from tests.support.models import calibrated_state_dict

    return calibrated_state_dict("efficientnet_b0")


@pytest.fixture(scope="session")
def b0_file(b0_bytes: bytes, tmp_path_factory) -> Path:
    """The B0 weights written once per session; tests link to it instead of copying 20 MB."""
    path = tmp_path_factory.mktemp("weights") / "b0.pth"
    path.write_bytes(b0_bytes)
    return path


@pytest.fixture(scope="session")
def lite0_onnx_cache(tmp_path_factory) -> Path:
    """A cache folder whose onnx/ holds Lite0, exported once per test session."""
    from app.core.inference.onnx_cache import OnnxCache
    from app.core.models.catalog import Catalog
    from app.core.photos.opening import open_image
    from app.core.photos.preprocess import preprocess
    from app.core.weights.store import WeightsStore
    from tests.support.photos import CHINA

    cache = tmp_path_factory.mktemp("onnx-cache")
    spec = Catalog.load().get("lite0")
    weights = WeightsStore(cache).ensure(spec)
    sample = preprocess(open_image(CHINA), spec.preprocessing)[None]
    OnnxCache(cache).export(spec, weights, sample)
    return cache


def copy_onnx_files(source_cache: Path, cache: Path) -> None:
    """Copy exported files with their check records (mtimes kept, so still trusted)."""
    import shutil

    shutil.copytree(source_cache / "onnx", cache / "onnx", dirs_exist_ok=True)


@pytest.fixture
def without_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    """As for an architecture with no built-in graph (Lite1-4 in a user catalog): on the
    CPU such a model runs on PyTorch, or on an ONNX file exported from it."""
    for module in (
        "app.core.inference.loader",
        "app.core.inference.onnx_cache",
        "app.core.benchmark.runner",
    ):
        monkeypatch.setattr(f"{module}.has_template", lambda _arch: False)
