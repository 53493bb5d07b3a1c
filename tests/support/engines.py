"""Which CPU engine "auto" chose: it is measured on the machine, so tests ask it."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.inference.devices import physical_cores
from app.core.inference.engine_choice import CHOICE_FILE, faster_cpu_engine


def chosen_cpu_engine(cache: Path) -> str:
    """The engine "auto" runs on the CPU with this cache: as kept there by the process that
    measured it (a command run by the test), or as this process measured it."""
    kept = cache / CHOICE_FILE
    if kept.is_file():
        return str(json.loads(kept.read_text(encoding="utf-8"))["engine"])
    return faster_cpu_engine(cache, physical_cores())
