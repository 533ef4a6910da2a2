"""Reminders through a mail server that protects the connection, as organizers' own accounts
do (issue #17): STARTTLS on the submission port and SSL from the first byte, each with a login;
a wrong password, a server whose certificate is not trusted, and a server that offers no
STARTTLS are refused with one clear sentence, and nothing is sent in the clear.

The servers are local (aiosmtpd on 127.0.0.1) with a certificate from a test authority made
here; the client trusts it the way it trusts a real server's — through the system's default
verification paths, pointed at that authority with SSL_CERT_FILE."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from rallyorg.db import Database
from rallyorg.domain.reminders import Channel, Security, SmtpSettings
from rallyorg.services import reminders
from rallyorg.services.reminder_mail import SendError
from test_reminders import SENDER, Collector, Rally, _free_port, _rally

USER, PASSWORD = "organizer@coalition.example", "correct horse battery"


@dataclass(frozen=True)
class Certificates:
    authority: Path  # what the client is told to trust
    chain: Path  # the server's certificate
    key: Path


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _write(path: Path, *certificates: x509.Certificate) -> Path:
    path.write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates))
    return path


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    folder = tmp_path_factory.mktemp("tls")
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("rallyorg test authority"))
        .issuer_name(_name("rallyorg test authority"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .sign(ca_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = folder / "server.key"
    key.write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return Certificates(_write(folder / "ca.pem", ca), _write(folder / "server.pem", server), key)


@pytest.fixture
def trusted(certificates: Certificates, monkeypatch: pytest.MonkeyPatch) -> Certificates:
    """The client trusts the test authority as it would a public one (OpenSSL's default paths)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates.authority))
    return certificates


def _server_context(certificates: Certificates) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificates.chain, certificates.key)
    return context


@dataclass
class LoginCheck:
    """aiosmtpd authenticator: accepts USER/PASSWORD, and notes whether the line was encrypted."""

    logins: list[tuple[str, bool]]

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, password = data.login.decode(), data.password.decode()
        self.logins.append((user, server.transport.get_extra_info("ssl_object") is not None))
        return AuthResult(success=(user, password) == (USER, PASSWORD), handled=False)


@dataclass
class Server:
    collector: Collector
    logins: list[tuple[str, bool]]
    settings: SmtpSettings


def _serve(security: Security, certificates: Certificates, *, offer_tls: bool = True) -> Iterator[Server]:
    collector, logins = Collector(), list[tuple[str, bool]]()
    options: dict[str, Any] = {
        "authenticator": LoginCheck(logins),
        "auth_require_tls": offer_tls,
        # smtplib tries each mechanism offered in turn: with PLAIN alone a password is tried once.
        "auth_exclude_mechanism": ["LOGIN"],
    }
    if security == Security.SSL:
        # TLS from the first byte: aiosmtpd does not count that as TLS for AUTH (it knows
        # STARTTLS only), so it must not wait for it; the login is checked to be encrypted.
        options.update(ssl_context=_server_context(certificates), auth_require_tls=False)
    elif offer_tls:
        options.update(tls_context=_server_context(certificates), require_starttls=True)
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port(), **options)
    controller.start()
    try:
        yield Server(collector, logins, SmtpSettings("127.0.0.1", controller.port, security, SENDER, USER))
    finally:
        controller.stop()


@pytest.fixture
def starttls_server(certificates: Certificates) -> Iterator[Server]:
    yield from _serve(Security.STARTTLS, certificates)


@pytest.fixture
def ssl_server(certificates: Certificates) -> Iterator[Server]:
    yield from _serve(Security.SSL, certificates)


@pytest.fixture
def rally(db: Database) -> Rally:
    return _rally(db)


@pytest.mark.parametrize("kind", ["starttls", "ssl"])
def test_reminders_go_through_an_encrypted_connection_with_a_login(
    db: Database, rally: Rally, trusted: Certificates, request: pytest.FixtureRequest, kind: str
) -> None:
    server: Server = request.getfixturevalue(f"{kind}_server")
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL)
    report = reminders.send_email(db, plan, server.settings, PASSWORD)
    assert report.ok and len(report.sent) == 3
    assert sorted(a for r in server.collector.received for a in r.rcpt_tos) == [
        "joao@example.org", "jose@example.org", "mary@example.org",
    ]  # fmt: skip
    # One login, over the encrypted line (the server would refuse it in the clear).
    assert server.logins == [(USER, True)]
    (spanish,) = server.collector.to("jose@example.org")
    assert spanish.message["Subject"].startswith("Recordatorio: Manifestación por la Ley TRUST")


def test_a_wrong_password_is_said_plainly_and_nothing_is_sent(
    db: Database, rally: Rally, trusted: Certificates, starttls_server: Server
) -> None:
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL)
    with pytest.raises(SendError) as refused:
        reminders.send_email(db, plan, starttls_server.settings, "wrong")
    assert refused.value.translated() == "The mail server 127.0.0.1 refused the user name or password."
    assert starttls_server.collector.received == []
    assert reminders.reminder_history(db, rally.event_id) == []


@pytest.mark.parametrize("kind", ["starttls", "ssl"])
def test_a_server_whose_certificate_is_not_trusted_is_refused(
    db: Database, rally: Rally, certificates: Certificates, request: pytest.FixtureRequest, kind: str
) -> None:
    """No SSL_CERT_FILE: the test authority is unknown, as an impostor's would be."""
    server: Server = request.getfixturevalue(f"{kind}_server")
    plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL)
    with pytest.raises(SendError) as refused:
        reminders.send_email(db, plan, server.settings, PASSWORD)
    message = refused.value.translated()
    assert message.startswith(f"Could not use the mail server 127.0.0.1:{server.settings.port}: ")
    assert "certificate verify failed" in message
    assert server.logins == [] and server.collector.received == []


def test_starttls_asked_of_a_server_without_it_sends_nothing_in_the_clear(
    db: Database, rally: Rally, certificates: Certificates
) -> None:
    for server in _serve(Security.STARTTLS, certificates, offer_tls=False):
        plan = reminders.plan_reminders(db, rally.event_id, channel=Channel.EMAIL)
        with pytest.raises(SendError, match="STARTTLS extension not supported by server"):
            reminders.send_email(db, plan, server.settings, PASSWORD)
        assert server.logins == [] and server.collector.received == []
