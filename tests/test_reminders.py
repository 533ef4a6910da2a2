"""Reminders (issue 17): the messages people receive from a local SMTP server (aiosmtpd on
127.0.0.1) — one recipient each, in their language, UTF-8 subjects and bodies, the rally's
.ics attached — consent never crossed, failures reported per person and retried, and the
lists for texting tools. Nothing here waits on a clock: the server answers before
``send_email`` returns."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import socket
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from conftest import make_event, make_shift, make_volunteer, upcoming_start
from rallyorg import app
from rallyorg.cli import remind as remind_cli
from rallyorg.db import Database
from rallyorg.domain import reminders as domain
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.events import EventTextInput
from rallyorg.domain.reminders import Channel, MessageTemplate, Security, SmtpSettings
from rallyorg.i18n import format_long_date, format_time
from rallyorg.models import Reminder
from rallyorg.services import events, forget, reminders, signups
from rallyorg.services.forget_records import Erased

SENDER = "organizers@coalition.example"


# --- A local SMTP server --------------------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Collector:
    """aiosmtpd handler: keeps each message; refuses the addresses in ``refuse`` with a 550."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Collector, SmtpSettings]]:
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()  # returns once the server answers
    try:
        yield collector, SmtpSettings("127.0.0.1", controller.port, Security.NONE, SENDER)
    finally:
        controller.stop()


# --- A rally with one shift and each consent case ---------------------------------------------------


@dataclass(frozen=True)
class Rally:
    event_id: int
    shift_id: int
    ids: dict[str, int]


def _rally(db: Database) -> Rally:
    texts = {
        "en": EventTextInput(title="Rally for the TRUST Act", summary="Be there."),
        "es": EventTextInput(title="Manifestación por la Ley TRUST", summary="¡Ven!"),
        "pt_BR": EventTextInput(title="Ato pela Lei TRUST", summary="Venha!"),
    }
    event = make_event(db, starts_at=upcoming_start(), texts=texts)
    shift = make_shift(db, event.id, role="Marshal", capacity=6, starts_at=upcoming_start())
    people = {
        "mary": make_volunteer(
            db, "Mary", "Jones", email="mary@example.org", languages=("en",), may_email=True
        ),
        "jose": make_volunteer(
            db, "José", "Pérez", email="jose@example.org", languages=("es",), may_email=True
        ),
        "joao": make_volunteer(
            db,
            "João",
            "Gonçalves",
            email="joao@example.org",
            phone="203-555-0150",
            languages=("pt_BR",),
            may_email=True,
            may_text=True,
        ),
        # Text only: has an address but did not agree to email.
        "lucia": make_volunteer(
            db,
            "Lucía",
            "Ramos",
            email="lucia@example.org",
            phone="203-555-0151",
            languages=("es",),
            may_text=True,
        ),
        "dana": make_volunteer(
            db,
            "Dana",
            "Quiet",
            email="dana@example.org",
            phone="203-555-0152",
            may_email=True,
            may_text=True,
            do_not_contact=True,
        ),
        "nadia": make_volunteer(db, "Nadia", "Nomail", languages=("en",), may_email=True),
        # Signs up last, when the shift is full: waitlisted.
        "wendy": make_volunteer(
            db, "Wendy", "Wait", email="wendy@example.org", languages=("pt",), may_email=True
        ),
    }
    for person in people.values():
        signups.sign_up(db, person.id, shift.id)
    return Rally(event.id, shift.id, {key: person.id for key, person in people.items()})


@pytest.fixture
def rally(db: Database) -> Rally:
    return _rally(db)


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


# --- Domain rules ---------------------------------------------------------------------------------------


def test_language_is_the_first_with_a_template_else_english() -> None:
    available = ("en", "es", "pt_BR")
    assert domain.message_language(["ht", "es"], available) == "es"
    assert domain.message_language(["pt"], available) == "pt_BR"
    assert domain.message_language(["es_MX"], available) == "es"
    assert domain.message_language(["ht", "fr"], available) == "en"
    assert domain.message_language([], available) == "en"


