"""A small dialog that adds a venue without leaving the rally being edited."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from rallyorg.domain.venues import VenueData, VenueInput
from rallyorg.gui.context import GuiContext
from rallyorg.gui.rallies.form_rows import new_form
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.i18n import _
from rallyorg.services import venues


class VenueDialog(QDialog):
    created = Signal(object)  # VenueData

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("New venue"))
        self.setMinimumWidth(420)
        self.errors = FieldErrors()
        form = new_form()
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Danbury City Hall steps"))
        self.errors.add_row(form, _("Name"), self.name, "venue.name", required=True)
        self.street = QLineEdit()
        self.errors.add_row(form, _("Street"), self.street, "venue.street")
        self.city = QLineEdit()
        self.errors.add_row(form, _("City"), self.city, "venue.city")
        self.state = QLineEdit(VenueInput.state)
        self.errors.add_row(form, _("State"), self.state, "venue.state")
        self.postal_code = QLineEdit()
        self.errors.add_row(form, _("ZIP code"), self.postal_code, "venue.postal_code")
        self.accessibility = QPlainTextEdit()
        self.accessibility.setPlaceholderText(_("Step-free access, restrooms, seating, parking…"))
        self.accessibility.setTabChangesFocus(True)  # Tab goes on to Save, as in every other field
        self.accessibility.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.errors.add_row(form, _("Accessibility"), self.accessibility, "venue.accessibility_notes")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.venue: VenueData | None = None

    def accept(self) -> None:
        data = VenueInput(
            name=self.name.text(),
            street=self.street.text(),
            city=self.city.text(),
            state=self.state.text(),
            postal_code=self.postal_code.text(),
            accessibility_notes=self.accessibility.toPlainText(),
        )
        self.venue = self.errors.attempt(self, lambda: self.context.call(venues.create_venue, data))
        if self.venue is None:
            return
        self.created.emit(self.venue)
        super().accept()
