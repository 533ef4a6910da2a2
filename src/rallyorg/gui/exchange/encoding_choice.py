"""The question the columns page asks when a file's letters read two ways: the same name in
each reading, one radio button each, and nothing chosen until the user picks (the likelier
reading is shown below meanwhile). Picking one reads the file again in it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from rallyorg.exchange.errors import EncodingReading
from rallyorg.gui.exchange.banner import KINDS
from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import N_, _

# Where a reading comes from, in the words people know their computers by.
_SOURCES = {
    "mac-roman": N_("Mac"),
    "windows-1252": N_("Windows"),
    "iso-8859-1": N_("Latin-1"),
    "utf-8": N_("UTF-8"),
    "utf-8-sig": N_("UTF-8"),
    "utf-16": N_("UTF-16"),
}


def reading_label(reading: EncodingReading) -> str:
    """“José Núñez” (Mac): the example word as this reading gives it, and where it comes from."""
    source = _SOURCES.get(reading.encoding)
    # Translators: a name as one way of reading the file gives it, and that way, e.g.
    # “José Núñez” (Mac) or “JosŽ Nœ–ez” (Windows).
    return _("“{example}” ({source})").format(
        example=reading.example, source=_(source) if source else reading.name
    )


class EncodingChoice(QFrame):
    chosen = Signal(str)  # the encoding the user picked, as read_table takes it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encodingChoice")
        icon_name, colour = KINDS["warning"]
        self.setStyleSheet(
            f"QFrame#encodingChoice {{ border: 1px solid {colour}; border-left: 4px solid {colour};"
            " border-radius: 3px; }"
        )
        self.readings: tuple[EncodingReading, ...] = ()
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.setSpacing(8)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        size = self.icon.fontMetrics().height()
        self.icon.setPixmap(icon(icon_name, color=colour).pixmap(QSize(size, size)))
        row.addWidget(self.icon)
        column = QVBoxLayout()
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.question)
        self.buttons_row = QHBoxLayout()
        column.addLayout(self.buttons_row)
        self.hint = QLabel(
            _(
                "Choose the one that looks right; the columns and rows below follow your choice. "
                "If neither does, save the file again as “CSV UTF-8” and choose it again."
            )
        )
        self.hint.setWordWrap(True)
        column.addWidget(self.hint)
        row.addLayout(column, 1)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.hide()

    def show_readings(self, readings: tuple[EncodingReading, ...], chosen: str | None) -> None:
        """Ask about ``readings`` with ``chosen`` checked (none when None); hide for none."""
        self.readings = readings
        for button in self.buttons.values():
            self.group.removeButton(button)
            button.deleteLater()
        self.buttons = {}
        while self.buttons_row.count():
            self.buttons_row.takeAt(0)
        if not readings:
            self.hide()
            return
        self.question.setText(
            _("This file could be read two ways. Line {line} reads:").format(line=readings[0].line)
        )
        for reading in readings:
            button = QRadioButton(reading_label(reading))
            button.setAccessibleName(
                _("Read the file as {encoding}: {label}").format(
                    encoding=reading.name, label=reading_label(reading)
                )
            )
            button.setChecked(reading.encoding == chosen)
            button.toggled.connect(
                lambda on, encoding=reading.encoding: self.chosen.emit(encoding) if on else None
            )
            self.group.addButton(button)
            self.buttons_row.addWidget(button)
            self.buttons[reading.encoding] = button
        self.buttons_row.addStretch(1)
        self.show()

    def pending(self) -> bool:
        """Whether the question is asked and not answered yet."""
        return bool(self.readings) and self.chosen_encoding() is None

    def chosen_encoding(self) -> str | None:
        for encoding, button in self.buttons.items():
            if button.isChecked():
                return encoding
        return None