def test_consent_rules_say_why() -> None:
    def reach(**changes: Any) -> domain.Reachability:
        values: dict[str, Any] = dict(
            email="a@example.org", phone="+12035550150", may_email=True, may_text=True,
            do_not_contact=False, waitlisted=False,
        )  # fmt: skip
        values.update(changes)
        return domain.Reachability(**values)

    email_ch, text_ch = Channel.EMAIL, Channel.TEXT
    assert domain.consent(reach(), email_ch, include_waitlist=False) == (True, "")
    assert domain.consent(reach(do_not_contact=True), email_ch, include_waitlist=True) == (
        False,
        "asked not to be contacted",
    )
    assert domain.consent(reach(email=""), email_ch, include_waitlist=False)[1] == "no email address"
    assert domain.consent(reach(may_email=False), email_ch, include_waitlist=False)[1] == (
        "has not agreed to email"
    )
    assert domain.consent(reach(phone=""), text_ch, include_waitlist=False)[1] == "no mobile number"
    assert domain.consent(reach(may_text=False), text_ch, include_waitlist=False)[1] == (
        "has not agreed to text messages"
    )
    assert domain.consent(reach(waitlisted=True), email_ch, include_waitlist=False)[1] == (
        "on the waitlist (not asked to remind the waitlist)"
    )
    assert domain.consent(reach(waitlisted=True), email_ch, include_waitlist=True) == (True, "")


def test_every_shipped_template_uses_only_known_placeholders() -> None:
    for templates in domain.SHIPPED.values():
        for template in (templates.regular, templates.waitlist):
            domain.check_template("subject", template.subject, max_length=200)
            domain.check_template("body", template.body, max_length=5000)


def test_a_template_cannot_reach_beyond_its_placeholders(db: Database) -> None:
    with pytest.raises(ValidationError, match="Unknown placeholder"):
        reminders.save_template(db, "en", MessageTemplate("Hi {nmae}", "Body"))
    values = {"name": "Ana"}
    assert domain.fill("{name} {name.__class__} {0} {}", values) == "Ana {name.__class__} {0} {}"


def test_a_line_with_nothing_to_say_is_left_out() -> None:
    body = "Hi {name},\n\nWhere: {place}\n\nCall us: {contact}\n\nThanks!"
    values = {"name": "Ana", "place": "", "contact": ""}
    assert domain.fill_body(body, values) == "Hi Ana,\n\nThanks!"


def test_the_command_lines_security_choices_are_the_domains() -> None:
    assert tuple(s.value for s in Security) == remind_cli.SMTP_SECURITY


# --- The plan -------------------------------------------------------------------------------------------


def test_plan_renders_each_person_in_their_language_and_says_who_is_left_out(
    db: Database, rally: Rally
) -> None:
    reminders.save_contact(db, "(203) 555-0100")
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL)

    by_id = {r.volunteer_id: r for r in plan.recipients}
    assert set(by_id) == {rally.ids["mary"], rally.ids["jose"], rally.ids["joao"]}
    left = {p.volunteer_id: p.reason for p in plan.left_out}
    assert left == {
        rally.ids["lucia"]: "has not agreed to email",
        rally.ids["dana"]: "asked not to be contacted",
        rally.ids["nadia"]: "no email address",
        rally.ids["wendy"]: "on the waitlist (not asked to remind the waitlist)",
    }
    jose = by_id[rally.ids["jose"]]
    start = upcoming_start().astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert jose.language == "es"
    assert jose.subject == f"Recordatorio: Manifestación por la Ley TRUST, {format_long_date(start, 'es')}"
    assert "Hola, José:" in jose.body
    assert f"Cuándo: {format_long_date(start, 'es')}, {format_time(start, 'es')}" in jose.body
    assert "(203) 555-0100" in jose.body
    assert "Marshal" in jose.body
    joao = by_id[rally.ids["joao"]]
    assert joao.language == "pt_BR" and "ato “Ato pela Lei TRUST”" in joao.body
    assert format_time(start, "pt_BR") in joao.body  # "15:00", not "3:00 PM"


