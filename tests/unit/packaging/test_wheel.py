"""The wheel holds everything the app reads (icons, translations, data), installs as pipx
would — a fresh environment, no PyTorch — and runs there in both languages."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import tomllib

from tests.support.photos import CHINA

ROOT = Path(__file__).resolve().parents[3]
FORBIDDEN = ("torch==", "torchvision==", "onnx==", "nvidia-", "triton==")  # the full edition's


def test_every_package_of_the_app_is_listed_for_the_wheel() -> None:
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "app").rglob("__init__.py")
    }
    assert set(listed) == found | {"app.resources"}


def _folder_megabytes(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 2**20


@pytest.mark.slow
def test_the_wheel_installs_without_pytorch_and_runs_in_both_languages(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("efficientnet_desktop-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python, effnet = venv / "bin" / "python", venv / "bin" / "effnet"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        check=True, capture_output=True, timeout=900,
    )  # fmt: skip
    installed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze"],
        check=True, capture_output=True, text=True,
    ).stdout.lower()  # fmt: skip
    assert not [line for line in installed.splitlines() if line.startswith(FORBIDDEN)]
    size = _folder_megabytes(venv)
    print(f"\nwheel {wheel.stat().st_size / 2**20:.1f} MB, environment {size:.0f} MB")
    # PySide6 is 234 MB and OpenVINO 180 MB (pip installs all its plugins; the bundle keeps
    # the CPU's); PyTorch's CUDA build would be 6 GB.
    assert size < 800

    home = tmp_path / "home"
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(home), "LANGUAGE": "en",
        "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"), "QT_QPA_PLATFORM": "offscreen",
    }  # fmt: skip

    def run(*arguments: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(effnet), *arguments], env={**env, **extra}, cwd=tmp_path,
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip

    assert run("--version").stdout.strip().endswith("standard edition")
    missing = tmp_path / "missing.jpg"
    assert f"{missing}: không tìm thấy tệp" in run("classify", str(missing), LANGUAGE="vi").stderr
    assert f"{missing}: file not found" in run("classify", str(missing)).stderr
    started = time.monotonic()
    answered = run("classify", str(CHINA))
    print(f"first answer in a fresh environment: {time.monotonic() - started:.1f} s")
    assert answered.returncode == 0 and "palace" in answered.stdout
    on_openvino = run("classify", "--engine", "openvino", "--no-cache", str(CHINA))
    assert on_openvino.returncode == 0 and "palace" in on_openvino.stdout
    assert not (home / "intel").exists()  # OpenVINO's telemetry stays out
    explained = run("explain", str(CHINA), "--out", str(tmp_path / "where.png"))
    assert explained.returncode == 0 and (tmp_path / "where.png").stat().st_size > 10_000
    assert run("install-desktop-entry").returncode == 0  # its entry and icons, from the wheel
    entry = home / "data" / "applications" / "io.github.efficientnet_desktop.desktop"
    assert f'Exec="{effnet}" %F' in entry.read_text(encoding="utf-8")
    window = subprocess.run(
        [str(python), "-c", WINDOW], env={**env, "LANGUAGE": "vi"},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert window.returncode == 0, window.stderr
    assert window.stdout.split("\n")[0] == "icon: yes, menu: Tệp"


WINDOW = """
import time
from PySide6.QtWidgets import QApplication
from app.ui.app import app_icon, launch
from app.ui.language import install_language
from app.ui.settings import Settings
import os
application = QApplication([])
install_language(application, "vi")
window = launch([], Settings.at(os.path.join(os.environ["HOME"], "s.ini")))
deadline = time.monotonic() + 120
while not window.controller.ready and time.monotonic() < deadline:
    application.processEvents()
icon = not app_icon().isNull() and not window.windowIcon().isNull()
menu = window.menuBar().actions()[0].text().replace("&", "")
print(f"icon: {'yes' if icon else 'no'}, menu: {menu}")
window.close()
"""
