"""Reminders before a rally or one of its shifts (issue 17): whom to remind and with what words
(``plan_reminders``), sending them by email through the organiser's own account
(``send_email``, ``retry``; services/reminder_mail.py), and the lists for texting tools and
WhatsApp (``sms_csv``, ``whatsapp_links``, ``text_list``).

Recipients are the people signed up or confirmed on the rally's shifts (or the one shift);
the waitlisted only when the organiser asks, with the waitlist's wording. Consent decides
before anything is written (domain/reminders.py): who is left out is in the plan, with why.
Each person gets the message in the first of their languages that has a template.

The edited templates, the contact number and the SMTP account (not its password) are kept in
``coalition_setting``; the password in the operating system's keyring (service "rallyorg
smtp"), or given in ``RALLYORG_SMTP_PASSWORD``: never in a file or a log.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from rallyorg.db import Database
from rallyorg.domain import validation as v
from rallyorg.domain.enums import EventStatus, SignUpStatus
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.domain.languages import language_name
from rallyorg.domain.reminders import (
    DEFAULT_PORTS,
    SHIPPED,
    Channel,
    LanguageTemplates,
    LeftOut,
    MessageFacts,
    MessageTemplate,
    Reachability,
    Recipient,
    ReminderPlan,
    Security,
    ShiftTime,
    SmtpSettings,
    check_smtp_settings,
    check_template,
    consent,
    message_language,
    render,
)
from rallyorg.exchange.safe_csv import csv_bytes, neutralise
from rallyorg.i18n import N_
from rallyorg.models import CoalitionSetting, Reminder, Shift, SignUp, Volunteer
from rallyorg.services import events as event_service

# Sending lives in its own module (smtplib, the message, the calendar); the names are here.
from rallyorg.services.reminder_mail import (
    SendError,
    SendFailure,
    SendReport,
    reminder_row,
    retry,
    send_email,
    try_account,
)

log = logging.getLogger(__name__)

HANDED_OVER = "handed"  # a reminder's status: given to a texting tool (alongside "sent", "failed")

KEYRING_SERVICE = "rallyorg smtp"
PASSWORD_ENV = "RALLYORG_SMTP_PASSWORD"

CONTACT_KEY = "reminders.contact"
_SMTP_KEYS = {
    "host": "smtp.host",
    "port": "smtp.port",
    "security": "smtp.security",
    "user": "smtp.user",
    "from_address": "smtp.from",
}
# The statuses a reminder is for: those holding a place to come to, and the waitlist.
_HOLDING = (SignUpStatus.SIGNED_UP, SignUpStatus.CONFIRMED)
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
SMS_COLUMNS = ("Phone", "First name", "Language", "Message")


@dataclass
class _Person:
    volunteer_id: int
    given_name: str
    family_name: str
    languages: list[str]
    reach: Reachability
    held: list[int]
    waiting: list[int]


def plan_reminders(
    db: Database,
    event_id: int,
    shift_id: int | None = None,
    *,
    channel: Channel | str,
    include_waitlist: bool = False,
) -> ReminderPlan:
    """Who gets a reminder for the rally (or ``shift_id``) by ``channel``, each with their
    message written; who is left out, and why. Changes nothing."""
    channel = Channel(channel)
    event = event_service.get_event(db, event_id)
    if event.status == EventStatus.CANCELLED:
        # "See you tomorrow" about a rally that will not happen sends people to an empty square.
        raise ValidationError(
            "event",
            N_("Rally {id} is cancelled: tell the volunteers that instead of reminding them."),
            id=event_id,
        )
    if shift_id is not None and shift_id not in {s.id for s in event.shifts}:
        raise NotFoundError(N_("Shift {id} is not one of this rally's shifts."), id=shift_id)
    with db.reading() as session:
        templates = _templates(session)
        contact = _settings(session, [CONTACT_KEY]).get(CONTACT_KEY, "")
        people = _signed_up(session, event_id, shift_id)
    zone = zoneinfo.ZoneInfo(event.timezone)
    shifts = {s.id: s for s in event.shifts}
    place = ", ".join(p for p in (event.venue.name, event.venue.address) if p) if event.venue else ""
    recipients: list[Recipient] = []
    left_out: list[LeftOut] = []
    for person in people:
        name = " ".join(p for p in (person.given_name, person.family_name) if p)
        allowed, reason = consent(person.reach, channel, include_waitlist=include_waitlist)
        if not allowed:
            left_out.append(LeftOut(person.volunteer_id, name, reason))
            continue
        shift_ids = tuple(person.held or person.waiting)
        times = tuple(
            ShiftTime(
                shifts[i].role, shifts[i].starts_at.astimezone(zone), shifts[i].ends_at.astimezone(zone)
            )
            for i in sorted(shift_ids, key=lambda i: (shifts[i].starts_at, i))
        )
        language = message_language(person.languages, tuple(templates))
        facts = MessageFacts(
            first_name=person.given_name,
            rally_title=event.title(language),
            starts_at=times[0].starts_at,
            place=place,
            shifts=times,
            contact=contact,
        )
        message = render(templates[language].pick(person.reach.waitlisted), facts, language)
        recipients.append(
            Recipient(
                volunteer_id=person.volunteer_id,
                name=name,
                first_name=person.given_name,
                email=person.reach.email,
                phone=person.reach.phone,
                language=language,
                waitlisted=person.reach.waitlisted,
                shift_ids=shift_ids,
                subject=message.subject,
                body=message.body,
            )
        )
    return ReminderPlan(event, shift_id, channel, include_waitlist, tuple(recipients), tuple(left_out))


def _signed_up(session: Session, event_id: int, shift_id: int | None) -> list[_Person]:
    """The people on the rally's (or the shift's) shifts who hold a place or wait for one,
    by name; a person on several shifts once."""
    query = (
        select(
            SignUp.status,
            SignUp.shift_id,
            Volunteer.id,
            Volunteer.given_name,
            Volunteer.family_name,
            Volunteer.email,
            Volunteer.phone,
            Volunteer.languages,
            Volunteer.may_email,
            Volunteer.may_text,
            Volunteer.do_not_contact,
        )
        .join(Volunteer, Volunteer.id == SignUp.volunteer_id)
        .join(Shift, Shift.id == SignUp.shift_id)
        .where(Shift.event_id == event_id, SignUp.status.in_([*_HOLDING, SignUpStatus.WAITLISTED]))
        .order_by(Volunteer.sort_name, Volunteer.id, Shift.starts_at, Shift.id)
    )
    if shift_id is not None:
        query = query.where(Shift.id == shift_id)
    people: dict[int, _Person] = {}
    for row in session.execute(query):
        person = people.get(row.id)
        if person is None:
            reach = Reachability(
                row.email, row.phone, row.may_email, row.may_text, row.do_not_contact, waitlisted=True
            )
            person = _Person(row.id, row.given_name, row.family_name, list(row.languages), reach, [], [])
            people[row.id] = person
        (person.waiting if row.status == SignUpStatus.WAITLISTED else person.held).append(row.shift_id)
    for person in people.values():
        if person.held:
            r = person.reach
            person.reach = Reachability(r.email, r.phone, r.may_email, r.may_text, r.do_not_contact, False)
    return list(people.values())


# --- Lists for texting tools ----------------------------------------------------------------------


def _require_text(plan: ReminderPlan) -> None:
    # A plan made for email chose people by their email consent: never text them from it.
    if plan.channel != Channel.TEXT:
        raise ValueError("text-message lists need a plan made for the text channel")


def sms_csv(plan: ReminderPlan) -> bytes:
    """A CSV for texting tools: the phone in E.164, the first name, the message's language and
    the message. Every cell but the phone is guarded as in any export (exchange/safe_csv.py);
    an E.164 phone is written as it is, for the tool reads it as the number to text."""
    _require_text(plan)
    rows = [
        [r.phone if _E164.fullmatch(r.phone) else neutralise(r.phone), r.first_name, r.language, r.body]
        for r in plan.recipients
    ]
    return csv_bytes(SMS_COLUMNS, rows, verbatim=(0,))


@dataclass(frozen=True)
class WhatsAppLink:
    volunteer_id: int
    name: str
    phone: str
    url: str


def whatsapp_links(plan: ReminderPlan) -> tuple[WhatsAppLink, ...]:
    """A click-to-chat link per person: WhatsApp opens with the message written, ready to send."""
    _require_text(plan)
    return tuple(
        WhatsAppLink(
            r.volunteer_id,
            r.name,
            r.phone,
            f"https://wa.me/{''.join(c for c in r.phone if c.isdigit())}?text={quote(r.body, safe='')}",
        )
        for r in plan.recipients
    )


def whatsapp_sheet(plan: ReminderPlan, language: str) -> bytes:
    """The WhatsApp links as a printable PDF, a QR code per person (exchange/whatsapp_sheet.py),
    with the words around them in ``language``."""
    # Here, not at the top: ReportLab's page layout is not loaded by 'rallyorg remind' by email.
    from rallyorg.exchange.whatsapp_sheet import SheetEntry
    from rallyorg.exchange.whatsapp_sheet import whatsapp_sheet as sheet_pdf

    by_person = {r.volunteer_id: r for r in plan.recipients}
    entries = [
        SheetEntry(
            link.name,
            v.format_phone(link.phone),
            language_name(by_person[link.volunteer_id].language, language),
            by_person[link.volunteer_id].body,
            link.url,
        )
        for link in whatsapp_links(plan)
    ]
    return sheet_pdf(plan.event.title(language), entries, language)


def text_list(plan: ReminderPlan) -> str:
    """Each person's name, phone and message, to copy into a phone one by one."""
    _require_text(plan)
    blocks = [f"{r.name} — {v.format_phone(r.phone)}\n{r.body}" for r in plan.recipients]
    return "\n\n----------\n\n".join(blocks) + ("\n" if blocks else "")


