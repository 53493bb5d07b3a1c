"""Help ▸ What can it recognise?: the 1,000 ImageNet classes, grouped and searchable."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QRegularExpression,
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

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
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
                item.setData(f"{info.label} {info.gloss} {' '.join(info.path)}", SEARCH_ROLE)
            group.appendRow([label, meaning])
        for group in groups.values():
            group.setText(f"{group.text()} ({group.rowCount()})")
        self.filter = QSortFilterProxyModel(self)
        self.filter.setSourceModel(self.model)
        self.filter.setRecursiveFilteringEnabled(True)
        self.filter.setFilterRole(SEARCH_ROLE)
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
        em = self.fontMetrics().height()
        self.resize(em * 48, em * 36)

    def search_for(self, text: str) -> None:
        """Words that start with ``text``: "cat" finds cats, not "domesticated"."""
        pattern = QRegularExpression(
            r"\b" + QRegularExpression.escape(text.strip()),
            QRegularExpression.PatternOption.CaseInsensitiveOption,
        )
        self.filter.setFilterRegularExpression(pattern)
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
