"""Many photos at once: a table of each photo's answer, with progress, Pause, Resume and
Cancel, sorting, and filters by label and for unsure answers."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.inference.predictions import Prediction
from app.core.inference.sentence import SURE
from app.core.job_types import JobError
from app.i18n import fill, number

UNSURE_BELOW = SURE  # the answer sentence's "Not sure", effnet sort's default
THUMBNAIL_SIDE = 48
KEPT_THUMBNAILS = 300  # pixmaps kept in memory; the rest are on disk
FILE, LABEL, CONFIDENCE = range(3)
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
RESORT_INTERVAL_MS = 1000  # how often a run's answers re-sort a view sorted by them


class FolderModel(QAbstractTableModel):
    """Rows of (photo, answer or error); thumbnails come from ``thumbnail_wanted`` answers."""

    thumbnail_wanted = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photos: list[Path] = []
        self.outcomes: dict[Path, Prediction | JobError] = {}
        self._rows: dict[Path, int] = {}
        self._thumbnails: OrderedDict[Path, QPixmap] = OrderedDict()
        self._asked: set[Path] = set()
        self._run_decodes = False  # a folder run keeps the thumbnails of what it decodes

    def set_photos(self, photos: list[Path]) -> None:
        self.beginResetModel()
        self.photos = list(photos)
        self._rows = {photo: row for row, photo in enumerate(self.photos)}
        self.outcomes.clear()
        self._thumbnails.clear()
        self._asked.clear()
        self.endResetModel()

    def set_outcomes(self, outcomes: list[tuple[Path, Prediction | JobError]]) -> None:
        """Answers for some photos, told to the views as one change (the sorted, filtered
        view then re-sorts once, not once an answer)."""
        known = [(photo, outcome) for photo, outcome in outcomes if photo in self._rows]
        self.outcomes.update(known)
        rows = [self._rows[photo] for photo, _outcome in known]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), CONFIDENCE))

    def row_of(self, photo: Path) -> int | None:
        return self._rows.get(photo)

    def move_photos(self, moves: dict[Path, Path]) -> None:
        """Photos that now live elsewhere keep their rows, answers and thumbnails."""
        rows = [self._rows[old] for old in moves if old in self._rows]
        for row in rows:
            old = self.photos[row]
            new = self.photos[row] = moves[old]
            if old in self.outcomes:
                self.outcomes[new] = self.outcomes.pop(old)
            if old in self._thumbnails:
                self._thumbnails[new] = self._thumbnails.pop(old)
            self._asked.discard(old)
        self._rows = {photo: row for row, photo in enumerate(self.photos)}
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, CONFIDENCE))

    def forget_outcomes(self) -> None:
        """The answers belong to another model: each photo runs again."""
        if self.outcomes:
            self.outcomes.clear()
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.photos) - 1, CONFIDENCE))

    def set_run_decoding(self, decoding: bool) -> None:
        """While a run decodes the photos, a photo without an answer waits for it before
        its thumbnail is asked for: the run keeps the thumbnail from its own decode, so the
        photo is not decoded twice. When the run stops, the others are asked for."""
        stopped = self._run_decodes and not decoding
        self._run_decodes = decoding
        if not stopped:
            return
        waiting = [row for row, photo in enumerate(self.photos) if photo not in self.outcomes]
        if waiting:  # a run paused, cancelled or failed: the rest are asked for
            first, last = self.index(min(waiting), FILE), self.index(max(waiting), FILE)
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.DecorationRole])

    def set_thumbnail(self, photo: Path, image: QImage) -> None:
        row = self._rows.get(photo)
        if row is None:
            return
        self._thumbnails[photo] = QPixmap.fromImage(image)
        while len(self._thumbnails) > KEPT_THUMBNAILS:
            oldest, _ = self._thumbnails.popitem(last=False)
            self._asked.discard(oldest)  # asked again (from disk) when shown again
        index = self.index(row, FILE)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self.photos)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 3

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Photo"), self.tr("Top label"), self.tr("Confidence"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        photo = self.photos[index.row()]
        outcome = self.outcomes.get(photo)
        column = index.column()
        if role == PATH_ROLE:
            return str(photo)
        if role == Qt.ItemDataRole.DecorationRole and column == FILE:
            pixmap = self._thumbnails.get(photo)
            awaited = self._run_decodes and outcome is None
            if pixmap is None and photo not in self._asked and not awaited:
                self._asked.add(photo)
                self.thumbnail_wanted.emit(photo)
            return pixmap
        if role == Qt.ItemDataRole.ToolTipRole:
            if isinstance(outcome, Prediction):
                return "\n".join(f"{t.label} — {number(t.probability, '.1%')}" for t in outcome.top)
            return outcome.message if isinstance(outcome, JobError) else str(photo)
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if column == FILE:
                return photo.name
            if isinstance(outcome, JobError):
                return self.tr("could not be classified") if column == LABEL else None
            if not isinstance(outcome, Prediction):
                return None
            top = outcome.top[0]
            if column == LABEL:
                return top.label
            if role == SORT_ROLE:
                return top.probability
            return number(top.probability, ".0%")
        return None


class FolderFilter(QSortFilterProxyModel):
    """Rows whose label contains the filter text; with ``unsure_only``, answers below
    UNSURE_BELOW (and errors)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.unsure_only = False
        self.setSortRole(SORT_ROLE)
        # Not re-sorted and re-filtered at every answer: the panel does it when the order or
        # the filter depends on the answers (see FolderPanel.answers_arrived).
        self.setDynamicSortFilter(False)

    @property
    def filtering(self) -> bool:
        return bool(self.text) or self.unsure_only

    def set_filter(self, text: str, unsure_only: bool) -> None:
        self.text, self.unsure_only = text.strip().casefold(), unsure_only
        self.invalidate()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 - Qt's name
        model = self.sourceModel()
        assert isinstance(model, FolderModel)
        outcome = model.outcomes.get(model.photos[row])
        if self.unsure_only and not (
            isinstance(outcome, JobError)
            or (isinstance(outcome, Prediction) and outcome.top[0].probability < UNSURE_BELOW)
        ):
            return False
        if not self.text:
            return True
        if not isinstance(outcome, Prediction):
            return False
        return any(self.text in t.label.casefold() for t in outcome.top[:1])


