"""Saving over someone else's change, the same way in every editor.

A save refused because the record changed meanwhile (``ConflictError``) or was deleted
(``NotFoundError``) comes here: the record is read as it is saved now, compared field by field
with what the user typed, and the user decides in widgets/conflict_dialog.py. ``settle`` then
does what they chose through the editor's own small steps (``ConflictEditor``), saving again
with the saved record's version; a second conflict simply comes back here.

Whether the error really was about someone else's change is decided by reading the record,
not by the error's words: a record still at the version the form was loaded with was not
changed meanwhile (the refusal was something else, such as a full shift), and a record that
can still be read was not deleted (a "does not exist" about a group chosen in the form)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from rallyorg.domain.enums import LabelledEnum
from rallyorg.domain.errors import ConflictError, NotFoundError, RallyorgError
from rallyorg.domain.languages import language_name
from rallyorg.gui.widgets.conflict_dialog import (
    Choice,
    ConflictDialog,
    ConflictRow,
    DeletedDialog,
    Outcome,
)
from rallyorg.i18n import _, format_datetime, format_short_date, ui_language

I = TypeVar("I")  # noqa: E741  (the form's input, e.g. VolunteerInput)
D = TypeVar("D")  # the record as the service returns it, e.g. VolunteerData
R = TypeVar("R")  # what the editor's save returns
I_in = TypeVar("I_in", contravariant=True)
D_in = TypeVar("D_in", contravariant=True)
R_out = TypeVar("R_out", covariant=True)


# --- values as words --------------------------------------------------------------------------
def value_text(value: object) -> str:
    """A field's value as a person reads it, in the interface language."""
    language = ui_language()
    if value is None or value == "" or value == ():
        return _("(empty)")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, LabelledEnum):
        return _(value.label)
    if isinstance(value, dt.datetime):
        return format_datetime(value, language)
    if isinstance(value, dt.date):
        return format_short_date(value, language)
    if isinstance(value, (tuple, list, set, frozenset)):
        return ", ".join(value_text(item) for item in value)
    return str(value)


def languages_text(codes: object) -> str:
    if not codes:
        return _("(empty)")
    return ", ".join(language_name(str(code), ui_language()) for code in codes)  # type: ignore[attr-defined]


def same_items(a: object, b: object) -> bool:
    """For lists whose order means nothing (languages, skills, partners)."""
    return sorted(map(repr, a or ())) == sorted(map(repr, b or ()))  # type: ignore[call-overload]


# --- fields -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConflictField(Generic[I]):
    """One field of a form's input: its label, how to read and replace it, show and compare it."""

    label: str
    get: Callable[[I], Any]
    put: Callable[[I, Any], I]
    text: Callable[[Any], str] = value_text
    same: Callable[[Any, Any], bool] = lambda a, b: bool(a == b)


def attribute(
    name: str,
    label: str,
    text: Callable[[Any], str] = value_text,
    same: Callable[[Any, Any], bool] | None = None,
) -> ConflictField[Any]:
    """A field that is one attribute of a frozen dataclass input."""
    return ConflictField(
        label,
        lambda data: getattr(data, name),
        lambda data, value: replace(data, **{name: value}),
        text,
        same or (lambda a, b: bool(a == b)),
    )


def conflict_rows(
    fields: Sequence[ConflictField[I]], mine: I, theirs: I, base: I | None = None
) -> list[ConflictRow]:
    rows = []
    for f in fields:
        mine_value, theirs_value = f.get(mine), f.get(theirs)
        changed = base is None or not f.same(mine_value, f.get(base))
        rows.append(
            ConflictRow(
                f.label,
                f.text(mine_value),
                f.text(theirs_value),
                not f.same(mine_value, theirs_value),
                changed,
            )
        )
    return rows


def merged(fields: Sequence[ConflictField[I]], mine: I, theirs: I, choices: Iterable[Choice]) -> I:
    result = mine
    for f, choice in zip(fields, choices, strict=True):
        if choice == Choice.THEIRS:
            result = f.put(result, f.get(theirs))
    return result


