"""The Texts tab: the rally's words in English, Spanish and Portuguese side by side, each
column headed by the language's own name, with a "missing" mark (icon and word) on any
language that still lacks a title or summary, or a short headline another language has.

The columns are narrow, so they use the height instead: titles wrap onto as many lines as
they need (up to a few), and the summary, call to action and accessibility note share what
height is left, the summary most. Only when even their minimum does not fit does the tab
scroll."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import Language
from rallyorg.domain.events import REQUIRED_TEXT_FIELDS, EventTextInput, MissingText
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import scaled_font
from rallyorg.i18n import N_, _

FIELD_NAMES = {"title": N_("Title"), "summary": N_("Summary"), "headline": N_("Short headline")}
#: texts a language may go without, unless another language has one (then it lacks a translation)
OPTIONAL_TEXT_FIELDS = ("headline",)
#: the column's length (models.EventText.headline)
HEADLINE_MAX_LENGTH = 120

#: the most lines a title grows to before it scrolls inside its field
TITLE_MAX_LINES = 3
#: (minimum lines, share of the spare height) of the multi-line fields
SUMMARY_LINES, SUMMARY_STRETCH = 3, 3
NOTE_LINES, NOTE_STRETCH = 2, 1


def _text_height(edit: QPlainTextEdit, lines: int) -> int:
    """The outer height of ``edit`` showing ``lines`` lines of its font."""
    frame = 2 * edit.frameWidth()
    margins = edit.contentsMargins().top() + edit.contentsMargins().bottom()
    document = 2 * int(edit.document().documentMargin())
    return edit.fontMetrics().lineSpacing() * lines + frame + margins + document + 2


class GrowingText(QPlainTextEdit):
    """A multi-line field at least ``lines`` high that grows with the room it is given (it
    asks for no more than its minimum, so the tab scrolls only when minimums do not fit)."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(_text_height(self, lines))

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        # A layout takes the larger of the size hint and this (a text edit's own is ~70 px,
        # four lines): the tab would scroll at 1024×700 with room to spare in every field.
        return QSize(super().minimumSizeHint().width(), self.minimumHeight())


