"""The journal of a sort: what undo needs to put every photo back, even after a crash.

One JSON object a line, each signed with this user's key (:mod:`app.core.signing`) over
its fields, the journal's id and its line number, and synced before the step it announces
begins:

- line 1, the header: the two folders the sort works in (``source``, ``into``);
- an *intent*, before a photo is touched: ``{"op", "from", "to", "staging", "sha256"}``;
- ``{"done": N}`` once the step on line N has finished;
- ``{"undo": N, "back": PATH, "staging": PATH}`` before undo puts the photo of step N back
  at ``back`` (copied through ``staging`` across drives), and ``{"undone": N}`` once it has.

So a kill at any point leaves a journal from which the state of every photo can be told:
a step without ``done`` may have happened or not, and undo finds out from the files. A
journal can be handed over like any file, so a line that is not signed with this user's
key, or names another journal's id or line, is not a step; a last line cut short by a
crash is skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core import signing
from app.core.errors import EffnetError, os_reason
from app.core.files import FileRefused, read_regular
from app.i18n import translate

FORMAT, VERSION = "effnet-sort-journal", 2
MAX_BYTES = 64 * 2**20
COPY, MOVE = "copy", "move"


class SortError(EffnetError):
    """A photo could not be sorted, or a journal cannot be undone."""


@dataclass
class Step:
    """One photo's step, with what the journal says has happened to it since."""

    line: int
    op: str
    source: Path
    target: Path
    staging: Path
    sha256: str
    done: bool = False
    back: Path | None = None  # where an undo began to put it back
    back_staging: Path | None = None  # and the name its copy had until it was checked
    undone: bool = False


@dataclass
class Journal:
    """An open journal, appended to a line at a time."""

    path: Path
    header: dict[str, Any]
    lines: int
    steps: dict[int, Step] = field(default_factory=dict)

    @property
    def source(self) -> Path:
        return Path(self.header["source"])

    @property
    def into(self) -> Path:
        return Path(self.header["into"])

    @classmethod
    def create(cls, path: Path, *, source: Path, into: Path) -> Journal:
        header = {"format": FORMAT, "version": VERSION, "id": uuid.uuid4().hex,
                  "source": str(source), "into": str(into)}  # fmt: skip
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=False)
        journal = cls(path, header, 0)
        try:
            journal.append(header)
        except OSError:
            path.unlink(missing_ok=True)
            raise
        return journal

    def append(self, fields: Mapping[str, object]) -> int:
        """Write ``fields`` as the next line, synced; returns its number. Raises OSError."""
        line = self.lines + 1
        context = {"line": line} if line == 1 else {"line": line, "journal": self.header["id"]}
        text = json.dumps({**fields, "signature": signing.sign({**fields, **context})})
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
            stream.flush()
            os.fsync(stream.fileno())
        self.lines = line
        return line

    def intend(self, op: str, source: Path, target: Path, staging: Path, sha256: str) -> Step:
        line = self.append({"op": op, "from": str(source), "to": str(target),
                            "staging": str(staging), "sha256": sha256})  # fmt: skip
        step = Step(line, op, source, target, staging, sha256)
        self.steps[line] = step
        return step


def read(path: Path, on_error: Callable[[Path, str], None]) -> Journal:
    """The journal at ``path``, its steps and what has happened to them. A line that is not
    one of this journal's is reported and skipped; so is a last line cut short by a crash.

    Raises :class:`SortError` when the file is not a journal this user's app wrote for the
    folder it lies in."""
    try:
        data = read_regular(path, MAX_BYTES)
    except (FileRefused, OSError) as error:
        reason = error if isinstance(error, FileRefused) else os_reason(error)
        raise SortError(
            translate("Errors", "cannot read {journal}: {strerror}").format(
                journal=path, strerror=reason
            )
        ) from None
    lines = data.decode("utf-8", errors="replace").split("\n")
    cut_short = lines.pop()  # "" when the file ends with a newline, as a whole journal does
    header = _signed(lines[0] if lines else cut_short, {"line": 1})
    if (
        header is None
        or header.get("format") != FORMAT
        or header.get("version") != VERSION
        or not isinstance(header.get("source"), str)
        or Path(str(header.get("into"))) != path.resolve().parent
    ):
        raise SortError(
            translate(
                "Errors",
                "{journal} is not a sorting journal this app wrote for you here; nothing was "
                "changed",
            ).format(journal=path)
        )
    journal = Journal(path, header, len(lines) + (1 if cut_short else 0))
    for number, line in enumerate(lines[1:], start=2):
        fields = _signed(line, {"line": number, "journal": header["id"]})
        if fields is None or not _apply(journal, number, fields):
            on_error(
                path,
                translate("Errors", "line {number} is not a step of this journal; skipped").format(
                    number=number
                ),
            )
    if cut_short and lines:
        on_error(
            path,
            translate(
                "Errors", "line {number} was cut short (a crash while writing?); skipped"
            ).format(number=len(lines) + 1),
        )
        with contextlib.suppress(OSError):  # undo's own lines then fail, and say so
            _end_line(path)
    return journal


def _apply(journal: Journal, number: int, fields: dict[str, Any]) -> bool:
    """Add what line ``number`` says to ``journal``; False if it says nothing it could."""
    paths = ("from", "to", "staging", "sha256")
    if fields.get("op") in (COPY, MOVE) and all(isinstance(fields.get(k), str) for k in paths):
        journal.steps[number] = Step(
            number, fields["op"], Path(fields["from"]), Path(fields["to"]),
            Path(fields["staging"]), fields["sha256"],
        )  # fmt: skip
        return True
    for key in ("done", "undo", "undone"):
        named = fields.get(key)
        if not isinstance(named, int):
            continue
        step = journal.steps.get(named)
        if step is None:
            return True  # about a step already reported as not one
        if key == "done":
            step.done = True
        elif key == "undone":
            step.undone = True
        elif isinstance(fields.get("back"), str) and isinstance(fields.get("staging"), str):
            step.back, step.back_staging = Path(fields["back"]), Path(fields["staging"])
        else:
            return False
        return True
    return False


def _end_line(path: Path) -> None:
    """End a line cut short, so that what undo appends starts on a line of its own."""
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write("\n")


def _signed(line: str, context: dict[str, object]) -> dict[str, Any] | None:
    """The JSON object on ``line`` if its signature, over it and ``context``, is this
    user's; else None."""
    try:
        fields = json.loads(line)
    except ValueError:
        return None
    if not isinstance(fields, dict):
        return None
    signature = fields.pop("signature", None)
    return fields if signing.verify({**fields, **context}, signature) else None