def test_the_first_language_a_person_gave_is_the_one_written_in(db: Database) -> None:
    """Stored in the person's order, not the alphabet's: Spanish first means Spanish, though
    English sorts before it and has a template too."""
    rally = _rally(db)
    shift = rally.shift_id
    bilingual = [
        make_volunteer(db, "Rosa", "Uno", email="r@example.org", languages=("es", "en"), may_email=True),
        make_volunteer(db, "Tom", "Dos", email="t@example.org", languages=("en", "es"), may_email=True),
        make_volunteer(db, "Guerline", "Tres", email="g@example.org", languages=("ht", "pt"), may_email=True),
    ]
    for person in bilingual:
        signups.sign_up(db, person.id, shift)  # the shift is full: they wait, and are asked for
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL, include_waitlist=True)
    language = {r.volunteer_id: r.language for r in plan.recipients}
    assert [language[p.id] for p in bilingual] == ["es", "en", "pt_BR"]


def test_the_waitlist_only_when_asked_and_with_its_own_wording(db: Database, rally: Rally) -> None:
    plan = reminders.plan_reminders(
        db, rally.event_id, rally.shift_id, channel="email", include_waitlist=True
    )
    wendy = next(r for r in plan.recipients if r.volunteer_id == rally.ids["wendy"])
    assert wendy.waitlisted and wendy.language == "pt_BR"  # "pt" finds the Brazilian template
    assert wendy.subject.startswith("Você está na lista de espera: Ato pela Lei TRUST")
    assert all(not r.waitlisted for r in plan.recipients if r.volunteer_id != rally.ids["wendy"])


def test_a_cancelled_rally_is_not_reminded(db: Database, rally: Rally) -> None:
    events.cancel_event(db, rally.event_id)
    with pytest.raises(ValidationError, match="cancelled"):
        reminders.plan_reminders(db, rally.event_id, channel="email")


def test_an_edited_template_is_used_and_can_be_reset(db: Database, rally: Rally) -> None:
    reminders.save_template(db, "es", MessageTemplate("¡{name}, te esperamos!", "Hola {name}, {rally}."))
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL)
    jose = next(r for r in plan.recipients if r.language == "es")
    assert (jose.subject, jose.body) == ("¡José, te esperamos!", "Hola José, Manifestación por la Ley TRUST.")
    reminders.reset_template(db, "es")
    assert reminders.get_templates(db)["es"] == domain.SHIPPED["es"]


# --- Email ---------------------------------------------------------------------------------------------


