"""File ▸ New label set: the user's own labels, taught from piles of example photos.

The Piles tab holds the labels and their photos (dropped, added or read from a folder of
sub-folders) and says what to improve; Teach runs on the engine thread with a progress bar
and Cancel. The Results tab says how often it was right on photos it had not learned from,
per label, shows the confusion matrix and the photos it got wrong, which can be moved or
removed before teaching again; Use these labels keeps the set by name and chooses it.

It is long because its two tabs are one task: the results send photos back to the piles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.core.errors import EffnetError
from app.core.files import save_bytes
from app.core.models.catalog import Catalog
from app.core.models.label_sets import SUFFIX, label_problem
from app.core.teach.training import MIN_PHOTOS, Lesson, advice, piles_in
from app.core.weights.store import WeightsStore
from app.i18n import fill, number
from app.ui.widgets.confusion_table import ConfusionTable
from app.ui.widgets.opening_size import open_at
from app.ui.widgets.piles_table import PilesTable
from app.workers.teach_worker import TeachJob, TeachWorker

THUMBNAIL = 64


class TeachDialog(QDialog):
    job_submitted = Signal(object)  # TeachJob, to the worker on the engine thread
    label_set_kept = Signal(str)  # the id of the label set kept and chosen

    def __init__(
        self,
        catalog: Catalog,
        store: WeightsStore,
        attach_to_engine: Callable[[TeachWorker], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Teach your own labels"))
        self.catalog = catalog
        self.store = store
        self.lesson: Lesson | None = None
        self.running = False
        self.worker = TeachWorker(catalog, store)
        attach_to_engine(self.worker)
        self.job_submitted.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(self._on_taught)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self._build()
        self._on_piles_changed()
        open_at(self, 46, 34)

    # Construction

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.piles_tab = self._piles_tab()
        self.tabs.addTab(self.piles_tab, self.tr("&Piles"))
        self.tabs.addTab(self._results_tab(), self.tr("&Results"))
        self.tabs.setTabEnabled(1, False)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.teach_button = QPushButton(self.tr("&Teach"), self)
        self.teach_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Stop"), self)
        self.cancel_button.hide()
        self.teach_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.teach_button)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

    def _piles_tab(self) -> QWidget:
        tab = QWidget(self)
        intro = QLabel(
            self.tr(
                "Give each label example photos, at least 5 and the more the better: drop "
                "photos or folders on a label, or open a folder with one sub-folder per label. "
                "The app learns to tell the labels apart."
            ),
            tab,
        )
        intro.setWordWrap(True)
        self.piles = PilesTable(tab)
        self.piles.changed.connect(self._on_piles_changed)
        self.thumbnails_wanted = self.piles.thumbnail_wanted
        add_label = QPushButton(self.tr("Add a &label…"), tab)
        add_photos = QPushButton(self.tr("Add p&hotos…"), tab)
        from_folder = QPushButton(self.tr("&Open a folder of labels…"), tab)
        remove = QPushButton(self.tr("Re&move label"), tab)
        add_label.clicked.connect(self._ask_label)
        add_photos.clicked.connect(self._ask_photos)
        from_folder.clicked.connect(self._ask_folder)
        remove.clicked.connect(self._remove_label)
        buttons = QHBoxLayout()
        for button in (add_label, add_photos, from_folder, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.advice = QLabel(tab)
        self.advice.setObjectName("teachAdvice")
        self.advice.setWordWrap(True)
        self.model = QComboBox(tab)
        for spec in self.catalog.models():
            if self.store.status(spec).ready:
                self.model.addItem(spec.name, spec.id)
        self.name = QLineEdit(self.tr("my labels"), tab)
        self.augment = QCheckBox(
            self.tr("Also learn from each photo mirrored and seen &closer"), tab
        )
        self.augment.setToolTip(self.tr("Helps when a label has only a few photos; takes longer"))
        form = QFormLayout()
        form.addRow(self.tr("Learn on mo&del:"), self.model)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow("", self.augment)
        for row, field in ((0, self.model), (1, self.name)):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setBuddy(field)
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addWidget(self.piles, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.advice)
        layout.addLayout(form)
        return tab

    def _results_tab(self) -> QWidget:
        tab = QWidget(self)
        self.summary = QLabel(tab)
        self.summary.setObjectName("teachSummary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.summary.setFont(font)
        self.per_label = QTableWidget(0, 3, tab)
        self.per_label.setHorizontalHeaderLabels(
            [self.tr("Label"), self.tr("Photos"), self.tr("Recognised")]
        )
        self.per_label.verticalHeader().hide()
        self.per_label.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.confusion = ConfusionTable(tab)
        self.confusion_caption = QLabel(
            self.tr("Rows: the photos of each label. Columns: what they were taken for."), tab
        )
        self.confusion_caption.setWordWrap(True)
        self.mix_ups = QLabel(tab)
        self.mix_ups.setWordWrap(True)
        self.mistakes = QListWidget(tab)
        self.mistakes.setIconSize(self.mistakes.iconSize().expandedTo(
            QPixmap(THUMBNAIL, THUMBNAIL).size()))  # fmt: skip
        self.mistakes.setAccessibleName(self.tr("Photos it got wrong"))
        self.move_to = QComboBox(tab)
        move = QPushButton(self.tr("Mo&ve to this label"), tab)
        drop = QPushButton(self.tr("Remove from its pil&e"), tab)
        move.clicked.connect(self._move_mistake)
        drop.clicked.connect(self._remove_mistake)
        self.keep_button = QPushButton(self.tr("&Use these labels"), tab)
        self.keep_button.clicked.connect(self.keep)
        fixes = QHBoxLayout()
        fixes.addWidget(self.move_to, 1)
        fixes.addWidget(move)
        fixes.addWidget(drop)
        matrix = QVBoxLayout()
        matrix.addWidget(self.confusion_caption)
        matrix.addWidget(self.confusion, 1)
        tables = QHBoxLayout()
        tables.addWidget(self.per_label, 2)
        tables.addLayout(matrix, 3)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.summary)
        layout.addLayout(tables, 2)
        layout.addWidget(self.mix_ups)
        layout.addWidget(self.mistakes, 2)
        layout.addLayout(fixes)
        layout.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignRight)
        return tab

    # Piles

    def open_folder(self, folder: Path) -> None:
        """The folder's sub-folders as the labels, their photos as the piles."""
        try:
            self.piles.set_piles(piles_in(folder))
        except EffnetError as error:
            self.status.setText(str(error))
            return
        self.name.setText(folder.name)

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("A folder with one sub-folder of photos per label")
        )
        if folder:
            self.open_folder(Path(folder))

    def _ask_label(self) -> None:
        label, chosen = QInputDialog.getText(self, self.tr("New label"), self.tr("Label:"))
        if not chosen:
            return
        problem = label_problem(label.strip())
        if problem:
            self.status.setText(problem)
            return
        self.piles.selectRow(self.piles.add_label(label.strip()))

    def _ask_photos(self) -> None:
        row = self.piles.currentRow()
        if row < 0:
            self.status.setText(self.tr("Choose the label the photos show first."))
            return
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Photos of {label}").format(label=self.piles.label(row))
        )
        self.piles.add_photos(row, [Path(file) for file in files])

    def _remove_label(self) -> None:
        if self.piles.currentRow() >= 0:
            self.piles.remove_row(self.piles.currentRow())

    def _on_piles_changed(self) -> None:
        piles = self.piles.piles()
        said = []
        if len(piles.labels) >= 2 and all(piles.photos):
            said = advice(piles)
        self.advice.setText("\n".join(said))
        self.teach_button.setEnabled(self._problem() is None and not self.running)

    def _problem(self) -> str | None:
        """What stops teaching now, in words; None when it can start."""
        piles = self.piles.piles()
        if len(piles.labels) < 2:
            return self.tr("Add at least two labels.")
        for label in piles.labels:
            problem = label_problem(label)
            if problem:
                return problem
        if len({label.casefold() for label in piles.labels}) != len(piles.labels):
            return self.tr("Two labels have the same name.")
        short = [label for label, pile in zip(piles.labels, piles.photos, strict=True)
                 if len(pile) < MIN_PHOTOS]  # fmt: skip
        if short:
            return self.tr("Give {labels} at least {least} photos each.").format(
                labels=", ".join(short), least=MIN_PHOTOS
            )
        if self.model.currentData() is None:
            return self.tr("No model's weights are here to learn on.")
        return None

    def set_thumbnail(self, photo: Path, image: QImage) -> None:
        self.piles.set_thumbnail(photo, image)
        for index in range(self.mistakes.count()):
            item = self.mistakes.item(index)
            if item.data(Qt.ItemDataRole.UserRole) == str(photo):
                item.setIcon(QIcon(QPixmap.fromImage(image)))

    # Teaching

    def start(self) -> None:
        problem = self._problem()
        if problem is not None:
            self.status.setText(problem)
            return
        job = TeachJob(self.piles.piles(), str(self.model.currentData()), self.augment.isChecked())
        self._set_running(True)
        self.status.setText(self.tr("Looking at the photos…"))
        self.worker.expect(job)
        self.job_submitted.emit(job)

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.progress.setVisible(running)
        self.progress.setValue(0)
        self.cancel_button.setVisible(running)
        self.teach_button.setEnabled(not running)
        self.piles_tab.setEnabled(not running)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if done == total:
            self.status.setText(self.tr("Learning the labels…"))

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        self.status.setText(message)

    def _on_cancelled(self) -> None:
        self._set_running(False)
        self.status.setText(self.tr("Stopped. Nothing was learned; Teach starts again."))

    def _on_taught(self, lesson: Lesson) -> None:
        self._set_running(False)
        self.lesson = lesson
        evaluation = lesson.evaluation
        left_out = len(lesson.unreadable)
        self.status.setText(
            self.tr("{count} photos could not be read and were left out.").format(count=left_out)
            if left_out
            else ""
        )
        self.summary.setText(
            fill(
                self.tr(
                    "Right {accuracy:.0%} of the time on photos it had not learned from "
                    "(each photo was held out once while it learned from the others)."
                ),
                accuracy=evaluation.accuracy,
            )
        )
        labels = evaluation.labels
        self.per_label.setRowCount(len(labels))
        for row, label in enumerate(labels):
            recall = evaluation.recall(row)
            cells = (label, str(int(evaluation.confusion[row].sum())),
                     "-" if recall is None else number(recall, ".0%"))  # fmt: skip
            for column, text in enumerate(cells):
                self.per_label.setItem(row, column, QTableWidgetItem(text))
        self.per_label.resizeColumnsToContents()
        self.confusion.show_confusion(labels, evaluation.confusion)
        self.mix_ups.setText(
            "\n".join(
                self.tr("{count} × “{truth}” looked like “{answer}”").format(
                    count=count, truth=truth, answer=answer
                )
                for truth, answer, count in evaluation.confusions()[:3]
            )
            or self.tr("It recognised every photo.")
        )
        self.mistakes.clear()
        for outcome in evaluation.mistakes:
            item = QListWidgetItem(
                fill(
                    self.tr("{name}: a “{truth}” taken for “{answer}” ({probability:.0%})"),
                    name=outcome.photo.name,
                    truth=outcome.truth,
                    answer=outcome.answer,
                    probability=outcome.probability,
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, str(outcome.photo))
            self.mistakes.addItem(item)
            self.thumbnails_wanted.emit(outcome.photo)
        self.move_to.clear()
        self.move_to.addItems(list(labels))
        self.tabs.setTabEnabled(1, True)
        self.tabs.setCurrentIndex(1)

    def _chosen_mistake(self) -> Path | None:
        item = self.mistakes.currentItem()
        return None if item is None else Path(item.data(Qt.ItemDataRole.UserRole))

    def _move_mistake(self) -> None:
        photo = self._chosen_mistake()
        if photo is not None:
            self.piles.move_photo(photo, self.move_to.currentText())
            self.mistakes.takeItem(self.mistakes.currentRow())
            self.status.setText(self.tr("Moved. Teach again to learn from the change."))

    def _remove_mistake(self) -> None:
        photo = self._chosen_mistake()
        if photo is not None:
            self.piles.remove_photo(photo)
            self.mistakes.takeItem(self.mistakes.currentRow())
            self.status.setText(self.tr("Removed. Teach again to learn from the change."))

    def keep(self) -> None:
        """Keep the taught set by its name and have the window choose it."""
        if self.lesson is None:
            return
        stem = re.sub(r"[^\w.-]+", "-", self.name.text().strip()).strip("-.") or "my-labels"
        path = paths.label_sets_dir() / f"{stem}{SUFFIX}"
        if path.exists() and (
            QMessageBox.question(
                self,
                self.tr("Replace?"),
                self.tr("A label set named {name} is kept already. Replace it?").format(
                    name=path.name
                ),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            save_bytes(path, self.lesson.label_set.to_bytes())
            spec = self.catalog.get(str(path))
        except (EffnetError, OSError) as error:
            self.status.setText(str(error))
            return
        self.label_set_kept.emit(spec.id)
        self.accept()

    def cancel(self) -> None:
        """Stop teaching. Called here, on the GUI thread: a signal connected to the worker
        itself would wait for the engine thread, busy with the very job to stop."""
        self.worker.cancel()

    def done(self, result: int) -> None:
        self.cancel()
        super().done(result)
