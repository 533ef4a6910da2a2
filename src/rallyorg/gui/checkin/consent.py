"""The consent questions, asked in the language of the person at the table — not the
organizer's. Nothing is ticked until they say yes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from rallyorg.domain.languages import language_name
from rallyorg.i18n import N_, UI_LANGUAGES, _, translator

KEEP_QUESTION = N_("May we keep your name and phone number as a volunteer?")
CONTACT_QUESTION = N_("May we call or text you about future events?")


class ConsentQuestions(QWidget):
    changed = Signal()

    def __init__(self, ui_language: str, *, ask_to_keep: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        ask = QHBoxLayout()
        label = QLabel(_("Ask in"))
        self.language = QComboBox()
        for code in UI_LANGUAGES:
            # Each language named in itself: the person choosing may not read the organizer's.
            self.language.addItem(language_name(code, code), code)
        self.language.setCurrentIndex(max(self.language.findData(ui_language), 0))
        self.language.setAccessibleName(_("Language to ask the consent questions in"))
        label.setBuddy(self.language)
        ask.addWidget(label)
        ask.addWidget(self.language)
        ask.addStretch(1)
        layout.addLayout(ask)
        self.keep = QCheckBox()
        self.contact = QCheckBox()
        for box in (self.keep, self.contact):
            box.toggled.connect(self.changed)
            layout.addWidget(box)
        # Once in the layout: shown before, it was a window of its own for a moment, which took
        # the main window's focus when Check-in is built after the window is up.
        self.keep.setVisible(ask_to_keep)
        self.keep.toggled.connect(self._follow_keep)
        self.language.currentIndexChanged.connect(self._word_questions)
        self._ask_to_keep = ask_to_keep
        self._word_questions()
        self._follow_keep()

    @property
    def asked_in(self) -> str:
        return str(self.language.currentData())

    @property
    def may_keep(self) -> bool:
        return not self._ask_to_keep or self.keep.isChecked()

    @property
    def may_contact(self) -> bool:
        return self.may_keep and self.contact.isChecked()

    def reset(self) -> None:
        self.keep.setChecked(False)
        self.contact.setChecked(False)

    def _word_questions(self) -> None:
        words = translator(self.asked_in).gettext
        self.keep.setText(words(KEEP_QUESTION))
        self.contact.setText(words(CONTACT_QUESTION))

    def _follow_keep(self) -> None:
        # Nobody can be contacted whose number is not kept.
        self.contact.setEnabled(self.may_keep)
        if not self.may_keep:
            self.contact.setChecked(False)
