"""View ▸ Activity…: who changed what and when, newest first, by person and by days; and a
record's own history (the editors' History… button) in the same dialog.

The log keeps column names, never values (services/activity.py): the rows say "changed
volunteer 12 — Phone, City", and the column names are shown with the labels the forms give
them. The same words as ``rallyorg activity`` (cli/activity.py) for the actions and records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.activity_words import ACTIONS, RECORDS
from rallyorg.gui.context import GuiContext
from rallyorg.gui.exchange.table_model import Cell, Row, RowsModel, fit_columns, rows_table
from rallyorg.gui.widgets.date_field import DateField
from rallyorg.gui.widgets.style import title_label
from rallyorg.i18n import _, format_datetime, format_number, ngettext, pgettext
from rallyorg.services import Database, activity
from rallyorg.services.activity import ActivityEntry

DEFAULT_DAYS = 30  # the coalition's activity opens on the last 30 days
EVERYONE = ""  # the person filter's data for "Everyone"


def _field_labels() -> dict[str, dict[str, str]]:
    """Each table's columns as its form labels them (called each time: the language may change)."""
    consent = {
        "may_email": _("May email"),
        "may_text": _("May text"),
        "may_call": _("May call"),
        "do_not_contact": _("Do not contact"),
    }
    return {
        "volunteer": {
            "given_name": _("Given name"),
            "family_name": _("Family name"),
            "email": _("Email"),
            "phone": _("Phone"),
            "languages": _("Languages"),
            "skills": _("Skills"),
            "city": _("City"),
            "group_id": _("Partner group"),
            **consent,
            "may_share": _("May share details with partner groups"),
            "source": _("Source"),
            "notes": _("Notes"),
        },
        "partner_group": {
            "name": _("Name"),
            "kind": _("Kind"),
            "city": _("City"),
            "website": _("Website"),
            "languages": _("Languages"),
            "tags": _("Tags"),
            "member_since": _("Member since"),
            "active": _("Active partner (shown in pickers for new events)"),
            "notes": _("Notes"),
            "logo": _("Logo"),
        },
        "contact": {
            "group_id": _("Partner group"),
            "name": _("Name"),
            "role": _("Role"),
            "email": _("Email"),
            "phone": _("Phone"),
            "preferred_language": _("Preferred language"),
            "is_primary": _("Primary contact for this group"),
            "do_not_contact": _("Do not contact"),
            "may_share": _("May be shared with other partner groups"),
        },
        "venue": {
            "name": _("Name"),
            "street": _("Street"),
            "city": _("City"),
            "state": _("State"),
            "postal_code": _("ZIP code"),
            "accessibility_notes": _("Accessibility"),
        },
        "event": {
            "kind": _("Kind"),
            "status": _("Status"),
            "starts_at": _("Starts"),
            "ends_at": _("Ends"),
            "timezone": _("Time zone"),
            "venue_id": _("Venue"),
            "expected_attendance": _("Expected attendance"),
            "public_url": _("Public web page"),
            "texts": _("Texts"),
            "partners": _("Partners"),
            "picture": _("Picture"),
            "tags": _("Campaign tags"),
        },
        "shift": {
            "role": pgettext("shift of volunteers", "Role"),
            "starts_at": _("Starts"),
            "ends_at": _("Ends"),
            "capacity": _("People needed"),
            "required_language": _("Language needed"),
            "notes": _("Notes"),
        },
        "signup": {
            "status": _("Status"),
            "hours": _("Hours"),
            "checked_in_at": _("Checked in"),
            "shift_id": _("Shift"),
        },
    }


def field_words(table: str, fields: tuple[str, ...]) -> str:
    """ "Phone, City": each column by its form's label where it has one, else as stored."""
    labels = _field_labels().get(table, {})
    return ", ".join(labels.get(name, name) for name in fields)


def describe(entry: ActivityEntry) -> str:
    """ "changed volunteer 12", as ``rallyorg activity`` says it."""
    # One phrase to translate, so that each language puts the words in its own order.
    words = {
        "action": _(ACTIONS.get(entry.action, entry.action)),
        "record": _(RECORDS.get(entry.table, entry.table)),
    }
    return _("{action} {record} {id}").format(**words, id=entry.record_id or "").strip()


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()).astimezone()


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


@dataclass(frozen=True)
class RecordShown:
    """The record whose history the dialog shows (an event's includes its shifts and sign-ups)."""

    table: str  # as the log names it: "volunteer", "event"…
    record_id: int
    name: str = ""  # as its editor shows it, for the title (never read from the log)


@dataclass(frozen=True)
class Found:
    entries: list[ActivityEntry]
    actors: list[str] | None  # the person filter's choices, when asked for
    limit: int


def _coalition(db: Database, actor: str, since: dt.datetime, until: dt.datetime, with_actors: bool) -> Found:
    entries = activity.list_activity(db, actor=actor or None, since=since, until=until)
    return Found(entries, activity.actors(db) if with_actors else None, activity.DEFAULT_LIMIT)


def _history(db: Database, table: str, record_id: int) -> Found:
    return Found(activity.record_history(db, table, record_id), None, activity.DEFAULT_LIMIT)


