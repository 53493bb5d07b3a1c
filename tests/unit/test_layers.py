"""Imports run downwards (command line, window, workers, core, leaves) and the engine stays
free of Qt, so the CLI and tests use it without a screen."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import app.core

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """import-linter over ``tree`` (holding ``app/`` and ``pyproject.toml``)."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tree), "HOME": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def test_the_tree_keeps_its_layers(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "app", tree / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree)
    kept = _lint_imports(tree)
    assert kept.returncode == 0, kept.stdout
    assert "3 kept, 0 broken" in kept.stdout
    # The same tree with one core module importing the window's settings fails.
    errors = tree / "app" / "core" / "errors.py"
    errors.write_text(errors.read_text() + "\nimport app.ui.settings  # noqa: E402, F401\n")
    broken = _lint_imports(tree)
    assert broken.returncode != 0
    assert "app.core.errors -> app.ui.settings" in broken.stdout
    assert "Imports run downwards: command line, window, workers, core, leaves BROKEN" in (
        broken.stdout
    )


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
