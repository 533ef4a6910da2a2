"""Two small pieces that let the volunteer form narrow without clipping, in any language: a
layout that puts check boxes in as many columns as fit, and a check box whose text wraps."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)


class ColumnsLayout(QLayout):
    """Items filled row by row into at most ``max_columns`` columns, fewer when the room is
    too narrow for them (down to one). Each column is as wide as its widest item, like a
    grid's; extra room is shared equally. Heights follow the width (height for width)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        max_columns: int = 2,
        column_spacing: int = 12,
        row_spacing: int = 6,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._max_columns = max(1, max_columns)
        self._column_spacing = column_spacing
        self._row_spacing = row_spacing

    # --- QLayout's item bookkeeping -------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    # --- geometry -------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _column_widths(self, columns: int, items: list[QLayoutItem]) -> list[int]:
        widths = [0] * columns
        for number, item in enumerate(items):
            widths[number % columns] = max(widths[number % columns], item.sizeHint().width())
        return widths

    def _needed_width(self, columns: int, items: list[QLayoutItem]) -> int:
        return sum(self._column_widths(columns, items)) + (columns - 1) * self._column_spacing

    def _columns_for(self, width: int, items: list[QLayoutItem]) -> int:
        """The most columns (at most ``max_columns``) whose widest items fit in ``width``."""
        for columns in range(min(self._max_columns, max(1, len(items))), 1, -1):
            if self._needed_width(columns, items) <= width:
                return columns
        return 1

    def _row_heights(self, columns: int, items: list[QLayoutItem]) -> list[int]:
        rows = -(-len(items) // columns)
        heights = [0] * rows
        for number, item in enumerate(items):
            heights[number // columns] = max(heights[number // columns], item.sizeHint().height())
        return heights

    def _height(self, columns: int, items: list[QLayoutItem]) -> int:
        heights = self._row_heights(columns, items)
        return sum(heights) + max(0, len(heights) - 1) * self._row_spacing

    def _margins(self) -> tuple[int, int, int, int]:
        m = self.contentsMargins()
        return m.left(), m.top(), m.right(), m.bottom()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        left, top, right, bottom = self._margins()
        items = self._visible()
        return self._height(self._columns_for(width - left - right, items), items) + top + bottom

    def sizeHint(self) -> QSize:
        left, top, right, bottom = self._margins()
        items = self._visible()
        columns = min(self._max_columns, max(1, len(items)))
        return QSize(
            self._needed_width(columns, items) + left + right, self._height(columns, items) + top + bottom
        )

    def minimumSize(self) -> QSize:
        left, top, right, bottom = self._margins()
        items = self._visible()
        columns = min(self._max_columns, max(1, len(items)))
        return QSize(self._needed_width(1, items) + left + right, self._height(columns, items) + top + bottom)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        left, top, right, bottom = self._margins()
        area = rect.adjusted(left, top, -right, -bottom)
        items = self._visible()
        if not items:
            return
        columns = self._columns_for(area.width(), items)
        widths = self._column_widths(columns, items)
        spare = max(0, area.width() - self._needed_width(columns, items)) // columns
        lefts = []
        x = area.x()
        for width in widths:
            lefts.append(x)
            x += width + spare + self._column_spacing
        y = area.y()
        for row, height in enumerate(self._row_heights(columns, items)):
            for column in range(columns):
                number = row * columns + column
                if number < len(items):
                    size = QSize(widths[column] + spare, height)
                    items[number].setGeometry(QRect(QPoint(lefts[column], y), size))
            y += height + self._row_spacing


class WrappingCheckBox(QCheckBox):
    """A check box whose text wraps onto more lines when the form is narrow (a plain
    QCheckBox keeps its text on one line and is clipped instead). ``text()`` is unchanged."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        # May narrow below its one-line width (the text wraps); its height follows its width.
        policy = QSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum, QSizePolicy.ControlType.CheckBox
        )
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _text_width(self, width: int) -> int:
        """Room for the text when the whole box is ``width`` wide."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, width, max(self.height(), 1))  # type: ignore[attr-defined]
        contents = self.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, self)
        return max(1, contents.width() - 4)  # the style's small text margins

    def _lines(self, width: int) -> list[str]:
        metrics = self.fontMetrics()
        room = self._text_width(width)
        lines: list[str] = []
        for paragraph in self.text().split("\n"):
            line = ""
            for word in paragraph.split():
                candidate = f"{line} {word}" if line else word
                if line and metrics.horizontalAdvance(candidate) > room:
                    lines.append(line)
                    line = word
                else:
                    line = candidate
            lines.append(line)
        return lines

    def minimumSizeHint(self) -> QSize:
        one_line = super().sizeHint()
        metrics = self.fontMetrics()
        longest_word = max((metrics.horizontalAdvance(w) for w in self.text().split()), default=0)
        text_width = metrics.horizontalAdvance(self.text())
        width = one_line.width() - text_width + longest_word
        return QSize(min(width, one_line.width()), one_line.height())

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)  # every line of the text, not only the first

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        one_line = super().sizeHint().height()
        lines = len(self._lines(width))
        return one_line + (lines - 1) * self.fontMetrics().lineSpacing()

    def paintEvent(self, event: QPaintEvent) -> None:
        lines = self._lines(self.width())
        if len(lines) <= 1:
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = "\n".join(lines)  # type: ignore[attr-defined]
        painter.drawControl(QStyle.ControlElement.CE_CheckBox, option)
