"""Encryption at rest: the file, its WAL and its backups are SQLCipher-encrypted under a
passphrase; a wrong or missing passphrase is a clean message; conversion is safe."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_volunteer
from keyrings import MemoryKeyring
from rallyorg.db import open_database, parse_database_url, passphrases
from rallyorg.db.encryption import SQLITE_HEADER, opens
from rallyorg.domain.errors import PassphraseError
from rallyorg.services import backup, encryption, restore, volunteers
from rallyorg.services.encryption import EncryptionError
from rallyorg.services.overview import totals

PASSPHRASE = "correct horse battery"
MARKER_NAME = "Zyxquorth"
MARKER_PHONE = "2035550199"
MARKER_EMAIL = "zyxquorth.vembleton@example.org"


def _database_with_marker(path: Path) -> None:
    db = open_database(f"sqlite:///{path}")
    try:
        make_volunteer(db, MARKER_NAME, "Vembleton", phone=MARKER_PHONE, email=MARKER_EMAIL)
        make_volunteer(db, "Ana", "Souza")
    finally:
        db.close()


def _holds_marker(path: Path) -> bool:
    data = path.read_bytes()
    return any(marker.encode() in data for marker in (MARKER_NAME, MARKER_PHONE, MARKER_EMAIL))


def _forget_known() -> None:
    """As a new process would start: nothing remembered."""
    with passphrases._lock:
        passphrases._known.clear()


def test_encrypted_file_and_its_wal_hold_no_readable_byte(tmp_path: Path) -> None:
    path = tmp_path / "coalition.sqlite3"
    _database_with_marker(path)
    assert _holds_marker(path)
    result = encryption.encrypt(path, PASSPHRASE, keep_in_keyring=False)
    assert result.encrypted and not result.in_keyring
    assert path.read_bytes()[:16] != SQLITE_HEADER
    assert not _holds_marker(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"

    db = open_database(f"sqlite:///{path}")  # the passphrase is known to this process
    try:
        assert db.is_encrypted
        assert db.url == f"sqlite:///{path}"  # never the passphrase
        names = sorted(v.given_name for v in volunteers.list_volunteers(db))
        assert names == ["Ana", MARKER_NAME]
        # A new person while the file is open: their row is in the write-ahead log, encrypted.
        make_volunteer(db, "Quillon", "Marchbanks", phone="2035550777")
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0
        assert b"Quillon" not in wal.read_bytes() and b"2035550777" not in wal.read_bytes()
    finally:
        db.close()
    assert not _holds_marker(path) and b"Quillon" not in path.read_bytes()


def test_without_the_passphrase_nothing_opens_and_the_message_is_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "coalition.sqlite3"
    _database_with_marker(path)
    encryption.encrypt(path, PASSPHRASE, keep_in_keyring=False)
    _forget_known()
    with pytest.raises(PassphraseError) as missing:
        open_database(f"sqlite:///{path}")
    assert str(missing.value) == (
        f"{path} is encrypted and its passphrase is not in this computer's keyring. Give it in the "
        "RALLYORG_PASSPHRASE environment variable, or open the file in the app to be asked."
    )
    monkeypatch.setenv("RALLYORG_PASSPHRASE", "not the passphrase")
    with pytest.raises(PassphraseError) as wrong:
        open_database(f"sqlite:///{path}")
    assert str(wrong.value) == f"The passphrase in RALLYORG_PASSPHRASE does not open {path}."
    monkeypatch.setenv("RALLYORG_PASSPHRASE", PASSPHRASE)
    db = open_database(f"sqlite:///{path}")
    assert totals(db).volunteers == 2
    db.close()


def test_three_wrong_tries_explain_that_nothing_recovers_it(tmp_path: Path) -> None:
    path = tmp_path / "coalition.sqlite3"
    _database_with_marker(path)
    encryption.encrypt(path, PASSPHRASE, keep_in_keyring=False)
    _forget_known()
    asked: list[tuple[Path, bool]] = []

    def ask(file: Path, wrong: bool) -> str | None:
        asked.append((file, wrong))
        return "guess number one"

    passphrases.set_prompt(ask)
    with pytest.raises(PassphraseError) as caught:
        open_database(f"sqlite:///{path}")
    assert asked == [(path, False), (path, True), (path, True)]
    assert str(caught.value).startswith(
        f"That passphrase does not open {path}. A forgotten passphrase cannot be"
    )
    # Cancelling the question is not an error of the file: it says it was not opened.
    passphrases.set_prompt(lambda _file, _wrong: None)
    with pytest.raises(PassphraseError, match="no passphrase was given: it was not opened"):
        open_database(f"sqlite:///{path}")
    # The right answer on the second try opens it.
    answers = iter(["guess", PASSPHRASE])
    passphrases.set_prompt(lambda _file, _wrong: next(answers))
    db = open_database(f"sqlite:///{path}")
    assert totals(db).volunteers == 2
    db.close()


def test_backups_of_an_encrypted_database_are_encrypted_and_restore(tmp_path: Path) -> None:
    path = tmp_path / "coalition.sqlite3"
    _database_with_marker(path)
    encryption.encrypt(path, PASSPHRASE, keep_in_keyring=False)
    db = open_database(f"sqlite:///{path}")
    try:
        manual = backup.backup_database(db, tmp_path / "by-hand.sqlite3")
        automatic = backup.automatic_backup(db, now=dt.datetime(2026, 12, 1, 9, 0))
        assert automatic is not None
        for copy in (manual.path, automatic.path):
            assert copy.read_bytes()[:16] != SQLITE_HEADER and not _holds_marker(copy)
        assert restore.inspect_backup(manual.path).totals.volunteers == 2
        make_volunteer(db, "Later", "Person")
        result = restore.restore_database(db, manual.path, now=dt.datetime(2026, 12, 1, 10, 0))
        assert totals(db).volunteers == 2
        assert result.safety_copy.read_bytes()[:16] != SQLITE_HEADER
    finally:
        db.close()


def test_converting_takes_the_backups_along_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "coalition.sqlite3"
    _database_with_marker(path)
    db = open_database(f"sqlite:///{path}")
    automatic = backup.automatic_backup(db, now=dt.datetime(2026, 11, 30, 9, 0))
    db.close()
    assert automatic is not None and _holds_marker(automatic.path)

    encrypted = encryption.encrypt(path, PASSPHRASE, keep_in_keyring=False)
    assert encrypted.copies_converted == 1 and encrypted.copies_left == ()
    assert not _holds_marker(automatic.path)
    assert restore.inspect_backup(automatic.path).totals.volunteers == 2
    assert not list(tmp_path.glob(".rallyorg-convert-*"))  # no scratch copy left beside it

    changed = encryption.change_passphrase(path, "staple battery horse", keep_in_keyring=False)
    assert changed.copies_converted == 1
    _forget_known()
    assert not opens(path, PASSPHRASE) and opens(path, "staple battery horse")
    with pytest.raises(PassphraseError):
        open_database(f"sqlite:///{path}")
    passphrases.remember(path, "staple battery horse")

    plain = encryption.decrypt(path)
    assert not plain.encrypted and plain.copies_converted == 1
    assert path.read_bytes()[:16] == SQLITE_HEADER and _holds_marker(path)
    assert automatic.path.read_bytes()[:16] == SQLITE_HEADER
    db = open_database(f"sqlite:///{path}")
    assert totals(db).volunteers == 2 and not db.is_encrypted
    db.close()


def test_a_file_another_rallyorg_has_open_is_not_converted(tmp_path: Path) -> None:
    path = tmp_path / "coalition.sqlite3"
    _database_with_marker(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom rallyorg.db import open_database\n"
            f"db = open_database({f'sqlite:///{path}'!r})\nprint('open', flush=True)\nsys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        with pytest.raises(EncryptionError) as caught:
            encryption.encrypt(path, PASSPHRASE, keep_in_keyring=False)
        assert str(caught.value) == (
            f"Another rallyorg has {path} open. Close it (and any command using it), then try again."
        )
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    assert not list(tmp_path.glob(".rallyorg-convert-*"))


def test_the_keyring_keeps_the_passphrase_when_there_is_one(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "coalition.sqlite3"
    _database_with_marker(path)
    result = encryption.encrypt(path, PASSPHRASE)
    assert result.in_keyring
    assert memory_keyring.entries == {("rallyorg", str(path.resolve())): PASSPHRASE}
    _forget_known()
    db = open_database(f"sqlite:///{path}")  # no question, no environment variable
    assert totals(db).volunteers == 2
    db.close()
    encryption.decrypt(path)
    assert memory_keyring.entries == {}


def test_a_short_passphrase_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "coalition.sqlite3"
    _database_with_marker(path)
    with pytest.raises(EncryptionError, match="at least 8 characters"):
        encryption.encrypt(path, "short", keep_in_keyring=False)
    assert path.read_bytes()[:16] == SQLITE_HEADER


def test_a_text_file_is_not_taken_for_an_encrypted_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Shopping list: tortillas, farofa\n" * 100)
    assert not encryption.is_encrypted(path)


@pytest.mark.parametrize(
    ("given", "sslmode"),
    [
        ("postgresql+psycopg://organizer@db.example.org/rallyorg", "verify-full"),
        ("postgresql+psycopg://organizer@db.example.org/rallyorg?sslmode=require", "require"),
        ("postgresql+psycopg://organizer@localhost/rallyorg", None),
        ("postgresql+psycopg://organizer@/rallyorg?host=/run/postgresql", None),
    ],
)
def test_a_server_elsewhere_is_reached_over_verified_tls(given: str, sslmode: str | None) -> None:
    assert parse_database_url(given).query.get("sslmode") == sslmode


def test_forgetting_rewrites_encrypted_backups_and_they_stay_encrypted(tmp_path: Path) -> None:
    from rallyorg.db.sqlite_files import connect_file
    from rallyorg.services import forget

    path = tmp_path / "coalition.sqlite3"
    _database_with_marker(path)
    encryption.encrypt(path, PASSPHRASE, keep_in_keyring=False)
    db = open_database(f"sqlite:///{path}")
    try:
        automatic = backup.automatic_backup(db, now=dt.datetime(2026, 12, 1, 9, 0))
        assert automatic is not None
        marker = next(v for v in volunteers.list_volunteers(db) if v.given_name == MARKER_NAME)
        report = forget.forget_volunteer(db, marker.id)
        assert automatic.path in report.backups.rewritten
    finally:
        db.close()
    assert automatic.path.read_bytes()[:16] != SQLITE_HEADER
    copy = connect_file(automatic.path, read_only=True)
    try:
        names = [row[0] for row in copy.execute("SELECT given_name FROM volunteer")]
    finally:
        copy.close()
    assert names == ["Ana"]
    # Every byte of it, decrypted: the marker is nowhere, not in a free page either.
    plain = tmp_path / "plain-copy.sqlite3"
    shutil.copyfile(automatic.path, plain)
    encryption.convert_file(plain, PASSPHRASE, None)
    assert plain.read_bytes()[:16] == SQLITE_HEADER and b"Souza" in plain.read_bytes()
    assert not _holds_marker(plain)