def test_email_reaches_each_person_alone_in_their_language_with_the_calendar(
    db: Database, rally: Rally, smtp_server: tuple[Collector, SmtpSettings]
) -> None:
    collector, smtp = smtp_server
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL)
    report = reminders.send_email(db, plan, smtp, None)

    assert report.ok and len(report.sent) == 3
    assert sorted(a for r in collector.received for a in r.rcpt_tos) == [
        "joao@example.org", "jose@example.org", "mary@example.org",
    ]  # fmt: skip
    for received in collector.received:
        message = received.message
        assert len(received.rcpt_tos) == 1
        assert received.mail_from == SENDER
        assert message["From"] == SENDER and message["Reply-To"] == SENDER
        assert message["Cc"] is None and message["Bcc"] is None
        assert [a.addr_spec for a in message["To"].addresses] == received.rcpt_tos
        attachments = list(message.iter_attachments())
        assert len(attachments) == 1 and attachments[0].get_content_type() == "text/calendar"
        calendar = icalendar.Calendar.from_ical(attachments[0].get_content())
        (vevent,) = calendar.walk("VEVENT")
        assert vevent.decoded("dtstart") == upcoming_start()
    (spanish,) = collector.to("jose@example.org")
    assert spanish.message["Subject"].startswith("Recordatorio: Manifestación por la Ley TRUST")
    assert "Hola, José:" in _body(spanish.message)
    assert "Cuándo:" in _body(spanish.message)
    plain = spanish.message.get_body(preferencelist=("plain",))
    assert plain is not None and plain["Content-Language"] == "es"
    assert plain.get_content_charset() == "utf-8"
    (portuguese,) = collector.to("joao@example.org")
    assert "Olá, João!" in _body(portuguese.message)
    (vevent,) = icalendar.Calendar.from_ical(next(portuguese.message.iter_attachments()).get_content()).walk(
        "VEVENT"
    )
    assert str(vevent["summary"]) == "Ato pela Lei TRUST"  # the calendar in their language too
    # Consent never crossed: no message to anyone who did not agree (or asked for none).
    for address in ("dana@example.org", "lucia@example.org", "wendy@example.org"):
        assert collector.to(address) == []

    with db.reading() as session:
        rows = session.scalars(select(Reminder).order_by(Reminder.id)).all()
        assert {(r.volunteer_id, r.status, r.channel) for r in rows} == {
            (rally.ids[k], "sent", "email") for k in ("mary", "jose", "joao")
        }
        assert {r.language for r in rows} == {"en", "es", "pt_BR"}
    reminded = reminders.last_reminded(db, rally.event_id)
    assert set(reminded) == {rally.ids[k] for k in ("mary", "jose", "joao")}
    assert all(at.tzinfo is not None for at in reminded.values())


def test_a_refused_recipient_is_reported_alone_and_retried(
    db: Database, rally: Rally, smtp_server: tuple[Collector, SmtpSettings]
) -> None:
    collector, smtp = smtp_server
    collector.refuse.add("jose@example.org")
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL)
    report = reminders.send_email(db, plan, smtp, None)

    assert not report.ok
    assert {r.volunteer_id for r in report.sent} == {rally.ids["mary"], rally.ids["joao"]}
    (failure,) = report.failed
    assert failure.recipient.volunteer_id == rally.ids["jose"]
    assert failure.error.startswith("550")
    assert "jose@example.org" not in failure.error  # no personal data in the record
    history = reminders.reminder_history(db, rally.event_id)
    assert [(h.name, h.error) for h in history if h.status == "failed"] == [("José Pérez", failure.error)]

    collector.refuse.clear()
    again = reminders.retry(db, report, smtp, None)
    assert again.ok and [r.volunteer_id for r in again.sent] == [rally.ids["jose"]]
    assert len(collector.to("jose@example.org")) == 1
    assert len(collector.to("mary@example.org")) == 1  # not sent twice


def test_stopping_leaves_the_rest_unsent(
    db: Database, rally: Rally, smtp_server: tuple[Collector, SmtpSettings]
) -> None:
    collector, smtp = smtp_server
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL)
    progress: list[tuple[int, int]] = []
    report = reminders.send_email(
        db,
        plan,
        smtp,
        None,
        on_progress=lambda d, t: progress.append((d, t)),
        should_stop=lambda: bool(progress),
    )
    assert len(report.sent) == 1 and len(report.not_sent) == 2 and progress == [(1, 3)]
    assert len(collector.received) == 1


def test_a_login_without_a_password_sends_nothing(db: Database, rally: Rally) -> None:
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL)
    smtp = SmtpSettings("127.0.0.1", 1, Security.NONE, SENDER, user="organizer")
    with pytest.raises(reminders.SendError):
        reminders.send_email(db, plan, smtp, None)


