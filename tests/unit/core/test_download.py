"""The downloader against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import errno
import threading
import time
from pathlib import Path

import pytest

from app.core.cancel import CancelToken
from app.core.errors import (
    Cancelled,
    DiskFullError,
    HttpStatusError,
    OfflineError,
    TlsError,
    WeightsError,
)
from app.core.weights.download import DownloadPolicy, DownloadProgress, download
from tests.support.factories import state_dict_bytes

FAST = DownloadPolicy(retries=2, backoff=0.01, connect_timeout=2, read_timeout=5)
NO_RETRY = DownloadPolicy(retries=0, connect_timeout=2, read_timeout=5)


@pytest.fixture
def payload(server) -> bytes:
    data = state_dict_bytes(size=600_000)
    (server.root / "w.pth").write_bytes(data)
    return data


def test_downloads_whole_file_with_progress(server, payload, tmp_path: Path) -> None:
    seen: list[DownloadProgress] = []
    partial = tmp_path / "w.part"
    download(server.url("w.pth"), partial, progress=seen.append, policy=FAST)
    assert partial.read_bytes() == payload
    assert seen[-1].done == seen[-1].total == len(payload)


def test_dropped_connection_resumes_with_range(server, payload, tmp_path: Path) -> None:
    partial = tmp_path / "w.part"
    server.behaviour.drop_after = 200_000
    with pytest.raises(WeightsError, match="closed after 200000"):
        download(server.url("w.pth"), partial, policy=NO_RETRY)
    assert partial.stat().st_size == 200_000

    server.behaviour.drop_after = None
    download(server.url("w.pth"), partial, policy=NO_RETRY)
    assert server.requests[-1].range == "bytes=200000-"
    assert partial.read_bytes() == payload


def test_retries_transient_errors_then_succeeds(server, payload, tmp_path: Path) -> None:
    server.behaviour.fail_first = 2
    download(server.url("w.pth"), tmp_path / "w.part", policy=FAST)
    assert len(server.requests) == 3
    assert (tmp_path / "w.part").read_bytes() == payload


def test_server_ignoring_range_starts_over_cleanly(server, payload, tmp_path: Path) -> None:
    partial = tmp_path / "w.part"
    partial.write_bytes(payload[:100_000])
    server.behaviour.ignore_range = True
    download(server.url("w.pth"), partial, policy=FAST)
    assert server.requests[-1].range == "bytes=100000-"
    assert partial.read_bytes() == payload


def test_stale_partial_longer_than_file_restarts(server, payload, tmp_path: Path) -> None:
    partial = tmp_path / "w.part"
    partial.write_bytes(b"x" * (len(payload) + 10))
    download(server.url("w.pth"), partial, policy=FAST)
    assert partial.read_bytes() == payload


def test_cancel_takes_effect_within_half_a_second(server, payload, tmp_path: Path) -> None:
    server.behaviour.delay_per_chunk = 2.0  # the server stalls between chunks
    partial, token = tmp_path / "w.part", CancelToken()
    cancelled_at: list[float] = []

    def cancel_soon() -> None:
        time.sleep(0.3)
        cancelled_at.append(time.monotonic())
        token.cancel()

    threading.Thread(target=cancel_soon).start()
    with pytest.raises(Cancelled):
        download(server.url("w.pth"), partial, token=token, policy=FAST)
    assert time.monotonic() - cancelled_at[0] < 0.5
    assert partial.stat().st_size == 65536  # what arrived is kept for resuming


def test_http_errors_name_status_and_url(server, payload, tmp_path: Path) -> None:
    with pytest.raises(HttpStatusError, match=r"HTTP 404 for http://127\.0\.0\.1:\d+/nope"):
        download(server.url("nope"), tmp_path / "p", policy=FAST)
    server.behaviour.status = 500
    with pytest.raises(HttpStatusError, match="HTTP 500"):
        download(server.url("w.pth"), tmp_path / "p", policy=FAST)
    assert len(server.requests) == 1 + FAST.retries + 1


def test_unreachable_host_is_reported_as_offline(tmp_path: Path) -> None:
    with pytest.raises(OfflineError, match="offline"):
        download("http://weights.invalid/w.pth", tmp_path / "p", policy=FAST)
    with pytest.raises(OfflineError, match="cannot connect to 127.0.0.1:9"):
        download("http://127.0.0.1:9/w.pth", tmp_path / "p", policy=FAST)


def test_tls_failure_mentions_proxy_and_trust_store(server, payload, tmp_path: Path) -> None:
    url = server.url("w.pth").replace("http://", "https://")
    with pytest.raises(TlsError, match="HTTPS_PROXY.*trust store"):
        download(url, tmp_path / "p", policy=FAST)


def test_full_disk_is_reported(server, payload, tmp_path: Path, monkeypatch) -> None:
    partial = tmp_path / "w.part"
    real_open = Path.open

    class FullDisk:
        def __init__(self, stream) -> None:  # type: ignore[no-untyped-def]
            self.stream = stream

        def write(self, _data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

    def open_full(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        stream = real_open(self, *args, **kwargs)
        return FullDisk(stream) if self == partial else stream

    monkeypatch.setattr(Path, "open", open_full)
    with pytest.raises(DiskFullError, match="is full"):
        download(server.url("w.pth"), partial, policy=FAST)


def test_file_urls_are_copied_and_resumed(payload, server, tmp_path: Path) -> None:
    source = server.root / "w.pth"
    partial = tmp_path / "w.part"
    partial.write_bytes(payload[:1000])
    download(source.as_uri(), partial, policy=FAST)
    assert partial.read_bytes() == payload
    with pytest.raises(WeightsError, match="file not found"):
        download((tmp_path / "missing.pth").as_uri(), tmp_path / "q", policy=FAST)


def test_honours_http_proxy_from_environment(server, payload, tmp_path, monkeypatch) -> None:
    # The test server acts as the proxy: it receives the absolute URL of another host.
    (server.root / "http:").mkdir()
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{server.port}")
    with pytest.raises(HttpStatusError):
        download("http://weights.example/w.pth", tmp_path / "p", policy=NO_RETRY)
    assert server.requests[-1].path == "http://weights.example/w.pth"


def test_cancel_before_the_headers_arrive_is_immediate(server, payload, tmp_path: Path) -> None:
    server.behaviour.stall_headers = 5.0
    token = CancelToken()
    threading.Timer(0.3, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        download(server.url("w.pth"), tmp_path / "w.part", token=token, policy=FAST)
    assert time.monotonic() - started < 0.8


def test_body_longer_than_expected_is_refused_before_it_is_fetched(
    server, payload, tmp_path: Path
) -> None:
    policy = DownloadPolicy(retries=0, max_bytes=len(payload) // 10)
    partial = tmp_path / "w.part"
    with pytest.raises(WeightsError, match=f"more than the expected {len(payload) // 10:,} bytes"):
        download(server.url("w.pth"), partial, policy=policy)
    assert not partial.exists()


def test_wrong_content_range_starts_over_instead_of_breaking_later_runs(
    server, payload, tmp_path: Path
) -> None:
    partial = tmp_path / "w.part"
    partial.write_bytes(payload[:100_000])
    server.behaviour.wrong_range = 1
    download(server.url("w.pth"), partial, policy=FAST)
    assert partial.read_bytes() == payload
    assert [r.range for r in server.requests] == ["bytes=100000-", None]


def test_retries_start_afresh_after_progress(server, payload, tmp_path: Path) -> None:
    server.behaviour.drop_after = 100_000  # every response breaks off after 100 kB
    partial = tmp_path / "w.part"
    download(server.url("w.pth"), partial, policy=FAST)  # 2 retries, 6 interruptions
    assert partial.read_bytes() == payload
    assert len(server.requests) > FAST.retries + 1


def test_a_trickle_is_given_up_on_with_its_rate(server, payload, tmp_path: Path) -> None:
    server.behaviour.delay_per_chunk = 0.5  # 64 kB per half second: 128 kB/s
    policy = DownloadPolicy(retries=0, min_rate=400_000, slow_window=0.6)
    partial = tmp_path / "w.part"
    started = time.monotonic()
    with pytest.raises(WeightsError, match=r"too slow \(\d+\.\d KB/s over the last \d+ s\)"):
        download(server.url("w.pth"), partial, policy=policy)
    assert time.monotonic() - started < 3
    assert partial.stat().st_size > 0  # kept for a later try