class FolderPanel(QWidget):
    photo_selected = Signal(Path)
    pause_requested = Signal()
    resume_requested = Signal()
    cancel_requested = Signal()
    subfolders_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folderPanel")
        self.model = FolderModel(self)
        self.proxy = FolderFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("folderTable")
        self.table.setAccessibleName(self.tr("Photos and their answers"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # Rows in the order given (a folder's by name) until a column is clicked.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setIconSize(QSize(THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        self.table.verticalHeader().setDefaultSectionSize(THUMBNAIL_SIDE + 4)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CONFIDENCE, QHeaderView.ResizeMode.ResizeToContents)
        # Sized to the rows in view: measuring all of a large folder's rows at each answer
        # would stall the window.
        header.setResizeContentsPrecision(0)
        self.progress = QLabel(self)
        self.progress.setObjectName("folderProgress")
        self.pause_button = QPushButton(self.tr("&Pause"), self)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"), self)
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("&Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setToolTip(
            self.tr("A spreadsheet, keywords for your photo manager, or folders by label")
        )
        self.subfolders = QCheckBox(self.tr("Include &subfolders"), self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter by label"))
        self.filter_edit.setAccessibleName(self.tr("Filter by label"))
        self.filter_edit.setClearButtonEnabled(True)
        self.unsure = QCheckBox(self.tr("&Unsure only"), self)
        self.unsure.setToolTip(
            fill(
                self.tr("Photos whose top answer is below {share:.0%}, and those that failed"),
                share=UNSURE_BELOW,
            )
        )
        controls = QHBoxLayout()
        controls.addWidget(self.progress, 1)
        controls.addWidget(self.pause_button)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.export_button)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.unsure)
        filters.addWidget(self.subfolders)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.paused = False
        self.running = False
        self._resort_timer = QTimer(self)
        self._resort_timer.setSingleShot(True)
        self._resort_timer.setInterval(RESORT_INTERVAL_MS)
        self._resort_timer.timeout.connect(self._resort)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.subfolders.toggled.connect(self.subfolders_changed)
        self.filter_edit.textChanged.connect(self._refilter)
        self.unsure.toggled.connect(self._refilter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def set_photos(self, photos: list[Path]) -> None:
        """``photos`` as rows, in the order given (by name, as folders are listed) until the
        user sorts by a column."""
        in_given_order = self.table.horizontalHeader().sortIndicatorSection() < 0
        if in_given_order:
            self.proxy.sort(-1)  # sorting thousands of rows at once would stall the window
        self.model.set_photos(photos)
        self.set_running(True)
        if not in_given_order:
            self._resort()

    def show_outcomes(self, outcomes: list[tuple[Path, Prediction | JobError]]) -> None:
        """New answers in their rows; the view's order and filter follow them at most once
        a second while a run goes on, and once when it ends."""
        self.model.set_outcomes(outcomes)
        if (self._order_depends_on_answers() or self.proxy.filtering) and (
            not self._resort_timer.isActive()
        ):
            self._resort_timer.start()

    def _order_depends_on_answers(self) -> bool:
        return self.table.horizontalHeader().sortIndicatorSection() in (LABEL, CONFIDENCE)

    def _resort(self) -> None:
        self._resort_timer.stop()
        header = self.table.horizontalHeader()
        self.proxy.invalidate()
        self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def set_running(self, running: bool, paused: bool = False) -> None:
        if self.running and not running and self._resort_timer.isActive():
            self._resort()  # the last answers, in order
        self.running, self.paused = running, paused
        self.model.set_run_decoding(running)
        self.pause_button.setText(self.tr("&Resume") if paused else self.tr("&Pause"))
        self.pause_button.setEnabled(running or paused)
        self.cancel_button.setEnabled(running or paused)
        self.export_button.setEnabled(not running)

    def show_progress(self, done: int, total: int, rate: float, seconds_left: float) -> None:
        self.progress.setToolTip("")
        if done >= total:
            text = fill(self.tr("{total} photos, {rate:.1f} photos/s"), total=total, rate=rate)
        else:
            text = fill(
                self.tr("{done} of {total} · {rate:.1f} photos/s · {left:.0f} s left"),
                done=done,
                total=total,
                rate=rate,
                left=seconds_left,
            )
        self.progress.setText(text)

    def show_note(self, text: str) -> None:
        """One line where the progress goes, cut to fit; the whole text on hover."""
        metrics = self.progress.fontMetrics()
        width = max(self.progress.width(), 200)
        self.progress.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))
        self.progress.setToolTip(text)

    def select_photo(self, photo: Path) -> None:
        row = self.model.row_of(photo)
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, FILE))
            if index.isValid():
                self.table.setCurrentIndex(index)

    def _on_pause_clicked(self) -> None:
        if self.paused:
            self.resume_requested.emit()
        else:
            self.pause_requested.emit()

    def _refilter(self) -> None:
        self.proxy.set_filter(self.filter_edit.text(), self.unsure.isChecked())

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.photo_selected.emit(Path(current.data(PATH_ROLE)))