def test_smtp_settings_are_kept_and_the_password_is_not(
    db: Database, monkeypatch: pytest.MonkeyPatch, memory_keyring: Any
) -> None:
    kept = reminders.save_smtp_settings(
        db, SmtpSettings("smtp.example.org", 587, Security.STARTTLS, "Org@Coalition.example", "org")
    )
    assert reminders.get_smtp_settings(db) == kept
    assert reminders.keep_smtp_password(kept, "s3cret-pass")
    assert reminders.smtp_password(kept) == "s3cret-pass"
    monkeypatch.setenv(reminders.PASSWORD_ENV, "from-the-env")
    assert reminders.smtp_password(kept) == "from-the-env"
    from rallyorg.models import CoalitionSetting

    with db.reading() as session:
        values = session.scalars(select(CoalitionSetting.value)).all()
    assert not any("s3cret" in value for value in values)


# --- Texting tools -------------------------------------------------------------------------------------


def test_sms_csv_and_whatsapp_links_only_for_those_who_agreed_to_texts(db: Database, rally: Rally) -> None:
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.TEXT)
    left = {p.volunteer_id: p.reason for p in plan.left_out}
    assert left[rally.ids["dana"]] == "asked not to be contacted"
    assert left[rally.ids["mary"]] == "no mobile number"

    text = reminders.sms_csv(plan).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Phone", "First name", "Language", "Message"]
    assert sorted((r[0], r[1], r[2]) for r in rows[1:]) == [
        ("+12035550150", "João", "pt_BR"),
        ("+12035550151", "Lucía", "es"),
    ]
    lucia = next(r for r in rows[1:] if r[1] == "Lucía")
    assert "Hola, Lucía:" in lucia[3] and "Manifestación por la Ley TRUST" in lucia[3]

    links = {link.name: link.url for link in reminders.whatsapp_links(plan)}
    assert set(links) == {"João Gonçalves", "Lucía Ramos"}
    parts = urlsplit(links["Lucía Ramos"])
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/12035550151")
    assert parse_qs(parts.query)["text"][0].startswith("Hola, Lucía:")
    assert "Lucía Ramos — (203) 555-0151" in reminders.text_list(plan)


def test_an_email_plan_never_becomes_a_text_list(db: Database, rally: Rally) -> None:
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL)
    with pytest.raises(ValueError):
        reminders.sms_csv(plan)


# --- Forgetting ------------------------------------------------------------------------------------------


def test_forgetting_a_person_forgets_their_reminders(
    db: Database, rally: Rally, smtp_server: tuple[Collector, SmtpSettings]
) -> None:
    _collector, smtp = smtp_server
    reminders.send_email(db, reminders.plan_reminders(db, rally.event_id, channel="email"), smtp, None)
    report = forget.forget_volunteer(db, rally.ids["jose"])
    assert report.erased.reminders == 1
    assert any("reminder" in line for line in report.describe())
    with db.reading() as session:
        ids = set(session.scalars(select(Reminder.volunteer_id)))
    assert ids == {rally.ids["mary"], rally.ids["joao"]}
    assert Erased(reminders=1).changed


# --- The command line ---------------------------------------------------------------------------------


def _smtp_args(smtp: SmtpSettings) -> list[str]:
    return [
        "--smtp-host", smtp.host, "--smtp-port", str(smtp.port), "--smtp-security", "none",
        "--from", SENDER,
    ]  # fmt: skip


