"""Add or edit one contact of a partner group: a small form with inline validation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
from rallyorg.domain.errors import ConflictError, NotFoundError, RallyorgError, ValidationError
from rallyorg.gui.conflicts import (
    ConflictField,
    RecordConflicts,
    Resolution,
    attribute,
    languages_text,
    resolve_conflict,
    settle,
)
from rallyorg.gui.partners.inline_errors import InlineFieldErrors
from rallyorg.i18n import _
from rallyorg.services.partners import ContactData, ContactInput

Submit = Callable[[ContactInput], ContactData]


@dataclass(frozen=True)
class ContactStore:
    """The saves and the read an edit needs to get past someone else's change meanwhile."""

    read: Callable[[int], ContactData]  # NotFoundError once deleted
    update: Callable[[int, ContactInput, int], ContactData]  # contact id, values, version
    add: Callable[[ContactInput], ContactData]


def stored_input(contact: ContactData) -> ContactInput:
    """A stored contact as the dialog gives it back (the phone as it is shown)."""
    return ContactInput(
        name=contact.name,
        role=contact.role,
        email=contact.email,
        phone=validation.format_phone(contact.phone),
        preferred_language=contact.preferred_language,
        is_primary=contact.is_primary,
        do_not_contact=contact.do_not_contact,
        may_share=contact.may_share,
    )


def conflict_fields() -> list[ConflictField[ContactInput]]:
    return [
        attribute("name", _("Name")),
        attribute("role", _("Role")),
        attribute("email", _("Email")),
        attribute("phone", _("Phone")),
        attribute("preferred_language", _("Preferred language"), languages_text),
        attribute("is_primary", _("Primary contact for this group")),
        attribute("do_not_contact", _("Do not contact")),
        attribute("may_share", _("May be shared with other partner groups")),
    ]


class ContactDialog(QDialog):
    """``submit`` saves through the service; the dialog stays open (with what was typed)
    until it succeeds, showing any error under its field."""

    def __init__(
        self,
        group_name: str,
        submit: Submit,
        contact: ContactData | None = None,
        parent: QWidget | None = None,
        *,
        store: ContactStore | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._store = store
        self.contact = contact
        self.record_gone = False  # deleted meanwhile, and the user let their changes go
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
            self.put_input(stored_input(contact))
        self._baseline = self.contact_input()  # as opened: which fields the user changed
        self.name.setFocus()

    def put_input(self, data: ContactInput) -> None:
        self.name.setText(data.name)
        self.role.setText(data.role)
        self.email.setText(data.email)
        self.phone.setText(data.phone)
        index = self.language.findData(data.preferred_language)
        self.language.setCurrentIndex(max(index, 0))
        self.primary.setChecked(data.is_primary)
        self.do_not_contact.setChecked(data.do_not_contact)
        self.may_share.setChecked(data.may_share)

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
        self.result_contact = self.errors.attempt(self, self._save)
        if self.result_contact is None:
            return
        super().accept()

    def _save(self) -> ContactData | None:
        data = self.contact_input()
        if self._store is None:
            return self._submit(data)
        try:
            if self.contact is None:
                return self._store.add(data)
            return self._store.update(self.contact.id, data, self.contact.version)
        except (ConflictError, NotFoundError) as error:
            resolution = self._resolve_conflict(error, data)
            if resolution is None:
                raise
            return settle(resolution, self, self._save)

    # --- someone else's change meanwhile (gui/conflicts.py) ---------------------------------
    def _resolve_conflict(
        self, error: RallyorgError, data: ContactInput
    ) -> Resolution[ContactInput, ContactData] | None:
        if self._store is None or self.contact is None:
            return None
        contact_id, read = self.contact.id, self._store.read
        record = RecordConflicts(
            conflict_fields(), lambda: read(contact_id), stored_input, lambda stored: stored.version
        )
        return resolve_conflict(self, error, record, data, self._baseline, self.contact.version)

    def show_stored(self, stored: ContactData) -> None:
        self.contact = stored
        self.put_input(stored_input(stored))
        self._baseline = self.contact_input()

    def take_theirs(self, stored: ContactData) -> ContactData | None:
        self.show_stored(stored)
        return stored  # closes the dialog; the list shows the saved version

    def save_as_new(self) -> ContactData | None:
        self.contact = None
        return self._save()

    def drop_deleted(self) -> None:
        self.record_gone = True
        self.reject()
