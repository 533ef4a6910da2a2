"""Generated CSV thrown at the importer: it fails only with its documented errors, leaves
nothing behind when it fails, accounts for every row when it succeeds, agrees with its own
dry run, and adds nobody when the same file is imported twice."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.conftest import counts, fates, make_rally
from rallyorg.db import Database, open_database
from rallyorg.domain.errors import RallyorgError
from rallyorg.exchange.columns import ImportKind
from rallyorg.services.imports import run_import

HEADERS = ["First name", "Last name", "Name", "Email", "Phone", "City", "Languages", "Notes",
           "Do not contact", "Nombre", "Teléfono", "Organización", "Contacto", "Zip", "Shift",
           "Start", "?"]  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(["Ana", "José", "Souza", "Núñez Ramírez", "ana@example.org", "familia@example.org", "x@",
                     "(203) 555-0101", "203-555-0102", "+55 11 91234-5678", "12", "es, en", "Português", "sí",
                     "no", "talvez", "Danbury", "=1+1", "'=cmd", "-", "@x", "Jos?", "Mar\ufffda", "",
                     "Marshals", "marsh", "Sign-in desk", "2:00 PM", "14:00", "1:30 pm", "2025-05-20 13:30"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.text(alphabet='ab ,;\t"\n\r\'=', max_size=8),
)  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252"]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Path]]:
    """One database for all examples (a fresh one each would spend the time on migrations);
    every check compares counts before and after, so earlier examples do not matter."""
    folder = tmp_path_factory.mktemp("fuzz")
    db = open_database(f"sqlite:///{folder / 'fuzz.db'}")
    make_rally(db)  # event 1, for sign-ups
    try:
        yield db, folder
    finally:
        db.close()


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(headers) + 1), max_size=8))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    if draw(st.booleans()):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
        writer.writerow(headers)
        writer.writerows(rows)
        text = buffer.getvalue()
    else:  # hand-joined: stray quotes and separators inside cells, as people type them
        text = "\n".join(delimiter.join(row) for row in [headers, *rows]) + "\n"
    return text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


def _check(db: Database, path: Path, kind: ImportKind) -> None:
    before = counts(db)
    event = 1 if kind == ImportKind.SIGNUPS else None
    try:
        dry = run_import(db, path, kind, dry_run=True, event_id=event)
    except RallyorgError:
        assert counts(db) == before
        return
    assert counts(db) == before
    try:
        report = run_import(db, path, kind, event_id=event, rejected_path=path.with_suffix(".rejected.csv"))
    except RallyorgError:
        assert counts(db) == before
        raise
    assert report.balanced
    assert fates(report) == fates(dry)
    after = counts(db)
    assert after["import_batch"] == before["import_batch"] + 1
    if kind == ImportKind.VOLUNTEERS:
        assert after["volunteer"] == before["volunteer"] + report.created
    again = run_import(db, path, kind, event_id=event, rejected_path=path.with_suffix(".rejected.csv"))
    assert again.created == 0, fates(again)
    assert again.balanced


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=csv_files(), kind=st.sampled_from(list(ImportKind)))
def test_generated_csv(shared: tuple[Database, Path], data: bytes, kind: ImportKind) -> None:
    db, folder = shared
    path = folder / "generated.csv"
    path.write_bytes(data)
    _check(db, path, kind)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes(shared: tuple[Database, Path], data: bytes) -> None:
    db, folder = shared
    path = folder / "noise.csv"
    path.write_bytes(data)
    _check(db, path, ImportKind.VOLUNTEERS)
