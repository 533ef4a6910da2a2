"""No leak, end to end, as an organizer would work: a marker person goes through the real
``rallyorg`` command line (each command its own process) — import, an update by a second import
(so the import history keeps their earlier phone for undo), an edit, a sign-up, a check-in and
an event-day attendance record, exports, a flyer, a backup by hand, the automatic backup the
desktop app makes when it starts, a restore (which keeps a safety copy) — and is then forgotten.

Everything the app writes lands in this test's own home (HOME, the XDG folders, TMPDIR, the
Windows and Qt equivalents point into it). After forgetting, every file there — the database,
its -wal and -shm, the backups folder, safety copies, hidden scratch folders, logs, the catalog
cache, the Qt settings, temp files — is searched for the marker's name, email and phones: as
UTF-8 and UTF-16, in any case, and inside zip/gzip files and PDF streams. Zero hits. The other
people are still there, so the test cannot pass by deleting everything. The log (stderr of each
command, and the app's log folder) never names the marker, checked after every step.

What is *not* searched: the files the organizer made themselves and was told are theirs — the
CSVs they imported, the exports they wrote, the backup they saved by hand (``forget`` says so:
"Backups you saved elsewhere yourself still hold them"). The organizer deletes those, as forget
tells them to; whatever copies rallyorg itself made of them (temporary or partial files) stay in
the tree and are searched.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only

GIVEN, FAMILY = "Zyxquorth", "Vembleton"
EMAIL = "zyxquorth.vembleton@example.org"
FIRST_PHONE = "2075550198"  # the phone the first import brings; the second replaces it (kept for undo)
PHONE = "2075550199"  # Maine's 207: the demo deals only Connecticut's 555-01xx numbers
OTHERS = (
    ("Quillon", "Barthwick", "quillon.barthwick@example.org", "(207) 555-0161"),
    ("Marisol", "Ferreyra Antú", "marisol.ferreyra@example.org", "(207) 555-0162"),
    ("Teodor", "Plimsworth", "teodor.plimsworth@example.org", "(207) 555-0163"),
)
NOTE = f"Texts only: (207) 555-0199. Wrote from {EMAIL} about childcare."
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (?:DEBUG|INFO|WARNING|ERROR|CRITICAL) ", re.M)


def _phone_spellings(digits: str) -> dict[str, str]:
    """Every way a US number may be stored or printed: E.164 (digits), the national format,
    the international and RFC 3966 ones (vCard, iCalendar), as typed on forms."""
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    spellings = (
        digits,
        f"({area}) {exchange}-{line}",
        f"{area}) {exchange}-{line}",
        f"{area}-{exchange}-{line}",
        f"{area} {exchange}-{line}",
        f"{area} {exchange} {line}",
        f"{area}.{exchange}.{line}",
    )
    return {f"phone {spelling}": spelling for spelling in spellings}


# Each part of the name on its own: a search column, a sort key or a full-text index may keep
# them apart, folded, or in another order ("vembleton zyxquorth").
MARKERS: dict[str, str] = {
    "given name": GIVEN,
    "family name": FAMILY,
    "email": EMAIL,
    **_phone_spellings(PHONE),
    **_phone_spellings(FIRST_PHONE),
}


def _patterns(markers: dict[str, str]) -> list[tuple[str, bytes]]:
    """(what, bytes) to look for in lower-cased bytes: UTF-8 and UTF-16 (both byte orders)."""
    found = []
    for label, text in markers.items():
        lowered = text.lower()
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            found.append((f"{label} ({encoding})", lowered.encode(encoding)))
    return found


PATTERNS = _patterns(MARKERS)


# --- searching files -----------------------------------------------------------------------------


def _pdf_views(data: bytes) -> Iterator[tuple[str, bytes]]:
    """A PDF's deflated streams, and its text as a reader extracts it (ReportLab subsets fonts,
    so names are glyph numbers in the streams)."""
    for number, match in enumerate(re.finditer(rb"stream\r?\n", data)):
        end = data.find(b"endstream", match.end())
        if end < 0:
            break
        try:
            yield f"PDF stream {number}", zlib.decompressobj().decompress(data[match.end() : end])
        except zlib.error:
            continue
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # not a readable PDF (half-written, damaged): the raw bytes are searched anyway
        return
    yield "PDF text", text.encode("utf-8")


def _views(data: bytes, depth: int = 0) -> Iterator[tuple[str, bytes]]:
    """The file's bytes, and what they hold once unpacked (zip members, gzip, PDF streams)."""
    yield "", data
    if depth > 2:
        return
    inner: list[tuple[str, bytes]] = []
    # A damaged archive: its raw bytes were searched above, which is all there is to search.
    with contextlib.suppress(zipfile.BadZipFile, OSError, EOFError, zlib.error):
        if data.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                inner = [(f"zip member {n}", archive.read(n)) for n in archive.namelist()]
        elif data.startswith(b"\x1f\x8b"):
            inner = [("gunzipped", gzip.decompress(data))]
        elif data.startswith(b"%PDF"):
            inner = list(_pdf_views(data))
    for where, content in inner:
        for deeper, view in _views(content, depth + 1):
            yield (f"{where} › {deeper}" if deeper else where), view