class TitleEdit(QPlainTextEdit):
    """A one-line value shown wrapped: a long title stays readable in a narrow column. The
    field is as tall as its wrapped text (up to ``TITLE_MAX_LINES``); Enter inserts no line
    break and pasted line breaks become spaces. It answers the few ``QLineEdit`` calls the
    tab and its callers make (``text``, ``setText``, ``setCursorPosition``, ``end``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._fit_height)
        self._fit_height()

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(" ".join(text.splitlines()))

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, len(self.toPlainText()))))
        self.setTextCursor(cursor)

    def end(self, mark: bool) -> None:
        cursor = self.textCursor()
        anchor = QTextCursor.MoveMode.KeepAnchor if mark else QTextCursor.MoveMode.MoveAnchor
        cursor.movePosition(QTextCursor.MoveOperation.End, anchor)
        self.setTextCursor(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # a title is one line; let the window have the key
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(" ".join(source.text().split()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        width = self.viewport().width() - 2 * int(self.document().documentMargin())
        flags = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere
        text = self.toPlainText() or " "
        spacing = self.fontMetrics().lineSpacing()
        used = self.fontMetrics().boundingRect(0, 0, max(width, 1), 100 * spacing, flags, text).height()
        lines = max(1, min(TITLE_MAX_LINES, round(used / spacing)))
        height = _text_height(self, lines)
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)


class MissingMark(QWidget):
    """An icon and words: "Missing: title, summary" or "Complete". ``missing`` is what the
    language needs before it can be announced; ``untranslated`` what another language has
    and this one not yet (a short headline): both are named, only the first counts as
    incomplete for the tab's warning."""

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
        self.untranslated: list[str] = []

    def set_missing(self, fields: list[str]) -> None:
        self.missing = fields
        self._show()

    def set_untranslated(self, fields: list[str]) -> None:
        if fields != self.untranslated:
            self.untranslated = fields
            self._show()

    def _show(self) -> None:
        fields = [*self.missing, *self.untranslated]
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
        layout.setContentsMargins(6, 6, 6, 6)  # the columns are narrow: keep the width for words
        layout.setSpacing(2)
        header = QLabel(language.native_name)
        header.setFont(scaled_font(header, 1.15, bold=True))
        layout.addWidget(header)
        self.mark = MissingMark()
        layout.addWidget(self.mark)
        code = language.value
        self.title = TitleEdit()
        self.headline = QLineEdit()
        self.headline.setMaxLength(HEADLINE_MAX_LENGTH)
        self.headline.setPlaceholderText(_("e.g. March for Families"))
        self.headline.setToolTip(_("Printed on posters when the full title is too long to print big"))
        self.summary = GrowingText(SUMMARY_LINES)
        self.call_to_action = GrowingText(NOTE_LINES)
        self.accessibility_note = GrowingText(NOTE_LINES)
        for label, widget, name, stretch in (
            (_("Title"), self.title, "title", 0),
            (_("Summary"), self.summary, "summary", SUMMARY_STRETCH),
            (_("Call to action"), self.call_to_action, "call_to_action", NOTE_STRETCH),
            (
                _("Accessibility and interpretation"),
                self.accessibility_note,
                "accessibility_note",
                NOTE_STRETCH,
            ),
            # Last: only posters (and a title too long for a flyer) need it; the title's Tab
            # goes on to the summary, as an organizer writing the texts expects.
            (_("Short headline"), self.headline, "headline", 0),
        ):
            self._add_row(layout, errors, label, widget, f"texts.{code}.{name}", stretch)
            # Screen readers hear which language the field is for.
            widget.setAccessibleName(
                _("{field} ({language})").format(field=label, language=language.native_name)
            )
            widget.textChanged.connect(self.edited)
        self.edited.connect(self._update_mark)

    @staticmethod
    def _add_row(
        layout: QVBoxLayout, errors: FieldErrors, label: str, field: QWidget, name: str, stretch: int
    ) -> None:
        """The label above the field, an error line under it (as ``add_field_row`` makes them,
        with labels above); the field takes ``stretch`` shares of the spare height."""
        row_label = QLabel(label)
        row_label.setWordWrap(True)
        row_label.setBuddy(field)
        error = QLabel()
        error.setStyleSheet("color: #cf222e;")
        error.setWordWrap(True)
        error.hide()
        layout.addWidget(row_label)
        layout.addWidget(field, stretch)
        layout.addWidget(error)
        field.setAccessibleName(label)
        errors.register(name, field, error)

    def load(self, text: EventTextInput) -> None:
        self.title.setText(text.title)
        self.title.setCursorPosition(0)  # show the start of a long title, not its end
        self.headline.setText(text.headline)
        self.headline.setCursorPosition(0)
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
            headline=self.headline.text().strip(),
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
        grid.setHorizontalSpacing(6)
        self.columns = {language.value: LanguageColumn(language, errors) for language in Language}
        for index, column in enumerate(self.columns.values()):
            grid.addWidget(column, 0, index)
            grid.setColumnStretch(index, 1)
            column.edited.connect(self.edited)
            column.edited.connect(self._mark_untranslated)
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
        self._mark_untranslated()

    def collect(self) -> dict[str, EventTextInput]:
        """Every language that has words, or had them when loaded (so clearing one is saved)."""
        texts = {}
        for code, column in self.columns.items():
            text = column.collect()
            if code in self._stored or any(
                (text.title, text.summary, text.call_to_action, text.accessibility_note, text.headline)
            ):
                texts[code] = text
        return texts

    def _mark_untranslated(self) -> None:
        """A short headline in one language and not in another: the other lacks a translation
        (a poster in two languages would print one headline and one full title)."""
        typed = {code: column.collect() for code, column in self.columns.items()}
        for code, column in self.columns.items():
            column.mark.set_untranslated(
                [
                    name
                    for name in OPTIONAL_TEXT_FIELDS
                    if not getattr(typed[code], name)
                    and any(getattr(text, name) for other, text in typed.items() if other != code)
                ]
            )

    def title_in(self, language: str) -> TitleEdit:
        """The title field a new rally starts in: the organizer's own language (English when
        rallies have no texts in it), so what they type first is saved in their language."""
        return (self.columns.get(language) or self.columns["en"]).title

    def missing_languages(self) -> list[str]:
        return [code for code, column in self.columns.items() if column.mark.missing]
