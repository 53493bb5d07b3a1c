"""Many photos decoded ahead on a small pool while a batch runs, in the photos' order.

At most ``batch_size`` photos are decoded ahead, so memory stays bounded whatever the
number of photos, and a cancel waits for at most the decodes under way. The window's folder
table gets each photo's thumbnail from the same decode.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path

import numpy as np

from app.core.cancel import CancelToken
from app.core.errors import EffnetError
from app.core.models.catalog import Preprocessing
from app.core.photos.model_input import model_input
from app.core.photos.thumbnails import ThumbnailFolder

Prepared = tuple[Path, np.ndarray, float]  # photo, model input, milliseconds it took
Decoded = tuple[np.ndarray, float] | EffnetError


def prepare(
    path: Path, preprocessing: Preprocessing, thumbnails: ThumbnailFolder | None = None
) -> Decoded:
    """One photo's model input (reduced-size decoding allowed), or why it could not be made;
    its thumbnail is kept in ``thumbnails`` from the same decode."""
    started = time.perf_counter()
    seen = None if thumbnails is None else partial(thumbnails.keep, path)
    try:
        pixels, _size = model_input(path, preprocessing, draft=True, seen=seen)
    except EffnetError as error:
        return error
    return pixels, (time.perf_counter() - started) * 1000.0


def decoded_in_batches(
    paths: Iterable[Path],
    preprocessing: Preprocessing,
    batch_size: int,
    token: CancelToken,
    thumbnails: ThumbnailFolder | None = None,
) -> Generator[list[Prepared] | tuple[Path, EffnetError], None, None]:
    """Full batches of prepared photos, and each photo that failed where it stands (the
    batch before it is given first, so outcomes keep the photos' order)."""
    waiting = iter(paths)
    pending: deque[tuple[Path, Future[Decoded]]] = deque()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="decode") as pool:
        try:
            batch: list[Prepared] = []
            while True:
                while len(pending) < batch_size and (path := next(waiting, None)):
                    pending.append((path, pool.submit(prepare, path, preprocessing, thumbnails)))
                if not pending:
                    break
                token.raise_if_cancelled()
                path, future = pending.popleft()
                outcome = future.result()
                token.raise_if_cancelled()
                if isinstance(outcome, EffnetError):
                    if batch:
                        yield batch
                        batch = []
                    yield path, outcome
                    continue
                batch.append((path, *outcome))
                if len(batch) == batch_size:
                    yield batch
                    batch = []
            if batch:
                yield batch
        finally:
            for _, future in pending:
                future.cancel()