def _hits_in(path: Path, patterns: Sequence[tuple[str, bytes]] = PATTERNS) -> list[str]:
    """Which markers ``path`` holds, and where inside it: "email (utf-8)", "… in PDF stream 3"."""
    hits = []
    for where, view in _views(path.read_bytes()):
        lowered = view.lower()  # ASCII letters only, in UTF-8 and in UTF-16 alike
        for label, pattern in patterns:
            if pattern in lowered:
                hits.append(f"{label} in {where}" if where else label)
    return hits


def _all_files(root: Path) -> list[Path]:
    """Every regular file under ``root``, hidden ones included; symbolic links not followed."""
    found: list[Path] = []
    for folder, _dirs, files in os.walk(root):
        found.extend(Path(folder, name) for name in files)
    return sorted(p for p in found if p.is_file() and not p.is_symlink())


def _leaks(root: Path) -> list[str]:
    found = ((path, _hits_in(path)) for path in _all_files(root))
    return [f"{path.relative_to(root)}: {', '.join(hits)}" for path, hits in found if hits]


# --- the organizer's machine -------------------------------------------------------------------------


@dataclass
class Machine:
    """The test's home: where rallyorg keeps things, and where the organizer keeps theirs."""

    home: Path

    @property
    def data(self) -> Path:
        return self.home / ".local" / "share"

    @property
    def state(self) -> Path:  # platformdirs' user_log_dir is under it: .local/state/rallyorg/log
        return self.home / ".local" / "state"

    @property
    def app_data(self) -> Path:
        return self.data / "rallyorg"

    @property
    def backups(self) -> Path:
        return self.app_data / "rallyorg-backups"

    @property
    def exports(self) -> Path:
        """Inside the data folder on purpose: temporary and partial copies would land there."""
        return self.app_data / "exports"

    @property
    def documents(self) -> Path:
        """The organizer's own files: the CSVs they import, the backup they save by hand."""
        return self.home / "Documents"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RALLYORG_", "LC_", "LANG", "XDG_"))}
        temp = self.home / "tmp"
        runtime = self.home / "run"
        for folder in (temp, runtime, self.documents):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        env.update(
            LANG="C.UTF-8",
            HOME=str(self.home),
            USERPROFILE=str(self.home),
            XDG_DATA_HOME=str(self.data),
            XDG_STATE_HOME=str(self.state),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_RUNTIME_DIR=str(runtime),
            APPDATA=str(self.home / "AppData" / "Roaming"),
            LOCALAPPDATA=str(self.home / "AppData" / "Local"),
            TMPDIR=str(temp),
            TEMP=str(temp),
            TMP=str(temp),
            # No passphrase from the real keyring, and nothing written to it.
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
            RALLYORG_DEBUG="1",  # INFO, the most the log says (app.setup_logging)
            QT_QPA_PLATFORM="offscreen",
        )
        return env


