"""What the folder table's answers can become, from the window: a spreadsheet, the JSON of
``effnet classify --json``, keywords photo managers read, photos sorted into folders (and
put back). The work runs on the pool; the status line says how it went."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.core.errors import EffnetError, os_reason
from app.core.files import save_bytes
from app.core.folders.sort_journal import COPY, MOVE
from app.core.folders.sorting import counts, journal_path, plan, sort_photos, undo
from app.core.folders.xmp import KEYWORD_CONFIDENCE, XmpError, keywords, write_sidecar
from app.core.inference.predictions import Prediction
from app.core.inference.reports import prediction_json, write_csv
from app.ui.widgets.folder_panel import UNSURE_BELOW, FolderModel
from app.ui.widgets.status_panel import StatusPanel
from app.workers.tasks import BackgroundTask


class FolderActions(QObject):
    journal_changed = Signal(bool)  # whether there is a sort to undo
    photos_moved = Signal(object)  # dict {old path: new path}: the table follows its photos

    def __init__(
        self,
        model: FolderModel,
        status: StatusPanel,
        run_task: Callable[[BackgroundTask], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.status = status
        self.run_task = run_task
        self.window = parent
        self.last_journal: Path | None = None

    def answers(self) -> dict[Path, Prediction]:
        return {p: o for p, o in self.model.outcomes.items() if isinstance(o, Prediction)}

    # With dialogs

    def ask_csv(self) -> None:
        file, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export a spreadsheet"), self._suggested("csv"),
            self.tr("CSV spreadsheet (*.csv)"),
        )  # fmt: skip
        if file:
            self.export(Path(file), "csv")

    def ask_json(self) -> None:
        file, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export results"), self._suggested("json"), "JSON (*.json)"
        )
        if file:
            self.export(Path(file), "json")

    def ask_sort(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Sort the photos into folders in…"), str(Path.home())
        )
        if not folder:
            return
        placements = plan(self._top_answers(), UNSURE_BELOW)
        lines = "\n".join(f"{count} → {name}" for name, count in sorted(counts(placements).items()))
        box = QMessageBox(self.window)
        box.setWindowTitle(self.tr("Sort into folders"))
        box.setText(
            self.tr("{count} photos go into these folders in {folder}:").format(
                count=len(placements), folder=folder
            )
        )
        box.setInformativeText(lines)
        copy = box.addButton(self.tr("&Copy them"), QMessageBox.ButtonRole.AcceptRole)
        move = box.addButton(self.tr("&Move them"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() in (copy, move):
            self.sort(Path(folder), COPY if box.clickedButton() is copy else MOVE)

    def _suggested(self, suffix: str) -> str:
        photos = self.model.photos
        folder = photos[0].parent if photos else Path.home()
        return str(folder / f"{folder.name or 'photos'}-answers.{suffix}")

    # The work

    def export(self, path: Path, kind: str) -> None:
        answers = self.answers()
        errors = {p: o for p, o in self.model.outcomes.items() if not isinstance(o, Prediction)}

        def write(_token: object, _report: object) -> str:
            if kind == "csv":
                write_csv(path, answers, 5)
            else:
                results = [prediction_json(str(p), o) for p, o in answers.items()]
                results += [{"image": str(p), "error": o.message} for p, o in errors.items()]
                text = json.dumps({"results": results}, indent=2)
                save_bytes(path, text.encode())
            return self.tr("Saved {count} answers to {path}").format(count=len(answers), path=path)

        self._run(write, self.tr("Saving {name}…").format(name=path.name))

    def write_keywords(self, min_confidence: float = KEYWORD_CONFIDENCE) -> None:
        """Sidecars beside the photos: the photos themselves are not touched."""
        answers = self.answers()

        def write(_token: object, _report: object) -> str:
            written, failed = 0, []
            for photo, prediction in answers.items():
                words = keywords(prediction.top, min_confidence)
                if not words:
                    continue
                try:
                    write_sidecar(photo, words)
                    written += 1
                except XmpError as error:
                    failed.append(str(error))
            if failed:
                raise XmpError(
                    self.tr("{written} keyword files written; {count} failed, first: {first}")
                    .format(written=written, count=len(failed), first=failed[0])
                )  # fmt: skip
            return self.tr(
                "Keywords written beside {count} photos (photo.jpg.xmp), for your photo manager"
            ).format(count=written)

        self._run(write, self.tr("Writing keywords…"))

    def sort(self, into: Path, mode: str) -> None:
        placements = plan(self._top_answers(), UNSURE_BELOW)
        journal = journal_path(into)
        placed: list[tuple[Path, Path]] = []

        def work(_token: object, _report: object) -> str:
            problems: list[str] = []
            placed.extend(
                sort_photos(
                    placements, into, mode, journal, lambda p, m: problems.append(f"{p.name}: {m}")
                )
            )
            verb = self.tr("moved") if mode == MOVE else self.tr("copied")
            message = self.tr("{done} photos {verb} into {into}; File ▸ Undo sort puts them back")
            text = message.format(done=len(placed), verb=verb, into=into)
            if problems:
                text += self.tr(" ({count} left where they were: {first})").format(
                    count=len(problems), first=problems[0]
                )
            return text

        def sorted_photos() -> None:
            self.last_journal = journal
            self.journal_changed.emit(True)
            if mode == MOVE:
                self.photos_moved.emit(dict(placed))

        self._run(
            work, self.tr("Sorting {count} photos…").format(count=len(placements)), sorted_photos
        )

    def undo_sort(self) -> None:
        journal = self.last_journal
        if journal is None:
            return
        put: list[tuple[Path, Path]] = []

        def work(_token: object, _report: object) -> str:
            problems: list[str] = []
            put.extend(undo(journal, lambda p, m: problems.append(f"{p.name} {m}")))
            text = self.tr("{done} photos put back").format(done=len(put))
            if problems:
                text += f" ({'; '.join(problems[:3])})"
            return text

        def put_back() -> None:
            self.last_journal = None
            self.journal_changed.emit(False)
            self.photos_moved.emit(dict(put))

        self._run(work, self.tr("Putting the photos back…"), put_back)

    def _top_answers(self) -> list[tuple[Path, str, float]]:
        return [(p, o.top[0].label, o.top[0].probability) for p, o in self.answers().items()]

    def _run(
        self,
        work: Callable[[object, object], str],
        busy: str,
        then: Callable[[], None] | None = None,
    ) -> None:
        """``work`` on the pool; its text in the status line, and ``then`` on success."""

        def guarded(token: object, report: object) -> str:
            try:
                return work(token, report)
            except OSError as error:
                where = f" {error.filename}" if error.filename else ""
                raise EffnetError(
                    self.tr("could not write{where}: {error}").format(
                        where=where, error=os_reason(error)
                    )
                ) from None

        def succeeded(text: str) -> None:
            if then is not None:
                then()
            self.status.show_idle(text)

        self.status.show_busy(busy)
        self.run_task(
            BackgroundTask(guarded).on(
                succeeded=succeeded,
                failed=lambda message: self.status.show_error("save", message),
            )
        )