# --- What was sent ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderRecord:
    id: int
    volunteer_id: int
    name: str
    shift_id: int | None
    channel: str
    language: str
    sent_at: dt.datetime
    status: str  # sent | failed | handed (to a texting tool: HANDED_OVER)
    error: str


def record_handed_over(db: Database, plan: ReminderPlan) -> None:
    """Text messages given to a texting tool (a saved CSV): recorded for each recipient as
    handed over — rallyorg cannot know the tool sent them, but the organizer sees who had one
    and when ("Last reminded"). One transaction; nothing of the message or number is kept."""
    if plan.channel != Channel.TEXT:
        raise ValueError("only a text-message plan is handed over to another tool")
    with db.transaction() as session:
        present = set(
            session.scalars(
                select(Volunteer.id).where(Volunteer.id.in_([r.volunteer_id for r in plan.recipients]))
            )
        )  # a person forgotten since the plan was made is not recorded
        session.add_all(
            reminder_row(plan, recipient, HANDED_OVER)
            for recipient in plan.recipients
            if recipient.volunteer_id in present
        )


def last_reminded(db: Database, event_id: int) -> dict[int, dt.datetime]:
    """When each person was last sent a reminder for the rally (any of its shifts), or had one
    handed to a texting tool."""
    with db.reading() as session:
        rows = session.execute(
            select(Reminder.volunteer_id, func.max(Reminder.sent_at))
            .where(Reminder.event_id == event_id, Reminder.status.in_(("sent", HANDED_OVER)))
            .group_by(Reminder.volunteer_id)
        ).all()
    # Read through a plain aggregate, the moment comes back as stored (naive UTC on SQLite).
    return {vid: at if at.tzinfo else at.replace(tzinfo=dt.UTC) for vid, at in rows}


