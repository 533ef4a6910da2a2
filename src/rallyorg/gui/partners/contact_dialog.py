"""Add or edit one contact of a partner group: a small form with inline validation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain import validation
from rallyorg.domain.enums import Language
from rallyorg.domain.errors import ValidationError
from rallyorg.gui.partners.inline_errors import InlineFieldErrors
from rallyorg.i18n import _
from rallyorg.services.partners import ContactData, ContactInput

Submit = Callable[[ContactInput], ContactData]


class ContactDialog(QDialog):
    """``submit`` saves through the service; the dialog stays open (with what was typed)
    until it succeeds, showing any error under its field."""

    def __init__(
        self,
        group_name: str,
        submit: Submit,
        contact: ContactData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.result_contact: ContactData | None = None
        self.setWindowTitle(
            _("Edit contact — {group}").format(group=group_name)
            if contact
            else _("New contact — {group}").format(group=group_name)
        )
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = InlineFieldErrors()

        self.name = QLineEdit()
        self.role = QLineEdit()
        self.role.setPlaceholderText(_("e.g. Pastor, organizer, shop steward"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(_("name@example.org"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(_("(203) 555-0123"))
        self.language = QComboBox()
        for language in Language:
            self.language.addItem(_(language.label), language.value)
        self.primary = QCheckBox(_("Primary contact for this group"))
        self.do_not_contact = QCheckBox(_("Do not contact"))
        self.may_share = QCheckBox(_("May be shared with other partner groups"))

        self.errors.add_row(form, _("Name"), self.name, "name", required=True)
        self.errors.add_row(form, _("Role"), self.role, "role")
        self.errors.add_row(form, _("Email"), self.email, "email")
        self.errors.add_row(form, _("Phone"), self.phone, "phone")
        self.errors.add_row(form, _("Preferred language"), self.language, "preferred_language")
        form.addRow("", self.primary)
        consent = QLabel(_("Consent"))
        consent.setBuddy(self.do_not_contact)
        form.addRow(consent, self.do_not_contact)
        form.addRow("", self.may_share)
        for box in (self.primary, self.do_not_contact, self.may_share):
            box.setAccessibleName(box.text())
        layout.addLayout(form)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        # Checked when the person leaves the field, not at the end: the mistake is fresh.
        self.email.editingFinished.connect(self._check_inline)
        self.phone.editingFinished.connect(self._check_inline)
        if contact is not None:
            self._fill(contact)
        self.name.setFocus()

    def _fill(self, contact: ContactData) -> None:
        self.name.setText(contact.name)
        self.role.setText(contact.role)
        self.email.setText(contact.email)
        self.phone.setText(validation.format_phone(contact.phone))
        index = self.language.findData(contact.preferred_language)
        self.language.setCurrentIndex(max(index, 0))
        self.primary.setChecked(contact.is_primary)
        self.do_not_contact.setChecked(contact.do_not_contact)
        self.may_share.setChecked(contact.may_share)

    def contact_input(self) -> ContactInput:
        return ContactInput(
            name=self.name.text(),
            role=self.role.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            preferred_language=str(self.language.currentData()),
            is_primary=self.primary.isChecked(),
            do_not_contact=self.do_not_contact.isChecked(),
            may_share=self.may_share.isChecked(),
        )

    def _check_inline(self) -> None:
        """Mark a bad email or phone without pulling focus back from where the user went."""
        try:
            validation.normalise_email("email", self.email.text())
            e164 = validation.normalise_phone("phone", self.phone.text())
        except ValidationError as error:
            self.errors.mark(error)
            return
        self.errors.clear()
        if e164:
            self.phone.setText(validation.format_phone(e164))

    def accept(self) -> None:
        self.result_contact = self.errors.attempt(self, lambda: self._submit(self.contact_input()))
        if self.result_contact is None:
            return
        super().accept()
