"""The man pages are written from the argparse definitions: every command and option of
``effnet`` is in them, in valid roff."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from app.cli import build_parser
from tests.support.packaging_tools import load_tool

make_man = load_tool("make_man")


def _every_parser(parser: argparse.ArgumentParser, name: str = "effnet"):  # type: ignore[no-untyped-def]
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child_name, child in action.choices.items():
                yield from _every_parser(child, f"{name} {child_name}")


def test_every_command_and_option_is_documented(tmp_path: Path) -> None:
    assert make_man.main([str(tmp_path)]) == 0
    page = (tmp_path / "effnet.1").read_text(encoding="utf-8")
    commands = list(_every_parser(build_parser()))
    assert len(commands) > 8
    for name, parser in commands:
        if name != "effnet":
            assert f".SS {make_man.roff(name.removeprefix('effnet '))}\n" in page
        for action in parser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"\\fB{option.replace('-', chr(92) + '-')}\\fR" in page, (name, option)
    desktop = (tmp_path / "efficientnet-desktop.1").read_text(encoding="utf-8")
    assert "\\fBeffnet\\fR(1)" in desktop and ".SH FILES" in desktop


def test_text_is_escaped_for_roff() -> None:
    assert make_man.roff(".hidden") == "\\&.hidden"
    assert make_man.roff("a-b \\ c") == "a\\-b \\e c"
    page = make_man.effnet_page()
    # No line starts with a stray request: every line is a known macro or plain text.
    for line in page.splitlines():
        if line.startswith((".", "'")):
            assert re.match(r"\.(TH|SH|SS|TP|PP|br)\b", line), line
