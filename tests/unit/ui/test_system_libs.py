"""``make run`` names the system libraries Qt's X11 plugin lacks, in one apt-get line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.system_libs import missing_libraries, package_for, xcb_plugin_files

# What ldd printed for Qt's xcb plugin on a fresh Debian 12 without X11 extras.
LDD_ON_A_FRESH_DEBIAN = """\
\tlinux-vdso.so.1 (0x00007ffd0b1f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0e0c000000)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0e0bc00000)
"""


def test_not_found_libraries_are_listed_once_in_order() -> None:
    assert missing_libraries(LDD_ON_A_FRESH_DEBIAN) == [
        "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libEGL.so.1", "libegl1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
    ],
)
def test_debian_package_names(soname: str, package: str) -> None:
    assert package_for(soname) == package


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux's")
def test_the_check_prints_one_apt_line_for_everything_missing(tmp_path: Path) -> None:
    assert xcb_plugin_files(), "PySide6's xcb plugin should be found"
    fake_ldd = tmp_path / "ldd"
    fake_ldd.write_text(f"#!/bin/sh\ncat <<'END'\n{LDD_ON_A_FRESH_DEBIAN}END\n")
    fake_ldd.chmod(0o755)
    env = dict(os.environ, PATH=f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(
        [sys.executable, "-m", "app.ui.system_libs"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].strip() == (
        "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0"
    )
    assert "PySide6" not in result.stderr and "Traceback" not in result.stderr
