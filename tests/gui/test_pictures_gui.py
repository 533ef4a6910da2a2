"""Pictures in the app: a partner group's logo and a rally's picture chosen in the file dialog,
shown as a thumbnail, saved at once and removed; a file that is not a picture refused under
the row; the rally's short headline typed per language, saved, and marked missing in a
language that lacks the one another language has."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.domain.pictures import read_picture
from rallyorg.gui.activity_dialog import field_words
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.partners.screen import PartnersScreen
from rallyorg.gui.picture_field import PictureField
from rallyorg.gui.rallies.editor import DETAILS, TEXTS
from rallyorg.gui.rallies.screen import RalliesScreen
from rallyorg.services import activity, events, partners, pictures
from rallyorg.services.events import local_datetime
from rallyorg.services.partners import PartnerGroupInput

LEFT = Qt.MouseButton.LeftButton
LOGO_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100">'
    b'<rect width="300" height="100" fill="#b3261e"/><circle cx="50" cy="50" r="40" fill="#fff"/></svg>'
)


def picture_file(folder: Path, name: str, kind: str = "PNG", size: tuple[int, int] = (120, 60)) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 111, 235)).save(buffer, kind)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


def choose_in_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[tuple[object, ...]]:
    """The file dialog answers ``path``; returns what it was asked (title, folder, filter)."""
    asked: list[tuple[object, ...]] = []

    def answer(*args: object, **_kwargs: object) -> tuple[str, str]:
        asked.append(args[1:])
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    return asked


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isEnabled()
    qtbot.mouseClick(widget, LEFT)


def shows_a_picture(field: PictureField) -> bool:
    pixmap = field.thumbnail.pixmap()
    return pixmap is not None and not pixmap.isNull()


def open_group(window: MainWindow, qtbot: QtBot, group_id: int) -> PartnersScreen:
    qtbot.mouseClick(window.pages.currentWidget().empty, LEFT)  # "Start with an empty database"
    screen = window.show_place("partners")
    assert isinstance(screen, PartnersScreen)
    screen.open_record(group_id)
    assert screen.editor.group_id == group_id
    return screen


def open_rally(window: MainWindow, qtbot: QtBot, event_id: int, tab: int) -> RalliesScreen:
    qtbot.mouseClick(window.pages.currentWidget().empty, LEFT)
    qtbot.mouseClick(window.rail.button("rallies"), LEFT)
    screen = window.current_screen
    assert isinstance(screen, RalliesScreen)
    screen.open_record(event_id)
    bar = screen.editor.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(tab).center())
    assert screen.editor.tabs.currentIndex() == tab
    return screen


def make_rally(gui_context: GuiContext, **texts: EventTextInput) -> int:
    day = dt.date.today() + dt.timedelta(days=10)
    return events.create_event(
        gui_context.db,
        EventInput(
            starts_at=local_datetime(day, dt.time(14, 0), "America/New_York"),
            ends_at=local_datetime(day, dt.time(16, 0), "America/New_York"),
            texts=texts or {"en": EventTextInput("Rally for the TRUST Act", "Come with your family.")},
        ),
    ).id


# --- a partner group's logo ---------------------------------------------------------------------------
def test_a_logo_is_chosen_shown_saved_and_removed(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    db = gui_context.db
    group = partners.create_group(db, PartnerGroupInput("Unidad Latina en Acción"))
    screen = open_group(main_window, qtbot, group.id)
    logo = screen.editor.logo
    qtbot.waitUntil(lambda: logo.thumbnail.text() == "No logo yet")
    assert not logo.remove_button.isEnabled()
    assert logo.choose_button.text() == "Choose…"

    path = picture_file(tmp_path, "unidad.png")
    asked = choose_in_dialog(monkeypatch, path)
    click(qtbot, logo.choose_button)

    [(title, _folder, file_filter)] = asked
    assert title == "Choose the group's logo"
    assert file_filter == "Pictures (*.png *.jpg *.jpeg *.svg)"
    assert pictures.group_logo(db, group.id) == read_picture(path.read_bytes(), "unidad.png")
    assert shows_a_picture(logo)
    thumbnail = logo.thumbnail.pixmap()
    assert thumbnail.width() / thumbnail.devicePixelRatio() == logo.thumbnail_size.width()  # 2:1, fitted
    assert logo.file_name.text() == "unidad.png (120 × 60)"
    assert logo.remove_button.isEnabled()
    assert main_window.statusBar().currentMessage() == "Logo saved: unidad.png"
    assert not screen.has_unsaved_changes()  # saved on its own, not a form edit

    # Shown again when the group is opened again.
    other = partners.create_group(db, PartnerGroupInput("SEIU 32BJ"))
    screen.open_record(other.id)
    qtbot.waitUntil(lambda: logo.thumbnail.text() == "No logo yet")
    screen.open_record(group.id)
    qtbot.waitUntil(lambda: shows_a_picture(logo))

    click(qtbot, logo.remove_button)
    assert pictures.group_logo(db, group.id) is None
    assert not shows_a_picture(logo)
    assert logo.thumbnail.text() == "No logo yet"
    assert not logo.remove_button.isEnabled()
    assert main_window.statusBar().currentMessage() == "Logo removed"
    # The group's history says what changed, in the form's words.
    [removed, added, *_created] = activity.record_history(db, "partner_group", group.id)
    assert [removed.fields, added.fields] == [("logo",), ("logo",)]
    assert field_words("partner_group", removed.fields) == "Logo"
    assert field_words("event", ("picture",)) == "Picture"


def test_an_svg_logo_gets_a_thumbnail_too(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    group = partners.create_group(gui_context.db, PartnerGroupInput("Iglesia San José"))
    screen = open_group(main_window, qtbot, group.id)
    path = tmp_path / "iglesia.svg"
    path.write_bytes(LOGO_SVG)
    choose_in_dialog(monkeypatch, path)
    click(qtbot, screen.editor.logo.choose_button)
    stored = pictures.group_logo(gui_context.db, group.id)
    assert stored is not None and stored.media_type == "image/svg+xml"
    image = screen.editor.logo.thumbnail.pixmap().toImage()
    assert not image.isNull()
    middle = image.pixelColor(image.width() // 2, image.height() // 2)
    assert (middle.red(), middle.green(), middle.blue()) == (0xB3, 0x26, 0x1E)  # drawn, not blank


def test_a_file_that_is_not_a_picture_is_refused_under_the_row_and_typing_is_kept(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    group = partners.create_group(gui_context.db, PartnerGroupInput("Unidad Latina"))
    screen = open_group(main_window, qtbot, group.id)
    qtbot.keyClicks(screen.editor.form.city, "New Haven")
    notes = tmp_path / "notes.txt"
    notes.write_text("Meeting on Tuesday")
    choose_in_dialog(monkeypatch, notes)
    logo = screen.editor.logo
    click(qtbot, logo.choose_button)
    assert logo.error.isVisibleTo(main_window)
    assert logo.error.text() == "notes.txt is not a picture rallyorg can use: choose a PNG, JPEG or SVG file."
    assert logo.choose_button.hasFocus()  # to choose another file
    assert pictures.group_logo(gui_context.db, group.id) is None
    assert screen.editor.form.city.text() == "New Haven"
    assert screen.has_unsaved_changes()

    choose_in_dialog(monkeypatch, picture_file(tmp_path, "logo.jpg", "JPEG"))
    click(qtbot, logo.choose_button)
    assert not logo.error.isVisibleTo(main_window)
    assert shows_a_picture(logo)
    assert screen.editor.form.city.text() == "New Haven"  # still there, still unsaved
    assert screen.has_unsaved_changes()


def test_a_new_group_is_saved_before_it_gets_a_logo(main_window: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(main_window.pages.currentWidget().empty, LEFT)
    screen = main_window.show_place("partners")
    assert isinstance(screen, PartnersScreen)
    screen.start_new_record()
    logo = screen.editor.logo
    assert not logo.choose_button.isEnabled()
    assert logo.choose_button.toolTip() == "Save the group first."
    assert not logo.remove_button.isEnabled()


# --- a rally's picture ----------------------------------------------------------------------------------
def test_a_rally_picture_is_chosen_on_the_details_tab_and_removed(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    db = gui_context.db
    rally_id = make_rally(gui_context)
    screen = open_rally(main_window, qtbot, rally_id, DETAILS)
    field = screen.editor.details.picture
    qtbot.waitUntil(lambda: field.thumbnail.text() == "No picture yet")
    assert field.toolTip() == "A photo or illustration for the poster and letter flyers"
    path = picture_file(tmp_path, "march.jpg", "JPEG", (640, 480))
    asked = choose_in_dialog(monkeypatch, path)
    click(qtbot, field.choose_button)

    assert asked[0][0] == "Choose the rally's picture"
    stored = pictures.event_picture(db, rally_id)
    assert stored is not None and (stored.media_type, stored.width, stored.height) == ("image/jpeg", 640, 480)
    assert shows_a_picture(field)
    assert field.file_name.text() == "march.jpg (640 × 480)"
    assert main_window.statusBar().currentMessage() == "Picture saved: march.jpg"
    assert not screen.has_unsaved_changes()

    click(qtbot, field.remove_button)
    assert pictures.event_picture(db, rally_id) is None
    assert field.thumbnail.text() == "No picture yet"


def test_a_new_rally_is_saved_before_it_gets_a_picture(main_window: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(main_window.pages.currentWidget().empty, LEFT)
    qtbot.mouseClick(main_window.rail.button("rallies"), LEFT)
    screen = main_window.current_screen
    assert isinstance(screen, RalliesScreen)
    screen.start_new_record()
    field = screen.editor.details.picture
    assert not field.choose_button.isEnabled()
    assert field.choose_button.toolTip() == "Save the rally first."


# --- the short headline --------------------------------------------------------------------------------
def test_a_short_headline_is_typed_saved_and_marked_missing_where_another_language_has_one(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    rally_id = make_rally(
        gui_context,
        en=EventTextInput("Immigrant Day at the Capitol: Cover All Kids", "Come with your family."),
        es=EventTextInput("Día del Inmigrante en el Capitolio", "Vengan con su familia."),
    )
    screen = open_rally(main_window, qtbot, rally_id, TEXTS)
    columns = screen.editor.texts.columns
    english, spanish = columns["en"], columns["es"]
    assert english.headline.maxLength() == 120
    assert english.headline.placeholderText() == "e.g. March for Families"
    assert english.headline.toolTip() == "Printed on posters when the full title is too long to print big"
    assert english.headline.accessibleName() == "Short headline (English)"
    assert spanish.mark.text.text() == "Complete"

    qtbot.keyClicks(english.headline, "Cover All Kids")
    assert english.mark.text.text() == "Complete"
    assert spanish.mark.text.text() == "Missing: Short headline"
    assert not spanish.mark.icon.pixmap().isNull()
    assert columns["pt_BR"].mark.text.text() == "Missing: Title, Summary, Short headline"
    # Only a title or summary makes a language incomplete (the tab's warning).
    assert screen.editor.texts.missing_languages() == ["pt_BR"]
    assert screen.has_unsaved_changes()

    qtbot.keyClick(english.headline, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = events.get_event(gui_context.db, rally_id)
    assert saved.texts["en"].headline == "Cover All Kids"
    assert saved.texts["es"].headline == ""
    assert not screen.has_unsaved_changes()
    assert english.headline.text() == "Cover All Kids"  # shown as saved
    assert spanish.mark.text.text() == "Missing: Short headline"

    qtbot.keyClicks(spanish.headline, "Cubran a Todos")
    assert spanish.mark.text.text() == "Complete"
    qtbot.keyClick(spanish.headline, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert events.get_event(gui_context.db, rally_id).texts["es"].headline == "Cubran a Todos"
