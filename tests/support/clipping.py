"""Finds text a user cannot read whole: a label, button or field cut by its parents or too
narrow for its own text. Content inside a scroll area counts as reachable (it scrolls)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QWidget,
)

TEXT_WIDGETS = (QLabel, QAbstractButton, QComboBox)


def clipped(window: QWidget) -> list[str]:
    """One line for each visible text widget in ``window`` that is not shown whole."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, TEXT_WIDGETS) or not widget.isVisibleTo(window):
            continue
        if not _text_of(widget):
            continue
        name = f"{type(widget).__name__} {_text_of(widget)[:40]!r}"
        cut_by = _cutting_parent(widget)
        if cut_by is not None:
            problems.append(f"{name} is cut by {type(cut_by).__name__} {cut_by.objectName()!r}")
        elif not _fits_its_text(widget):
            problems.append(f"{name} is too small for its text ({widget.size().toTuple()})")
    for widget in window.findChildren(QWidget):  # what a widget paints itself, shortened
        if widget.isVisibleTo(window) and getattr(widget, "shortened", None):
            problems += [f"{type(widget).__name__} shortened {text!r}" for text in widget.shortened]
    for table in window.findChildren(QTableView):
        if table.isVisibleTo(window):
            problems += _table_problems(table)
    return problems


def _table_problems(table: QTableView) -> list[str]:
    """Columns that scroll off to the side, and cells or headings cut by their column."""
    name = f"table {table.objectName()!r}"
    header = table.horizontalHeader()
    problems = []
    sideways = bool(table.property("scrollsSideways"))  # a table that says it scrolls so
    if not sideways and header.length() > table.viewport().width() + 1:
        problems.append(f"{name} is {header.length()} px wide in {table.viewport().width()} px")
    model = table.model()
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        title = model.headerData(column, header.orientation())
        if header.sectionSizeHint(column) > header.sectionSize(column) + 1:
            problems.append(f"{name}: the heading {title!r} is cut")
        if table.sizeHintForColumn(column) > table.columnWidth(column) + 1:
            problems.append(f"{name}: a cell of column {title!r} is cut")
    return problems


def hidden_by_scrolling(widget: QWidget) -> bool:
    """True when ``widget`` is inside a scroll area and not wholly in its visible part."""
    for viewport in _ancestors(widget):
        parent = viewport.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is viewport:
            top_left = widget.mapTo(viewport, widget.rect().topLeft())
            return not viewport.rect().contains(QRect(top_left, widget.size()))
    return False


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def _cutting_parent(widget: QWidget) -> QWidget | None:
    """The first ancestor whose rectangle does not hold ``widget`` whole, stopping at a
    scroll area's viewport (what lies beyond it scrolls into view)."""
    for parent in _ancestors(widget):
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            return None
        top_left = widget.mapTo(parent, widget.rect().topLeft())
        if not parent.rect().contains(QRect(top_left, widget.size())):
            return parent
        if parent.isWindow():
            return None
    return None


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return widget.text()  # type: ignore[attr-defined]


def _fits_its_text(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        if widget.wordWrap():
            return widget.heightForWidth(widget.width()) <= widget.height() + 1
        return widget.sizeHint().width() <= widget.width() + 1
    if isinstance(widget, QComboBox):
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = widget.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            widget,
        )
        text_width = widget.fontMetrics().horizontalAdvance(widget.currentText())
        icon = (
            option.iconSize.width() + 4
            if not widget.itemIcon(widget.currentIndex()).isNull()
            else 0
        )
        return text_width + icon <= field.width()
    return widget.minimumSizeHint().width() <= widget.width() + 1
