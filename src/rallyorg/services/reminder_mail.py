"""Sending a reminder plan by email through the organiser's own SMTP account (smtplib).

One message per person, addressed to them alone (nobody sees anyone else's address), in UTF-8,
with the rally's .ics attached (exchange/ical.py, titled in the person's language); From and
Reply-To are the account's From. Each result is recorded in ``reminder`` in its own small
transaction, as it happens: a run stopped half way says truly whom it reached. A failure is
the person's alone (the others are still sent) and is kept with the server's reason, any
address in it removed; ``retry`` sends again to those who failed. The password is passed in
(services/reminders.py ``smtp_password``) and is never logged.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, replace
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from rallyorg.db import Database
from rallyorg.domain.errors import RallyorgError
from rallyorg.domain.reminders import Channel, Recipient, ReminderPlan, Security, SmtpSettings
from rallyorg.i18n import N_
from rallyorg.models import Reminder, utcnow

log = logging.getLogger(__name__)

TIMEOUT_S = 30
_ADDRESS = re.compile(r"[^\s<>\"'(),;:]+@[^\s<>\"'(),;:]+")
_LONGEST_ERROR = 300


class SendError(RallyorgError):
    """Nothing could be sent: the server could not be reached, or refused the login."""


@dataclass(frozen=True)
class SendFailure:
    recipient: Recipient
    error: str  # the server's reason, without any address


@dataclass(frozen=True)
class SendReport:
    plan: ReminderPlan
    sent: tuple[Recipient, ...]
    failed: tuple[SendFailure, ...]
    not_sent: tuple[Recipient, ...]  # the run was stopped before their turn

    @property
    def ok(self) -> bool:
        return not self.failed and not self.not_sent


Progress = Callable[[int, int], None]  # (done, total)


def send_email(
    db: Database,
    plan: ReminderPlan,
    smtp: SmtpSettings,
    password: str | None,
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SendReport:
    """Send each recipient of an email ``plan`` their message. ``SendError`` when the server
    cannot be used at all (then nothing was sent); otherwise a report of who was sent to, who
    failed and why, and whom a stop left out."""
    if plan.channel != Channel.EMAIL:
        raise ValueError("send_email needs a plan made for the email channel")
    if smtp.user and not password:
        raise SendError(
            N_(
                "No password for {user} on {host}: keep it in the keyring (Settings) or set "
                "RALLYORG_SMTP_PASSWORD."
            ),
            user=smtp.user,
            host=smtp.host,
        )
    calendars: dict[str, bytes] = {}
    sent: list[Recipient] = []
    failed: list[SendFailure] = []
    total = len(plan.recipients)
    client = _connect(smtp, password) if plan.recipients else None
    try:
        for index, recipient in enumerate(plan.recipients):
            if should_stop is not None and should_stop():
                return SendReport(plan, tuple(sent), tuple(failed), plan.recipients[index:])
            if recipient.language not in calendars:
                calendars[recipient.language] = _calendar(plan, recipient.language)
            message = _message(recipient, smtp, calendars[recipient.language], plan.event_id)
            if client is None:
                try:
                    client = _connect(smtp, password)
                except SendError as error:
                    failed.append(SendFailure(recipient, error.translated()))
                    _record(db, plan, recipient, "failed", error.translated())
                    continue
            error_text = ""
            try:
                client.send_message(message, from_addr=smtp.from_address, to_addrs=[recipient.email])
            except smtplib.SMTPRecipientsRefused as error:
                code, response = next(iter(error.recipients.values()), (0, b""))
                error_text = _reason(code, response, recipient)
            except smtplib.SMTPResponseException as error:
                error_text = _reason(error.smtp_code, error.smtp_error, recipient)
            except smtplib.SMTPServerDisconnected:
                client = None  # connect again for the next person
                error_text = "the server closed the connection"
            except (smtplib.SMTPException, OSError) as error:
                error_text = _clean(str(error) or type(error).__name__, recipient)
            if error_text:
                failed.append(SendFailure(recipient, error_text))
                _record(db, plan, recipient, "failed", error_text)
            else:
                sent.append(recipient)
                _record(db, plan, recipient, "sent", "")
            if on_progress is not None:
                on_progress(index + 1, total)
    finally:
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()
    return SendReport(plan, tuple(sent), tuple(failed), ())


def retry(
    db: Database,
    report: SendReport,
    smtp: SmtpSettings,
    password: str | None,
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SendReport:
    """Send again only to those who failed (and to those a stop left out)."""
    again = tuple(f.recipient for f in report.failed) + report.not_sent
    return send_email(db, replace(report.plan, recipients=again), smtp, password, on_progress, should_stop)


def try_account(smtp: SmtpSettings, password: str | None) -> None:
    """Connect and log in as a send would, then leave (the account form's Test); ``SendError``
    says what failed. Nothing is sent."""
    client = _connect(smtp, password)
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


def _connect(smtp: SmtpSettings, password: str | None) -> smtplib.SMTP:
    context = ssl.create_default_context()
    client: smtplib.SMTP | None = None
    try:
        if smtp.security == Security.SSL:
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT_S, context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT_S)
            if smtp.security == Security.STARTTLS:
                client.starttls(context=context)
        if smtp.user:
            client.login(smtp.user, password or "")
    except smtplib.SMTPAuthenticationError as error:
        _close(client)
        raise SendError(
            N_("The mail server {host} refused the user name or password."), host=smtp.host
        ) from error
    except (smtplib.SMTPException, OSError) as error:
        _close(client)
        reason = (str(error) or type(error).__name__).splitlines()[0]
        raise SendError(
            N_("Could not use the mail server {host}:{port}: {reason}"),
            host=smtp.host,
            port=smtp.port,
            reason=reason,
        ) from error
    return client


def _close(client: smtplib.SMTP | None) -> None:
    if client is not None:
        client.close()


def _calendar(plan: ReminderPlan, language: str) -> bytes:
    from rallyorg.exchange.ical import calendar_bytes  # on use: icalendar is 0.1 s to import

    return calendar_bytes([plan.event], language=language)


def _message(recipient: Recipient, smtp: SmtpSettings, calendar: bytes, event_id: int) -> EmailMessage:
    message = EmailMessage()
    message["From"] = smtp.from_address
    message["Reply-To"] = smtp.from_address
    message["To"] = Address(display_name=recipient.name, addr_spec=recipient.email)
    message["Subject"] = recipient.subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain=smtp.from_address.rpartition("@")[2])
    message.set_content(recipient.body, charset="utf-8")
    # After set_content (which replaces every Content- header); moves into the text part.
    message["Content-Language"] = recipient.language.replace("_", "-")
    message.add_attachment(calendar, maintype="text", subtype="calendar", filename=f"rally-{event_id}.ics")
    return message


def _reason(code: int, response: bytes | str, recipient: Recipient) -> str:
    text = response.decode("utf-8", "replace") if isinstance(response, bytes) else response
    return _clean(f"{code} {text}", recipient)


def _clean(text: str, recipient: Recipient) -> str:
    """The server's words without the person's address (servers often repeat it) or name."""
    text = " ".join(text.split())
    for known in (recipient.email, recipient.name):
        if known:
            text = re.sub(re.escape(known), "…", text, flags=re.IGNORECASE)
    return _ADDRESS.sub("…", text)[:_LONGEST_ERROR]


def reminder_row(plan: ReminderPlan, recipient: Recipient, status: str, error: str = "") -> Reminder:
    """What is kept of one reminder: who, when, how and what came of it — never the message."""
    return Reminder(
        event_id=plan.event_id,
        shift_id=plan.shift_id,
        volunteer_id=recipient.volunteer_id,
        channel=plan.channel.value,
        language=recipient.language,
        sent_at=utcnow(),
        status=status,
        error=error,
    )


def _record(db: Database, plan: ReminderPlan, recipient: Recipient, status: str, error: str) -> None:
    """One result, in its own transaction; a person forgotten meanwhile is not recorded."""
    try:
        with db.transaction() as session:
            session.add(reminder_row(plan, recipient, status, error))
    except RallyorgError as problem:
        log.warning("reminder to volunteer %s not recorded: %s", recipient.volunteer_id, problem.message)
