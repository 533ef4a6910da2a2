"""The commands the crash harness kills (crash_harness.py), each with its all-or-nothing
checker, and the files their runs start from.

To add a command, add one ``CrashCommand`` to ``commands()``: a ``prepare`` that puts the
run's database and inputs in place, the arguments after ``rallyorg --db URL``, any environment
it needs, and an ``AllOrNothing`` checker whose ``before`` notes what the command may change
and whose ``verdict`` says whether that is unchanged, complete or partial (see that class).
``db encrypt`` is the fullest example: its checker reads an encrypted file through
sqlcipher3 (``integrity``, ``next_start`` overridden), and lets the next start finish the
backups a killed conversion had not reached (``FINISHED_BY_NEXT_START``).
"""

from __future__ import annotations

import csv
import io
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from crash_harness import (
    AllOrNothing,
    CrashCommand,
    Run,
    State,
    Verdict,
    digest,
    file_checksum,
    hidden_copies,
    read_only,
)
from rallyorg.services.backup_manifest import content_digest

IMPORT_ROWS = 1_000  # people in the file each import run imports
BASE_PEOPLE = 1_000  # people already in the database every import, backup and restore starts from
RESTORE_EXTRA = 200  # people the backup that restore runs put back has in addition


def people_csv(count: int, prefix: str) -> bytes:
    """``count`` distinct, valid people (no row is rejected, none is a duplicate)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["First name", "Last name", "Email", "Phone", "City", "Languages"])
    for i in range(count):
        writer.writerow(
            [f"Ana{prefix}", f"Gonçalves {prefix}{i}", f"{prefix.lower()}{i}@example.org",
             f"(860) 555-{i % 10000:04d}" if i % 3 == 0 else "", "Danbury", "Português, English"]
        )  # fmt: skip
    return buffer.getvalue().encode("utf-8-sig")


# --- The files runs start from (made once, copied into each run) ----------------------------------


class Materials:
    """Databases and files made once per session in ``folder``, on first use, in-process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def _database(self, name: str, fill: Callable[[Any], None]) -> Path:
        from rallyorg.db import open_database

        path = self.folder / name
        db = open_database(f"sqlite:///{path}")
        try:
            fill(db)
        finally:
            db.close()
        return path

    def _import(self, db: Any, count: int, prefix: str) -> None:
        from rallyorg.exchange.columns import ImportKind
        from rallyorg.services.imports import run_import

        source = self.folder / f"{prefix}.csv"
        source.write_bytes(people_csv(count, prefix))
        report = run_import(db, source, ImportKind.VOLUNTEERS)
        assert report.created == count, report

    def make(self, command: str) -> None:
        """Make what runs of ``command`` start from (before runs start in parallel)."""
        needs = {
            "import": ("base", "import_file"),
            "backup": ("base", "old_backup"),
            "restore": ("base", "restore_backup"),
            "demo": ("empty", "sample_and_own", "sample_fingerprint"),
            "encrypt": ("base", "old_backup"),
        }
        for name in needs.get(command, ()):
            getattr(self, name)

    @cached_property
    def empty(self) -> Path:
        return self._database("empty.sqlite3", lambda db: None)

    @cached_property
    def base(self) -> Path:
        return self._database("base.sqlite3", lambda db: self._import(db, BASE_PEOPLE, "Base"))

    @cached_property
    def import_file(self) -> Path:
        path = self.folder / "people.csv"
        path.write_bytes(people_csv(IMPORT_ROWS, "New"))
        return path

    @cached_property
    def restore_backup(self) -> Path:
        """A backup (with its manifest) of ``base`` plus some more people."""
        from rallyorg.services.backup import backup_database

        def fill(db: Any) -> None:
            self._import(db, RESTORE_EXTRA, "Extra")
            backup_database(db, self.folder / "restore-me.sqlite3")

        shutil.copyfile(self.base, self.folder / "base-plus.sqlite3")
        self._database("base-plus.sqlite3", fill)
        return self.folder / "restore-me.sqlite3"

    @cached_property
    def old_backup(self) -> Path:
        """An earlier good backup (of an empty database) already at a backup's target."""
        from rallyorg.services.backup import backup_database

        self._database("old.sqlite3", lambda db: backup_database(db, self.folder / "old-backup.sqlite3"))
        return self.folder / "old-backup.sqlite3"

    @cached_property
    def own_records(self) -> Path:
        """A user's own records and nothing else."""
        return self._database("own.sqlite3", add_own_records)

    @cached_property
    def sample_and_own(self) -> Path:
        """The sample coalition and, beside it, a user's own records."""
        from rallyorg.demo import load_demo

        def fill(db: Any) -> None:
            load_demo(db)
            add_own_records(db)

        return self._database("sample-and-own.sqlite3", fill)

    @cached_property
    def sample_fingerprint(self) -> Fingerprint:
        """What a whole sample is (without the user's records beside it)."""
        both, own = fingerprint(self.sample_and_own), fingerprint(self.own_records)
        return {table: rows - own[table] for table, rows in both.items()}


