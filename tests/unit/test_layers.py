"""The engine stays free of Qt, so the CLI and tests use it without a screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import app.core


def test_core_imports_no_qt() -> None:
    modules = sorted(
        f"app.core.{p.stem}" for p in Path(app.core.__file__).parent.glob("*.py")
        if p.stem != "__init__"
    )  # fmt: skip
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules)
    code += "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
