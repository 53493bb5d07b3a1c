"""Code run as another user of the same computer: their own configuration folder, so their
own key for signing cache records and journals."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def another_user(home: Path) -> Iterator[None]:
    before = os.environ["XDG_CONFIG_HOME"]
    os.environ["XDG_CONFIG_HOME"] = str(home / "someone-else")
    try:
        yield
    finally:
        os.environ["XDG_CONFIG_HOME"] = before
