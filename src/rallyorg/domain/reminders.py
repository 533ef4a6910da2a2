"""Reminders before a rally (issue 17): the messages shipped per language, how one is written
for one person, which language they get, and whom consent lets a reminder reach.

The templates are message text, not interface text: an organiser edits them (Settings, stored
in ``coalition_setting``), so they live here as plain strings, not in the gettext catalogs.
Placeholders are ``{name}`` (the first name), ``{rally}`` (its title in the person's
language), ``{date}`` and ``{time}`` (written the person's language's way), ``{place}``,
``{shift}`` and ``{contact}`` (a number to call or text back). Only these are replaced, by
plain substitution: a template cannot reach anything else (``str.format`` would let
``{name.__class__}`` in).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from rallyorg.domain import validation as v
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.events import EventData
from rallyorg.i18n import N_, format_long_date, format_time

PLACEHOLDERS = ("name", "rally", "date", "time", "place", "shift", "contact")
FALLBACK_LANGUAGE = "en"


class Channel(StrEnum):
    EMAIL = "email"
    TEXT = "text"  # SMS through a texting tool, or WhatsApp


class Security(StrEnum):
    """How the connection to the SMTP server is protected."""

    NONE = "none"
    STARTTLS = "starttls"
    SSL = "ssl"


DEFAULT_PORTS = {Security.NONE: 25, Security.STARTTLS: 587, Security.SSL: 465}


# Why a person is left out of a reminder (shown, translated, before anything is sent).
ASKED_NOT_TO_BE_CONTACTED = N_("asked not to be contacted")
NO_EMAIL = N_("no email address")
NO_EMAIL_CONSENT = N_("has not agreed to email")
NO_MOBILE = N_("no mobile number")
NO_TEXT_CONSENT = N_("has not agreed to text messages")
WAITLIST_NOT_ASKED = N_("on the waitlist (not asked to remind the waitlist)")


@dataclass(frozen=True)
class MessageTemplate:
    subject: str
    body: str


@dataclass(frozen=True)
class LanguageTemplates:
    """One language's two wordings: for those who hold a place, and for the waitlist."""

    regular: MessageTemplate
    waitlist: MessageTemplate

    def pick(self, waitlisted: bool) -> MessageTemplate:
        return self.waitlist if waitlisted else self.regular