class ActivityDialog(QDialog):
    """The coalition's activity (filters: person, from, to), or one record's history."""

    loaded = Signal()  # the rows shown are the ones the filters ask for

    def __init__(
        self, context: GuiContext, record: RecordShown | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.record = record
        self._actors_known = False
        if record is None:
            title = _("Activity")
            intro = _(
                "Who created, changed or deleted what, newest first. The log names the fields "
                "that changed, never what was in them."
            )
        else:
            kind = _(RECORDS.get(record.table, record.table))
            title = _("History of {record}").format(record=record.name or f"{kind} {record.record_id}")
            intro = (
                _("Every change to this rally, its shifts and sign-ups, newest first.")
                if record.table == "event"
                else _("Every change to this record, newest first.")
            )
        self.setWindowTitle(title)
        self.setMinimumSize(640, 360)
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(title, 1.25))
        hint = QLabel(intro)
        hint.setWordWrap(True)
        layout.addWidget(hint)

        filters = QHBoxLayout()
        self.person = QComboBox()
        self.person.setAccessibleName(_("Changes made by"))
        self.person.setMinimumContentsLength(14)
        self.person.addItem(_("Everyone"), EVERYONE)
        today = QDate.currentDate()
        self.since = DateField()
        self.since.setDate(today.addDays(-DEFAULT_DAYS))
        self.since.setAccessibleName(_("From"))
        self.until = DateField()
        self.until.setDate(today)
        self.until.setAccessibleName(_("To (included)"))
        person_label = QLabel(_("&Person:"))
        person_label.setBuddy(self.person)
        since_label = QLabel(_("F&rom:"))
        since_label.setBuddy(self.since.edit)
        until_label = QLabel(_("&To:"))
        until_label.setBuddy(self.until.edit)
        for label, widget in (
            (person_label, self.person),
            (since_label, self.since),
            (until_label, self.until),
        ):
            filters.addWidget(label)
            filters.addWidget(widget)
            filters.addSpacing(8)
        filters.addStretch(1)
        self.filters = QWidget()
        self.filters.setLayout(filters)
        filters.setContentsMargins(0, 0, 0, 0)
        self.filters.setVisible(record is None)
        layout.addWidget(self.filters)

        self.count = QLabel()
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        self.model = RowsModel([_("When"), _("Who"), _("What"), _("Fields")])
        self.view = rows_table(self.model, _("Activity"))
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.person.currentIndexChanged.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        self.until.dateChanged.connect(self.refresh)
        self.refresh()

    # --- what is asked -------------------------------------------------------------------------
    def chosen_actor(self) -> str:
        return str(self.person.currentData() or EVERYONE)

    def refresh(self) -> None:
        """Ask again in the background; the table fills when the answer comes (``loaded``)."""
        if self.record is not None:
            shown = self.record
            self.context.fetch(_history, shown.table, shown.record_id, on_success=self._show, owner=self)
            return
        first, last = sorted((_day(self.since.date()), _day(self.until.date())))
        self.context.fetch(
            _coalition,
            self.chosen_actor(),
            _local_midnight(first),
            _local_midnight(last + dt.timedelta(days=1)),  # "to" is included
            not self._actors_known,
            on_success=self._show,
            owner=self,
        )

    # --- what came back -------------------------------------------------------------------------
    def _show(self, found: Found) -> None:
        if found.actors is not None:
            self._fill_people(found.actors)
        language = self.context.language
        rows = []
        for entry in found.entries:
            local = entry.at.astimezone()  # this computer's time zone
            fields = field_words(entry.table, entry.fields)
            rows.append(
                Row(
                    (
                        Cell(format_datetime(local, language), entry.id),
                        Cell(entry.actor or _("(unknown)"), dim=not entry.actor),
                        Cell(describe(entry)),
                        Cell(fields, tooltip=fields),
                    ),
                    entry.id,
                )
            )
        self.model.set_rows(rows)
        fit_columns(self.view, 280)
        self.count.setText(self._count_words(len(rows), found.limit, language))
        self.loaded.emit()

    def _count_words(self, shown: int, limit: int, language: str) -> str:
        if not shown:
            if self.record is not None:
                return _("No changes recorded yet.")
            return _("No changes in these days. Choose other days or Everyone.")
        if shown >= limit:
            return _("The newest {n} changes; choose fewer days to see older ones.").format(
                n=format_number(shown, language)
            )
        return ngettext("{n} change", "{n} changes", shown).format(n=format_number(shown, language))

    def _fill_people(self, names: list[str]) -> None:
        """Everyone, then each person who changed something (the choice is kept)."""
        self._actors_known = True
        chosen = self.chosen_actor()
        self.person.blockSignals(True)
        try:
            while self.person.count() > 1:
                self.person.removeItem(1)
            for name in names:
                self.person.addItem(name, name)
            self.person.setCurrentIndex(max(0, self.person.findData(chosen)))
        finally:
            self.person.blockSignals(False)

    # --- for the tests and the keyboard ------------------------------------------------------------
    def shown_rows(self) -> list[tuple[str, ...]]:
        return [tuple(cell.text for cell in row.cells) for row in self.model.rows]


def open_activity(parent: QWidget, context: GuiContext, record: RecordShown | None = None) -> ActivityDialog:
    """The dialog, shown without blocking (the window's places stay as they are)."""
    dialog = ActivityDialog(context, record, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
