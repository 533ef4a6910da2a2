"""The volunteer list: a table model that stays fast with 100,000 volunteers.

The service filters and sorts in SQL and returns only the matching *ids* in display order;
the model knows its exact row count from them (a true scrollbar, "12,345 volunteers"), and
fetches the full rows of a block of a few hundred only when the view paints one of them — on
the database thread, the block's rows showing a grey "…" until they arrive.
No proxy model: a header click or a new search re-queries and resets the model.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon

from rallyorg.domain.validation import format_phone
from rallyorg.gui.data_access import DataAccess
from rallyorg.gui.volunteers.labels import consent_summary, language_names, skill_labels
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.records_model import ID_ROLE, Column, RecordsModel
from rallyorg.i18n import _
from rallyorg.services import Database
from rallyorg.services.volunteer_queries import matching_ids, rows_by_id
from rallyorg.services.volunteers import Consent, VolunteerRow, VolunteerSort, count_volunteers

#: the consent column's flags (ConsentFlags), for the icon delegate
CONSENT_ROLE = Qt.ItemDataRole.UserRole + 2

NAME, CITY, PHONE, EMAIL, LANGUAGES, SKILLS, CONSENT = range(7)

#: the columns a header click can sort by, and the service's sort for each
SORTS = {NAME: VolunteerSort.NAME, CITY: VolunteerSort.CITY, EMAIL: VolunteerSort.EMAIL}

Index = QModelIndex | QPersistentModelIndex

DO_NOT_CONTACT_COLOUR = "#cf222e"
PLACEHOLDER_COLOUR = "#8c959f"  # a row whose block is still on its way from the database


class Loading(enum.Enum):
    """A row not fetched yet (its block is on its way)."""

    LOADING = "loading"


LOADING = Loading.LOADING


def headers() -> list[str]:
    return [_("Name"), _("City"), _("Phone"), _("Email"), _("Languages"), _("Skills"), _("Consent")]


@dataclass(frozen=True)
class ListQuery:
    """Everything that decides which volunteers the list shows, and in what order."""

    search: str = ""
    language: str = ""
    skill: str = ""
    city: str = ""
    consent: Consent | None = None
    sort: VolunteerSort = VolunteerSort.NAME
    descending: bool = False

    @property
    def is_filtered(self) -> bool:
        return bool(self.search.strip() or self.language or self.skill or self.city or self.consent)


@dataclass(frozen=True)
class ConsentFlags:
    may_email: bool
    may_text: bool
    may_call: bool
    may_share: bool
    do_not_contact: bool

    @property
    def any_channel_or_share(self) -> bool:
        return self.may_email or self.may_text or self.may_call or self.may_share


@dataclass(frozen=True)
class _Line:
    """One row as painted: the texts per column and their tooltips, computed once."""

    row: VolunteerRow
    texts: tuple[str, ...]
    tips: tuple[str, ...]
    consent: ConsentFlags


def _line(row: VolunteerRow, language: str) -> _Line:
    # Listed by family name, the order the list is sorted in.
    name = f"{row.family_name}, {row.given_name}" if row.family_name else row.given_name
    consent, consent_tip = consent_summary(
        may_email=row.may_email,
        may_text=row.may_text,
        may_call=row.may_call,
        do_not_contact=row.do_not_contact,
        may_share=row.may_share,
    )
    phone = format_phone(row.phone)
    languages = language_names(row.languages, language)  # "Spanish, English", never "es, en"
    texts = (name, row.city, phone, row.email, languages, skill_labels(row.skills), consent)
    tips = (
        row.name,
        row.city,
        phone,
        row.email,
        languages,
        texts[SKILLS],
        consent_tip,
    )
    flags = ConsentFlags(row.may_email, row.may_text, row.may_call, row.may_share, row.do_not_contact)
    return _Line(row, texts, tips, flags)


@dataclass(frozen=True)
class _Answer:
    query: ListQuery
    ids: list[int]
    first: dict[int, VolunteerRow]  # the rows of the first block
    total: int  # volunteers in the database, for "5,460 of 100,000"


def _first_block(db: Database, q: ListQuery, size: int) -> _Answer:
    """On the database thread: the matching ids in order, the rows of the first ``size``, and
    how many volunteers there are in all."""
    ids = matching_ids(db, **asdict(q))  # ListQuery's fields are matching_ids' arguments
    total = len(ids) if not q.is_filtered else count_volunteers(db)
    return _Answer(q, ids, rows_by_id(db, ids[:size]), total)


def _sort_key(row: VolunteerRow, sort: VolunteerSort) -> tuple[str, ...]:
    """What decides a row's place in the list (the name breaks ties in every order)."""
    if sort == VolunteerSort.NEWEST:
        return ()  # by id, which an edit never changes
    name = (row.family_name, row.given_name)
    if sort == VolunteerSort.CITY:
        return (row.city, *name)
    if sort == VolunteerSort.EMAIL:
        return (row.email, *name)
    return name


