"""Help ▸ What can it recognise?: the 1,000 ImageNet classes, grouped and searchable."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.core.models.class_info import imagenet_classes
from app.ui.widgets.opening_size import open_at

AnyIndex = QModelIndex | QPersistentModelIndex
CLASS_ROLE = Qt.ItemDataRole.UserRole + 1  # a class row's ClassInfo
# The browsing groups of resources/imagenet/make_class_info.py, marked for translation.
GROUP_NAMES = (
    QT_TRANSLATE_NOOP("ClassesDialog", "Dogs"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Cats and other felines"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Other mammals"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Birds"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Reptiles and amphibians"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Fish"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Insects, spiders and other small animals"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Food and drink"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Plants and fungi"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Vehicles and boats"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Musical instruments"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Clothing and accessories"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Furniture"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Containers"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Landscapes and natural places"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Buildings and structures"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Tools, devices and equipment"),
    QT_TRANSLATE_NOOP("ClassesDialog", "Other things"),
)


class RankedClasses(QSortFilterProxyModel):
    """The classes a search finds, ranked by :meth:`ClassInfo.match_rank`; each group
    ranks as its best class, so the group of the best match comes first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.query = ""
        self.ranks: dict[int, int] = {}  # class index → rank, for the classes found

    def search(self, text: str) -> None:
        self.beginFilterChange()
        self.query = text.strip()
        self.ranks = {}
        for info in imagenet_classes():
            rank = info.match_rank(self.query)
            if rank is not None:
                self.ranks[info.index] = rank
        self.endFilterChange()
        self.sort(0 if self.query else -1)  # unsorted: the groups in their browsing order

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:  # noqa: N802 - Qt's name
        info = self.sourceModel().index(row, 0, parent).data(CLASS_ROLE)
        return info is not None and info.index in self.ranks  # groups: by their classes

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:  # noqa: N802 - Qt's name
        return self._key(left) < self._key(right)

    def _key(self, index: AnyIndex) -> tuple[int, str]:
        info = index.data(CLASS_ROLE)
        if info is not None:
            return self.ranks.get(info.index, 99), info.label.casefold()
        children = (
            index.model().index(row, 0, index) for row in range(index.model().rowCount(index))
        )
        best = min((self._key(child)[0] for child in children), default=99)
        return best, str(index.data()).casefold()


class ClassesDialog(QDialog):
    """Groups (dogs, birds, vehicles…) of labels; a search matches labels, meanings and
    broader classes, so "cat" finds the tiger cat and "boat" the canoe."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classesDialog")
        self.setWindowTitle(self.tr("What can it recognise?"))
        classes = imagenet_classes()
        intro = QLabel(
            self.tr(
                "The built-in models tell these {count} kinds of things apart (the ImageNet "
                "classes). Anything else gets the nearest of them, usually with a low score."
            ).format(count=len(classes)),
            self,
        )
        intro.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setObjectName("classSearch")
        self.search.setPlaceholderText(self.tr("Search, e.g. cat, boat, fruit"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search the classes"))
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("Class"), self.tr("What it is")])
        groups: dict[str, QStandardItem] = {}
        for info in sorted(classes, key=lambda c: (c.group, c.label.lower())):
            group = groups.get(info.group)
            if group is None:
                group = groups[info.group] = QStandardItem(self.tr(info.group))
                group.setEditable(False)
                self.model.appendRow([group, QStandardItem()])
            label = QStandardItem(info.label)
            meaning = QStandardItem(f"{info.gloss} ({' → '.join(info.path)})")
            for item in (label, meaning):
                item.setEditable(False)
                item.setToolTip(f"{info.lineage()}\n{info.gloss}")
            label.setData(info, CLASS_ROLE)
            group.appendRow([label, meaning])
        for group in groups.values():
            group.setText(f"{group.text()} ({group.rowCount()})")
        self.filter = RankedClasses(self)
        self.filter.setSourceModel(self.model)
        self.tree = QTreeView(self)
        self.tree.setObjectName("classTree")
        self.tree.setModel(self.filter)
        self.tree.setAccessibleName(self.tr("Classes"))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, self.fontMetrics().horizontalAdvance("M") * 16)
        self.count = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.search_for)
        self.search_for("")
        open_at(self, 48, 36)

    def search_for(self, text: str) -> None:
        """Words that start with ``text`` ("cat" finds cats, not "domesticated"), the best
        matches first: names, then broader classes, then definitions."""
        self.filter.search(text)
        shown = sum(
            self.filter.rowCount(self.filter.index(row, 0)) for row in range(self.filter.rowCount())
        )
        for row in range(self.filter.rowCount()):  # a group's name takes the whole row
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        if text.strip():
            self.tree.expandAll()
        else:
            self.tree.collapseAll()
        self.count.setText(
            self.tr("{shown} of {total} classes").format(shown=shown, total=len(imagenet_classes()))
        )

    def shown_labels(self) -> list[str]:
        labels = []
        for row in range(self.filter.rowCount()):
            group = self.filter.index(row, 0)
            labels += [
                str(self.filter.index(child, 0, group).data())
                for child in range(self.filter.rowCount(group))
            ]
        return labels
