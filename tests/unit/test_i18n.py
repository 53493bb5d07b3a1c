"""Translations: the .ts is complete and current, the core reads the compiled file as Qt
does, and the CLI speaks the language LANGUAGE / LANG name."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app import i18n
from tests.support.translations import TOOLS, TS_DIR, compiled_translations

ROOT = TS_DIR.parent.parent
FIELDS = re.compile(r"\{[^{}]*\}")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = translation
    return found


def test_every_text_has_a_finished_vietnamese_translation_with_the_same_fields() -> None:
    found = messages(TS_DIR / "effnet_vi.ts")
    assert len(found) > 400
    for (context, source), translation in found.items():
        assert translation.get("type") is None, f"{context}: {source!r} is not finished"
        assert (translation.text or "").strip(), f"{context}: {source!r} has no translation"
        assert sorted(FIELDS.findall(translation.text or "")) == sorted(FIELDS.findall(source))


def test_the_translation_file_lists_exactly_the_texts_the_code_has(tmp_path) -> None:
    """lupdate run now finds no text the .ts lacks, and none it no longer needs."""
    sources = subprocess.run(
        ["git", "ls-files", "app/*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    fresh = tmp_path / "fresh.ts"
    fresh.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="vi_VN" sourcelanguage="en"></TS>\n'
    )
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
         *sources, "-ts", str(fresh)],
        cwd=ROOT, check=True,
    )  # fmt: skip
    assert set(messages(fresh)) == set(messages(TS_DIR / "effnet_vi.ts"))


def test_the_core_reads_the_compiled_file_as_qt_does(tmp_path_factory) -> None:
    from PySide6.QtCore import QTranslator

    folder = compiled_translations(tmp_path_factory)
    qm = folder / "effnet_vi.qm"
    ours = i18n.read_qm(qm.read_bytes())
    qt = QTranslator()
    assert qt.load(str(qm))
    assert len(ours) == len(messages(TS_DIR / "effnet_vi.ts"))
    for (context, source), text in ours.items():
        assert qt.translate(context, source) == text


def test_a_file_that_is_not_a_translation_is_refused(tmp_path, monkeypatch) -> None:
    with pytest.raises(ValueError):
        i18n.read_qm(b"not a qm file")
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    (tmp_path / "effnet_vi.qm").write_bytes(b"junk")
    assert not i18n.use("vi") and i18n.current() == "en"
    assert i18n.translate("Errors", "no photos found") == "no photos found"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANGUAGE": "vi"}, "vi"),
        ({"LANGUAGE": "fr:vi_VN", "LANG": "en_GB.UTF-8"}, "vi"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LC_ALL": "C", "LANG": "vi_VN.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, None),
        ({}, None),
    ],
)
def test_the_language_comes_from_the_environment_in_gettexts_order(environ, expected) -> None:
    assert i18n.from_environment(environ) == expected


def test_vietnamese_texts_in_the_core(vietnamese) -> None:
    from app.core.inference.predictions import TopClass
    from app.core.inference.sentence import plain_answer

    assert i18n.current() == "vi"
    assert plain_answer([TopClass(1, 282, "tiger cat", 0.8)]) == "Có lẽ là tiger cat"
    weak = [TopClass(1, 665, "moped", 0.3), TopClass(2, 670, "motor scooter", 0.25)]
    assert plain_answer(weak) == "Chưa chắc — có thể là moped hoặc motor scooter"


def _effnet(environ: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LANG")}
    return subprocess.run(
        [sys.executable, "-m", "app", *arguments],
        env={**env, **environ}, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_committed_translations_are_compiled_from_their_sources(tmp_path_factory) -> None:
    """The .qm files are kept in git, so a wheel built anywhere carries them (decision 0013):
    they must be what lrelease makes of the .ts files now."""
    compiled = compiled_translations(tmp_path_factory)
    for ts in TS_DIR.glob("*.ts"):
        kept = ts.with_suffix(".qm")
        assert kept.read_bytes() == (compiled / kept.name).read_bytes(), (
            f"{kept.name} is stale: run make translations"
        )


def test_the_cli_speaks_vietnamese_when_language_says_so(tmp_path) -> None:
    missing = tmp_path / "missing.jpg"
    vietnamese = _effnet({"LANGUAGE": "vi"}, "classify", str(missing))
    assert vietnamese.returncode != 0
    assert f"effnet: {missing}: không tìm thấy tệp" in vietnamese.stderr
    for environ in ({"LANG": "vi_VN.UTF-8"}, {"LANGUAGE": "vi:en"}):
        assert "không tìm thấy tệp" in _effnet(environ, "classify", str(missing)).stderr
    english = _effnet({"LANG": "C.UTF-8"}, "classify", str(missing))
    assert english.returncode != 0 and f"{missing}: file not found" in english.stderr


def test_no_text_to_translate_hides_in_an_f_string() -> None:
    """lupdate does not look inside f-strings' fields: a tr() there is never translated."""
    hidden = re.compile(r"""\{\s*(self\.tr|translate|QCoreApplication\.translate)\(""")
    for source in (ROOT / "app").rglob("*.py"):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""\bf["']""", line):
                assert not hidden.search(line), f"{source.name}:{number}: {line.strip()}"


def test_numbers_are_written_as_the_chosen_language_writes_them(vietnamese) -> None:
    assert i18n.number(0.298, ".1%") == "29,8%"
    assert i18n.fill("{mb:,.1f} MB, {count} photos, {name}", mb=1234.5, count=3, name="a.b") == (
        "1.234,5 MB, 3 photos, a.b"  # a name keeps its dot: only numbers change
    )
    i18n.use(i18n.SOURCE_LANGUAGE)
    assert i18n.number(0.298, ".1%") == "29.8%"
    assert i18n.fill("{mb:,.1f} MB", mb=1234.5) == "1,234.5 MB"
