"""effnet install-desktop-entry: a valid desktop entry that runs this installation's
effnet, the icons at every size, and --uninstall removing exactly those."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app import APP_ID
from app.cli import main


def test_the_entry_is_valid_runs_this_effnet_and_goes_away_again(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    neighbour = home / "applications" / "other.desktop"
    neighbour.parent.mkdir(parents=True)
    neighbour.write_text("[Desktop Entry]\n", encoding="utf-8")
    assert main(["install-desktop-entry"]) == 0
    entry = home / "applications" / f"{APP_ID}.desktop"
    checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    text = entry.read_text(encoding="utf-8")
    assert f'Exec="{Path(sys.executable).parent / "effnet"}" %F' in text
    assert "MimeType=image/jpeg;image/png;" in text and f"Icon={APP_ID}" in text
    icons = sorted((home / "icons" / "hicolor").rglob(f"{APP_ID}.*"))
    assert len(icons) == 9 and all(icon.stat().st_size > 0 for icon in icons)
    assert "in the desktop's menus" in capsys.readouterr().out
    assert main(["install-desktop-entry", "--uninstall"]) == 0
    assert not entry.exists() and not list((home / "icons").rglob(f"{APP_ID}.*"))
    assert neighbour.exists() and "Removed 10 files" in capsys.readouterr().out
