"""``effnet install-desktop-entry``: the app in the desktop's menus, with its icon and the
photo types it opens, for an installation made with pip or pipx (the .deb brings its own).

The entry is the one the .deb installs (``resources/linux``), its command pointed at this
installation's ``effnet``; the icons are the app's. Everything goes under the user's data
folder (``$XDG_DATA_HOME``, else ``~/.local/share``), and ``--uninstall`` removes exactly
what was put there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from app import APP_ID, paths
from app.core.files import save_bytes
from app.i18n import translate

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def register(commands: Any) -> None:
    entry = commands.add_parser(
        "install-desktop-entry",
        help=translate(
            "Cli", "add the app to the desktop's menus (for pip and pipx installations)"
        ),
    )
    entry.add_argument("--uninstall", action="store_true", help=translate("Cli", "remove it again"))
    entry.set_defaults(run=run_desktop_entry)


def data_home() -> Path:
    configured = Path(os.environ.get("XDG_DATA_HOME", ""))
    return configured if configured.is_absolute() else Path.home() / ".local" / "share"


def placed(home: Path) -> dict[Path, Path]:
    """Where each file goes → the app's file it comes from."""
    icons = paths.resources_dir() / "icons"
    files = {
        home / "applications" / f"{APP_ID}.desktop": paths.resources_dir()
        / "linux"
        / f"{APP_ID}.desktop"
    }
    for size in ICON_SIZES:
        files[home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = (
            icons / f"effnet-{size}.png"
        )
    files[home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"] = icons / "effnet.svg"
    return files


def entry_text(source: Path, command: Path) -> str:
    """The .deb's entry, run by ``command`` (quoted as the desktop entry format asks)."""
    quoted = '"' + str(command).replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = source.read_text(encoding="utf-8").splitlines()
    return "".join(
        (f"Exec={quoted} %F" if line.startswith("Exec=") else line) + "\n" for line in lines
    )


def effnet_command() -> Path:
    """This installation's ``effnet`` (beside its Python, as pip and pipx put it)."""
    beside = Path(sys.executable).parent / "effnet"
    if beside.is_file():
        return beside
    found = shutil.which("effnet")
    return Path(found).resolve() if found else beside


def run_desktop_entry(args: argparse.Namespace) -> int:
    home = data_home()
    files = placed(home)
    if args.uninstall:
        removed = 0
        for target in files:
            if target.is_file() and not target.is_symlink():
                target.unlink()
                removed += 1
        print(translate("Desktop", "Removed {count} files from {folder}").format(
            count=removed, folder=home))  # fmt: skip
    else:
        for target, source in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.suffix == ".desktop":
                save_bytes(target, entry_text(source, effnet_command()).encode())
            else:
                save_bytes(target, source.read_bytes())
        print(translate("Desktop", "{app} is in the desktop's menus ({entry})").format(
            app="EfficientNet Desktop", entry=next(iter(files))))  # fmt: skip
    if shutil.which("update-desktop-database"):  # menus and "Open with" see the change now
        subprocess.run(
            ["update-desktop-database", str(home / "applications")], capture_output=True,
            check=False, timeout=60,
        )  # fmt: skip
    return 0