def test_cli_dry_run_sends_nothing_and_says_who_is_left_out(
    db: Database, db_url: str, rally: Rally, smtp_server: tuple[Collector, SmtpSettings],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    collector, smtp = smtp_server
    code = app.main(
        ["--lang", "en", "--db", db_url, "remind", str(rally.event_id), "--channel", "email", "--dry-run",
         *_smtp_args(smtp)]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert collector.received == []
    assert "Left out: Dana Quiet — asked not to be contacted" in out
    assert "Left out: Nadia Nomail — no email address" in out
    assert "Would remind José Pérez (es):" in out
    assert "@" not in out  # names, not addresses


def test_cli_email_exit_status_says_a_send_failed(
    db: Database, db_url: str, rally: Rally, smtp_server: tuple[Collector, SmtpSettings],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    collector, smtp = smtp_server
    collector.refuse.add("mary@example.org")
    args = ["--lang", "en", "--db", db_url, "remind", str(rally.event_id), "--shift", str(rally.shift_id)]
    code = app.main([*args, "--channel", "email", *_smtp_args(smtp)])
    out = capsys.readouterr().out
    assert code == 1
    assert "Sent to José Pérez" in out and "Not sent to Mary Jones: 550" in out
    assert "mary@example.org" not in out

    collector.refuse.clear()
    reminders.save_smtp_settings(db, smtp)  # from Settings this time: no --smtp options
    sent_before = len(collector.received)
    code = app.main([*args, "--channel", "email", "--retry-failed"])
    assert code == 0
    assert len(collector.to("mary@example.org")) == 1  # she alone, this time
    assert len(collector.received) == sent_before + 1
    assert "Sent to Mary Jones" in capsys.readouterr().out
    code = app.main([*args, "--channel", "email", "--retry-failed"])
    assert code == 0 and "Nobody to send again to." in capsys.readouterr().out
    assert app.main([*args, "--channel", "sms-csv", "-o", "x.csv", "--retry-failed"]) == 2


def test_cli_sms_csv_writes_the_file(
    db: Database, db_url: str, rally: Rally, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "texts.csv"
    code = app.main(
        ["--lang", "en", "--db", db_url, "remind", str(rally.event_id), "--channel", "sms-csv", "-o",
         str(target)]
    )  # fmt: skip
    assert code == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["+12035550150", "+12035550151"]
    assert "Left out: Mary Jones — no mobile number" in capsys.readouterr().out
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)
    handed = reminders.reminder_history(db, rally.event_id)
    assert sorted((h.volunteer_id, h.channel, h.status) for h in handed) == sorted(
        (rally.ids[key], "text", "handed") for key in ("joao", "lucia")
    )
    assert set(reminders.last_reminded(db, rally.event_id)) == {rally.ids["joao"], rally.ids["lucia"]}
    # A dry run hands nothing over.
    app.main(
        ["--lang", "en", "--db", db_url, "remind", str(rally.event_id), "--channel", "sms-csv", "--dry-run"]
    )
    assert len(reminders.reminder_history(db, rally.event_id)) == 2


# --- A shared server ----------------------------------------------------------------------------------


def test_on_a_shared_server_only_organizers_and_admins_have_the_reminders(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("a shared server's rights are PostgreSQL's (the PostgreSQL leg of make test)")
    from sqlalchemy import create_engine, make_url, text
    from sqlalchemy.exc import ProgrammingError

    from conftest import make_group
    from rallyorg.db import open_database
    from rallyorg.domain.enums import ServerRole
    from rallyorg.services.server_access import add_user, init_server, remove_user

    db = open_database(db_url)
    group = make_group(db, "Iglesia San José").id
    _rally(db)
    init_server(db.engine)
    logins = {
        ServerRole.ORGANIZER: "t_remind_organizer",
        ServerRole.PARTNER: "t_remind_partner",
        ServerRole.VIEWER: "t_remind_viewer",
    }
    try:
        for role, name in logins.items():
            add_user(
                db.engine, name, role, "correct horse battery", (group,) if role == ServerRole.PARTNER else ()
            )
        for role, name in logins.items():
            engine = create_engine(make_url(db_url).set(username=name))
            try:
                with engine.connect() as connection:
                    if role == ServerRole.ORGANIZER:
                        assert connection.execute(text("SELECT count(*) FROM reminder")).scalar_one() == 0
                        continue
                    with pytest.raises(ProgrammingError, match="permission denied"):
                        connection.execute(text("SELECT count(*) FROM reminder"))
            finally:
                engine.dispose()
    finally:
        for name in logins.values():
            remove_user(db.engine, name)
        db.close()
