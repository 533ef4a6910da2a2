"""``rallyorg flyer`` end to end, in a separate process as a user runs it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from flyer_helpers import RALLY_URL, make_rally, pdf_text, read_qr_codes, run_flyer_cli

from rallyorg.app import main
from rallyorg.db import open_database
from rallyorg.domain.events import EventTextInput


def test_writes_the_flyer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    db = open_database(url)
    event = make_rally(db)
    db.close()
    target = tmp_path / "out" / "rally.pdf"
    target.parent.mkdir()
    done = run_flyer_cli(
        url, str(event.id), "--langs", "en,es", "--layout", "columns", "--paper", "letter", "-o", str(target)
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(target)
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    # At 24 pt the long date takes two lines of its column.
    assert "martes, 20 de mayo" in text and "2025" in text
    assert [text for text, _ in read_qr_codes(pdf)] == [RALLY_URL]
    assert [p.name for p in target.parent.iterdir()] == ["rally.pdf"]  # no temporary file left


def test_missing_translation_refused_unless_allowed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    db = open_database(url)
    event = make_rally(
        db,
        {
            "en": EventTextInput(title="Rally for the TRUST Act", summary="Be there."),
            "es": EventTextInput(title="Manifestación por la Ley TRUST"),
        },
    )
    db.close()
    target = tmp_path / "rally.pdf"
    refused = run_flyer_cli(url, str(event.id), "--langs", "en,es", "-o", str(target))
    assert refused.returncode == 1
    assert "es: summary" in refused.stderr
    assert "--allow-missing" in refused.stderr
    assert not target.exists()

    allowed = run_flyer_cli(url, str(event.id), "--langs", "en,es", "-o", str(target), "--allow-missing")
    assert allowed.returncode == 0, allowed.stderr
    assert "warning: event 1: es: summary missing" in allowed.stderr
    assert target.read_bytes().startswith(b"%PDF")


def test_upcoming_writes_one_flyer_per_upcoming_event(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    db = open_database(url)
    soon = dt.datetime.now(dt.UTC).replace(microsecond=0, second=0, minute=0) + dt.timedelta(days=7)
    upcoming = [make_rally(db, starts_at=soon), make_rally(db, starts_at=soon + dt.timedelta(days=14))]
    make_rally(db, starts_at=soon - dt.timedelta(days=60))  # over

    db.close()
    folder = tmp_path / "flyers"
    done = run_flyer_cli(url, "--upcoming", "--layout", "handbill", "-o", str(folder))
    assert done.returncode == 0, done.stderr
    written = sorted(folder.iterdir())
    assert [p.name for p in written] == [
        f"{e.starts_at:%Y-%m-%d}-event-{e.id}-handbill-en-es.pdf" for e in upcoming
    ]
    assert done.stdout.split() == [str(p) for p in written]
    assert "[1/2]" in done.stderr and "[2/2]" in done.stderr
    for path in written:
        assert "Manifestación por la Ley TRUST" in pdf_text(path.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "x.pdf"), "Give an event number, or --upcoming"),
        (("1", "--upcoming", "-o", "x"), "not both"),
        (("1", "--langs", "en,fr", "-o", "x.pdf"), "fr is not a flyer language"),
        (("1", "--langs", "en,es,pt_BR", "-o", "x.pdf"), "one or two languages"),
        (("7", "-o", "x.pdf"), "Event 7 does not exist."),
    ],
)
def test_usage_errors_are_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    # In-process (same code path as the subprocess runs above, without the start-up cost).
    code = main(["--db", f"sqlite:///{tmp_path / 'x.db'}", "--lang", "en", "flyer", *args])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("rallyorg: ") and message in err
    assert len(err.strip().splitlines()) == 1, err
