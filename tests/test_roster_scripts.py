"""The roster prints names in every script it has a font for (fallback Noto faces for Arabic,
Hebrew, Devanagari, Bengali, Ethiopic…) and names the people whose names it cannot print:
no name vanishes silently. Read back with pdftotext, as a person copying from the PDF would."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import make_event, make_shift, make_volunteer
from rallyorg.app import main
from rallyorg.db import Database
from rallyorg.domain.font_fallback import font_runs, shaping_available, visual_word_order
from rallyorg.exchange.roster import NAME_PLACEHOLDER, NOT_PRINTABLE
from rallyorg.services import signups
from rallyorg.services.exports import export_roster, roster_sheet

# (given, family) in the scripts of people a coalition signs up; each must be on the sheet.
PRINTED = [
    ("Ana", "Souza"),
    ("محمد", "علي"),  # Arabic
    ("Fatima", "الزهراء"),  # Latin and Arabic in one name
    ("सुनीता", "शर्मा"),  # Devanagari, with a conjunct (र्म) and vowel signs
    ("Пётр", "Иванов"),  # Cyrillic
    ("Nguyễn", "Thị Minh"),  # Vietnamese
    ("אברהם", "כהן"),  # Hebrew
    ("አበበ", "በቀለ"),  # Ethiopic (Amharic)
    ("ওয়াসিম", "আকরাম"),  # Bengali
    ("ਗੁਰਪ੍ਰੀਤ", "ਸਿੰਘ"),  # Gurmukhi (Punjabi)
    ("Աննա", "Պետրոսյան"),  # Armenian
    ("ខេមរា", "សុខ"),  # Khmer
]
# No font of the sheet has Chinese letters or emoji: said so, with the person's name.
NOT_PRINTED = [("王", "秀英"), ("Zoë", "O'Brien 😀")]


def _pdftotext(path: Path) -> str:
    """The PDF's text in reading order. pdftotext writes a right-to-left stretch in visual order
    inside U+202B…U+202C (for a bidi-aware display): turned back here."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing: apt install poppler-utils")
        pytest.skip("pdftotext is missing (Debian: apt install poppler-utils)")
    extracted = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub("\u202b(.*?)\u202c", lambda match: match.group(1)[::-1], extracted).replace("\u202a", "")


def _roster(db: Database) -> tuple[int, dict[str, int]]:
    event = make_event(db, "Rally for the TRUST Act")
    shift = make_shift(db, event.id, role="Marshals", capacity=len(PRINTED) + len(NOT_PRINTED))
    ids = {}
    for given, family in PRINTED + NOT_PRINTED:
        person = make_volunteer(db, given, family)
        signups.sign_up(db, person.id, shift.id)
        ids[f"{given} {family}"] = person.id
    return event.id, ids


def test_every_name_is_printed_or_named_in_a_warning(db: Database, tmp_path: Path) -> None:
    assert shaping_available()  # uharfbuzz, a dependency: Arabic letters join, vowel signs sit right
    event_id, ids = _roster(db)
    sheet = roster_sheet(db, event_id)
    assert sorted(entry.volunteer_id for entry in sheet.entries) == sorted(ids.values())
    result = export_roster(db, event_id, tmp_path / "roster.pdf")
    assert result.row_count == len(ids) and result.skipped == ()
    page_text = _pdftotext(tmp_path / "roster.pdf")
    for given, family in PRINTED:
        assert f"{given} {family}" in page_text, f"{given} {family} is not in the roster's text"
    chinese, emoji = (ids[f"{given} {family}"] for given, family in NOT_PRINTED)
    placeholder = NAME_PLACEHOLDER.format(id=chinese)
    assert " ".join(placeholder.split()) in " ".join(page_text.split())  # the row says whose it is
    assert "Zoë O'Brien" in page_text
    warnings = sorted(result.warnings, key=lambda p: p.record_id)  # in the sheet's order, by family name
    assert [(p.record_id, p.field, p.message, dict(p.params)) for p in warnings] == [
        (chinese, "name", NOT_PRINTABLE, {"characters": "王 秀 英", "shown": placeholder}),
        (emoji, "name", NOT_PRINTABLE, {"characters": "😀", "shown": "Zoë O'Brien"}),
    ]
    assert [str(p) for p in warnings] == [
        f"volunteer {chinese} (王 秀英), name: the sheet's fonts cannot print 王 秀 英; the row shows "
        f"“{placeholder}”: write the name in by hand",
        f"volunteer {emoji} (Zoë O'Brien 😀), name: the sheet's fonts cannot print 😀; the row shows "
        "“Zoë O'Brien”: write the name in by hand",
    ]


def test_export_roster_command_warns_naming_the_people(db: Database, db_url: str, tmp_path: Path) -> None:
    event_id, ids = _roster(db)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(
            ["--db", db_url, "--lang", "en", "export", "roster", str(event_id), "-o", str(tmp_path / "r.pdf")]
        )
    assert code == 0
    written = f"Wrote the sign-in sheet for event {event_id} ({len(ids)} people, 20 blank rows)"
    assert out.getvalue().splitlines() == [f"{written} to {tmp_path / 'r.pdf'}."]
    chinese, emoji = (ids[f"{given} {family}"] for given, family in NOT_PRINTED)
    assert sorted(line.split(", name:")[0] for line in err.getvalue().splitlines()) == [
        f"warning: volunteer {chinese} (王 秀英)",
        f"warning: volunteer {emoji} (Zoë O'Brien 😀)",
    ]


def test_right_to_left_words_are_laid_out_in_visual_order() -> None:
    assert visual_word_order("محمد علي") == "علي محمد"
    assert visual_word_order("Fatima الزهراء بنت محمد Khan") == "Fatima محمد بنت الزهراء Khan"
    assert visual_word_order("אברהם כהן 2") == "כהן אברהם 2"
    assert visual_word_order("Ana Souza") == "Ana Souza"


def test_font_runs_pick_a_face_per_script_and_report_the_rest() -> None:
    main = frozenset(range(0x20, 0x250))  # Latin, as the main font's code points
    runs = font_runs("Ana محمد  सुनीता\u00a0王", main)
    assert runs.runs == (
        (None, "Ana "),
        ("NotoSansArabic", "محمد  "),
        ("NotoSansDevanagari", "सुनीता "),
    )
    assert (runs.missing, runs.logical) == ("王", "Ana محمد  सुनीता ")
    assert runs.markup() == (
        'Ana <font name="NotoSansArabic">محمد  </font><font name="NotoSansDevanagari">सुनीता </font>'
    )
    assert font_runs("<b>&", main).markup() == "&lt;b&gt;&amp;"  # a name is never read as markup