def add_own_records(db: Any) -> None:
    from rallyorg.domain.volunteers import VolunteerInput
    from rallyorg.services import partners, volunteers

    group = partners.create_group(db, partners.PartnerGroupInput(name="Windham Solidarity Circle"))
    volunteers.create_volunteer(
        db,
        VolunteerInput(
            given_name="Marisol", family_name="Quintero", email="mq@example.net", group_id=group.id
        ),
    )


# --- Checkers ---------------------------------------------------------------------------------


class ImportChecker(AllOrNothing):
    """Either none of the file's people and no new import in the history, or all of them and
    one import that lists exactly them as created."""

    def before(self, run: Run) -> tuple[int, int]:
        with read_only(run.db) as db:
            return (
                db.execute("SELECT count(*) FROM volunteer").fetchone()[0],
                db.execute("SELECT coalesce(max(id), 0) FROM import_batch").fetchone()[0],
            )

    def verdict(self, run: Run, noted: tuple[int, int]) -> Verdict:
        people_before, last_batch = noted
        with read_only(run.db) as db:
            people = db.execute("SELECT count(*) FROM volunteer").fetchone()[0]
            batches = db.execute(
                "SELECT id, created, rows_in_file FROM import_batch WHERE id > ?", (last_batch,)
            ).fetchall()
            created = db.execute(
                "SELECT count(*) FROM import_change c JOIN volunteer v ON v.id = c.record_id "
                "WHERE c.batch_id > ? AND c.table_name = 'volunteer' AND c.action = 'created'",
                (last_batch,),
            ).fetchone()[0]
        added = people - people_before
        if added == 0 and not batches:
            return Verdict(State.UNCHANGED)
        whole = (IMPORT_ROWS, IMPORT_ROWS)
        if added == created == IMPORT_ROWS and len(batches) == 1 and batches[0][1:] == whole:
            return Verdict(State.COMPLETE)
        return Verdict.partial(f"{added} people added, new imports {batches}, {created} recorded as created")