def _rallyorg() -> list[str]:
    """The installed ``rallyorg`` script beside this Python, else ``python -m rallyorg.app``."""
    script = Path(sys.executable).with_name("rallyorg.exe" if sys.platform == "win32" else "rallyorg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rallyorg.app"]


def _log_records(stderr: str) -> list[str]:
    """The lines of log records on stderr (a record's stack continues on indented lines);
    not the messages meant for the person at the terminal."""
    lines, in_record = [], False
    for line in stderr.splitlines():
        in_record = bool(LOG_LINE.match(line)) or (in_record and line.startswith((" ", "\t", "Traceback")))
        if in_record:
            lines.append(line)
    return lines


def _log_clean(machine: Machine, step: str, stderr: str) -> None:
    """The log never names the marker: log lines on stderr, and every file in the log folder."""
    logged = "\n".join(_log_records(stderr))
    named = [label for label, text in MARKERS.items() if text.lower() in logged.lower()]
    assert not named, f"after {step}, a log line on stderr names the marker ({named}):\n{logged}"
    log_files = [p for p in _all_files(machine.home) if machine.state in p.parents or p.suffix == ".log"]
    leaks = [f"{p.relative_to(machine.home)}: {', '.join(h)}" for p in log_files if (h := _hits_in(p))]
    assert not leaks, f"after {step}, the log names the marker:\n" + "\n".join(leaks)


