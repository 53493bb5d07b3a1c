"""Resumable, cancellable HTTP(S) and file downloads into a partial file.

Built on :mod:`http.client` rather than :mod:`urllib.request` because cancelling must
interrupt a blocked socket read at once, which needs the connection's socket.

It is long because resuming, redirects, limits and cancelling interact and are tested
as one.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import functools
import http.client
import os
import shutil
import socket
import ssl
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from app.core.cancel import CancelToken
from app.core.errors import (
    DiskFullError,
    HttpStatusError,
    NotWritableError,
    OfflineError,
    TlsError,
    WeightsError,
    os_reason,
)
from app.core.files import FileRefused, open_regular
from app.i18n import translate

USER_AGENT = "EfficientNet-Desktop"
REDIRECTS = {301, 302, 303, 307, 308}
RETRYABLE_STATUS = {408, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class DownloadProgress:
    done: int
    total: int | None
    rate: float  # bytes per second over the last moments


ProgressCallback = Callable[[DownloadProgress], None]


@dataclass(frozen=True)
class DownloadPolicy:
    connect_timeout: float = 15.0
    read_timeout: float = 30.0
    retries: int = 4
    backoff: float = 0.5  # seconds before the first retry, doubled for each next one
    chunk_size: int = 256 * 1024
    progress_interval: float = 0.1
    max_redirects: int = 5
    max_bytes: int | None = None  # refuse anything larger (the catalog's size, a web photo)
    # A trickle is given up on: less than min_rate bytes/s over any slow_window seconds.
    min_rate: float | None = 10 * 1024
    slow_window: float = 60.0


class _Transient(Exception):  # noqa: N818 - internal signal, never reaches the user
    """A failure worth another try; carries the error to raise when tries run out."""

    def __init__(self, error: WeightsError) -> None:
        super().__init__(str(error))
        self.error = error


class _RateMeter:
    """Bytes per second, smoothed, and a throttle for progress callbacks."""

    def __init__(self, start: int, interval: float) -> None:
        self._interval = interval
        self._last_time = self._last_emit = time.monotonic()
        self._last_bytes = start
        self.rate = 0.0

    def update(self, done: int) -> bool:
        now = time.monotonic()
        elapsed = now - self._last_time
        if elapsed >= 0.25:
            instant = (done - self._last_bytes) / elapsed
            self.rate = instant if self.rate == 0 else 0.7 * self.rate + 0.3 * instant
            self._last_time, self._last_bytes = now, done
        if now - self._last_emit >= self._interval:
            self._last_emit = now
            return True
        return False


def download(
    url: str,
    partial: Path,
    *,
    progress: ProgressCallback | None = None,
    token: CancelToken | None = None,
    policy: DownloadPolicy | None = None,
) -> None:
    """Fetch ``url`` into ``partial``, resuming from the bytes already there.

    Transient failures (dropped connection, time-out, HTTP 5xx) are retried with back-off,
    each retry resuming with a Range request; an attempt that made progress resets the
    count, so a flaky but working connection gets there. On cancel or failure ``partial``
    keeps what arrived, so a later call resumes. Raises a :class:`WeightsError` subclass or
    :class:`Cancelled`.
    """
    token = token or CancelToken()
    policy = policy or DownloadPolicy()
    fetch = _fetch_file if urlsplit(url).scheme == "file" else _fetch_http
    failures = 0
    while True:
        token.raise_if_cancelled()
        before = _size(partial)
        try:
            fetch(url, partial, progress, token, policy)
            return
        except _Transient as failure:
            failures = 1 if _size(partial) > before else failures + 1
            if failures > policy.retries:
                raise failure.error from None
            token.sleep(policy.backoff * 2 ** (failures - 1))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def unreadable_weights(source: Path, error: OSError) -> WeightsError:
    """Why a local weights file (a ``file:`` address, an import) cannot be read, in one line."""
    if isinstance(error, FileRefused):
        return WeightsError(str(error))
    if isinstance(error, FileNotFoundError):
        return WeightsError(translate("Errors", "{source}: file not found").format(source=source))
    return WeightsError(
        translate("Errors", "{source}: cannot read ({strerror})").format(
            source=source, strerror=os_reason(error)
        )
    )


def _fetch_file(
    url: str,
    partial: Path,
    progress: ProgressCallback | None,
    token: CancelToken,
    policy: DownloadPolicy,
) -> None:
    source = Path(urllib.request.url2pathname(unquote(urlsplit(url).path)))
    offset = partial.stat().st_size if partial.exists() else 0
    try:
        reader = open_regular(source)  # a FIFO is refused, never waited on
        total = os.fstat(reader.fileno()).st_size
    except OSError as error:
        raise unreadable_weights(source, error) from None
    with reader:
        if offset > total:
            offset = 0
        reader.seek(offset)
        _copy(reader.read, partial, offset, total, progress, token, policy)


def _fetch_http(
    url: str,
    partial: Path,
    progress: ProgressCallback | None,
    token: CancelToken,
    policy: DownloadPolicy,
) -> None:
    offset = partial.stat().st_size if partial.exists() else 0
    connection, response = _open(url, offset, token, policy)
    try:
        if response.status == 416:  # the partial file is not a prefix of this one
            partial.unlink(missing_ok=True)
            raise _Transient(
                WeightsError(
                    translate("Errors", "the server refused to resume {url}").format(url=url)
                )
            )
        if response.status in RETRYABLE_STATUS:
            raise _Transient(HttpStatusError(response.status, url))
        if response.status not in (200, 206):
            raise HttpStatusError(response.status, url)
        if response.status == 206:
            start = _content_range_start(response.getheader("Content-Range"))
            if start != offset:  # the partial cannot be trusted: start over next time
                partial.unlink(missing_ok=True)
                raise _Transient(
                    WeightsError(
                        translate("Errors", "the server sent a wrong range for {url}").format(
                            url=url
                        )
                    )
                )
        else:
            offset = 0  # the server ignored Range: start over cleanly
        length = response.getheader("Content-Length")
        total = offset + int(length) if length and length.isdigit() else None

        with token.on_cancel(functools.partial(_shut, connection)):
            _copy(response.read1, partial, offset, total, progress, token, policy)
    finally:
        connection.close()


def _copy(
    read: Callable[[int], bytes],
    partial: Path,
    offset: int,
    total: int | None,
    progress: ProgressCallback | None,
    token: CancelToken,
    policy: DownloadPolicy,
) -> None:
    """Append what ``read`` yields to ``partial`` (truncated first when ``offset`` is 0)."""
    done = offset
    limit = policy.max_bytes
    if limit is not None and total is not None and total > limit:
        raise _too_large(partial, limit)
    meter = _RateMeter(done, policy.progress_interval)
    watch = _SlowWatch(done, policy)
    try:
        sink = partial.open("ab" if offset else "wb")
    except OSError as error:
        raise _storage_error(error, partial) from None
    with sink:
        while True:
            try:
                chunk = read(policy.chunk_size)
            except (OSError, http.client.HTTPException) as error:
                token.raise_if_cancelled()
                raise _Transient(
                    WeightsError(
                        translate("Errors", "the download was interrupted ({error})").format(
                            error=error
                        )
                    )
                ) from None
            token.raise_if_cancelled()
            if not chunk:
                break
            try:
                sink.write(chunk)
            except OSError as error:
                raise _storage_error(error, partial) from None
            done += len(chunk)
            if limit is not None and done > limit:
                sink.close()
                raise _too_large(partial, limit)
            watch.check(done)
            if progress and meter.update(done):
                progress(DownloadProgress(done, total, meter.rate))
    if total is not None and done < total:
        raise _Transient(
            WeightsError(
                translate("Errors", "the connection closed after {done} of {total} bytes").format(
                    done=done, total=total
                )
            )
        )
    if progress:
        meter.update(done)
        progress(DownloadProgress(done, total if total is not None else done, meter.rate))


def _too_large(partial: Path, limit: int) -> WeightsError:
    """More than expected is never the right file: refuse before (or as soon as) it shows."""
    partial.unlink(missing_ok=True)
    return WeightsError(
        translate("Errors", "the server sent more than the expected {limit:,} bytes").format(
            limit=limit
        )
    )


class _SlowWatch:
    """Gives up on a download slower than ``policy.min_rate`` over a whole window."""

    def __init__(self, done: int, policy: DownloadPolicy) -> None:
        self._policy = policy
        self._since = time.monotonic()
        self._bytes = done

    def check(self, done: int) -> None:
        if self._policy.min_rate is None:
            return
        elapsed = time.monotonic() - self._since
        if elapsed < self._policy.slow_window:
            return
        rate = (done - self._bytes) / elapsed
        if rate < self._policy.min_rate:
            raise WeightsError(
                translate(
                    "Errors",
                    (
                        "the download is too slow ({value:.1f} KB/s over the last "
                        "{elapsed:.0f} s); what arrived is kept: try again later or "
                        "on another network"
                    ),
                ).format(value=rate / 1024, elapsed=elapsed)
            )
        self._since, self._bytes = time.monotonic(), done


def _storage_error(error: OSError, path: Path) -> WeightsError:
    if error.errno == errno.ENOSPC:
        free = shutil.disk_usage(path.parent).free // 2**20
        return DiskFullError(
            translate("Errors", "the disk holding {parent} is full ({free} MB free)").format(
                parent=path.parent, free=free
            )
        )
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EROFS):
        return NotWritableError(
            translate("Errors", "cannot write to {parent}: choose another cache folder").format(
                parent=path.parent
            )
        )
    return WeightsError(
        translate("Errors", "cannot write {path} ({strerror})").format(
            path=path, strerror=os_reason(error)
        )
    )


def _content_range_start(header: str | None) -> int | None:
    # "bytes 100-199/200"
    if not header or not header.startswith("bytes "):
        return None
    first = header[6:].split("-", 1)[0]
    return int(first) if first.isdigit() else None


def _open(
    url: str, offset: int, token: CancelToken, policy: DownloadPolicy
) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    """Send the GET (following redirects) and return the connection and its response."""
    for _ in range(policy.max_redirects + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise WeightsError(translate("Errors", "cannot download from {url}").format(url=url))
        connection, target, headers = _connect(
            parts.scheme, parts.hostname, parts.port, url, policy
        )
        headers.update({"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        if offset:
            headers["Range"] = f"bytes={offset}-"
        try:
            # Closing does not wake a read blocked on the socket; shutting it down does.
            with token.on_cancel(functools.partial(_shut, connection)):
                connection.request("GET", target, headers=headers)
                response = connection.getresponse()
            if connection.sock is not None:
                connection.sock.settimeout(policy.read_timeout)
        except socket.gaierror:
            connection.close()
            token.raise_if_cancelled()
            raise OfflineError(
                translate("Errors", "cannot find {host}: you seem to be offline").format(
                    host=parts.hostname
                )
            ) from None
        except ssl.SSLError as error:
            connection.close()
            raise TlsError(
                translate(
                    "Errors",
                    (
                        "secure connection to {hostname} failed ({reason}); behind a "
                        "company proxy, set HTTPS_PROXY, or add its certificate to "
                        "the system trust store"
                    ),
                ).format(hostname=parts.hostname, reason=error.reason or error)
            ) from None
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            token.raise_if_cancelled()
            raise _Transient(
                OfflineError(
                    translate("Errors", "cannot connect to {netloc} ({error})").format(
                        netloc=parts.netloc, error=_describe(error)
                    )
                )
            ) from None
        location = response.getheader("Location")
        if response.status in REDIRECTS and location:
            connection.close()
            url = urljoin(url, location)
            continue
        return connection, response
    raise WeightsError(translate("Errors", "too many redirects for {url}").format(url=url))


def _shut(connection: http.client.HTTPConnection) -> None:
    """Wake whatever waits on the connection's socket (called from another thread)."""
    if connection.sock is not None:
        with contextlib.suppress(OSError):
            connection.sock.shutdown(socket.SHUT_RDWR)


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _connect(
    scheme: str, host: str, port: int | None, url: str, policy: DownloadPolicy
) -> tuple[http.client.HTTPConnection, str, dict[str, str]]:
    """A connection to ``host``, through the environment's proxy if one applies.

    Returns the connection, the request target and headers the request must add.
    """
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    proxy = None if urllib.request.proxy_bypass(host) else urllib.request.getproxies().get(scheme)
    timeout = policy.connect_timeout
    if not proxy:
        if scheme == "https":
            connection = http.client.HTTPSConnection(
                host, port, timeout=timeout, context=tls_context()
            )
            return connection, path, {}
        return http.client.HTTPConnection(host, port, timeout=timeout), path, {}
    proxy_parts = urlsplit(proxy if "://" in proxy else "http://" + proxy)
    auth: dict[str, str] = {}
    if proxy_parts.username:
        credentials = f"{unquote(proxy_parts.username)}:{unquote(proxy_parts.password or '')}"
        auth["Proxy-Authorization"] = "Basic " + base64.b64encode(credentials.encode()).decode()
    proxy_host, proxy_port = proxy_parts.hostname or "", proxy_parts.port or 8080
    if scheme == "https":
        connection = http.client.HTTPSConnection(
            proxy_host, proxy_port, timeout=timeout, context=tls_context()
        )
        connection.set_tunnel(host, port, headers=auth)
        return connection, path, {}
    # Plain HTTP goes to the proxy with the absolute URL as the target.
    return http.client.HTTPConnection(proxy_host, proxy_port, timeout=timeout), url, auth


def tls_context() -> ssl.SSLContext:
    """TLS that trusts the operating system's certificate store (company CAs included)."""
    try:
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except (ImportError, OSError):
        return ssl.create_default_context()
