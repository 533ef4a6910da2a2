"""Edit messages…: each language's reminder (and its waitlist wording) as the coalition wants
it, with the placeholders it may use listed; a refusal (an unknown placeholder) is shown under
the field; "Reset to the shipped message" puts the shipped wording back."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import Language
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.reminders import PLACEHOLDERS, SHIPPED, LanguageTemplates, MessageTemplate
from rallyorg.gui.context import GuiContext
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.style import hint_label
from rallyorg.i18n import _
from rallyorg.services import reminders


def language_words(code: str) -> str:
    """A language by its own name, as the Texts tab heads its columns."""
    try:
        return Language(code).native_name
    except ValueError:
        return code


class LanguagePage(QWidget):
    """One language: the wording chosen (regular or waitlist), its subject and body."""

    def __init__(self, language: str, templates: LanguageTemplates) -> None:
        super().__init__()
        self.language = language
        self.texts = {False: templates.regular, True: templates.waitlist}
        self.changed: set[bool] = set()
        self.reset_asked: set[bool] = set()
        self.errors = FieldErrors()
        form = QFormLayout(self)
        self.wording = QComboBox()
        self.wording.addItem(_("For those with a place"), False)
        self.wording.addItem(_("For the waitlist"), True)
        self.wording.setAccessibleName(_("Message"))
        form.addRow(_("Message"), self.wording)
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.errors.add_row(form, _("Subject"), self.subject, "subject")
        self.errors.add_row(form, _("Message text"), self.body, "body")
        self.reset = QPushButton(_("Reset to the shipped message"))
        self.reset.clicked.connect(self.reset_to_shipped)
        row = QHBoxLayout()
        row.addWidget(self.reset)
        row.addStretch(1)
        form.addRow(row)
        self._shown: bool | None = None
        self.wording.currentIndexChanged.connect(self._show_wording)
        self._show_wording()
        self.subject.textEdited.connect(self._edited)
        self.body.textChanged.connect(self._edited)

    @property
    def waitlist(self) -> bool:
        return bool(self.wording.currentData())

    def _keep_shown(self) -> None:
        if self._shown is not None:
            self.texts[self._shown] = MessageTemplate(self.subject.text(), self.body.toPlainText())

    def _show_wording(self) -> None:
        self._keep_shown()
        self._shown = self.waitlist
        text = self.texts[self.waitlist]
        self.body.blockSignals(True)
        self.subject.setText(text.subject)
        self.body.setPlainText(text.body)
        self.body.blockSignals(False)
        self.errors.clear()

    def _edited(self) -> None:
        self.changed.add(self.waitlist)
        self.reset_asked.discard(self.waitlist)

    def reset_to_shipped(self) -> None:
        shipped = SHIPPED[self.language].pick(self.waitlist)
        self.body.blockSignals(True)
        self.subject.setText(shipped.subject)
        self.body.setPlainText(shipped.body)
        self.body.blockSignals(False)
        self.changed.discard(self.waitlist)
        self.reset_asked.add(self.waitlist)

    def edits(self) -> dict[bool, MessageTemplate | None]:
        """What to keep: an edited wording, or None for one to reset."""
        self._keep_shown()
        kept: dict[bool, MessageTemplate | None] = {w: None for w in self.reset_asked}
        kept.update({w: self.texts[w] for w in self.changed})
        return kept


class TemplatesDialog(QDialog):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Reminder messages"))
        layout = QVBoxLayout(self)
        known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        layout.addWidget(
            hint_label(
                # Translators: the placeholders ({name}, {rally}…) are listed after the colon.
                _("Each person gets the message in their language. Placeholders you can use: {known}").format(
                    known=known
                )
            )
        )
        self.tabs = QTabWidget()
        self.pages: list[LanguagePage] = []
        for language, templates in context.call(reminders.get_templates).items():
            page = LanguagePage(language, templates)
            self.pages.append(page)
            self.tabs.addTab(page, language_words(language))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.fontMetrics().height() * 32)

    def page(self, language: str) -> LanguagePage:
        return next(p for p in self.pages if p.language == language)

    def accept(self) -> None:
        for page in self.pages:
            for waitlist, template in page.edits().items():
                try:
                    if template is None:
                        self.context.call(reminders.reset_template, page.language, waitlist=waitlist)
                    else:
                        self.context.call(reminders.save_template, page.language, template, waitlist=waitlist)
                except ValidationError as error:
                    self.tabs.setCurrentWidget(page)
                    page.wording.setCurrentIndex(page.wording.findData(waitlist))
                    page.errors.show(error)
                    return
                page.changed.discard(waitlist)
                page.reset_asked.discard(waitlist)
        self.context.say(_("Reminder messages saved"))
        super().accept()
