"""Finished benchmark runs kept in the user's data folder, to compare later runs with: the
Compare view keeps each run, and ``effnet benchmark --keep`` / ``--kept`` do the same."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from app.core.benchmark.report import BenchmarkReport
from app.core.errors import EffnetError, os_reason
from app.core.files import save_bytes
from app.i18n import translate

FILE_TIME = "%Y-%m-%d_%H%M%S"  # file names sort by time
SHOWN_TIME = "%Y-%m-%d %H:%M:%S"
KEPT_NAME = re.compile(r"(?P<time>\d{4}-\d\d-\d\d_\d{6})(?:-(?P<count>\d+))?")


@dataclass(frozen=True)
class KeptRun:
    path: Path

    @property
    def name(self) -> str:
        """When the run was kept, as the list and the chart's legend both show it."""
        kept = KEPT_NAME.fullmatch(self.path.stem)
        if kept is None:
            return self.path.stem  # a file put there by hand keeps its name
        shown = time.strftime(SHOWN_TIME, time.strptime(kept["time"], FILE_TIME))
        return f"{shown} ({kept['count']})" if kept["count"] else shown

    def order(self) -> tuple[str, int]:
        """Sorts kept runs by time (then number); files put there by hand come after them."""
        kept = KEPT_NAME.fullmatch(self.path.stem)
        if kept is None:
            return "", 0
        return kept["time"], int(kept["count"] or 1)

    def load(self) -> BenchmarkReport:
        return BenchmarkReport.load(self.path)


class KeptRuns:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def keep(self, report: BenchmarkReport, when: float | None = None) -> KeptRun:
        """Save ``report`` under the time it finished (a second run in the same second
        gets a number); raises :class:`EffnetError` saying why it could not be kept."""
        stamp = time.strftime(FILE_TIME, time.localtime(when))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise EffnetError(
                translate("Errors", "could not keep this run: {reason}").format(
                    reason=os_reason(error)
                )
            ) from None
        path, count = self.folder / f"{stamp}.json", 1
        while path.exists():
            count += 1
            path = self.folder / f"{stamp}-{count}.json"
        save_bytes(path, report.dumps().encode())
        return KeptRun(path)

    def runs(self) -> list[KeptRun]:
        """Every kept run, newest first."""
        if not self.folder.is_dir():
            return []
        found = [KeptRun(path) for path in self.folder.glob("*.json") if path.is_file()]
        return sorted(found, key=KeptRun.order, reverse=True)
