"""The Details form of a partner group: fields in, PartnerGroupInput out, edits noticed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from rallyorg.domain.enums import PartnerKind
from rallyorg.gui.conflicts import ConflictField, attribute, languages_text, same_items
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.language_picker import LanguagePicker
from rallyorg.gui.widgets.suggestions import attach_suggestions
from rallyorg.gui.widgets.tab_order import OptionalDateEdit
from rallyorg.i18n import _
from rallyorg.services.partners import PartnerGroupData, PartnerGroupInput

#: where the Logo row goes: after Name, Kind, City and Website
LOGO_ROW = 4
# QDateEdit cannot be empty: its minimum date shows as "Not a member yet" and means None.
NO_DATE = QDate(1900, 1, 1)


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(tag.strip() for tag in text.split(",") if tag.strip())


def stored_input(group: PartnerGroupData) -> PartnerGroupInput:
    """A stored group as the form gives it back."""
    return PartnerGroupInput(
        name=group.name,
        kind=PartnerKind(group.kind),
        city=group.city,
        website=group.website,
        languages=tuple(group.languages),
        tags=split_tags(", ".join(group.tags)),
        notes=group.notes,
        member_since=group.member_since,
        active=group.active,
    )


def conflict_fields() -> list[ConflictField[PartnerGroupInput]]:
    """Every field, labelled as on the form, for the conflict dialog (gui/conflicts.py)."""
    return [
        attribute("name", _("Name")),
        attribute("kind", _("Kind")),
        attribute("city", _("City")),
        attribute("website", _("Website")),
        attribute("languages", _("Languages"), languages_text, same_items),
        attribute("tags", _("Tags"), same=same_items),
        attribute("member_since", _("Member since")),
        attribute("active", _("Active partner (shown in pickers for new events)")),
        attribute("notes", _("Notes")),
    ]


class GroupForm(QWidget):
    edited = Signal()

    def __init__(self, ui_language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        self._logo_chain: list[QWidget] = []  # the Logo row's buttons, once the editor adds it
        form = self._form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Iglesia San José"))
        self.kind = QComboBox()
        for kind in PartnerKind:
            self.kind.addItem(_(kind.label), kind)
        self.city = QLineEdit()
        # Suggestions that never swallow the click on the next field (widgets/suggestions.py).
        self.city_suggestions = attach_suggestions(self.city)
        self.website = QLineEdit()
        self.website.setPlaceholderText("https://")
        # Languages by name, checked off (never typed as codes).
        self.languages = LanguagePicker(ui_language)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(_("Separated by commas, e.g. faith, sanctuary"))
        self.member_since = OptionalDateEdit()  # Tab leaves it even when it says the words
        self.member_since.setCalendarPopup(True)
        self.member_since.setMinimumDate(NO_DATE)
        self.member_since.setSpecialValueText(_("Not a member yet"))
        # The locale's own short order (7/4/2014, 4/7/2014) with a four-digit year.
        short = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
        self.member_since.setDisplayFormat(short if "yyyy" in short else short.replace("yy", "yyyy"))
        self.active = QCheckBox(_("Active partner (shown in pickers for new events)"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)

        add = self.errors.add_row
        add(form, _("Name"), self.name, "name", required=True)
        add(form, _("Kind"), self.kind, "kind")
        add(form, _("City"), self.city, "city")
        add(form, _("Website"), self.website, "website")
        add(form, _("Languages"), self.languages, "languages")
        add(form, _("Tags"), self.tags, "tags")
        add(form, _("Member since"), self.member_since, "member_since")
        add(form, _("Status"), self.active, "active")
        add(form, _("Notes"), self.notes, "notes")

        for line in (self.name, self.city, self.website, self.tags):
            line.textEdited.connect(self.edited)
        self.kind.activated.connect(self.edited)
        self.member_since.dateChanged.connect(lambda _date: self._edited_unless_loading())
        self.active.toggled.connect(lambda _on: self._edited_unless_loading())
        self.notes.textChanged.connect(self._edited_unless_loading)
        self.languages.changed.connect(self._edited_unless_loading)
        self._loading = False

    def focus_chain(self) -> list[QWidget]:
        """The fields in reading order (the editor walks Tab along it: widgets/tab_order.py)."""
        chain: list[QWidget] = [self.name, self.kind, self.city, self.website, *self._logo_chain]
        chain += [*self.languages.focus_chain(), self.tags, self.member_since, self.active, self.notes]
        return chain

    def add_logo_row(self, field: QWidget, focus_chain: list[QWidget]) -> None:
        """The Logo row, after the website: saved on its own as it is chosen (not part of
        ``group_input``), so the editor makes it (gui/picture_field.py)."""
        label = QLabel(_("Logo"))
        label.setBuddy(focus_chain[0])
        self._form.insertRow(LOGO_ROW, label, field)
        self._logo_chain = focus_chain

    def _edited_unless_loading(self) -> None:
        if not self._loading:
            self.edited.emit()

    def set_cities(self, cities: tuple[str, ...]) -> None:
        self.city_suggestions.set_words(cities)

    def load(self, group: PartnerGroupData | None) -> None:
        self.set_input(stored_input(group) if group else PartnerGroupInput(""))

    def set_input(self, data: PartnerGroupInput) -> None:
        """Show these values (a stored group's, or merged after a conflict); not an edit."""
        self._loading = True
        try:
            self.errors.clear()
            self.name.setText(data.name)
            self.kind.setCurrentIndex(self.kind.findData(data.kind))
            self.city.setText(data.city)
            self.website.setText(data.website)
            self.languages.set_codes(data.languages)
            self.tags.setText(", ".join(data.tags))
            since = data.member_since
            self.member_since.setDate(QDate(since.year, since.month, since.day) if since else NO_DATE)
            self.active.setChecked(data.active)
            self.notes.setPlainText(data.notes)
        finally:
            self._loading = False

    def group_input(self) -> PartnerGroupInput:
        date = self.member_since.date()
        return PartnerGroupInput(
            name=self.name.text(),
            kind=PartnerKind(self.kind.currentData()),
            city=self.city.text(),
            website=self.website.text(),
            languages=self.languages.codes(),
            tags=split_tags(self.tags.text()),
            notes=self.notes.toPlainText(),
            member_since=None if date == NO_DATE else dt.date(date.year(), date.month(), date.day()),
            active=self.active.isChecked(),
        )
