"""The domain as SQLAlchemy 2.x typed models.

Conventions: every editable table has ``created_at``/``updated_at`` and a ``version`` column
that SQLAlchemy checks on update (optimistic concurrency); constraint names follow one
naming convention so Alembic's batch migrations on SQLite can find them; list-valued fields
(languages, skills, tags) are stored as a comma-joined text of codes (see ``CodeList``), which
filters portably in SQL on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
    literal,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from rallyorg.domain.enums import (
    EventKind,
    EventStatus,
    PartnerKind,
    PartnerRole,
    SignUpStatus,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores aware datetimes as naive UTC (SQLite has no time zones); loads them aware, in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class CodeList(TypeDecorator[list[str]]):
    """A list of short codes stored as ",a,b," (de-duplicated; sorted unless ``ordered``, where
    the order means something: a volunteer's first language is the one to write to them in).

    The surrounding commas let ``has_code`` match whole codes with a portable LIKE.
    """

    impl = String(500)
    cache_ok = True

    def __init__(self, *, ordered: bool = False) -> None:
        super().__init__()
        self.ordered = ordered

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> str:
        unique = dict.fromkeys(code.strip() for code in value or [] if code and code.strip())
        codes = list(unique) if self.ordered else sorted(unique)
        for code in codes:
            if "," in code:
                raise ValueError(f"code {code!r} contains a comma")
        return f",{','.join(codes)}," if codes else ""

    def process_result_value(self, value: Any, dialect: Dialect) -> list[str]:
        return [code for code in (value or "").split(",") if code]


def has_code(column: Any, code: str) -> ColumnElement[bool]:
    """SQL test that a ``CodeList`` column contains ``code``."""
    escaped = code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(literal(f"%,{escaped},%"), escape="\\")  # type: ignore[no-any-return]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _enum(enum_class: type[StrEnum], length: int = 20) -> Enum:
    # Stored as plain strings (portable; adding a value needs no ALTER TYPE on PostgreSQL).
    return Enum(
        enum_class,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Editable:
    """Timestamps and an optimistic-concurrency version for every editable table."""

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class FromSample:
    """``sample`` marks a record added by ``rallyorg demo`` (the fictional sample coalition):
    ``demo --force`` replaces exactly these records, whatever else the database holds
    (services/sample.py). Shifts, sign-ups and texts go with their event or volunteer."""

    sample: Mapped[bool] = mapped_column(Boolean, default=False)


class PartnerGroup(Editable, FromSample, Base):
    __tablename__ = "partner_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Folded name: unique case- and accent-insensitively ("San José" = "san jose").
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[PartnerKind] = mapped_column(_enum(PartnerKind), default=PartnerKind.COMMUNITY)
    city: Mapped[str] = mapped_column(String(100), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    languages: Mapped[list[str]] = mapped_column(CodeList, default=list)
    tags: Mapped[list[str]] = mapped_column(CodeList, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    member_since: Mapped[dt.date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    search_text: Mapped[str] = mapped_column(String(500), default="", index=True)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="Contact.name"
    )


class Contact(Editable, FromSample, Base):
    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("partner_group.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")  # E.164 or ""
    preferred_language: Mapped[str] = mapped_column(String(10), default="en")
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    may_share: Mapped[bool] = mapped_column(Boolean, default=False)
    search_text: Mapped[str] = mapped_column(String(500), default="", index=True)

    group: Mapped[PartnerGroup] = relationship(back_populates="contacts")


class Venue(Editable, FromSample, Base):
    __tablename__ = "venue"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(50), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    accessibility_notes: Mapped[str] = mapped_column(Text, default="")


class Event(Editable, FromSample, Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(_enum(EventKind), default=EventKind.RALLY)
    status: Mapped[EventStatus] = mapped_column(_enum(EventStatus), default=EventStatus.DRAFT)
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    timezone: Mapped[str] = mapped_column(String(64), default="America/New_York")
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id", ondelete="SET NULL"))
    expected_attendance: Mapped[int | None] = mapped_column(Integer)
    public_url: Mapped[str] = mapped_column(String(500), default="")
    # The campaigns the event belongs to ("TRUST Act 2027"): reports select by them.
    tags: Mapped[list[str]] = mapped_column(CodeList, default=list, server_default="")

    venue: Mapped[Venue | None] = relationship()
    texts: Mapped[list[EventText]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventText.language"
    )
    partners: Mapped[list[EventPartner]] = relationship(back_populates="event", cascade="all, delete-orphan")
    shifts: Mapped[list[Shift]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="(Shift.starts_at, Shift.id)"
    )


class EventText(Editable, Base):
    """An event's words in one language; no row (or an empty title) means 'missing'."""

    __tablename__ = "event_text"
    __table_args__ = (UniqueConstraint("event_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    call_to_action: Mapped[str] = mapped_column(Text, default="")
    accessibility_note: Mapped[str] = mapped_column(Text, default="")
    # A short title for a poster when the full title will not fit at poster size.
    headline: Mapped[str] = mapped_column(String(120), default="", server_default="")

    event: Mapped[Event] = relationship(back_populates="texts")


class EventPartner(Editable, Base):
    """A partner group's part in an event: one row per role (a group may lead and provide the
    marshals); the lead group is the one with role LEAD, at most one per event."""

    __tablename__ = "event_partner"
    __table_args__ = (UniqueConstraint("event_id", "group_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("partner_group.id", ondelete="CASCADE"), index=True)
    role: Mapped[PartnerRole] = mapped_column(_enum(PartnerRole), default=PartnerRole.CO_SPONSOR)
    commitment: Mapped[str] = mapped_column(Text, default="")

    event: Mapped[Event] = relationship(back_populates="partners")
    group: Mapped[PartnerGroup] = relationship()


class Volunteer(Editable, FromSample, Base):
    __tablename__ = "volunteer"
    # The Volunteers list sorted by City reads this index in order (migration 0009): with 100,000
    # people and ten cities, 100 ms became 53 ms (the name and email sorts have theirs).
    __table_args__ = (Index("ix_volunteer_city_order", "city", "sort_name", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(320), default="", index=True)  # not unique: families share
    phone: Mapped[str] = mapped_column(String(32), default="", index=True)  # E.164 or ""
    languages: Mapped[list[str]] = mapped_column(CodeList(ordered=True), default=list)  # first = best
    skills: Mapped[list[str]] = mapped_column(CodeList, default=list)
    city: Mapped[str] = mapped_column(String(100), default="")
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner_group.id", ondelete="SET NULL"), index=True
    )
    may_email: Mapped[bool] = mapped_column(Boolean, default=False)
    may_text: Mapped[bool] = mapped_column(Boolean, default=False)
    may_call: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    may_share: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(String(700), default="", index=True)
    # Folded "given family" for duplicate detection (same name + same email).
    name_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    # Folded "family given": lists sort as people read names ("Álvarez" under A, not after Z).
    sort_name: Mapped[str] = mapped_column(String(200), default="", index=True)

    group: Mapped[PartnerGroup | None] = relationship()
    signups: Mapped[list[SignUp]] = relationship(back_populates="volunteer", cascade="all, delete-orphan")


class PartnerLogin(Base):
    """On a shared PostgreSQL server, a partner-role login and one partner group whose
    volunteers, contacts and sign-ups it may see and edit (``rallyorg server add-user
    --partner``). The server's row-level security policies read this table."""

    __tablename__ = "partner_login"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("partner_group.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Shift(Editable, Base):
    __tablename__ = "shift"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(120))
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int] = mapped_column(Integer)
    required_language: Mapped[str | None] = mapped_column(String(10))
    notes: Mapped[str] = mapped_column(Text, default="")

    event: Mapped[Event] = relationship(back_populates="shifts")
    signups: Mapped[list[SignUp]] = relationship(
        back_populates="shift",
        cascade="all, delete-orphan",
        order_by="(SignUp.signed_up_at, SignUp.id)",
    )


class SignUp(Editable, Base):
    __tablename__ = "signup"
    __table_args__ = (
        UniqueConstraint("volunteer_id", "shift_id"),
        Index("ix_signup_shift_status", "shift_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # None: the person was forgotten (services/forget.py); the sign-up stays as an anonymous
    # count, so the shift and the rally keep their numbers.
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"))
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id", ondelete="CASCADE"))
    status: Mapped[SignUpStatus] = mapped_column(_enum(SignUpStatus), default=SignUpStatus.SIGNED_UP)
    # When the person joined (or re-joined) the shift: the waitlist is served in this order.
    signed_up_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    hours: Mapped[float | None] = mapped_column(Numeric(5, 2, asdecimal=False))
    # When the person moved up from the waitlist into a place; their history shows it.
    promoted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    volunteer: Mapped[Volunteer | None] = relationship(back_populates="signups")
    shift: Mapped[Shift] = relationship(back_populates="signups")


__all__ = [
    "Base",
    "Contact",
    "Event",
    "EventPartner",
    "EventText",
    "PartnerGroup",
    "Shift",
    "SignUp",
    "Venue",
    "Volunteer",
    "func",
    "has_code",
]


# --- Imports and exports (issue 5) -------------------------------------------------------------
# Imported here so that this section only appends to the file (others edit it at the same time).
from sqlalchemy import JSON  # noqa: E402


class ImportBatch(Base):
    """One import run: its counts, and (in ``changes``) every record it created or updated,
    so that the whole import can be undone. Personal data lives only in the records
    themselves and, for updated records, in their previous values kept for undo."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(20))  # volunteers | partners | signups
    file_name: Mapped[str] = mapped_column(String(260), default="")
    encoding: Mapped[str] = mapped_column(String(20), default="")
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    on_duplicate: Mapped[str] = mapped_column(String(10), default="skip")
    rows_in_file: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    changes: Mapped[list[ImportChange]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", passive_deletes=True
    )


class ImportChange(Base):
    """A record an import created or updated. ``version_after`` is the record's version right
    after the import, so undo can tell whether someone edited it since."""

    __tablename__ = "import_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    table_name: Mapped[str] = mapped_column(String(30))  # volunteer | partner_group | contact | signup
    record_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))  # created | updated
    version_after: Mapped[int] = mapped_column(Integer, default=1)
    # Column values before an update (JSON object), cleared once the import is undone.
    previous: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    batch: Mapped[ImportBatch] = relationship(back_populates="changes")


class ExportRecord(Base):
    """That an export happened: when, what, how many rows and which columns and options.
    Never the people in it, nor the file's path (it can hold a user name)."""

    __tablename__ = "export_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # contacts | volunteers | events | roster
    format: Mapped[str] = mapped_column(String(10))  # csv | vcard | ics | pdf
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    columns: Mapped[list[str]] = mapped_column(JSON, default=list)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


__all__ += ["ExportRecord", "ImportBatch", "ImportChange"]


class Attendee(Base):
    """One person at an event who is not there on a shift: a member of the public counted at
    the door, named only if they agree — or a walk-in volunteer (``volunteer_id``) who helps
    without a shift. An anonymous count has no name, phone or language."""

    __tablename__ = "attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    # A deleted volunteer leaves an anonymous count behind: the event keeps its attendance.
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    language: Mapped[str] = mapped_column(String(10), default="")  # the language they were asked in
    may_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    arrived_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A walk-in volunteer whose record was forgotten: still counted as a walk-in, not as public.
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)


__all__ += ["Attendee"]


# The view of migration 0012: each shift's number of sign-ups per status. On its own MetaData,
# not Base's: it is no table to create, copy or back up, only one to read.
shift_signup_count = Table(
    "shift_signup_count",
    MetaData(),
    Column("shift_id", Integer),
    Column("status", String(20)),
    Column("number", Integer),
)

__all__ += ["shift_signup_count"]


class Activity(Base):
    """Who changed what and when: one row per record created, changed or deleted in one
    action (db/activity_log.py writes them as the change is saved, in its transaction).

    ``fields`` names the columns that changed, never their values: the log says "Rosa changed
    Ana's phone on Tuesday", not the number, so forgetting a person leaves nothing of theirs
    here but an id. Open screens also read it to refresh what another session changed."""

    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # The database login on a shared server; on a laptop, the name set in Settings.
    actor: Mapped[str] = mapped_column(String(100), default="", index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))  # created | changed | deleted
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The event a shift, sign-up, text or co-sponsor belongs to: its screens refresh on it.
    event_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # Which open database (one app or command run) made the change: an open window skips its
    # own when it refreshes for other sessions' changes.
    origin: Mapped[str] = mapped_column(String(32), default="")

    __table_args__ = (Index("ix_activity_record", "table_name", "record_id"),)


__all__ += ["Activity"]


class Picture:
    """An image stored in the database (a group's logo, an event's picture): the bytes as the
    organiser chose them (PNG, JPEG or SVG), with their type and pixel size so that nothing
    has to decode them to lay out a flyer. In their own tables so lists never read the bytes."""

    media_type: Mapped[str] = mapped_column(String(40))  # image/png | image/jpeg | image/svg+xml
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    file_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class PartnerLogo(Picture, Base):
    """A partner group's logo, printed in the footer of the flyers it leads or co-sponsors."""

    __tablename__ = "partner_logo"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("partner_group.id", ondelete="CASCADE"), primary_key=True
    )


class EventPicture(Picture, Base):
    """An event's photo or illustration: the hero image of its poster and letter flyers."""

    __tablename__ = "event_picture"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)


class CoalitionSetting(Base):
    """A choice shared by everyone on the database (the flyers' look), as key and text value."""

    __tablename__ = "coalition_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


__all__ += ["CoalitionSetting", "EventPicture", "PartnerLogo"]


class Reminder(Base):
    """One reminder sent (or tried) to one person for a rally or one of its shifts (issue 17):
    the channel, the language it was written in, when, and whether the server took it. Never
    the message nor the address; ``error`` is the server's reason with any address removed.
    Forgetting a person removes their rows (services/forget_records.py)."""

    __tablename__ = "reminder"
    __table_args__ = (Index("ix_reminder_event_volunteer", "event_id", "volunteer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    # The shift the reminder was for; None: the whole rally (or a shift since removed).
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shift.id", ondelete="SET NULL"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(10))  # email
    language: Mapped[str] = mapped_column(String(10))
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(10))  # sent | failed
    error: Mapped[str] = mapped_column(Text, default="")


__all__ += ["Reminder"]
