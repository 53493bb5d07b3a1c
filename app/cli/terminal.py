"""Terminal output: tables and a download progress line (only when stderr is a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from app.core.download import DownloadProgress

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
