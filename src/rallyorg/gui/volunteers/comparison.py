"""Two volunteer records side by side, every field, with the differences marked in bold and
with a "≠" sign (never by colour alone)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from rallyorg.domain.validation import format_phone
from rallyorg.gui.volunteers.history import hours_text
from rallyorg.gui.volunteers.labels import consent_summary, language_names, skill_labels
from rallyorg.i18n import _, format_number, format_short_date
from rallyorg.services.volunteers import VolunteerData

DIFFERENT = "≠"


def _fields(data: VolunteerData, language: str) -> list[tuple[str, str]]:
    consent = consent_summary(
        may_email=data.may_email,
        may_text=data.may_text,
        may_call=data.may_call,
        do_not_contact=data.do_not_contact,
        may_share=data.may_share,
    )[1]
    return [
        (_("Given name"), data.given_name),
        (_("Family name"), data.family_name),
        (_("Email"), data.email),
        (_("Phone"), format_phone(data.phone)),
        (_("City"), data.city),
        (_("Languages"), language_names(data.languages, language)),
        (_("Skills"), skill_labels(data.skills)),
        (_("Partner group"), data.group_name),
        (_("Consent"), consent),
        (_("Source"), data.source),
        (_("Notes"), data.notes),
        (_("Sign-ups"), format_number(len(data.history), language)),
        (_("Hours given"), hours_text(data.total_hours, language)),
        (_("Added"), format_short_date(data.created_at.astimezone(), language)),
    ]


class ComparisonTable(QTableWidget):
    """Rows are fields; columns: marker, field, left record, right record."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self._language = language
        self.setAccessibleName(_("The two records side by side"))
        self.setHorizontalHeaderLabels(["", _("Field"), _("Left"), _("Right")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.differing: list[str] = []

    def set_records(self, left: VolunteerData | None, right: VolunteerData | None) -> None:
        self.setRowCount(0)
        self.differing = []
        if left is None or right is None:
            return
        self.setHorizontalHeaderLabels(
            [
                "",
                _("Field"),
                _("Left: {name}").format(name=left.name),
                _("Right: {name}").format(name=right.name),
            ]
        )
        pairs = list(zip(_fields(left, self._language), _fields(right, self._language), strict=True))
        self.setRowCount(len(pairs))
        bold = QFont(self.font())
        bold.setBold(True)
        for row, ((label, mine), (_label, theirs)) in enumerate(pairs):
            different = mine.strip() != theirs.strip()
            marker = QTableWidgetItem(DIFFERENT if different else "")
            marker.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if different:
                marker.setToolTip(_("Different"))
                marker.setData(Qt.ItemDataRole.AccessibleTextRole, _("Different"))
                self.differing.append(label)
            cells = [marker, QTableWidgetItem(label), QTableWidgetItem(mine), QTableWidgetItem(theirs)]
            for column, item in enumerate(cells):
                if different:
                    item.setFont(bold)
                    item.setBackground(self.palette().alternateBase())
                if column >= 2:
                    item.setToolTip(item.text())
                self.setItem(row, column, item)
        self.resizeRowsToContents()
