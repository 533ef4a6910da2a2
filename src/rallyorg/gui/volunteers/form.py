"""The volunteer's details as a form: fields in, ``VolunteerInput`` out, errors under fields."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import Skill
from rallyorg.domain.validation import format_phone
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.conflicts import ConflictField, attribute, languages_text, same_items
from rallyorg.gui.volunteers.wrapping import ColumnsLayout, WrappingCheckBox
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.language_picker import LanguagePicker
from rallyorg.gui.widgets.suggestions import attach_suggestions
from rallyorg.i18n import _
from rallyorg.services.volunteers import VolunteerData

NO_GROUP = -1


def volunteer_input(data: VolunteerData) -> VolunteerInput:
    """A stored volunteer as the form gives it back (the phone as it is shown, skills in order)."""
    return VolunteerInput(
        given_name=data.given_name,
        family_name=data.family_name,
        email=data.email,
        phone=format_phone(data.phone),
        languages=tuple(data.languages),
        skills=tuple(skill for skill in Skill if skill.value in data.skills),
        city=data.city,
        group_id=data.group_id,
        may_email=data.may_email and not data.do_not_contact,
        may_text=data.may_text and not data.do_not_contact,
        may_call=data.may_call and not data.do_not_contact,
        do_not_contact=data.do_not_contact,
        may_share=data.may_share,
        source=data.source,
        notes=data.notes,
    )


def _line_edit(placeholder: str = "", max_length: int = 0) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    if max_length:
        edit.setMaxLength(max_length)
    return edit


class VolunteerForm(QWidget):
    """Every field of a volunteer. ``changed`` fires on any edit (for unsaved-changes tracking)."""

    changed = Signal()

    def __init__(self, ui_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui_language = ui_language
        self.errors = FieldErrors()
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.given_name = _line_edit(max_length=100)
        self.family_name = _line_edit(max_length=100)
        self.email = _line_edit(_("name@example.org"), 320)
        self.phone = _line_edit(_("(203) 555-0123 or +55 11 91234-5678"), 40)
        self.errors.add_row(form, _("Given name"), self.given_name, "given_name", required=True)
        self.errors.add_row(form, _("Family name"), self.family_name, "family_name")
        self.errors.add_row(form, _("Email"), self.email, "email")
        self.errors.add_row(form, _("Phone"), self.phone, "phone")

        # Languages by name, checked off (never typed as codes).
        self.languages = LanguagePicker(ui_language)
        self.errors.add_row(form, _("Languages"), self.languages, "languages")
        self.languages.changed.connect(self.changed)

        skills_box = QWidget()
        # Two columns when there is room, one when the editor is narrow (long pt_BR labels).
        grid = ColumnsLayout(skills_box, max_columns=2)
        grid.setContentsMargins(0, 0, 0, 0)
        self.skill_boxes: dict[Skill, QCheckBox] = {}
        for skill in Skill:
            box = QCheckBox(_(skill.label))
            self.skill_boxes[skill] = box
            grid.addWidget(box)
        self.errors.add_row(form, _("Skills"), skills_box, "skills")
        skills_box.setAccessibleName(_("Skills"))

        self.city = _line_edit(max_length=100)
        self.errors.add_row(form, _("City"), self.city, "city")
        # Suggestions that never swallow the click on the next field (widgets/suggestions.py).
        self.city_suggestions = attach_suggestions(self.city)
        self.group = QComboBox()
        self.group.addItem(_("No partner group"), NO_GROUP)
        self.errors.add_row(form, _("Partner group"), self.group, "group_id")

        consent_box = QWidget()
        consent_column = QVBoxLayout(consent_box)
        consent_column.setContentsMargins(0, 0, 0, 0)
        consent_column.setSpacing(2)
        # Their texts wrap when the editor is narrow instead of being cut off.
        self.may_email = WrappingCheckBox(_("May email"))
        self.may_text = WrappingCheckBox(_("May text"))
        self.may_call = WrappingCheckBox(_("May call"))
        self.do_not_contact = WrappingCheckBox(_("Do not contact"))
        self.do_not_contact.setToolTip(_("Overrides email, text and call: this person is never contacted."))
        self.may_share = WrappingCheckBox(_("May share details with partner groups"))
        for box in (self.may_email, self.may_text, self.may_call, self.do_not_contact, self.may_share):
            consent_column.addWidget(box)
        consent_label = QLabel(_("Consent"))
        consent_label.setBuddy(self.may_email)
        form.addRow(consent_label, consent_box)
        self.do_not_contact.toggled.connect(self._do_not_contact_toggled)

        self.source = _line_edit(_("Where we met: rally sign-up sheet, website…"), 100)
        self.errors.add_row(form, _("Source"), self.source, "source")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(70)
        self.notes.setMaximumHeight(140)
        self.errors.add_row(form, _("Notes"), self.notes, "notes")

        for edit in (
            self.given_name,
            self.family_name,
            self.email,
            self.phone,
            self.city,
            self.source,
        ):
            edit.textChanged.connect(self.changed)
        self.notes.textChanged.connect(self.changed)
        self.group.currentIndexChanged.connect(self.changed)
        for box in (*self.skill_boxes.values(), self.may_email, self.may_text, self.may_call):
            box.toggled.connect(self.changed)
        self.do_not_contact.toggled.connect(self.changed)
        self.may_share.toggled.connect(self.changed)

    # --- keyboard -------------------------------------------------------------------------
    def focus_chain(self) -> list[QWidget]:
        """The fields in reading order (Tab walks along it: widgets/tab_order.py)."""
        chain: list[QWidget] = [self.given_name, self.family_name, self.email, self.phone]
        chain += [*self.languages.focus_chain(), *self.skill_boxes.values(), self.city, self.group]
        chain += [self.may_email, self.may_text, self.may_call, self.do_not_contact, self.may_share]
        return [*chain, self.source, self.notes]

    # --- choices --------------------------------------------------------------------------
    def set_groups(self, groups: list[tuple[int, str]]) -> None:
        chosen = self.group.currentData()
        self.group.blockSignals(True)
        try:
            while self.group.count() > 1:
                self.group.removeItem(1)
            for group_id, name in groups:
                self.group.addItem(name, group_id)
            self.group.setCurrentIndex(max(self.group.findData(chosen), 0))
        finally:
            self.group.blockSignals(False)

    def set_cities(self, cities: list[str]) -> None:
        self.city_suggestions.set_words(cities)

    # --- in and out -----------------------------------------------------------------------
    def value(self) -> VolunteerInput:
        group = self.group.currentData()
        return VolunteerInput(
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            languages=self.languages.codes(),
            skills=tuple(skill for skill, box in self.skill_boxes.items() if box.isChecked()),
            city=self.city.text(),
            group_id=None if group in (None, NO_GROUP) else int(group),
            may_email=self.may_email.isChecked(),
            may_text=self.may_text.isChecked(),
            may_call=self.may_call.isChecked(),
            do_not_contact=self.do_not_contact.isChecked(),
            may_share=self.may_share.isChecked(),
            source=self.source.text(),
            notes=self.notes.toPlainText(),
        )

    def set_value(self, data: VolunteerData | None) -> None:
        """Show a stored volunteer, or an empty form for a new one (``None``)."""
        if data is not None and data.group_id is not None and self.group.findData(data.group_id) < 0:
            self.group.addItem(data.group_name, data.group_id)
        self.set_input(volunteer_input(data) if data else VolunteerInput(""))

    def set_input(self, data: VolunteerInput) -> None:
        """Show these values (a stored volunteer's, or merged after a conflict)."""
        self.blockSignals(True)  # one ``changed`` at most, from the caller's point of view
        try:
            self.errors.clear()
            self.given_name.setText(data.given_name)
            self.family_name.setText(data.family_name)
            self.email.setText(data.email)
            self.phone.setText(data.phone)
            self.languages.set_codes(data.languages)
            for skill, box in self.skill_boxes.items():
                box.setChecked(skill in data.skills)
            self.city.setText(data.city)
            group_id = data.group_id if data.group_id is not None else NO_GROUP
            self.group.setCurrentIndex(max(self.group.findData(group_id), 0))
            self.do_not_contact.setChecked(data.do_not_contact)
            self.may_email.setChecked(data.may_email)
            self.may_text.setChecked(data.may_text)
            self.may_call.setChecked(data.may_call)
            self.may_share.setChecked(data.may_share)
            self.source.setText(data.source)
            self.notes.setPlainText(data.notes)
        finally:
            self.blockSignals(False)

    def group_text(self, group_id: object) -> str:
        index = self.group.findData(NO_GROUP if group_id is None else group_id)
        return self.group.itemText(index) if index >= 0 else str(group_id)

    def conflict_fields(self) -> list[ConflictField[VolunteerInput]]:
        """Every field, labelled as on the form, for the conflict dialog (gui/conflicts.py)."""
        return [
            attribute("given_name", _("Given name")),
            attribute("family_name", _("Family name")),
            attribute("email", _("Email")),
            attribute("phone", _("Phone")),
            attribute("languages", _("Languages"), languages_text, same_items),
            attribute("skills", _("Skills"), same=same_items),
            attribute("city", _("City")),
            attribute("group_id", _("Partner group"), self.group_text),
            attribute("may_email", _("May email")),
            attribute("may_text", _("May text")),
            attribute("may_call", _("May call")),
            attribute("do_not_contact", _("Do not contact")),
            attribute("may_share", _("May share details with partner groups")),
            attribute("source", _("Source")),
            attribute("notes", _("Notes")),
        ]

    # --- behaviour ------------------------------------------------------------------------
    def _do_not_contact_toggled(self, on: bool) -> None:
        for box in (self.may_email, self.may_text, self.may_call):
            if on:
                box.setChecked(False)
            box.setEnabled(not on)