# --- deciding ---------------------------------------------------------------------------------
class Action(enum.Enum):
    KEEP_EDITING = "keep"
    SAVE_AGAIN = "again"  # ``data`` (merged) over ``stored``'s version
    TAKE_THEIRS = "theirs"  # show ``stored``; nothing to save
    SAVE_AS_NEW = "new"  # ``data`` (the user's) as a new record
    DISCARD = "discard"  # the record is gone and the user let their changes go


@dataclass(frozen=True)
class Resolution(Generic[I, D]):
    action: Action
    data: I | None = None
    stored: D | None = None


@dataclass(frozen=True)
class RecordConflicts(Generic[I, D]):
    """How one kind of record is read back and compared with its form."""

    fields: Sequence[ConflictField[I]]
    read: Callable[[], D]  # the record as saved now; NotFoundError once deleted
    as_input: Callable[[D], I]  # the record as its form would give it back
    version: Callable[[D], int]
    can_create: bool = True


def resolve_conflict(
    parent: QWidget,
    error: RallyorgError,
    record: RecordConflicts[I, D],
    mine: I,
    base: I | None,
    version: int,
) -> Resolution[I, D] | None:
    """Ask the user what to do about a save refused by someone else's change; None when the
    error was about something else (the caller shows it as before)."""
    if not isinstance(error, (ConflictError, NotFoundError)):
        return None
    try:
        stored = record.read()
    except NotFoundError:
        deleted = DeletedDialog(record.can_create, parent)
        deleted.exec()
        action = {
            Outcome.SAVE_AS_NEW: Action.SAVE_AS_NEW,
            Outcome.DISCARD: Action.DISCARD,
        }.get(deleted.outcome, Action.KEEP_EDITING)
        return Resolution(action, mine)
    if record.version(stored) == version:
        return None
    theirs = record.as_input(stored)
    rows = conflict_rows(record.fields, mine, theirs, base)
    if not any(row.differs for row in rows):
        # Saved meanwhile with exactly what this form holds: nothing to choose.
        return Resolution(Action.SAVE_AGAIN, mine, stored)
    dialog = ConflictDialog(rows, parent)
    dialog.exec()
    if dialog.outcome == Outcome.TAKE_THEIRS:
        return Resolution(Action.TAKE_THEIRS, theirs, stored)
    if dialog.outcome != Outcome.SAVE_CHOICES:
        return Resolution(Action.KEEP_EDITING, mine)
    choices = dialog.choices()
    if all(choice == Choice.THEIRS for row, choice in zip(rows, choices, strict=True) if row.differs):
        return Resolution(Action.TAKE_THEIRS, theirs, stored)
    return Resolution(Action.SAVE_AGAIN, merged(record.fields, mine, theirs, choices), stored)


# --- doing ------------------------------------------------------------------------------------
class ConflictEditor(Protocol[I_in, D_in, R_out]):
    """The steps an editor (or a dialog) offers ``settle``."""

    def show_stored(self, stored: D_in) -> None:
        """Show the record as saved now; its version becomes the one the next save is based on."""

    def put_input(self, data: I_in) -> None:
        """Put values into the form (they show as unsaved changes)."""

    def take_theirs(self, stored: D_in) -> R_out | None:
        """The user dropped their changes for the saved version."""

    def save_as_new(self) -> R_out | None:
        """Save what the form holds as a new record (the old one was deleted)."""

    def drop_deleted(self) -> None:
        """The record was deleted and the user let their changes go."""


def settle(
    resolution: Resolution[I, D], editor: ConflictEditor[I, D, R], save: Callable[[], R | None]
) -> R | None:
    """Carry out the user's choice; None when nothing was saved."""
    match resolution.action:
        case Action.SAVE_AGAIN:
            assert resolution.stored is not None and resolution.data is not None
            editor.show_stored(resolution.stored)
            editor.put_input(resolution.data)
            return save()
        case Action.TAKE_THEIRS:
            assert resolution.stored is not None
            return editor.take_theirs(resolution.stored)
        case Action.SAVE_AS_NEW:
            return editor.save_as_new()
        case Action.DISCARD:
            editor.drop_deleted()
    return None
