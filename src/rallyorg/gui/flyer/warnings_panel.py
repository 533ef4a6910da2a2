"""What the flyer lacks, in words, with the way to fix it.

Two boxes: missing translations by language ("Spanish: summary is missing") with an
"Edit texts" button, and the renderer's other notes (text cut to fit, no QR code…). When
there is nothing to say, one line says so. Each box has an icon and a heading, so nothing
depends on its colour alone.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rallyorg.domain.events import MissingText
from rallyorg.flyers import FlyerWarning
from rallyorg.gui.flyer.labels import language_word, missing_sentence
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import section_label
from rallyorg.i18n import _

AMBER, BLUE, GREEN = "#9a6700", "#0969da", "#1a7f37"
# Flyer parts written in the Texts tab (the rest come from the details: place, date, link).
TEXT_FIELDS = ("title", "summary", "call_to_action", "accessibility_note")


def warning_sentence(warning: FlyerWarning) -> str:
    """A renderer warning with its language as a word: "Spanish: summary cut after 3 lines"."""
    problem = replace(warning, language=None).translated(_)
    if warning.language is None:
        return problem
    # Translators: a flyer warning for one language, e.g. "Spanish: summary cut after 3 lines".
    return _("{language}: {problem}").format(language=language_word(warning.language), problem=problem)


class _Box(QFrame):
    """A framed list: an icon and a heading, then one wrapped line per item."""

    def __init__(self, name: str, icon_name: str, colour: str, heading: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setStyleSheet(
            f"QFrame#{name} {{ border: 1px solid {colour}; border-left: 4px solid {colour};"
            " border-radius: 3px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 6, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(6)
        mark = QLabel()
        size = mark.fontMetrics().height()
        mark.setPixmap(icon(icon_name, color=colour).pixmap(QSize(size, size)))
        self.heading = section_label(heading)
        self.heading.setWordWrap(True)
        top.addWidget(mark)
        top.addWidget(self.heading, 1)
        layout.addLayout(top)
        self.lines = QVBoxLayout()
        self.lines.setSpacing(2)
        layout.addLayout(self.lines)
        self.labels: list[QLabel] = []

    def set_lines(self, lines: list[str]) -> None:
        for label in self.labels:
            label.deleteLater()
        self.labels = []
        for line in lines:
            label = QLabel(line)
            label.setWordWrap(True)
            self.lines.addWidget(label)
            self.labels.append(label)
        self.setAccessibleName(" ".join([self.heading.text(), *lines]))
        self.setVisible(bool(lines))

    def texts(self) -> list[str]:
        return [label.text() for label in self.labels]


class FlyerWarnings(QWidget):
    # language and field of the first missing text (both "" when none): where to start fixing
    edit_texts = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.missing: list[MissingText] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        self.missing_box = _Box("missingTexts", "ph.warning", AMBER, _("Missing translations"))
        self.edit_button = QPushButton(icon("ph.pencil-simple"), _("Edit texts"))
        self.edit_button.setToolTip(_("Open the Texts tab to write what is missing"))
        self.edit_button.clicked.connect(self._edit_clicked)
        button_row = QHBoxLayout()
        button_row.addWidget(self.edit_button)
        button_row.addStretch(1)
        box_layout = self.missing_box.layout()
        assert isinstance(box_layout, QVBoxLayout)
        box_layout.addLayout(button_row)

        self.notes_box = _Box("flyerNotes", "ph.info", BLUE, _("Check before printing"))
        # Text cut to fit is fixed by shortening it: the same way to the Texts tab.
        self.shorten_button = QPushButton(icon("ph.pencil-simple"), _("Edit texts"))
        self.shorten_button.setToolTip(_("Open the Texts tab to shorten what does not fit"))
        self.shorten_button.clicked.connect(self._shorten_clicked)
        shorten_row = QHBoxLayout()
        shorten_row.addWidget(self.shorten_button)
        shorten_row.addStretch(1)
        notes_layout = self.notes_box.layout()
        assert isinstance(notes_layout, QVBoxLayout)
        notes_layout.addLayout(shorten_row)
        self.text_notes: list[FlyerWarning] = []

        self.all_good = QWidget()
        good = QHBoxLayout(self.all_good)
        good.setContentsMargins(0, 0, 0, 0)
        mark = QLabel()
        size = mark.fontMetrics().height()
        mark.setPixmap(icon("ph.check-circle", color=GREEN).pixmap(QSize(size, size)))
        self.all_good_text = QLabel(_("Every text is there and fits."))
        self.all_good_text.setWordWrap(True)
        good.addWidget(mark)
        good.addWidget(self.all_good_text, 1)

        layout.addWidget(self.missing_box)
        layout.addWidget(self.notes_box)
        layout.addWidget(self.all_good)
        self.show_problems([], [], "en")

    def show_problems(
        self,
        missing: list[MissingText],
        warnings: list[FlyerWarning],
        ui_language: str,
        languages: tuple[str, ...] = (),
    ) -> None:
        """``missing`` from ``missing_translations``; ``warnings`` from the renderer, less the
        ones that only repeat a missing text. Both are listed in the flyer's language order
        (``languages``), notes for the whole flyer last."""
        order = {code: index for index, code in enumerate(languages)}
        missing = sorted(missing, key=lambda m: order.get(m.language, len(order)))
        warnings = sorted(
            warnings, key=lambda w: order.get(w.language, len(order)) if w.language else len(order) + 1
        )
        self.missing = list(missing)
        fields_by_language: dict[str, list[str]] = {}
        for item in missing:
            fields_by_language.setdefault(item.language, []).append(item.field)
        self.missing_box.set_lines(
            [missing_sentence(code, fields, ui_language) for code, fields in fields_by_language.items()]
        )
        self.notes_box.set_lines([warning_sentence(w) for w in warnings])
        self.text_notes = [w for w in warnings if w.language and w.field in TEXT_FIELDS]
        self.shorten_button.setVisible(bool(self.text_notes))
        self.all_good.setVisible(not missing and not warnings)

    def show_error(self, message: str) -> None:
        """The flyer could not be made at all (shown instead of the notes)."""
        self.missing_box.set_lines([])
        self.notes_box.set_lines([message])
        self.shorten_button.hide()
        self.all_good.hide()

    def lines(self) -> list[str]:
        return [*self.missing_box.texts(), *self.notes_box.texts()]

    def _edit_clicked(self) -> None:
        first = self.missing[0] if self.missing else None
        self.edit_texts.emit(first.language if first else "", first.field if first else "")

    def _shorten_clicked(self) -> None:
        first = self.text_notes[0] if self.text_notes else None
        self.edit_texts.emit(first.language or "" if first else "", first.field if first else "")
