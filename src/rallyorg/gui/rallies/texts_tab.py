"""The Texts tab: the rally's words in English, Spanish and Portuguese side by side, each
column headed by the language's own name, with a "missing" mark (icon and word) on any
language that still lacks a title or summary."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rallyorg.enums import Language
from rallyorg.gui.rallies.form_rows import add_field_row, new_form
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import scaled_font
from rallyorg.i18n import N_, _
from rallyorg.services.events import REQUIRED_TEXT_FIELDS, EventTextInput, MissingText

FIELD_NAMES = {"title": N_("Title"), "summary": N_("Summary")}


def _plain_text(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class MissingMark(QWidget):
    """An icon and words: "Missing: title, summary" or "Complete"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        self.missing: list[str] = []

    def set_missing(self, fields: list[str]) -> None:
        self.missing = fields
        size = self.text.fontMetrics().height()
        if fields:
            words = ", ".join(_(FIELD_NAMES.get(f, f)) for f in fields)
            self.icon.setPixmap(icon("ph.warning", color="#9a6700").pixmap(QSize(size, size)))
            # Translators: {fields} lists what a language lacks, e.g. "Title, Summary".
            self.text.setText(_("Missing: {fields}").format(fields=words))
        else:
            self.icon.setPixmap(icon("ph.check-circle", color="#1a7f37").pixmap(QSize(size, size)))
            # Translators: every required text of this language is filled in.
            self.text.setText(_("Complete"))
        self.setAccessibleName(self.text.text())


class LanguageColumn(QFrame):
    edited = Signal()

    def __init__(self, language: Language, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        header = QLabel(language.native_name)
        header.setFont(scaled_font(header, 1.15, bold=True))
        layout.addWidget(header)
        self.mark = MissingMark()
        layout.addWidget(self.mark)
        form = new_form()
        form.setRowWrapPolicy(form.RowWrapPolicy.WrapAllRows)  # labels above: columns are narrow
        code = language.value
        self.title = QLineEdit()
        self.summary = _plain_text(7)
        self.call_to_action = _plain_text(3)
        self.accessibility_note = _plain_text(3)
        for label, widget, name in (
            (_("Title"), self.title, "title"),
            (_("Summary"), self.summary, "summary"),
            (_("Call to action"), self.call_to_action, "call_to_action"),
            (_("Accessibility and interpretation"), self.accessibility_note, "accessibility_note"),
        ):
            row_label = add_field_row(errors, form, label, widget, f"texts.{code}.{name}")
            row_label.setWordWrap(True)
            # Screen readers hear which language the field is for.
            widget.setAccessibleName(
                _("{field} ({language})").format(field=label, language=language.native_name)
            )
            widget.textChanged.connect(self.edited)
        layout.addLayout(form)
        layout.addStretch(1)
        self.edited.connect(self._update_mark)

    def load(self, text: EventTextInput) -> None:
        self.title.setText(text.title)
        self.title.setCursorPosition(0)  # show the start of a long title, not its end
        self.summary.setPlainText(text.summary)
        self.call_to_action.setPlainText(text.call_to_action)
        self.accessibility_note.setPlainText(text.accessibility_note)
        self._update_mark()

    def collect(self) -> EventTextInput:
        return EventTextInput(
            title=self.title.text().strip(),
            summary=self.summary.toPlainText().strip(),
            call_to_action=self.call_to_action.toPlainText().strip(),
            accessibility_note=self.accessibility_note.toPlainText().strip(),
        )

    def show_missing(self, missing: list[MissingText]) -> None:
        self.mark.set_missing([m.field for m in missing if m.language == self.language.value])

    def _update_mark(self) -> None:
        # The same rule as EventData.missing_texts, applied to what is typed right now.
        text = self.collect()
        self.mark.set_missing([name for name in REQUIRED_TEXT_FIELDS if not getattr(text, name)])


class TextsTab(QScrollArea):
    edited = Signal()

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        self.columns = {language.value: LanguageColumn(language, errors) for language in Language}
        for index, column in enumerate(self.columns.values()):
            grid.addWidget(column, 0, index)
            grid.setColumnStretch(index, 1)
            column.edited.connect(self.edited)
        self.setWidget(page)
        self._stored: set[str] = set()

    def load(self, texts: Mapping[str, EventTextInput], missing: list[MissingText] | None) -> None:
        """Fill the columns; ``missing`` is the saved rally's ``EventData.missing_texts()``
        (None for a new rally). From then on the marks follow what is typed."""
        self._stored = set(texts)
        for code, column in self.columns.items():
            column.load(texts.get(code, EventTextInput()))
            if missing is not None:
                column.show_missing(missing)

    def collect(self) -> dict[str, EventTextInput]:
        """Every language that has words, or had them when loaded (so clearing one is saved)."""
        texts = {}
        for code, column in self.columns.items():
            text = column.collect()
            if code in self._stored or any(
                (text.title, text.summary, text.call_to_action, text.accessibility_note)
            ):
                texts[code] = text
        return texts

    def missing_languages(self) -> list[str]:
        return [code for code, column in self.columns.items() if column.mark.missing]
