"""Weights and caches under attack: tampering, unloadable files, races, read-only caches,
odd imports."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import filelock
import pytest
import torch

from app.core.errors import ModelLoadError, WeightsError
from app.core.inference.classifier import Classifier
from app.core.models.catalog import Catalog, ModelSpec
from app.core.weights import records
from app.core.weights import store as weights
from app.core.weights.store import WeightsState, WeightsStore
from tests.support.factories import sha256, write_catalog
from tests.support.photos import CHINA


@pytest.fixture
def sized_spec(spec: ModelSpec, payload: bytes) -> ModelSpec:
    """The served weights with their size in the catalog, as the built-in models have."""
    return dataclasses.replace(
        spec, weights=dataclasses.replace(spec.weights, size_bytes=len(payload))
    )


def _flip_a_byte_keeping_size_and_mtime(path: Path) -> None:
    before = path.stat()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.mark.parametrize("new_process", [True, False], ids=["next process", "same process"])
def test_byte_flipped_with_size_and_mtime_kept_is_never_loaded(
    store, spec, payload, monkeypatch, new_process: bool
) -> None:
    path = store.ensure(spec)
    _flip_a_byte_keeping_size_and_mtime(path)
    # Listing trusts the record of the last check (the documented quick check) …
    assert store.status(spec).state is WeightsState.VERIFIED
    if new_process:
        monkeypatch.setattr(records, "PROCESS_DIGESTS", records._ProcessDigests())
    # … but using the file hashes it first: the damaged copy is set aside and replaced.
    notices: list[str] = []
    assert store.ensure(spec, notice=notices.append).read_bytes() == payload
    assert "damaged" in notices[0]
    assert (store.cache_dir / "b0.pth.corrupt").exists()


def test_each_process_hashes_a_file_once(store, spec, monkeypatch) -> None:
    store.ensure(spec)
    monkeypatch.setattr(records, "PROCESS_DIGESTS", records._ProcessDigests())
    hashed: list[Path] = []
    real = records.sha256_file
    monkeypatch.setattr(records, "sha256_file", lambda p, t=None: hashed.append(p) or real(p, t))
    for _ in range(3):
        store.ensure(spec)
    assert len(hashed) == 1


def _catalog_for_file(folder: Path, data: bytes) -> Catalog:
    file = folder / "served" / "odd.pth"
    file.parent.mkdir(exist_ok=True)
    file.write_bytes(data)
    entry = {"id": "odd", "arch": "efficientnet_b0", "weights_url": file.as_uri(),
             "sha256": sha256(data)}  # fmt: skip
    return Catalog.load(write_catalog(folder / "odd.json", [entry]))


def _whole_model_pickle() -> bytes:
    buffer = io.BytesIO()
    torch.save(torch.nn.Linear(2, 2), buffer)
    return buffer.getvalue()


def _torchscript_file() -> bytes:
    buffer = io.BytesIO()
    torch.jit.save(torch.jit.script(torch.nn.Linear(2, 2)), buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "make", [_whole_model_pickle, _torchscript_file, lambda: b"PK\x03\x04 not a zip"],
    ids=["whole-model pickle", "TorchScript", "damaged zip"],
)  # fmt: skip
def test_file_that_passes_its_digest_but_cannot_load_is_one_line_and_set_aside(
    tmp_path: Path, isolated_environment: Path, make
) -> None:
    catalog = _catalog_for_file(tmp_path, make())
    classifier = Classifier(catalog, WeightsStore(isolated_environment))
    with pytest.raises(ModelLoadError) as refused:
        classifier.classify(CHINA, "odd", "cpu", engine="torch")
    message = str(refused.value)
    assert "\n" not in message
    assert str(isolated_environment / "odd.pth") in message
    assert "moved aside to odd.pth.corrupt" in message
    assert not (isolated_environment / "odd.pth").exists()
    assert (isolated_environment / "odd.pth.corrupt").exists()


def test_remove_waits_for_a_download_in_progress(store, spec, server, payload, monkeypatch) -> None:
    monkeypatch.setattr(weights, "REMOVE_WAIT", 0.1)
    server.behaviour.delay_per_chunk = 0.2
    outcome: list[object] = []
    downloading = threading.Thread(target=lambda: outcome.append(store.ensure(spec)))
    downloading.start()
    deadline = time.monotonic() + 10
    while not (store.cache_dir / "b0.pth.part").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    with pytest.raises(WeightsError, match="being downloaded or checked"):
        store.remove(spec)
    downloading.join(30)
    assert outcome and Path(str(outcome[0])).read_bytes() == payload  # the download survived


def test_remove_of_a_file_in_use_on_windows_is_a_message(store, spec, monkeypatch) -> None:
    store.ensure(spec)

    def in_use(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(Path, "unlink", in_use)
    with pytest.raises(WeightsError, match="in use by another program"):
        store.remove(spec)


def test_remove_with_the_cache_pointing_at_a_file(tmp_path: Path, spec) -> None:
    not_a_folder = tmp_path / "cache-file"
    not_a_folder.write_text("")
    env = dict(os.environ, EFFNET_CACHE_DIR=str(not_a_folder))
    env["EFFNET_CATALOG"] = str(tmp_path / "catalog.json")
    result = subprocess.run(
        [sys.executable, "-m", "app", "weights", "remove", "b0"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert (
        result.stderr.strip() == f"effnet: the cache folder {not_a_folder} is a file, not a folder"
    )


def test_read_only_cache_without_records_is_verified_without_writing(
    store, spec, payload, server, monkeypatch
) -> None:
    store.ensure(spec)
    shutil.rmtree(store.cache_dir / ".checks")
    shutil.rmtree(store.cache_dir / ".locks")
    monkeypatch.setattr(records, "PROCESS_DIGESTS", records._ProcessDigests())
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode & os.W_OK else real_access(p, mode)
    )
    monkeypatch.setattr(records.DigestRecords, "write", lambda *args, **kwargs: False)
    monkeypatch.setattr(filelock.FileLock, "acquire", _no_lock_in_a_read_only_cache)
    before = sorted(p.name for p in store.cache_dir.iterdir())
    assert store.ensure(spec).read_bytes() == payload
    assert sorted(p.name for p in store.cache_dir.iterdir()) == before
    assert len(server.requests) == 1


def _no_lock_in_a_read_only_cache(*args: object, **kwargs: object) -> None:
    raise PermissionError(30, "Read-only file system")


def test_import_of_a_file_named_like_the_staging_file(store, spec, payload) -> None:
    store.cache_dir.mkdir(parents=True)
    source = store.cache_dir / "b0.pth.import"
    source.write_bytes(payload)
    store.import_file(spec, source)
    assert source.read_bytes() == payload  # the user's file is untouched
    assert store.status(spec).state is WeightsState.VERIFIED


def test_import_names_a_folder_and_a_missing_file(store, spec, tmp_path: Path) -> None:
    with pytest.raises(WeightsError, match="is a folder, not a file"):
        store.import_file(spec, tmp_path)
    with pytest.raises(WeightsError, match="file not found"):
        store.import_file(spec, tmp_path / "absent.pth")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need extra rights there")
def test_import_names_a_broken_link(store, spec, tmp_path: Path) -> None:
    link = tmp_path / "link.pth"
    link.symlink_to(tmp_path / "gone.pth")
    with pytest.raises(WeightsError, match="is a broken link"):
        store.import_file(spec, link)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs exist on POSIX systems only")
def test_import_names_a_pipe(store, spec, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.pth")
    with pytest.raises(WeightsError, match="is a pipe"):
        store.import_file(spec, tmp_path / "pipe.pth")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a POSIX character device")
def test_import_names_a_device(store, spec) -> None:
    with pytest.raises(WeightsError, match="is a device"):
        store.import_file(spec, Path("/dev/zero"))


def test_import_of_a_wrong_sized_file_copies_nothing(
    store, sized_spec, tmp_path, monkeypatch
) -> None:
    huge = tmp_path / "huge.pth"
    with huge.open("wb") as file:
        file.truncate(2**30)  # sparse: 1 GiB that takes no disk
    monkeypatch.setattr(weights.shutil, "copyfile", _must_not_copy)
    with pytest.raises(WeightsError, match=r"it holds 1,073\.7 MB, the right file 0\.4 MB"):
        store.import_file(sized_spec, huge)


def test_sizes_too_close_for_megabytes_are_said_in_bytes(store, sized_spec, tmp_path) -> None:
    nearly = tmp_path / "nearly.pth"
    nearly.write_bytes(bytes(sized_spec.weights.size_bytes + 1))
    expected = f"{sized_spec.weights.size_bytes:,} bytes"
    with pytest.raises(WeightsError, match=f"the right file {expected}"):
        store.import_file(sized_spec, nearly)


def _must_not_copy(*args: object) -> None:
    raise AssertionError("the file was copied before its size was checked")


def test_download_longer_than_the_catalog_says_is_cut_short(
    store, sized_spec, server, payload
) -> None:
    (server.root / "b0.pth").write_bytes(payload + bytes(50 * 2**20))
    with pytest.raises(WeightsError, match=f"more than the expected {len(payload):,} bytes"):
        store.ensure(sized_spec)
    assert store.status(sized_spec).state is WeightsState.MISSING  # nothing half-written is kept


class _Planted:
    """Unpickling this runs code: it would create ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


