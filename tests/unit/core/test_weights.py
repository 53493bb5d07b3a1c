"""The weights cache: verify before use, resume, cancel, lock, import, remove."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from app.core.cancel import CancelToken
from app.core.errors import Cancelled, DigestMismatchError, NotWritableError, WeightsError
from app.core.models.catalog import Catalog
from app.core.weights.store import WeightsState, WeightsStore
from tests.support.factories import sha256
from tests.unit.core.conftest import FAST


def test_download_verifies_and_marks_verified(store, spec, payload) -> None:
    assert store.status(spec).state is WeightsState.MISSING
    path = store.ensure(spec)
    assert path.read_bytes() == payload
    status = store.status(spec)
    assert status.state is WeightsState.VERIFIED and status.ready
    assert not (store.cache_dir / "b0.pth.part").exists()


def test_verified_file_is_not_downloaded_again(store, spec, server) -> None:
    store.ensure(spec)
    store.ensure(spec)
    assert len(server.requests) == 1


def test_interrupted_download_is_partial_then_resumed(store, spec, server, payload) -> None:
    server.behaviour.drop_after = 150_000
    with pytest.raises(WeightsError):
        store.ensure(spec)
    status = store.status(spec)
    assert status.state is WeightsState.PARTIAL and status.partial_bytes == 150_000
    assert not store.path_for(spec).exists()

    server.behaviour.drop_after = None
    assert store.ensure(spec).read_bytes() == payload
    assert server.requests[-1].range == "bytes=150000-"


def test_cancel_keeps_partial_and_puts_nothing_in_place(store, spec, server) -> None:
    server.behaviour.delay_per_chunk = 0.2
    token = CancelToken()
    threading.Timer(0.3, token.cancel).start()
    with pytest.raises(Cancelled):
        store.ensure(spec, token=token)
    assert store.status(spec).state is WeightsState.PARTIAL
    assert not store.path_for(spec).exists()


def test_digest_mismatch_deletes_everything(store, spec, server) -> None:
    server.behaviour.corrupt = True
    with pytest.raises(DigestMismatchError, match="integrity check"):
        store.ensure(spec)
    assert not store.path_for(spec).exists()
    assert store.status(spec).state is WeightsState.MISSING


def test_corrupted_cache_file_is_set_aside_and_replaced(store, spec, payload) -> None:
    store.ensure(spec)
    path = store.path_for(spec)
    path.write_bytes(payload[:1000])  # truncated behind the app's back
    assert store.status(spec).state is WeightsState.CACHED  # the record no longer matches
    notices: list[str] = []
    assert store.ensure(spec, notice=notices.append).read_bytes() == payload
    assert "damaged" in notices[0]
    assert (store.cache_dir / "b0.pth.corrupt").stat().st_size == 1000


def test_unverified_good_file_is_hashed_once_and_trusted(store, spec, payload, server) -> None:
    store.cache_dir.mkdir(parents=True)
    store.path_for(spec).write_bytes(payload)
    assert store.status(spec).state is WeightsState.CACHED
    store.ensure(spec)
    assert store.status(spec).state is WeightsState.VERIFIED
    assert server.requests == []


def test_unwritable_cache_folder_is_a_clear_error(spec, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(NotWritableError, match="cannot create the cache folder"):
        WeightsStore(blocker / "cache", FAST).ensure(spec)


def test_import_good_and_bad_files(store, spec, payload, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.pth"
    wrong.write_bytes(b"not the weights")
    with pytest.raises(DigestMismatchError) as refused:
        store.import_file(spec, wrong)
    assert spec.weights.sha256 in str(refused.value)
    assert sha256(b"not the weights") in str(refused.value)
    assert not store.path_for(spec).exists()

    good = tmp_path / "good.pth"
    good.write_bytes(payload)
    store.import_file(spec, good)
    assert store.status(spec).state is WeightsState.VERIFIED


def test_remove_deletes_file_partial_and_record(store, spec, server) -> None:
    store.ensure(spec)
    assert store.remove(spec)
    assert store.status(spec).state is WeightsState.MISSING
    assert not store.remove(spec)


def test_bundled_lite0_needs_no_download(store) -> None:
    lite0 = Catalog.load().get("lite0")
    assert store.status(lite0).state is WeightsState.BUNDLED
    assert store.ensure(lite0).is_file()
    with pytest.raises(WeightsError, match="ships with the app"):
        store.remove(lite0)


def _ensure_in_process(cache: str, catalog_file: str, queue) -> None:  # runs in a child
    spec = Catalog.load(catalog_file).get("b0")
    started = time.monotonic()
    path = WeightsStore(Path(cache), FAST).ensure(spec)
    queue.put((str(path), time.monotonic() - started))


def test_two_processes_end_with_one_good_file(store, spec, server, payload, tmp_path) -> None:
    server.behaviour.delay_per_chunk = 0.2  # slow enough for the two to overlap
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [
        context.Process(
            target=_ensure_in_process,
            args=(str(store.cache_dir), str(tmp_path / "catalog.json"), queue),
        )
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
        assert worker.exitcode == 0
    assert {path for path, _ in results} == {str(store.path_for(spec))}
    assert store.path_for(spec).read_bytes() == payload
    assert [r.range for r in server.requests] == [None]  # the second waited, then reused it
