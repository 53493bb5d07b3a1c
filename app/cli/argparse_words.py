"""argparse's own words ("usage:", "options", its error messages) in the user's language.

argparse reads them through gettext's default domain, which holds no translation of ours;
:func:`translate_argparse` makes it read them from the app's catalogue instead, under the
context "argparse". ``WORDS`` lists the ones a user can meet, for the catalogue; a test
checks that they are this Python's argparse's own.
"""

from __future__ import annotations

import argparse

from app.i18n import QT_TRANSLATE_NOOP, translate

WORDS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s arguments"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def translate_argparse() -> None:
    """From now on argparse speaks the language :func:`app.i18n.use` chose."""
    argparse._ = _words  # type: ignore[attr-defined]
    argparse.ngettext = _plural_words  # type: ignore[attr-defined]


def _words(text: str) -> str:
    return translate("argparse", text)


def _plural_words(singular: str, plural: str, count: int) -> str:
    return _words(singular if count == 1 else plural)