def test_a_pickle_that_would_run_code_is_refused_without_running_it(
    tmp_path: Path, isolated_environment: Path
) -> None:
    marker = tmp_path / "code-ran"
    buffer = io.BytesIO()
    torch.save({"weight": _Planted(marker)}, buffer)
    catalog = _catalog_for_file(tmp_path, buffer.getvalue())
    classifier = Classifier(catalog, WeightsStore(isolated_environment))
    with pytest.raises(ModelLoadError, match="is not a weights file that can be loaded"):
        classifier.classify(CHINA, "odd", "cpu", engine="torch")
    assert not marker.exists()


def test_a_file_removed_while_its_status_is_read_is_not_an_error(
    store, spec, payload, monkeypatch
) -> None:
    """Manage downloads lists while Remove runs on the pool (or another process removes)."""
    path = store.ensure(spec)
    real = store.records.record

    def removed_meanwhile(file: Path):  # type: ignore[no-untyped-def]
        path.unlink()
        return real(file)

    monkeypatch.setattr(store.records, "record", removed_meanwhile)
    status = store.status(spec)  # as the file was when looked at: present, unchecked
    assert status.state is WeightsState.CACHED and status.size_bytes == len(payload)
    assert store.status(spec).state is WeightsState.MISSING  # and now gone
