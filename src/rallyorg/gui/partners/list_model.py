"""The partner-group list: its columns over the rows the service returns.

The service filters (search, kind, city, tag) in SQL; sorting a few hundred groups by a
header click is done in plain Python by the shared RecordsModel (no proxy model)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from rallyorg.domain.text import fold
from rallyorg.gui.widgets.records_model import RIGHT, Column, RecordsModel
from rallyorg.i18n import _, format_number, ui_language
from rallyorg.services.partners import PartnerGroupData

NAME, KIND, CITY, CONTACTS, ACTIVE = range(5)


def _italic_if_inactive(group: PartnerGroupData) -> QFont | None:
    if group.active:
        return None
    font = QFont(QApplication.font())
    font.setItalic(True)
    return font


def _dimmed_if_inactive(group: PartnerGroupData) -> object:
    # Dimmed, and the Status column says "Inactive" in words.
    if group.active:
        return None
    return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


COLUMNS: list[Column[PartnerGroupData]] = [
    Column(
        lambda: _("Name"),
        lambda g: g.name,
        sort_key=lambda g: fold(g.name),
        roles={Qt.ItemDataRole.FontRole: _italic_if_inactive},
    ),
    Column(
        lambda: _("Kind"), lambda g: _(g.kind.label), sort_key=lambda g: (fold(_(g.kind.label)), fold(g.name))
    ),
    Column(lambda: _("City"), lambda g: g.city, sort_key=lambda g: (fold(g.city), fold(g.name))),
    Column(
        lambda: _("Contacts"),
        lambda g: format_number(g.contact_count, ui_language()),
        sort_key=lambda g: (g.contact_count, fold(g.name)),
        align=RIGHT,
    ),
    Column(
        lambda: _("Status"),
        lambda g: _("Active") if g.active else _("Inactive"),
        sort_key=lambda g: (not g.active, fold(g.name)),
    ),
]


class GroupListModel(RecordsModel[PartnerGroupData]):
    def __init__(self) -> None:
        super().__init__(
            COLUMNS,
            key=lambda group: group.id,
            row_roles={Qt.ItemDataRole.ForegroundRole: _dimmed_if_inactive},
        )

    def group_at(self, row: int) -> PartnerGroupData | None:
        return self.record_at(row)
