"""A shared server's address as given in the app, its password in the keyring, and a failed
connection said in words (services/server_connection.py, db/server_address.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from keyrings import MemoryKeyring, closed_port
from rallyorg.domain.errors import ValidationError
from rallyorg.services import open_database, server_connection
from rallyorg.services.server_connection import ServerAddress, ServerConnectionError

PASSWORD = "correct horse battery"


def test_the_address_checks_the_server_by_default_and_never_shows_the_password(tmp_path: Path) -> None:
    address = ServerAddress(host="db.example.org", database="coalition", user="rosa")
    url = address.url(PASSWORD)
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.username) == ("db.example.org", 5432, "coalition", "rosa")
    assert url.query["sslmode"] == "verify-full"
    assert "sslrootcert" not in url.query
    assert url.password == PASSWORD  # in memory, for the driver
    for shown in (address.shown(), url.render_as_string(hide_password=True), str(url), repr(address)):
        assert PASSWORD not in shown
    ca = tmp_path / "coalition-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    with_ca = ServerAddress(host="db.example.org", database="coalition", user="rosa", ca_file=str(ca))
    assert with_ca.url(None).query["sslrootcert"] == str(ca)
    assert address.keyring_name == "rosa@db.example.org:5432/coalition"


@pytest.mark.parametrize(
    ("address", "field"),
    [
        (ServerAddress(host="", database="coalition", user="rosa"), "host"),
        (ServerAddress(host="db.example.org", database="", user="rosa"), "database"),
        (ServerAddress(host="db.example.org", database="coalition", user="ro sa"), "user"),
        (ServerAddress(host="db.example.org", database="coalition", user="rosa", port=0), "port"),
        (
            ServerAddress(host="db.example.org", database="c", user="rosa", ca_file="/no/such/ca.pem"),
            "ca_file",
        ),
    ],
)
def test_an_address_that_cannot_work_names_the_field(address: ServerAddress, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        address.check()
    assert raised.value.field == field


def test_a_closed_port_is_said_in_words() -> None:
    address = ServerAddress(host="127.0.0.1", port=closed_port(), database="coalition", user="rosa")
    with pytest.raises(ServerConnectionError) as raised:
        server_connection.check_connection(address, PASSWORD, timeout=2)
    said = raised.value.translated()
    assert said == (
        "The database server cannot be reached: check the network, or ask whoever runs the server."
    )
    assert PASSWORD not in said


def test_the_password_is_kept_forgotten_and_found_in_the_keyring(memory_keyring: MemoryKeyring) -> None:
    address = ServerAddress(host="db.example.org", database="coalition", user="rosa")
    assert server_connection.kept_password(address) is None
    assert server_connection.keep_password(address, PASSWORD)
    assert memory_keyring.entries == {("rallyorg server", "rosa@db.example.org:5432/coalition"): PASSWORD}
    assert server_connection.kept_password(address) == PASSWORD
    server_connection.forget_password(address)
    assert memory_keyring.entries == {}


def test_without_a_keyring_the_password_is_not_kept() -> None:
    address = ServerAddress(host="db.example.org", database="coalition", user="rosa")
    assert not server_connection.keep_password(address, PASSWORD)  # the tests' null keyring
    assert server_connection.kept_password(address) is None


def test_the_location_of_a_file(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'danbury.sqlite3'}")
    try:
        where = server_connection.location(db)
    finally:
        db.close()
    assert where.file == (tmp_path / "danbury.sqlite3").resolve() and where.server is None
