"""The translations compiled from the .ts files in the tree, once per session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TS_DIR = ROOT / "resources" / "translations"
TOOLS = Path(sys.executable).parent
_compiled: dict[str, Path] = {}


def compiled_translations(factory: pytest.TempPathFactory) -> Path:
    if "dir" not in _compiled:
        folder = factory.mktemp("translations")
        for ts in TS_DIR.glob("*.ts"):
            _release(ts, folder / ts.with_suffix(".qm").name)
        _compiled["dir"] = folder
    return _compiled["dir"]


def _release(ts: Path, qm: Path) -> None:
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True
    )
