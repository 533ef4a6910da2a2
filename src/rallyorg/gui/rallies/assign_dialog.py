"""Assign volunteers to a shift: search by name, phone or city, filter by language and skill
(the language filter starts at the language the shift needs), pick one or several."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import Language, SignUpStatus, Skill
from rallyorg.domain.languages import language_name
from rallyorg.domain.shifts import ShiftData
from rallyorg.gui.context import GuiContext
from rallyorg.gui.volunteers.quick_dialog import QuickVolunteerDialog
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.search_field import SearchField
from rallyorg.gui.widgets.search_list import pick_with_keys
from rallyorg.i18n import _, format_time, ngettext
from rallyorg.services import volunteers

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LIMIT = 200  # a search shows the first 200; typing more narrows it


def skill_label(code: str) -> str:
    try:
        return _(Skill(code).label)
    except ValueError:
        return code


class AssignDialog(QDialog):
    #: chosen (volunteer id, name) pairs, in the order they appear
    chosen = Signal(list)

    def __init__(self, context: GuiContext, shift: ShiftData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.shift = context, shift
        language = context.language
        self.setWindowTitle(_("Assign volunteers"))
        self.resize(560, 560)
        layout = QVBoxLayout(self)
        places = max(shift.capacity - shift.filled, 0)
        summary = _("{role}, {start} – {end}").format(
            role=shift.role,
            start=format_time(shift.starts_at, language),
            end=format_time(shift.ends_at, language),
        )
        free = (
            ngettext("{n} place free", "{n} places free", places).format(n=places)
            if places
            else _("The shift is full: new people go on the waitlist.")
        )
        self.summary = QLabel(f"<b>{summary}</b><br>{free}")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.search = SearchField(_("Search volunteers by name, phone, email or city"))
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        self.language.addItem(_("Any language"), "")
        for code in Language:
            self.language.addItem(code.native_name, code.value)
        if shift.required_language and self.language.findData(shift.required_language) < 0:
            self.language.addItem(language_name(shift.required_language, language), shift.required_language)
        self.language.setCurrentIndex(max(self.language.findData(shift.required_language or ""), 0))
        self.skill = QComboBox()
        self.skill.setAccessibleName(_("Skill"))
        self.skill.addItem(_("Any skill"), "")
        for skill in Skill:
            self.skill.addItem(_(skill.label), skill.value)
        filters.addWidget(QLabel(_("Speaks")))
        filters.addWidget(self.language, 1)
        filters.addWidget(QLabel(_("Skill")))
        filters.addWidget(self.skill, 1)
        layout.addLayout(filters)

        self.results = QListWidget()
        self.results.setAccessibleName(_("Volunteers"))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.setAlternatingRowColors(True)
        self.results.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.results, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_up_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_up_button.setText(_("Sign up"))
        # Someone not in the database yet: added here and signed up at once.
        self.new_button = self.buttons.addButton(_("New volunteer…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.new_button.setIcon(icon("ph.user-plus"))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_volunteer)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.search.search_changed.connect(lambda _text: self.fill())
        # Up/Down move through the results and Enter signs up the highlighted one (or the top
        # match of a search), without leaving the search field.
        self._searched: str | None = None
        pick_with_keys(self.search, self.results, self.accept, self._search_if_pending)
        self.language.currentIndexChanged.connect(lambda _i: self.fill())
        self.skill.currentIndexChanged.connect(lambda _i: self.fill())
        self.results.itemSelectionChanged.connect(self._update_button)
        self.fill()
        self.search.setFocus()

    def _search_if_pending(self) -> None:
        if self.search.text() != self._searched:
            self.search.flush()

    def fill(self) -> None:
        self._searched = self.search.text()
        on_shift = {s.volunteer_id for s in self.shift.signups if s.status != SignUpStatus.CANCELLED}
        rows = self.context.call(
            volunteers.list_volunteers,
            search=self.search.text(),
            language=str(self.language.currentData() or ""),
            skill=str(self.skill.currentData() or ""),
            limit=LIMIT + len(on_shift),
        )
        rows = [r for r in rows if r.id not in on_shift][:LIMIT]
        self.results.clear()
        ui = self.context.language
        for row in rows:
            details = " · ".join(
                part
                for part in (
                    ", ".join(language_name(code, ui) for code in row.languages),
                    ", ".join(skill_label(s) for s in row.skills),
                    row.city,
                )
                if part
            )
            item = QListWidgetItem(f"{row.name}\n{details}" if details else row.name)
            item.setData(ID_ROLE, (row.id, row.name))
            item.setToolTip(row.name)
            self.results.addItem(item)
        filtered = bool(self.search.text().strip() or self.language.currentData() or self.skill.currentData())
        if not rows and filtered:
            self.note.setText(_("Nobody matches. Try fewer letters or another language or skill."))
        elif not rows and on_shift:
            self.note.setText(_("Everyone is on this shift already. Add someone with “New volunteer…”."))
        elif not rows:
            self.note.setText(_("No volunteers yet. Add the first with “New volunteer…”."))
        elif len(rows) == LIMIT:
            self.note.setText(_("Showing the first {n}; type more to narrow the list.").format(n=LIMIT))
        else:
            self.note.setText(ngettext("{n} volunteer", "{n} volunteers", len(rows)).format(n=len(rows)))
        self._update_button()

    def _update_button(self) -> None:
        count = len(self.results.selectedItems())
        self.sign_up_button.setEnabled(count > 0)
        self.sign_up_button.setText(
            ngettext("Sign up {n} person", "Sign up {n} people", count).format(n=count)
            if count > 1
            else _("Sign up")
        )

    def accept(self) -> None:
        # In list order, so the first chosen gets the first free place.
        items = sorted(self.results.selectedItems(), key=self.results.row)
        picked = [tuple(item.data(ID_ROLE)) for item in items]
        if not picked:
            return
        self.chosen.emit(picked)
        super().accept()

    def new_volunteer(self) -> None:
        """Create the person (a small form) and sign them up for this shift."""
        needed = (self.shift.required_language,) if self.shift.required_language else ()
        dialog = QuickVolunteerDialog(self.context, search=self.search.text(), languages=needed, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.volunteer is None:
            return
        self.chosen.emit([(dialog.volunteer.id, dialog.volunteer.name)])
        super().accept()