class BackupChecker(AllOrNothing):
    """The database is untouched; the target is either as it was (absent, or the earlier
    backup) or a complete backup whose manifest checks out and whose content is the
    database's."""

    def before(self, run: Run) -> tuple[str, str | None]:
        return digest(run.db), file_checksum(run.choice["target"])

    def verdict(self, run: Run, noted: tuple[str, str | None]) -> Verdict:
        from rallyorg.services.restore import inspect_backup

        database, target_before = noted
        target: Path = run.choice["target"]
        if digest(run.db) != database:
            return Verdict.partial("the database itself changed")
        if file_checksum(target) == target_before:
            return Verdict(State.UNCHANGED)
        try:
            contents = inspect_backup(target)
        except Exception as error:
            return Verdict.partial(f"the target is not a usable backup: {error}")
        if not contents.verified or digest(target) != database:
            return Verdict.partial(
                f"the backup is not the database's content (verified: {contents.verified})"
            )
        return Verdict(State.COMPLETE)

    def next_start(self, run: Run) -> None:
        """The next start; and for a target in another folder (the next start does not look
        there), the next backup into that folder, which removes what a killed one left."""
        super().next_start(run)
        elsewhere = run.choice["target"].parent
        if elsewhere != run.folder:
            from rallyorg.db import open_database
            from rallyorg.services.backup import backup_database

            run.choice["left elsewhere until the next backup there"] = len(hidden_copies([elsewhere]))
            db = open_database(run.url)
            try:
                backup_database(db, elsewhere / "next-backup.sqlite3")
            finally:
                db.close()

    def hidden_copy_places(self, run: Run) -> list[Path]:
        return [*super().hidden_copy_places(run), run.choice["target"].parent]


class RestoreChecker(AllOrNothing):
    """The database holds either exactly what it held or exactly the backup's content; every
    safety copy taken is a complete, verified backup of what it held; the backup is untouched."""

    def __init__(self, materials: Materials) -> None:
        self.materials = materials

    @cached_property
    def backup_digest(self) -> str:
        return digest(self.materials.restore_backup)

    def before(self, run: Run) -> tuple[str, str | None]:
        return digest(run.db), file_checksum(run.file("restore-me.sqlite3"))

    def verdict(self, run: Run, noted: tuple[str, str | None]) -> Verdict:
        from rallyorg.services.restore import inspect_backup, safety_copies

        database, backup_file = noted
        if file_checksum(run.file("restore-me.sqlite3")) != backup_file:
            return Verdict.partial("the backup file changed")
        for copy in safety_copies(run.backups_folder) if run.backups_folder.is_dir() else []:
            try:
                verified = inspect_backup(copy.path).verified
            except Exception as error:
                return Verdict.partial(f"safety copy {copy.path.name} is not usable: {error}")
            if not verified or digest(copy.path) != database:
                return Verdict.partial(f"safety copy {copy.path.name} is not what the database held")
        now = digest(run.db)
        if now == database:
            return Verdict(State.UNCHANGED)
        if now == self.backup_digest:
            return Verdict(State.COMPLETE)
        return Verdict.partial("the database is neither what it held nor the backup")


Fingerprint = dict[str, Counter[tuple[Any, ...]]]

# What the sample is made of, without ids and timestamps (created_at, or "now" for sign-ups
# to upcoming events): a group's, a venue's, an event's or a volunteer's rows are named by
# their content, so two loads of the sample have equal fingerprints.
_FINGERPRINT_QUERIES = {
    "partner_group": "SELECT name, kind, city, website, languages, tags, notes, member_since, active, sample "
    "FROM partner_group",
    "contact": "SELECT g.name, c.name, c.role, c.email, c.phone, c.preferred_language, c.is_primary, "
    "c.do_not_contact, c.may_share, c.sample FROM contact c JOIN partner_group g ON g.id = c.group_id",
    "venue": "SELECT name, street, city, state, postal_code, sample FROM venue",
    "event": "SELECT e.kind, e.status, e.starts_at, e.ends_at, v.name, e.expected_attendance, "
    "e.public_url, e.sample FROM event e LEFT JOIN venue v ON v.id = e.venue_id",
    "event_text": "SELECT e.starts_at, t.language, t.title, t.summary FROM event_text t "
    "JOIN event e ON e.id = t.event_id",
    "event_partner": "SELECT e.starts_at, g.name, p.role FROM event_partner p "
    "JOIN event e ON e.id = p.event_id JOIN partner_group g ON g.id = p.group_id",
    "volunteer": "SELECT v.given_name, v.family_name, v.email, v.phone, v.languages, v.skills, v.city, "
    "g.name, v.source, v.notes, v.do_not_contact, v.sample FROM volunteer v "
    "LEFT JOIN partner_group g ON g.id = v.group_id",
    "shift": "SELECT e.starts_at, s.role, s.starts_at, s.capacity, s.required_language FROM shift s "
    "JOIN event e ON e.id = s.event_id",
    "signup": "SELECT v.given_name, v.family_name, v.phone, s.role, s.starts_at, u.status, u.checked_in_at, "
    "u.hours FROM signup u JOIN shift s ON s.id = u.shift_id LEFT JOIN volunteer v ON v.id = u.volunteer_id",
    "attendee": "SELECT e.starts_at, a.name, a.walk_in FROM attendee a JOIN event e ON e.id = a.event_id",
}