def _run(machine: Machine, *args: str, expect: int = 0) -> str:
    """One ``rallyorg`` command in its own process, on the default database; its stdout."""
    result = subprocess.run(
        [*_rallyorg(), "--lang", "en", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=machine.env(),
        cwd=machine.home,
        timeout=120,
        check=False,
    )
    assert result.returncode == expect, (
        f"rallyorg {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    )
    _log_clean(machine, f"rallyorg {' '.join(args)}", result.stderr)
    return result.stdout


# Steps with no command of their own yet, done in a process of their own through the services the
# app's screens call (an edit in the volunteer form; a check-in and a name typed at the door).
_EDIT = """
import dataclasses, json, sys
from rallyorg import paths
from rallyorg.db import open_database
from rallyorg.domain.enums import EventStatus
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.services import events, volunteers

given, note = sys.argv[1:3]
db = open_database(paths.default_database_url())
try:
    [row] = volunteers.list_volunteers(db, search=given)
    seen = volunteers.get_volunteer(db, row.id)
    names = {f.name for f in dataclasses.fields(VolunteerInput)}
    values = {name: getattr(seen, name) for name in names if hasattr(seen, name)}
    values.update(city="New Haven", notes=note, languages=(*seen.languages, "pt_BR"))
    volunteers.update_volunteer(db, row.id, VolunteerInput(**values), version=seen.version)
    shifts = [
        shift
        for event in events.list_events(db, upcoming_only=True)
        if event.status == EventStatus.CONFIRMED
        for shift in event.shifts
        if shift.filled < shift.capacity
    ]
    shift = shifts[0]
    print(json.dumps({
        "volunteer": row.id,
        "event": shift.event_id,
        "role": shift.role,
        "start": shift.starts_at.isoformat(),
    }))
finally:
    db.close()
"""

_CHECK_IN = """
import sys
from rallyorg import paths
from rallyorg.db import open_database
from rallyorg.services import attendance, signups

event_id, volunteer_id, name, phone = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
db = open_database(paths.default_database_url())
try:
    [row] = [r for r in signups.check_in_candidates(db, event_id, name) if r.volunteer_id == volunteer_id]
    signups.check_in(db, row.signup_id)
    # The same person typed in at the door on the event-day screen, with their consent.
    attendance.record_attendee(
        db, event_id, attendance.AttendeeInput(name=name, phone=phone, language="es", may_contact=True)
    )
finally:
    db.close()
"""


def _run_python(machine: Machine, step: str, script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=machine.env(),
        cwd=machine.home,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"{step} failed\n{result.stdout}\n{result.stderr}"
    _log_clean(machine, step, result.stderr)
    return result.stdout


def _start_the_app_until_its_automatic_backup(machine: Machine) -> Path:
    """The desktop app, as started from the menu: it makes an automatic backup at start-up
    (gui/backup.py's start_automatic_backup). It is stopped the way a logout stops it."""
    app = subprocess.Popen(
        [*_rallyorg(), "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=machine.env(),
        cwd=machine.home,
    )
    deadline = time.monotonic() + 60
    made: list[Path] = []
    try:
        while not made and app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
            made = sorted(machine.backups.glob("rallyorg-auto-*.sqlite3"))
        # Let the backup's scratch folder go (a killed one is removed on the next start anyway).
        while made and any(p.name.startswith(".") for p in machine.backups.iterdir()):
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        time.sleep(0.3)
    finally:
        app.terminate()
        out, err = app.communicate(timeout=30)
    assert made, f"the desktop app made no automatic backup (exit status {app.returncode})\n{out}\n{err}"
    _log_clean(machine, "starting the desktop app", err)
    [backup] = made
    return backup


def _csv(path: Path, header: str, rows: Sequence[Sequence[str]]) -> Path:
    path.write_text("\n".join([header, *(",".join(row) for row in rows)]) + "\n", encoding="utf-8")
    return path


def _volunteers(machine: Machine) -> list[dict[str, object]]:
    listed = json.loads(_run(machine, "volunteers", "list", "--json"))
    assert isinstance(listed, list)
    return listed


# --- the test ------------------------------------------------------------------------------------------


def test_a_forgotten_person_is_in_no_file_rallyorg_keeps(tmp_path: Path) -> None:
    machine = Machine(tmp_path / "home")
    machine.home.mkdir()
    machine.env()
    people = [(GIVEN, FAMILY, EMAIL, "(207) 555-0198"), *OTHERS]

    # The sample coalition: 360 other people, events with shifts, partner groups.
    loaded = re.search(r"(\d+) volunteers", _run(machine, "demo"))
    assert loaded is not None
    sample = int(loaded[1])

    # Import the marker and three others; then again, with the marker's new phone (the import
    # history keeps the old one for undo).
    header = "First name,Last name,Email,Phone,City,Languages"
    first = _csv(machine.documents / "sign-up-sheet.csv", header, [(*p, "Hartford", "es") for p in people])
    assert "4 added" in _run(machine, "import", "volunteers", str(first))
    again = _csv(
        machine.documents / "sign-up-sheet-corrected.csv",
        header,
        [(GIVEN, FAMILY, EMAIL, "207-555-0199", "Hartford", "es")],
    )
    assert "1 updated" in _run(machine, "import", "volunteers", str(again), "--on-duplicate", "update")

    # Edit them, as the volunteer form does (the version they saw, a note that names them).
    chosen = json.loads(_run_python(machine, "the edit", _EDIT, GIVEN, NOTE))
    marker, event = int(chosen["volunteer"]), str(chosen["event"])

    # Sign them up for a shift from a sign-up tool's CSV; check them in; a name at the door.
    signed = _csv(
        machine.documents / "mobilize-export.csv",
        "Email,Phone,First name,Last name,Shift,Shift start",
        [(EMAIL, "+1 207 555 0199", GIVEN, FAMILY, str(chosen["role"]), str(chosen["start"]))],
    )
    out = _run(machine, "import", "signups", str(signed), "--event", event)
    assert "New volunteers: 0." in out and "0 rejected" in out, out
    _run_python(machine, "the check-in", _CHECK_IN, event, str(marker), f"{GIVEN} {FAMILY}", "207.555.0199")

    # Exports and a flyer, into the data folder.
    machine.exports.mkdir()
    exported = machine.exports / "volunteers.csv"
    roster = machine.exports / "roster.pdf"
    flyer = machine.exports / "flyer.pdf"
    _run(machine, "export", "volunteers", "-o", str(exported))
    _run(machine, "export", "roster", event, "-o", str(roster))
    _run(machine, "flyer", event, "--allow-missing", "-o", str(flyer))
    # The search finds them where they are (else a clean result would prove nothing).
    found = _hits_in(exported)
    assert {"given name (utf-8)", "email (utf-8)"} <= set(found), found
    assert any(hit.startswith("phone") for hit in found), found
    assert any(hit.startswith("family name (utf-8) in PDF text") for hit in _hits_in(roster))

    # A backup by hand; the automatic one the app makes when it starts; a restore of the one by
    # hand, which first keeps what is there in a safety copy beside the database.
    by_hand = machine.documents / "coalition-backup.sqlite3"
    _run(machine, "db", "backup", str(by_hand))
    automatic = _start_the_app_until_its_automatic_backup(machine)
    _run(machine, "db", "restore", str(by_hand), "--yes")
    [safety] = machine.backups.glob("rallyorg-before-restore-*.sqlite3")

    if by_hand.read_bytes().startswith(b"SQLite format 3\x00"):  # unencrypted: they are readable
        for copy in (automatic, safety):
            assert {"given name (utf-8)", "email (utf-8)"} <= set(_hits_in(copy)), copy.name

    # Forget them: first the question (nothing changes), then for real.
    preview = _run(machine, "forget", "volunteer", str(marker), expect=1)
    assert f"{GIVEN} {FAMILY}" in preview and "2 backups beside the database" in preview, preview
    report = _run(machine, "forget", "volunteer", str(marker), "--yes")
    assert f"Volunteer {marker} was forgotten." in report, report
    assert "2 backups beside the database were rewritten without them." in report, report
    assert "Backups you saved elsewhere yourself still hold them" in report, report
    assert sorted(machine.backups.iterdir()) == sorted([automatic, safety])

    # The organizer's own files: what they imported, exported and saved by hand. rallyorg told
    # them the exports and the backup by hand are theirs; they delete them. Whatever rallyorg
    # made of them on the way (temporary or partial copies) stays and is searched below.
    for own in (exported, roster, by_hand, first, again, signed):
        own.unlink()
    assert sorted(p.name for p in machine.exports.iterdir()) == ["flyer.pdf"]
    assert list(machine.documents.iterdir()) == []

    # Everyone else is still there.
    remaining = [(str(v["given_name"]), str(v["family_name"])) for v in _volunteers(machine)]
    assert GIVEN not in {given for given, _family in remaining}
    assert {(given, family) for given, family, _email, _phone in OTHERS} <= set(remaining)
    assert len(remaining) == sample + len(OTHERS)
    database = machine.app_data / "rallyorg.sqlite3"
    if database.read_bytes().startswith(b"SQLite format 3\x00"):  # an unencrypted file: they are readable
        others = _patterns({"others": "Barthwick"})
        assert _hits_in(database, others) or _hits_in(database.with_name("rallyorg.sqlite3-wal"), others)
        assert _hits_in(automatic, others) and _hits_in(safety, others)

    # Nothing left in the temp folder (a copy of the data there would hold everyone).
    assert list((machine.home / "tmp").iterdir()) == []

    # Not one byte of the marker anywhere in the home: data, backups, logs, cache, config, temp.
    searched = _all_files(machine.home)
    assert database in searched and automatic in searched and safety in searched
    leaks = _leaks(machine.home)
    assert not leaks, "the forgotten person is still in:\n" + "\n".join(leaks)