def failed_last_time(db: Database, event_id: int) -> set[int]:
    """The people whose latest email reminder for the rally failed (to send again to them alone)."""
    latest: dict[int, str] = {}
    with db.reading() as session:
        for volunteer_id, status in session.execute(
            select(Reminder.volunteer_id, Reminder.status)
            .where(Reminder.event_id == event_id, Reminder.channel == Channel.EMAIL.value)
            .order_by(Reminder.sent_at, Reminder.id)
        ):
            latest[volunteer_id] = status
    return {volunteer_id for volunteer_id, status in latest.items() if status == "failed"}


def reminder_history(db: Database, event_id: int) -> list[ReminderRecord]:
    """Every reminder sent or tried for the rally, newest first."""
    with db.reading() as session:
        rows = session.execute(
            select(Reminder, Volunteer.given_name, Volunteer.family_name)
            .join(Volunteer, Volunteer.id == Reminder.volunteer_id)
            .where(Reminder.event_id == event_id)
            .order_by(Reminder.sent_at.desc(), Reminder.id.desc())
        ).all()
        return [
            ReminderRecord(
                r.id,
                r.volunteer_id,
                " ".join(p for p in (given, family) if p),
                r.shift_id,
                r.channel,
                r.language,
                r.sent_at,
                r.status,
                r.error,
            )
            for r, given, family in rows
        ]


# --- Settings: templates, contact number, SMTP account ---------------------------------------------


def _settings(session: Session, keys: list[str]) -> dict[str, str]:
    rows = session.execute(
        select(CoalitionSetting.key, CoalitionSetting.value).where(CoalitionSetting.key.in_(keys))
    )
    return {key: value for key, value in rows}


def _template_key(language: str, waitlist: bool, part: str) -> str:
    return f"reminders.{language}.{'waitlist' if waitlist else 'regular'}.{part}"


def _template_keys(language: str, waitlist: bool) -> tuple[str, str]:
    return _template_key(language, waitlist, "subject"), _template_key(language, waitlist, "body")


def _templates(session: Session) -> dict[str, LanguageTemplates]:
    keys = [k for lang in SHIPPED for waitlist in (False, True) for k in _template_keys(lang, waitlist)]
    stored = _settings(session, keys)

    def one(language: str, waitlist: bool) -> MessageTemplate:
        shipped = SHIPPED[language].pick(waitlist)
        subject_key, body_key = _template_keys(language, waitlist)
        return MessageTemplate(stored.get(subject_key, shipped.subject), stored.get(body_key, shipped.body))

    return {lang: LanguageTemplates(one(lang, False), one(lang, True)) for lang in SHIPPED}


