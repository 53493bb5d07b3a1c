"""Under LANGUAGE=vi the command speaks Vietnamese all the way: argparse's own words, every
command's help, a folder run's table and summary, and explain. Each printed line is checked
against the catalogue: no English text the catalogue translates may be left in it."""

from __future__ import annotations

import argparse
import ast
import html
import inspect
import re
from pathlib import Path

import pytest

from app.cli import main
from app.cli.argparse_words import WORDS
from tests.support.photos import CHINA, FLOWER

CATALOGUE = Path(__file__).parents[3] / "resources" / "translations" / "effnet_vi.ts"


def english_phrases() -> set[str]:
    """The catalogue's English texts that differ from their translation, cut at their
    placeholders into phrases of two words or more (what a sentence left in English shows)."""
    text = CATALOGUE.read_text(encoding="utf-8")
    phrases = set()
    for source, translation in re.findall(
        r"<source>(.*?)</source>\s*<translation>(.*?)</translation>", text, re.S
    ):
        if source == translation:
            continue
        plain = re.sub(r"<[^>]+>", " ", html.unescape(source)).replace("&", "")
        for piece in re.split(r"\{[^}]*\}|%\([^)]*\)[a-z]|%[a-z]", plain):
            words = re.findall(r"[A-Za-z][A-Za-z'-]*", piece)
            if len(words) >= 2:
                phrases.add(" ".join(words).lower())
    return phrases


def english_in(output: str, phrases: set[str]) -> list[tuple[str, str]]:
    found = []
    for line in output.splitlines():
        words = " ".join(re.findall(r"[A-Za-z][A-Za-z'-]*", line)).lower()
        found += [(line, phrase) for phrase in phrases if re.search(rf"\b{phrase}\b", words)]
    return found


@pytest.fixture
def in_vietnamese(vietnamese, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANGUAGE", "vi")


def printed(capsys, *arguments: str) -> str:  # type: ignore[no-untyped-def]
    try:
        main(list(arguments))
    except SystemExit as stop:  # --help stops argparse's way
        assert stop.code == 0
    out, err = capsys.readouterr()
    return out + err


def test_the_phrases_would_find_english_left_behind(capsys) -> None:
    phrases = english_phrases()
    assert len(phrases) > 300
    english = printed(capsys, "classify", "--help")  # LANGUAGE=en in the tests
    assert ("  -h, --help            show this help message and exit",
            "show this help message and exit") in english_in(english, phrases)  # fmt: skip


def test_help_a_folder_run_and_explain_print_no_english_sentence(
    capsys, in_vietnamese, tmp_path: Path
) -> None:
    phrases = english_phrases()
    folder = tmp_path / "ảnh"
    folder.mkdir()
    for photo in (CHINA, FLOWER):
        (folder / photo.name).write_bytes(photo.read_bytes())
    outputs = {
        "--help": printed(capsys, "--help"),
        "classify --help": printed(capsys, "classify", "--help"),
        "classify": printed(capsys, "classify", str(folder)),
        "classify again": printed(capsys, "classify", str(folder)),  # stored answers
        "explain": printed(capsys, "explain", str(CHINA)),
    }
    for name, output in outputs.items():
        assert english_in(output, phrases) == [], name
    assert outputs["--help"].startswith("cách dùng: effnet")
    assert "tùy chọn:" in outputs["classify --help"]
    assert "Chưa chắc — có thể là palace" in outputs["classify"]  # the sentence, in Vietnamese
    assert "29,8%" in outputs["classify"]  # a decimal comma, as Vietnamese writes numbers
    assert "2 câu trả lời lưu từ các lần chạy trước" in outputs["classify again"]
    assert "trên cpu, fp32, đã trả lời trong một lần chạy trước" in outputs["classify again"]
    assert "mô hình nhìn nhiều nhất vào" in outputs["explain"]


def test_a_usage_error_is_said_in_vietnamese(capsys, in_vietnamese) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["classify", "--top", "0", str(CHINA)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "effnet classify: lỗi: tham số --top: phải từ 1 trở lên" in err
    assert english_in(err, english_phrases()) == []


def test_the_words_given_to_translators_are_this_pythons_argparse_words() -> None:
    """A Python whose argparse changed a word would show it in English: caught here."""
    source = ast.parse(inspect.getsource(argparse))
    asked = {
        node.args[0].value
        for node in ast.walk(source)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        and node.func.id in ("_", "ngettext") and isinstance(node.args[0], ast.Constant)
    } | {
        node.args[1].value
        for node in ast.walk(source)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        and node.func.id == "ngettext" and isinstance(node.args[1], ast.Constant)
    }  # fmt: skip
    assert set(WORDS) <= asked
