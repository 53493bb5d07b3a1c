"""Settings round-trip, and a hand-edited or old file's odd values read as the defaults."""

from __future__ import annotations

from pathlib import Path

from app.ui.settings import Settings


def test_values_round_trip_through_the_file(tmp_path: Path) -> None:
    settings = Settings.at(tmp_path / "s.ini")
    settings.model, settings.threads, settings.show_heatmap = "b3", 4, True
    settings.heatmap_opacity, settings.mirror = 70, "  https://mirror.example/w/ \n"
    settings.sync()
    again = Settings.at(tmp_path / "s.ini")
    assert (again.model, again.threads, again.show_heatmap) == ("b3", 4, True)
    assert again.heatmap_opacity == 70 and again.mirror == "https://mirror.example/w/"
    assert again.show_details is False and again.language == "system"  # the defaults


def test_odd_values_read_as_defaults_or_within_their_range(tmp_path: Path) -> None:
    ini = tmp_path / "s.ini"
    ini.write_text(
        "[engine]\nthreads=many\n[view]\nheatmap=yes please\nheatmap_opacity=250\n"
        "[files]\nrecent=/one/photo.jpg\n",
        encoding="utf-8",
    )
    settings = Settings.at(ini)
    assert settings.threads == 0 and settings.show_heatmap is False
    assert settings.heatmap_opacity == 100
    assert settings.recent_files == ["/one/photo.jpg"]
