"""Which edition this installation is.

The standard edition runs every built-in model on the CPU with ONNX Runtime and has no
PyTorch; the full edition adds PyTorch for NVIDIA GPUs (and Apple's MPS). An installation
is the full edition exactly when PyTorch can be imported, so a source checkout with torch
installed counts as full too.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache

STANDARD, FULL = "standard", "full"
# The package, download and folder name of the full edition's installers.
FULL_EDITION_PACKAGE = "efficientnet-desktop-full"
# What adds the full edition to a pip or pipx installation.
FULL_EDITION_EXTRA = 'pip install "efficientnet-desktop[full]"'


@cache
def edition() -> str:
    try:
        return FULL if importlib.util.find_spec("torch") is not None else STANDARD
    except ImportError:  # a finder that refuses torch outright
        return STANDARD


def full_edition_hint() -> str:
    """How to get the full edition from here: its installer beside a bundled app, the
    extra for an app installed with pip (or run from a source tree)."""
    if getattr(sys, "frozen", False):
        return FULL_EDITION_PACKAGE
    return FULL_EDITION_EXTRA


def describe() -> str:
    """ "0.1.0, standard edition" — for ``--version``, About and the log."""
    from app import __version__

    return f"{__version__}, {edition()} edition"
