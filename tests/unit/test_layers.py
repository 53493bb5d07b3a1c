"""Imports run downwards (command line, window, workers, core, leaves; inside the core, by
package) and the engine stays free of Qt, so the CLI and tests use it without a screen.
Modules stay small, or say why not."""

from __future__ import annotations

import ast
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
    assert "4 kept, 0 broken" in kept.stdout
    # The same tree with one core module importing the window's settings fails.
    errors = tree / "app" / "core" / "errors.py"
    errors.write_text(errors.read_text() + "\nimport app.ui.settings  # noqa: E402, F401\n")
    broken = _lint_imports(tree)
    assert broken.returncode != 0
    assert "app.core.errors -> app.ui.settings" in broken.stdout
    assert "Imports run downwards: command line, window, workers, core, leaves BROKEN" in (
        broken.stdout
    )


def test_the_core_packages_keep_their_order(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "app", tree / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree)
    # The weights store asking the classifier (a package above it) for something fails.
    store = tree / "app" / "core" / "weights" / "store.py"
    store.write_text(store.read_text() + "\nimport app.core.inference.classifier  # noqa\n")
    broken = _lint_imports(tree)
    assert broken.returncode != 0
    assert "app.core.weights.store -> app.core.inference.classifier" in broken.stdout
    assert "The core's packages depend downwards" in broken.stdout


def test_core_imports_no_qt() -> None:
    core = Path(app.core.__file__).parent
    modules = sorted(
        ".".join(("app", "core", *p.relative_to(core).with_suffix("").parts))
        for p in core.rglob("*.py")
        if p.stem != "__init__"
    )
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules)
    code += "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_long_modules_say_why_and_the_window_stays_under_500_lines() -> None:
    unexplained = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if lines > 400 and "because" not in docstring:
            unexplained.append(f"{path.relative_to(ROOT)} ({lines} lines)")
    assert unexplained == []
    assert len((ROOT / "app/ui/main_window.py").read_text().splitlines()) < 500