class VolunteerListModel(RecordsModel[_Line]):
    BLOCK = 200  # rows fetched per query when the view paints an unfetched one

    def __init__(self, access: DataAccess, language: str) -> None:
        super().__init__([], key=lambda line: line.row.id, sort_column=None)
        self.columns = self._columns()
        self._access = access
        self._language = language
        self._ids: list[int] = []
        self._lines: dict[int, _Line | None] = {}  # None: deleted since the ids were read
        self._asked: set[int] = set()  # first rows of the blocks being fetched
        self._generation = 0  # a fetch for an older load is dropped
        self._requests = 0  # loads asked for; only the answer to the last is shown
        self.total = 0  # volunteers in the database, filtered or not
        self._prohibit_icon: QIcon | None = None
        self.query = ListQuery()

    # --- data in ----------------------------------------------------------------------
    def load(self, query: ListQuery | None = None) -> None:
        """Re-run the query (a new one, or the current one after a change) and reset. The ids
        and the first block come in one call, so the first screenful never shows placeholders."""
        self._requests += 1  # an answer still on its way for an older query is dropped
        self._show(self._access.call(_first_block, query or self.query, self.BLOCK))

    def load_soon(
        self, query: ListQuery, owner: QObject, on_arrival: Callable[[Callable[[], None]], None]
    ) -> None:
        """Search as you type: the query runs on the database thread while the person goes on
        typing (``load`` would hold the keyboard until it returns). When the answer comes,
        ``on_arrival(show)`` runs: the caller notes what it needs (the row selected now, not
        when the typing paused), calls ``show()`` to put the answer in the list, and follows
        up. Answers to queries overtaken by a newer one, typed or loaded, are dropped: the
        list never goes back to an older search; nothing arrives once ``owner`` is deleted."""
        self._requests += 1
        request = self._requests

        def arrived(answer: _Answer) -> None:
            if request == self._requests:
                on_arrival(lambda: self._show(answer))

        self._access.fetch(_first_block, query, self.BLOCK, on_success=arrived, owner=owner)

    def _show(self, answer: _Answer) -> None:
        self.beginResetModel()
        self.query = answer.query
        self.total = answer.total
        self._generation += 1
        self._ids = answer.ids
        self._lines = {}
        self._asked = set()
        self._store(answer.ids[: self.BLOCK], answer.first)
        self.endResetModel()

    def update_rows(self, found: dict[int, VolunteerRow]) -> bool:
        """Put freshly read rows in place without re-running the query (one person edited in a
        list of 100,000). False — and nothing changed — when that could misplace a row: the
        list is filtered (the edit may take the person out of it), a row is not on hand to
        compare, or its place in the sort order would change; then the caller reloads."""
        if self.query.is_filtered or not found:
            return False
        lines = {volunteer_id: _line(row, self._language) for volunteer_id, row in found.items()}
        for volunteer_id, line in lines.items():
            old = self._lines.get(volunteer_id)
            if old is None or _sort_key(old.row, self.query.sort) != _sort_key(line.row, self.query.sort):
                return False
        for volunteer_id, line in lines.items():
            self._lines[volunteer_id] = line
            row = self.row_of(volunteer_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(headers()) - 1))
        return True

    def _store(self, ids: list[int], found: dict[int, VolunteerRow]) -> None:
        for volunteer_id in ids:
            row = found.get(volunteer_id)
            self._lines[volunteer_id] = _line(row, self._language) if row else None

    def _block_ids(self, start: int) -> list[int]:
        return [i for i in self._ids[start : start + self.BLOCK] if i not in self._lines]

    def _ask_for_block(self, row: int) -> None:
        """Fetch the block holding ``row`` on the database thread; its rows show placeholders
        until it arrives (painting never waits for the database)."""
        start = row - row % self.BLOCK
        if start in self._asked:
            return
        if len(self._lines) > 20 * self.BLOCK:
            self._lines = {}  # keep memory bounded when someone scrolls through everything
        self._asked.add(start)
        wanted, generation = self._block_ids(start), self._generation

        def arrived(found: dict[int, VolunteerRow]) -> None:
            if generation != self._generation:
                return
            self._asked.discard(start)
            self._store(wanted, found)
            last = min(start + self.BLOCK, len(self._ids)) - 1
            self.dataChanged.emit(self.index(start, 0), self.index(last, len(headers()) - 1))

        self._access.fetch(rows_by_id, wanted, on_success=arrived, owner=self)

    def _line_at(self, row: int) -> _Line | Loading | None:
        if not 0 <= row < len(self._ids):
            return None
        volunteer_id = self._ids[row]
        if volunteer_id not in self._lines:
            self._ask_for_block(row)
            return LOADING
        return self._lines[volunteer_id]

    # --- lookups ----------------------------------------------------------------------
    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def key_at(self, row: int) -> int | None:
        return self.id_at(row)  # known without fetching the row

    def row_at(self, row: int) -> VolunteerRow | None:
        """The row now, for an action (not for painting): fetched at once if not yet here."""
        volunteer_id = self.id_at(row)
        if volunteer_id is None:
            return None
        if volunteer_id not in self._lines:
            start = row - row % self.BLOCK
            wanted = self._block_ids(start)
            self._store(wanted, self._access.call(rows_by_id, wanted))
        line = self._lines[volunteer_id]
        return line.row if line else None

    def row_for(self, volunteer_id: int) -> VolunteerRow | None:
        """The row as last read, if it has been (None: not fetched yet, or deleted)."""
        line = self._lines.get(volunteer_id)
        return line.row if line else None

    def row_of(self, volunteer_id: int) -> int:
        try:
            return self._ids.index(volunteer_id)
        except ValueError:
            return -1

    def ids(self) -> list[int]:
        return list(self._ids)

    # --- Qt model (the rest is RecordsModel's) -------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def record_at(self, row: int) -> _Line | None:
        line = self._line_at(row)
        return None if line is LOADING else line

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted in SQL: the table's header asks the screen (``sort_requested``), not the model."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.id_at(index.row())
        if role not in _SHOWN_ROLES:
            return None  # asked for every role of every cell: never fetch for these
        line = self._line_at(index.row())
        if line is LOADING:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(PLACEHOLDER_COLOUR)
            return "…" if role == Qt.ItemDataRole.DisplayRole and index.column() == NAME else None
        if line is None:
            return _("(deleted)") if role == Qt.ItemDataRole.DisplayRole and index.column() == NAME else None
        return super().data(index, role)

    def _columns(self) -> list[Column[_Line]]:
        def shown(column: int) -> Column[_Line]:
            header = lambda: headers()[column]  # noqa: E731 - read each time: the UI language
            return Column(
                header=header,
                text=lambda line: line.texts[column],
                tooltip=lambda line: line.tips[column],
                header_tooltip=(lambda: _("Click to sort by {column}").format(column=header()))
                if column in SORTS
                else header,
            )

        columns = [shown(column) for column in range(CONSENT)]
        columns.append(
            Column(
                header=lambda: headers()[CONSENT],
                text=lambda line: line.texts[CONSENT],
                tooltip=lambda line: line.tips[CONSENT],
                header_tooltip=lambda: _(
                    "Envelope: may email · Speech bubble: may text · Phone: may call · "
                    "Share: may share details with partner groups"
                ),
                roles={
                    CONSENT_ROLE: lambda line: line.consent,
                    # Said in words and with an icon; the colour only adds to them.
                    Qt.ItemDataRole.DecorationRole: lambda line: (
                        self._do_not_contact_icon() if line.row.do_not_contact else None
                    ),
                    Qt.ItemDataRole.ForegroundRole: lambda line: (
                        QColor(DO_NOT_CONTACT_COLOUR) if line.row.do_not_contact else None
                    ),
                },
            )
        )
        return columns

    def _do_not_contact_icon(self) -> QIcon:
        if self._prohibit_icon is None:
            self._prohibit_icon = icon("ph.prohibit", color=DO_NOT_CONTACT_COLOUR)
        return self._prohibit_icon


_SHOWN_ROLES = frozenset(
    (
        CONSENT_ROLE,
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
)