SHIPPED: Mapping[str, LanguageTemplates] = {
    "en": LanguageTemplates(
        regular=MessageTemplate(
            subject="Reminder: {rally} on {date}",
            body=(
                "Hi {name},\n\n"
                "Just a reminder that you signed up to help at {rally}. Thank you!\n\n"
                "When: {date}, {time}\n"
                "Where: {place}\n"
                "Your shift: {shift}\n\n"
                "If you can't make it after all, please let us know: {contact}\n\n"
                "See you there!"
            ),
        ),
        waitlist=MessageTemplate(
            subject="You're on the waitlist: {rally} on {date}",
            body=(
                "Hi {name},\n\n"
                "You're on the waitlist for {shift} at {rally}. We'll let you know as soon as a "
                "place opens up; if you can, keep the time free.\n\n"
                "When: {date}, {time}\n"
                "Where: {place}\n\n"
                "Questions, or no longer available? Let us know: {contact}\n\n"
                "Thank you!"
            ),
        ),
    ),
    "es": LanguageTemplates(
        regular=MessageTemplate(
            subject="Recordatorio: {rally}, {date}",
            body=(
                "Hola, {name}:\n\n"
                "Te recordamos que te inscribiste para ayudar en la manifestación «{rally}». "
                "¡Gracias!\n\n"
                "Cuándo: {date}, {time}\n"
                "Dónde: {place}\n"
                "Tu turno: {shift}\n\n"
                "Si al final no puedes venir, avísanos, por favor: {contact}\n\n"
                "¡Nos vemos allí!"
            ),
        ),
        waitlist=MessageTemplate(
            subject="Estás en la lista de espera: {rally}, {date}",
            body=(
                "Hola, {name}:\n\n"
                "Estás en la lista de espera para {shift} en la manifestación «{rally}». Te "
                "avisaremos en cuanto se libere un lugar; si puedes, resérvate ese horario.\n\n"
                "Cuándo: {date}, {time}\n"
                "Dónde: {place}\n\n"
                "¿Tienes preguntas o ya no estás disponible? Escríbenos: {contact}\n\n"
                "¡Gracias!"
            ),
        ),
    ),
    "pt_BR": LanguageTemplates(
        regular=MessageTemplate(
            subject="Lembrete: {rally}, {date}",
            body=(
                "Olá, {name}!\n\n"
                "Passando para lembrar que você se inscreveu para ajudar no ato “{rally}”. "
                "Valeu!\n\n"
                "Quando: {date}, {time}\n"
                "Onde: {place}\n"
                "Seu turno: {shift}\n\n"
                "Se não puder mais ir, avise a gente, por favor: {contact}\n\n"
                "Até lá!"
            ),
        ),
        waitlist=MessageTemplate(
            subject="Você está na lista de espera: {rally}, {date}",
            body=(
                "Olá, {name}!\n\n"
                "Você está na lista de espera para {shift} no ato “{rally}”. Avisaremos assim que "
                "abrir uma vaga; se puder, reserve esse horário.\n\n"
                "Quando: {date}, {time}\n"
                "Onde: {place}\n\n"
                "Dúvidas, ou não pode mais? Fale com a gente: {contact}\n\n"
                "Obrigado!"
            ),
        ),
    ),
}

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def check_template(field: str, text: str, *, max_length: int) -> str:
    """An edited subject or body, checked: every ``{…}`` is a known placeholder (a typo such
    as ``{nmae}`` would otherwise reach every volunteer as it is)."""
    text = v.limited_text(field, text, max_length=max_length, multiline=max_length > 300)
    if not text.strip():
        raise ValidationError(field, N_("Write the message, or reset it to the one shipped."))
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1) not in PLACEHOLDERS:
            raise ValidationError(
                field,
                N_("Unknown placeholder {placeholder}; the ones you can use are: {known}"),
                placeholder=match.group(0),
                known=", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            )
    return text


def message_language(languages: Sequence[str], available: Sequence[str]) -> str:
    """The first of the person's languages that has a template (``pt`` finds ``pt_BR``,
    ``es_MX`` finds ``es``); English otherwise."""
    for code in languages:
        if code in available:
            return code
        base = code.split("_")[0]
        for candidate in available:
            if candidate.split("_")[0] == base:
                return candidate
    return FALLBACK_LANGUAGE


@dataclass(frozen=True)
class ShiftTime:
    role: str
    starts_at: dt.datetime  # aware, in the event's zone
    ends_at: dt.datetime


@dataclass(frozen=True)
class MessageFacts:
    """What a person's message says, before it is written in their language."""

    first_name: str
    rally_title: str  # already in the person's language (or the nearest one it has)
    starts_at: dt.datetime  # aware, in the event's zone: the person's first shift, or the rally
    place: str
    shifts: tuple[ShiftTime, ...]
    contact: str


def placeholder_values(facts: MessageFacts, language: str) -> dict[str, str]:
    shifts = "; ".join(
        f"{s.role} ({format_time(s.starts_at, language)}–{format_time(s.ends_at, language)})"
        for s in facts.shifts
    )
    return {
        "name": facts.first_name,
        "rally": facts.rally_title,
        "date": format_long_date(facts.starts_at, language),
        "time": format_time(facts.starts_at, language),
        "place": facts.place,
        "shift": shifts,
        "contact": facts.contact,
    }


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each known placeholder replaced; anything else in braces stays as it is."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def fill_body(text: str, values: Mapping[str, str]) -> str:
    """As ``fill``, but a line whose placeholders are all empty is left out ("Where: " for a
    rally with no place yet, "let us know: " when no contact number is set)."""
    lines = []
    for line in text.split("\n"):
        used = [m.group(1) for m in _PLACEHOLDER.finditer(line) if m.group(1) in values]
        if used and not any(values[name] for name in used):
            continue
        lines.append(fill(line, values))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def render(template: MessageTemplate, facts: MessageFacts, language: str) -> MessageTemplate:
    """The message for one person: subject (on one line) and body."""
    values = placeholder_values(facts, language)
    subject = " ".join(fill(template.subject, values).split())
    return MessageTemplate(subject=subject, body=fill_body(template.body, values))


@dataclass(frozen=True)
class Reachability:
    """What consent needs to know about a person."""

    email: str
    phone: str
    may_email: bool
    may_text: bool
    do_not_contact: bool
    waitlisted: bool  # only on a waitlist for the rally (or the shift)


def consent(person: Reachability, channel: Channel, *, include_waitlist: bool) -> tuple[bool, str]:
    """Whether a reminder may go to ``person`` by ``channel``; when not, the reason (an
    untranslated ``N_`` phrase). "Do not contact" wins over every agreement."""
    if person.do_not_contact:
        return False, ASKED_NOT_TO_BE_CONTACTED
    if person.waitlisted and not include_waitlist:
        return False, WAITLIST_NOT_ASKED
    if channel == Channel.EMAIL:
        if not person.email:
            return False, NO_EMAIL
        if not person.may_email:
            return False, NO_EMAIL_CONSENT
        return True, ""
    if not person.phone:
        return False, NO_MOBILE
    if not person.may_text:
        return False, NO_TEXT_CONSENT
    return True, ""


@dataclass(frozen=True)
class SmtpSettings:
    """The organiser's own mail account; the password is never part of it (keyring)."""

    host: str
    port: int
    security: Security
    from_address: str
    user: str = ""

    @property
    def keyring_name(self) -> str:
        return f"{self.user or self.from_address}@{self.host}:{self.port}"


def check_smtp_settings(settings: SmtpSettings) -> SmtpSettings:
    """Validated (``ValidationError`` names the field), with the From address normalised."""
    host = settings.host.strip()
    if not host or any(c.isspace() for c in host) or len(host) > 253:
        raise ValidationError("smtp.host", N_("Give the mail server's name, e.g. smtp.example.org."))
    if not 0 < settings.port < 65536:
        raise ValidationError("smtp.port", N_("A port is a number from 1 to 65535."))
    try:
        security = Security(settings.security)
    except ValueError:
        raise ValidationError("smtp.security", N_("Choose none, starttls or ssl.")) from None
    from_address = v.normalise_email("smtp.from", settings.from_address)
    if not from_address:
        raise ValidationError("smtp.from", N_("Give the address reminders are sent from."))
    user = v.limited_text("smtp.user", settings.user, max_length=320)
    return SmtpSettings(host, settings.port, security, from_address, user)


# --- A plan: who gets which message, who is left out and why (services/reminders.py) ------------


@dataclass(frozen=True)
class Recipient:
    volunteer_id: int
    name: str  # the full name, for the organiser's lists
    first_name: str
    email: str
    phone: str  # E.164
    language: str  # the message's
    waitlisted: bool
    shift_ids: tuple[int, ...]
    subject: str
    body: str


@dataclass(frozen=True)
class LeftOut:
    volunteer_id: int
    name: str
    reason: str  # untranslated (N_), for the front end to translate


@dataclass(frozen=True)
class ReminderPlan:
    event: EventData
    shift_id: int | None
    channel: Channel
    include_waitlist: bool
    recipients: tuple[Recipient, ...]
    left_out: tuple[LeftOut, ...]

    @property
    def event_id(self) -> int:
        return self.event.id
