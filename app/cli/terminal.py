"""Terminal output: tables, and download and photo-count progress lines (only when stderr
is a terminal)."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import TextIO

from app.core.weights.download import DownloadProgress

MB = 1024 * 1024


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """A plain-text table; columns whose index is in ``right`` are right-aligned."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def format_megabytes(size: int | None) -> str:
    return "?" if size is None else f"{size / MB:.1f} MB"


class ProgressLine:
    """Redraws one line on a terminal; silent when the stream is not a terminal."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(self.stream) and self.stream.isatty()
        self._drawn = False

    def __call__(self, progress: DownloadProgress) -> None:
        if not self.enabled:
            return
        done = progress.done / MB
        text = f"{self.label}: {done:.1f}"
        if progress.total:
            share = progress.done / progress.total
            bar = "#" * int(share * 24)
            text += f" / {progress.total / MB:.1f} MB [{bar:<24}] {share:4.0%}"
        else:
            text += " MB"
        text += f"  {progress.rate / MB:.1f} MB/s"
        self.stream.write("\r" + text.ljust(78))
        self.stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False


class CountLine:
    """ "312 / 1000 photos · 41.2 photos/s · 17 s left" on a terminal; silent otherwise."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() and total > 1
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if not self.enabled or (now - self._drawn < 0.2 and self.done < self.total):
            return
        rate = self.done / max(now - self.started, 1e-6)
        left = (self.total - self.done) / rate
        text = f"{self.done} / {self.total} photos · {rate:.1f} photos/s · {left:.0f} s left"
        self.stream.write("\r" + text.ljust(70))
        self.stream.flush()
        self._drawn = now

    def finish(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
