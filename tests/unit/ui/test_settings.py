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
        "[meta]\nschema=2\n[engine]\nthreads=many\n[view]\nshow_heatmap=yes please\n"
        "heatmap_opacity=250\n"
        "[files]\nrecent=/one/photo.jpg\n",
        encoding="utf-8",
    )
    settings = Settings.at(ini)
    assert settings.threads == 0 and settings.show_heatmap is False
    assert settings.heatmap_opacity == 100
    assert settings.recent_files == ["/one/photo.jpg"]


def test_a_file_from_before_the_schema_keeps_its_values_under_the_new_names(
    tmp_path: Path,
) -> None:
    ini = tmp_path / "s.ini"
    ini.write_text(
        "[engine]\nmodel=b2\ncache_folder=/photos/weights\n[view]\nheatmap=true\ndetails=true\n",
        encoding="utf-8",
    )
    settings = Settings.at(ini)
    assert (settings.model, settings.cache_folder) == ("b2", "/photos/weights")
    assert settings.show_heatmap is True and settings.show_details is True
    settings.sync()
    written = ini.read_text(encoding="utf-8")
    assert "schema=2" in written and "heatmap=true" not in written.replace("show_heatmap", "")
    assert "cache_folder=/photos/weights" in written.split("[downloads]")[1]


def test_a_file_from_a_newer_version_is_read_and_left_as_it_is(tmp_path: Path) -> None:
    ini = tmp_path / "s.ini"
    text = "[meta]\nschema=9\n[view]\nheatmap=true\nshow_heatmap=false\n"
    ini.write_text(text, encoding="utf-8")
    settings = Settings.at(ini)
    assert settings.show_heatmap is False  # its own key, not renamed from the old one
    settings.sync()
    assert ini.read_text(encoding="utf-8") == text
