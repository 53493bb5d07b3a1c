"""How often one photo's trip through ``effnet classify FOLDER`` enters each core module.

An entry is a call into a function of ``app.core.…`` from code outside that module; a
trip that goes down through the layers enters each module a few times, one that bounces
between stores enters them many times. Run on a folder of one photo with Lite0 (its
weights come with the app), in a fresh cache, twice (the second run answers from the
saved optimised graph and the prediction cache):

    .venv/bin/python -m benchmarks.module_trips

The figures are counts, not times: they do not depend on the machine.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

PHOTO = Path(__import__("sklearn.datasets", fromlist=["_"]).__file__).parent / "images/china.jpg"


def entries(argv: list[str]) -> Counter[str]:
    """Calls into each ``app.core`` module from outside it while ``effnet argv`` runs."""
    from app.cli import main

    counted: Counter[str] = Counter()

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if event != "call":
            return
        module = frame.f_globals.get("__name__", "")
        caller = frame.f_back.f_globals.get("__name__", "") if frame.f_back else ""
        if module.startswith("app.core") and caller != module:
            counted[module] += 1

    threading.setprofile(profile)
    sys.setprofile(profile)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            main(argv)
    finally:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]
    return counted


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            os.environ[name] = str(Path(home) / name)
        folder = Path(home) / "photos"
        folder.mkdir()
        shutil.copy(PHOTO, folder)
        argv = ["classify", str(folder), "--model", "lite0", "--json"]
        for run in ("first run", "second run"):
            counted = entries(argv)
            print(f"{run}: {sum(counted.values())} entries into {len(counted)} core modules")
            for module, count in counted.most_common():
                print(f"  {count:5d}  {module}")


if __name__ == "__main__":
    main()