def fingerprint(path: Path) -> Fingerprint:
    with read_only(path) as db:
        return {
            table: Counter(map(tuple, db.execute(query))) for table, query in _FINGERPRINT_QUERIES.items()
        }


def _difference(found: Fingerprint, expected: Fingerprint) -> str:
    parts = []
    for table in _FINGERPRINT_QUERIES:
        extra = sum((found[table] - expected[table]).values())
        missing = sum((expected[table] - found[table]).values())
        if extra or missing:
            parts.append(f"{table} +{extra} -{missing}")
    return ", ".join(parts)


@dataclass(frozen=True)
class _DemoNoted:
    content: str
    fingerprint: Fingerprint


class DemoChecker(AllOrNothing):
    """``demo`` on an empty database: either still empty or exactly one whole sample.
    ``demo --force`` on a sample plus the user's own records: either exactly as it was or the
    user's records and one whole, fresh sample (new records, the same content)."""

    def __init__(self, materials: Materials) -> None:
        self.materials = materials

    def before(self, run: Run) -> _DemoNoted:
        return _DemoNoted(digest(run.db), fingerprint(run.db))

    def verdict(self, run: Run, noted: _DemoNoted) -> Verdict:
        if digest(run.db) == noted.content:
            return Verdict(State.UNCHANGED)
        found = fingerprint(run.db)
        expected = noted.fingerprint if run.choice["force"] else self.materials.sample_fingerprint
        if found == expected:
            return Verdict(State.COMPLETE)
        return Verdict.partial(_difference(found, expected))


PASSPHRASE = "correct horse battery staple"
NO_KEYRING = "keyring.backends.null.Keyring"


class EncryptChecker(AllOrNothing):
    """``db encrypt --yes``: the database, and each backup beside it, is either the plain file
    it was or an encrypted file (under the passphrase) with the same content. UNCHANGED when
    all are plain, COMPLETE when all are encrypted. The backups are converted after the
    database: killed in between, the next start encrypts those still plain (their people
    must not stay readable beside an encrypted database)."""

    def copies(self, run: Run) -> list[Path]:
        return sorted(run.backups_folder.glob("rallyorg-*.sqlite3"))

    def before(self, run: Run) -> dict[Path, str]:
        return {path: digest(path) for path in [run.db, *self.copies(run)]}

    def __init__(self) -> None:
        self._known: dict[tuple[Path, int, int, str], str] = {}  # opening one costs its key derivation

    def _state(self, path: Path, content: str) -> str:
        stat = path.stat() if path.exists() else None
        key = (path, stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0, content)
        if key not in self._known:
            self._known[key] = self._find_state(path, content)
        return self._known[key]

    def _find_state(self, path: Path, content: str) -> str:
        from rallyorg.db import encryption

        if not encryption.is_encrypted(path):
            return "plain" if path.exists() and digest(path) == content else "changed"
        connection = encryption.connect(path, PASSPHRASE, read_only=True)
        try:
            return "encrypted" if content_digest(connection) == content else "changed"
        except Exception:
            return "unreadable"
        finally:
            connection.close()

    def verdict(self, run: Run, noted: dict[Path, str]) -> Verdict:
        states = {path: self._state(path, content) for path, content in noted.items()}
        found = set(states.values())
        if found == {"plain"}:
            return Verdict(State.UNCHANGED)
        if found == {"encrypted"}:
            return Verdict(State.COMPLETE)
        if found == {"encrypted", "plain"} and states[run.db] == "encrypted":
            plain = sum(1 for state in states.values() if state == "plain")
            return Verdict(State.FINISHED_BY_NEXT_START, f"{plain} backups still plain")
        return Verdict.partial(", ".join(f"{path.name}: {state}" for path, state in states.items()))

    def integrity(self, run: Run) -> list[str]:
        from rallyorg.db import encryption

        if not encryption.is_encrypted(run.db):
            return super().integrity(run)
        connection = encryption.connect(run.db, PASSPHRASE)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            rows += [row[0] for row in connection.execute("PRAGMA cipher_integrity_check")]
        finally:
            connection.close()
        return [] if rows == ["ok"] else rows

    def next_start(self, run: Run) -> None:
        from rallyorg.db import encryption, passphrases

        if encryption.is_encrypted(run.db):
            passphrases.remember(run.db.resolve(), PASSPHRASE)  # as the keyring would give it
        super().next_start(run)


