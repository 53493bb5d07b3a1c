"""Records the full sha256 of every built-in weights file; needs the internet.

torchvision names its files after the first 8 hex digits of their sha256, which a forged
file of the same size can match within minutes. This downloads each built-in file once,
checks it against that prefix, keeps its full digest in ``app/core/data/
official_digests.json`` and writes it into the built-in catalog (as ``python -m
app.core.architectures.torchvision_catalog`` also does). The release workflow runs it, then
``--check``, which fails while any downloadable built-in entry lacks its full digest.

    python packaging/record_digests.py            # download, record, update the catalog
    python packaging/record_digests.py --check    # exit 1 while a full digest is missing
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.architectures.torchvision_catalog import OFFICIAL_DIGESTS_FILE, with_official_digests
from app.core.models.catalog import BUILTIN_FILE, FULL_DIGEST_LENGTH, PACKAGE_SCHEME
from app.core.weights.download import download
from app.core.weights.records import sha256_file

Fetch = Callable[[str, Path], None]


def _fetch(url: str, target: Path) -> None:
    download(url, target)


def record(entries: list[dict[str, Any]], fetch: Fetch = _fetch) -> dict[str, str]:
    """The full digest of each downloadable entry's file, by file name; a file that does not
    match the prefix the catalog has raises ValueError."""
    digests = {}
    with tempfile.TemporaryDirectory() as folder:
        for entry in entries:
            if entry["weights_url"].startswith(PACKAGE_SCHEME + ":"):
                continue
            target = Path(folder) / entry["file_name"]
            fetch(entry["weights_url"], target)
            digest = sha256_file(target)
            target.unlink()
            if not digest.startswith(entry["sha256"]):
                raise ValueError(
                    f"{entry['file_name']}: sha256 {digest} does not start with {entry['sha256']}"
                )
            digests[entry["file_name"]] = digest
    return digests


def missing(entries: list[dict[str, Any]]) -> list[str]:
    """The ids of entries whose catalog digest is still a prefix."""
    return [entry["id"] for entry in entries if len(entry["sha256"]) != FULL_DIGEST_LENGTH]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if any lacks")
    args = parser.parse_args(argv)
    document = json.loads(BUILTIN_FILE.read_text(encoding="utf-8"))
    if args.check:
        lacking = missing(document["models"])
        for model_id in lacking:
            print(f"{model_id}: the catalog has only a short digest", file=sys.stderr)
        return 1 if lacking else 0
    known = json.loads(OFFICIAL_DIGESTS_FILE.read_text(encoding="utf-8"))
    known.update(record(document["models"]))
    OFFICIAL_DIGESTS_FILE.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n")
    document["models"] = with_official_digests(document["models"])
    BUILTIN_FILE.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
