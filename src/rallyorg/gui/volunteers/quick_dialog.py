"""A person not in the database yet, added from where they are needed (Assign volunteers):
name, phone, email and languages; the rest can be filled in later in Volunteers."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.context import GuiContext
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.language_picker import LanguagePicker
from rallyorg.gui.widgets.tab_order import move_along
from rallyorg.i18n import _
from rallyorg.services import volunteers
from rallyorg.services.volunteers import VolunteerData


def names_from_search(text: str) -> tuple[str, str]:
    """What was typed in a search, as (given, family) when it looks like a name."""
    text = " ".join(text.split())
    if not text or re.search(r"[\d@]", text):
        return "", ""
    given, _sep, family = text.partition(" ")
    return given, family


class QuickVolunteerDialog(QDialog):
    def __init__(
        self,
        context: GuiContext,
        *,
        search: str = "",
        languages: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.volunteer: VolunteerData | None = None
        self.setWindowTitle(_("New volunteer"))
        self.setMinimumWidth(440)
        self.errors = FieldErrors()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.given_name = QLineEdit()
        self.given_name.setMaxLength(100)
        self.family_name = QLineEdit()
        self.family_name.setMaxLength(100)
        self.phone = QLineEdit()
        self.phone.setMaxLength(40)
        self.phone.setPlaceholderText(_("(203) 555-0123 or +55 11 91234-5678"))
        self.email = QLineEdit()
        self.email.setMaxLength(320)
        self.email.setPlaceholderText(_("name@example.org"))
        self.languages = LanguagePicker(context.language)
        add = self.errors.add_row
        add(form, _("Given name"), self.given_name, "given_name", required=True)
        add(form, _("Family name"), self.family_name, "family_name")
        add(form, _("Phone"), self.phone, "phone")
        add(form, _("Email"), self.email, "email")
        add(form, _("Languages"), self.languages, "languages")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        given, family = names_from_search(search)
        self.given_name.setText(given)
        self.family_name.setText(family)
        self.languages.set_codes(languages)
        self.given_name.setFocus()

    def focusNextPrevChild(self, next: bool) -> bool:
        chain = [self.given_name, self.family_name, self.phone, self.email, *self.languages.focus_chain()]
        return move_along([*chain, *self.buttons.buttons()], next) or super().focusNextPrevChild(next)

    def volunteer_input(self) -> VolunteerInput:
        return VolunteerInput(
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            languages=self.languages.codes(),
        )

    def accept(self) -> None:
        self.volunteer = self.errors.attempt(
            self, lambda: self.context.call(volunteers.create_volunteer, self.volunteer_input())
        )
        if self.volunteer is None:
            return
        super().accept()