# --- The table ----------------------------------------------------------------------------------


def commands(materials: Materials) -> list[CrashCommand]:
    def copy(source: Path, run: Run) -> None:
        shutil.copyfile(source, run.db)

    def prepare_import(run: Run) -> None:
        copy(materials.base, run)
        shutil.copyfile(materials.import_file, run.file("people.csv"))

    def prepare_backup(run: Run) -> None:
        copy(materials.base, run)
        # Beside the database, or in another folder (a USB stick); over an earlier backup or not.
        where = run.folder if run.rng.random() < 0.5 else run.file("usb")
        where.mkdir(exist_ok=True)
        run.choice["target"] = where / "coalition-backup.sqlite3"
        if run.rng.random() < 0.5:
            shutil.copyfile(materials.old_backup, run.choice["target"])
        run.choice["over an earlier backup"] = run.choice["target"].exists()

    def prepare_restore(run: Run) -> None:
        copy(materials.base, run)
        shutil.copyfile(materials.restore_backup, run.file("restore-me.sqlite3"))

    def prepare_encrypt(run: Run) -> None:
        copy(materials.base, run)
        run.backups_folder.mkdir(mode=0o700)
        # An automatic backup beside it, converted after the database.
        shutil.copyfile(materials.old_backup, run.backups_folder / "rallyorg-auto-2026-12-01-090000.sqlite3")

    def prepare_demo(run: Run) -> None:
        run.choice["force"] = run.index % 2 == 1
        copy(materials.sample_and_own if run.choice["force"] else materials.empty, run)

    return [
        CrashCommand(
            "import", prepare_import, lambda run: ["import", "volunteers", "people.csv"], ImportChecker()
        ),
        CrashCommand(
            "backup", prepare_backup, lambda run: ["db", "backup", str(run.choice["target"])], BackupChecker()
        ),
        CrashCommand(
            "restore", prepare_restore, lambda run: ["db", "restore", "restore-me.sqlite3", "--yes"],
            RestoreChecker(materials),
        ),
        CrashCommand(
            "demo", prepare_demo, lambda run: ["demo", "--force"] if run.choice["force"] else ["demo"],
            DemoChecker(materials),
        ),
        CrashCommand(
            "encrypt", prepare_encrypt, lambda run: ["db", "encrypt", "--yes"], EncryptChecker(),
            # Never the developer's keyring (nor a desktop's keyring service to wait for).
            env={"RALLYORG_PASSPHRASE": PASSPHRASE, "PYTHON_KEYRING_BACKEND": NO_KEYRING},
        ),
    ]  # fmt: skip
