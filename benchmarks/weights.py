"""The weights store: download throughput from a server on 127.0.0.1, and the time to
verify a 250 MB file (sha256) against reading it alone."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path

from app.core.models.catalog import Catalog
from app.core.weights.store import WeightsStore, sha256_file
from tests.support import weights_server
from tests.support.factories import write_catalog

SIZE = 250 * 2**20


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        served = folder / "served"
        served.mkdir()
        data = os.urandom(SIZE)
        (served / "big.pth").write_bytes(data)
        state, server = weights_server.start(served)
        try:
            entry = {"id": "b7", "weights_url": state.url("big.pth"),
                     "sha256": hashlib.sha256(data).hexdigest(), "size_bytes": SIZE}  # fmt: skip
            spec = Catalog.load(write_catalog(folder / "catalog.json", [entry])).get("b7")
            store = WeightsStore(folder / "cache")
            started = time.perf_counter()
            path = store.ensure(spec)  # download, verify, move into place
            total = time.perf_counter() - started
        finally:
            server.shutdown()
        started = time.perf_counter()
        with path.open("rb") as stream:
            while stream.read(2**20):
                pass
        read = time.perf_counter() - started
        started = time.perf_counter()
        sha256_file(path)
        verify = time.perf_counter() - started
    print(f"\nWeights: 250 MB from a server on 127.0.0.1, downloaded and verified in {total:.2f} s "
          f"({SIZE / 2**20 / total:.0f} MB/s end to end)")  # fmt: skip
    print(f"  verifying it (sha256): {verify:.2f} s; reading it alone: {read:.2f} s "
          f"(ratio {verify / read:.1f})")  # fmt: skip
