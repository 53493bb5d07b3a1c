"""The user's language: English (the source texts) or Vietnamese, from Qt Linguist files.

The window's ``self.tr`` reads the compiled ``.qm`` through Qt's translator; the core and
the CLI, which stay free of Qt, read the same file here. Label names stay ImageNet's
English names: no licensed Vietnamese list of them exists.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from pathlib import Path

from app import paths

SOURCE_LANGUAGE = "en"
LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}  # each in its own words, for the menu
SYSTEM = "system"

QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_MESSAGES_SECTION = 0x69
_END, _TRANSLATION, _OBSOLETE, _SOURCE, _CONTEXT, _COMMENT = 1, 3, 5, 6, 7, 8

# How each language writes 1,234.5: its decimal mark and its thousands separator.
_NUMBER_MARKS = {"en": (".", ","), "vi": (",", ".")}

_messages: dict[tuple[str, str], str] = {}
_language = SOURCE_LANGUAGE


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def qm_file(language: str) -> Path:
    return translations_dir() / f"effnet_{language}.qm"


def translate(context: str, text: str) -> str:
    """``text`` in the chosen language (``text`` itself when it has no translation)."""
    return _messages.get((context, text), text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Marks ``text`` for the translation catalogue under ``context`` and returns it as it
    is, as Qt's macro of this name does, without importing Qt."""
    return text


def number(value: float, spec: str = "") -> str:
    """``format(value, spec)`` as the chosen language writes numbers: 29.8% and 1,024.5 in
    English, 29,8% and 1.024,5 in Vietnamese."""
    return _localised(format(value, spec))


def fill(template: str, **values: object) -> str:
    """``template.format(**values)``, with each number formatted by :func:`number`."""
    return _NUMBER_FORMATTER.vformat(template, (), values)


def _localised(formatted: str) -> str:
    point, group = _NUMBER_MARKS.get(_language, (".", ","))
    return formatted.translate({ord("."): point, ord(","): group})


class _NumberFormatter(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return number(value, format_spec)
        return super().format_field(value, format_spec)


_NUMBER_FORMATTER = _NumberFormatter()


def current() -> str:
    return _language


def use(language: str) -> bool:
    """Translate into ``language`` from now on; False (and English) when its file is
    missing or unreadable."""
    global _messages, _language
    _messages, _language = {}, SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE:
        return True
    try:
        messages = read_qm(qm_file(language).read_bytes())
    except (OSError, ValueError):
        return False
    _messages, _language = messages, language
    return True


def from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The first supported language named by ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or
    ``LANG`` (gettext's order), or None when they name none."""
    env = os.environ if environ is None else environ
    candidates = env.get("LANGUAGE", "").split(":")
    candidates += [env.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")]
    for candidate in candidates:
        code = candidate.split(".")[0].split("@")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
        if code in ("c", "posix"):
            return SOURCE_LANGUAGE
    return None


def read_qm(data: bytes) -> dict[tuple[str, str], str]:
    """(context, source text) → translation, from a ``.qm`` file as lrelease writes it
    (source texts and contexts kept, which is its default)."""
    if not data.startswith(QM_MAGIC):
        raise ValueError("not a Qt translation file")
    position = len(QM_MAGIC)
    messages: dict[tuple[str, str], str] = {}
    while position + 5 <= len(data):
        tag, length = data[position], int.from_bytes(data[position + 1 : position + 5], "big")
        start = position + 5
        if tag == _MESSAGES_SECTION:
            messages.update(_read_messages(data[start : start + length]))
        position = start + length
    return messages


def _read_messages(section: bytes) -> dict[tuple[str, str], str]:
    messages: dict[tuple[str, str], str] = {}
    context = source = translation = None
    position = 0
    while position < len(section):
        tag = section[position]
        position += 1
        if tag == _END:
            if context is not None and source is not None and translation:
                messages[(context, source)] = translation
            context = source = translation = None
            continue
        if tag == _OBSOLETE:
            position += 4
            continue
        length = int.from_bytes(section[position : position + 4], "big")
        position += 4
        if tag == _TRANSLATION:
            if length == 0xFFFFFFFF:
                continue  # a null translation
            if translation is None:  # later ones are plural forms
                translation = section[position : position + length].decode("utf-16-be")
        elif tag == _SOURCE:
            source = section[position : position + length].decode("utf-8")
        elif tag == _CONTEXT:
            context = section[position : position + length].decode("utf-8")
        elif tag != _COMMENT:
            raise ValueError(f"unknown record {tag:#x} in a translation file")
        position += length
    return messages
