"""A benchmark's results as files: JSON (the app's kept runs, ``--json``) and CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.core.benchmark.cases import CaseResult
from app.core.benchmark.environment import Environment
from app.core.errors import EffnetError, os_reason
from app.core.files import read_regular
from app.core.spreadsheet import safe_cell
from app.i18n import translate

MAX_REPORT_BYTES = 16 * 1024**2  # a run of every model, device and batch is under 1 MB


@dataclass
class BenchmarkReport:
    environment: Environment
    results: list[CaseResult] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "environment": asdict(self.environment),
            "results": [asdict(r) for r in self.results],
            "cancelled": self.cancelled,
        }

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> BenchmarkReport:
        environment = dict(document["environment"])
        environment["gpus"] = tuple(environment.get("gpus", ()))
        return cls(
            Environment(**environment),
            [CaseResult(**r) for r in document["results"]],
            bool(document.get("cancelled", False)),
        )

    def to_csv(self) -> str:
        buffer = io.StringIO()
        names = [f.name for f in fields(CaseResult)]
        writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for result in self.results:
            writer.writerow({name: safe_cell(value) for name, value in asdict(result).items()})
        return buffer.getvalue()

    @staticmethod
    def results_from_csv(text: str) -> list[CaseResult]:
        kinds = {f.name: str(f.type) for f in fields(CaseResult)}
        return [
            CaseResult(**{name: _from_csv(kinds[name], raw) for name, raw in row.items()})
            for row in csv.DictReader(io.StringIO(text))
        ]

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2)

    @classmethod
    def load(cls, path: Path) -> BenchmarkReport:
        """A report saved as JSON (by the app or by ``effnet benchmark --json``)."""
        try:
            return cls.from_json(json.loads(read_regular(path, MAX_REPORT_BYTES)))
        except OSError as error:
            raise EffnetError(
                translate("Errors", "{path}: cannot read ({strerror})").format(
                    path=path, strerror=os_reason(error)
                )
            ) from None
        except (ValueError, KeyError, TypeError) as error:
            raise EffnetError(
                translate("Errors", "{path}: not a benchmark results file ({error})").format(
                    path=path, error=error
                )
            ) from None


def _from_csv(kind: str, raw: str) -> Any:
    if raw == "" and "None" in kind:
        return None
    if kind.startswith("int"):
        return int(raw)
    if kind.startswith("float"):
        return float(raw)
    return raw