def get_templates(db: Database) -> dict[str, LanguageTemplates]:
    """Each language's templates as the coalition edited them (the shipped ones otherwise)."""
    with db.reading() as session:
        return _templates(session)


def save_template(db: Database, language: str, template: MessageTemplate, *, waitlist: bool = False) -> None:
    """Keep an edited template (checked: ``ValidationError`` names the part refused)."""
    if language not in SHIPPED:
        raise NotFoundError(N_("There are no reminder templates in {language}."), language=language)
    subject = check_template("subject", template.subject, max_length=200)
    body = check_template("body", template.body, max_length=5000)
    with db.transaction() as session:
        for key, value in zip(_template_keys(language, waitlist), (subject, body), strict=True):
            session.merge(CoalitionSetting(key=key, value=value))


def reset_template(db: Database, language: str, *, waitlist: bool = False) -> None:
    """Back to the shipped template (and to a later version's, when it improves it)."""
    with db.transaction() as session:
        keys = _template_keys(language, waitlist)
        session.execute(delete(CoalitionSetting).where(CoalitionSetting.key.in_(keys)))


def get_contact(db: Database) -> str:
    with db.reading() as session:
        return _settings(session, [CONTACT_KEY]).get(CONTACT_KEY, "")


def save_contact(db: Database, contact: str) -> str:
    """The number (or address) ``{contact}`` says to reach the organisers at."""
    text = v.limited_text("contact", contact, max_length=200)
    with db.transaction() as session:
        session.merge(CoalitionSetting(key=CONTACT_KEY, value=text))
    return text


def get_smtp_settings(db: Database) -> SmtpSettings | None:
    """The stored account; None until a server and a From address are set."""
    with db.reading() as session:
        stored = _settings(session, list(_SMTP_KEYS.values()))
    host, sender = stored.get(_SMTP_KEYS["host"], ""), stored.get(_SMTP_KEYS["from_address"], "")
    if not host or not sender:
        return None
    try:
        security = Security(stored.get(_SMTP_KEYS["security"], Security.STARTTLS))
    except ValueError:
        security = Security.STARTTLS
    port_text = stored.get(_SMTP_KEYS["port"], "")
    port = int(port_text) if port_text.isdigit() else 0
    return SmtpSettings(
        host, port or DEFAULT_PORTS[security], security, sender, stored.get(_SMTP_KEYS["user"], "")
    )


def save_smtp_settings(db: Database, settings: SmtpSettings) -> SmtpSettings:
    """Check and keep the account (``ValidationError`` names the field); returns it as kept."""
    settings = check_smtp_settings(settings)
    values: Mapping[str, str] = {
        "host": settings.host,
        "port": str(settings.port),
        "security": settings.security.value,
        "user": settings.user,
        "from_address": settings.from_address,
    }
    with db.transaction() as session:
        for field, key in _SMTP_KEYS.items():
            session.merge(CoalitionSetting(key=key, value=values[field]))
    return settings


# --- The SMTP password ------------------------------------------------------------------------------


def smtp_password(settings: SmtpSettings) -> str | None:
    """``RALLYORG_SMTP_PASSWORD`` when set (scripts, CI), else the keyring's; None without."""
    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, settings.keyring_name)
    except Exception as error:  # keyring backends raise whatever their platform raises
        log.info("no SMTP password from the keyring: %s", type(error).__name__)
        return None


def keep_smtp_password(settings: SmtpSettings, password: str) -> bool:
    """Store the password in the keyring; False when there is no usable keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, settings.keyring_name, password)
        return bool(keyring.get_password(KEYRING_SERVICE, settings.keyring_name) == password)
    except Exception as error:
        log.info("SMTP password not kept in the keyring: %s", type(error).__name__)
        return False


def forget_smtp_password(settings: SmtpSettings) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, settings.keyring_name)
    except Exception as error:  # not there, or no keyring: nothing to forget
        log.info("no SMTP password removed from the keyring: %s", type(error).__name__)


__all__ = [
    "KEYRING_SERVICE",
    "PASSWORD_ENV",
    "Channel",
    "LeftOut",
    "Recipient",
    "ReminderPlan",
    "ReminderRecord",
    "SendError",
    "SendFailure",
    "SendReport",
    "SmtpSettings",
    "WhatsAppLink",
    "failed_last_time",
    "forget_smtp_password",
    "get_contact",
    "get_smtp_settings",
    "get_templates",
    "keep_smtp_password",
    "last_reminded",
    "plan_reminders",
    "record_handed_over",
    "reminder_history",
    "reset_template",
    "retry",
    "save_contact",
    "save_smtp_settings",
    "save_template",
    "send_email",
    "sms_csv",
    "smtp_password",
    "text_list",
    "try_account",
    "whatsapp_links",
    "whatsapp_sheet",
]
