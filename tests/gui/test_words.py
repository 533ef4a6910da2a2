"""Words a person reads: languages by name (never pt_BR), the last backup counting the
automatic one, staffing said as a sentence ("1 place, none filled")."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.backup import DataPanel
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.partners.screen import PartnersScreen
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.volunteers.screen import VolunteersScreen
from rallyorg.gui.widgets.staffing import StaffingBar, places_text
from rallyorg.services import backup, partners, volunteers
from rallyorg.services.partners import PartnerGroupInput

CODES = ("pt_BR", "ht", "es", "en")


def words_on(widget: QWidget) -> list[str]:
    texts: list[str] = []
    for kind in (QLabel, QAbstractButton, QLineEdit):
        for child in widget.findChildren(kind):
            if child.isVisibleTo(widget.window()):
                texts.append(child.text())
    return texts


def open_place(window: MainWindow, place: str) -> QWidget:
    if window.pages.currentIndex() != 0:
        window._welcome_done()
    return window.show_place(place)


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_volunteer_languages_are_checked_by_name(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    stored = volunteers.create_volunteer(
        gui_context.db, VolunteerInput("Guerline", "Pierre-Louis", languages=("ht", "pt_BR"))
    )
    screen = open_place(main_window, "volunteers")
    assert isinstance(screen, VolunteersScreen)
    screen.refresh()
    editor = screen.editor
    editor.load(stored.id)
    form = editor.form
    shown = words_on(form)
    assert not [text for text in shown if text in CODES or "pt_BR" in text], shown
    boxes = form.languages.boxes
    assert {code for code, box in boxes.items() if box.isChecked()} == {"ht", "pt_BR"}
    assert (boxes["ht"].text(), boxes["pt_BR"].text(), boxes["es"].text()) == (
        "Haitian Creole",
        "Portuguese (Brazil)",
        "Spanish",
    )
    assert not editor.is_dirty()

    # Someone who also speaks Vietnamese: "Add another language…" adds it, checked.
    more = form.languages.more
    assert more.itemText(0) == "Add another language…"
    index = more.findText("Vietnamese")
    assert index > 0 and more.findText("vi") < 0
    more.setCurrentIndex(index)
    more.activated.emit(index)
    assert more.currentIndex() == 0  # ready for another
    assert boxes["vi"].isChecked() and boxes["vi"].text() == "Vietnamese"
    tick(qtbot, boxes["es"])
    assert editor.is_dirty()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert set(volunteers.get_volunteer(gui_context.db, stored.id).languages) == {"ht", "pt_BR", "vi", "es"}


def test_volunteer_languages_in_spanish(gui_context: GuiContext, qtbot: QtBot) -> None:
    from rallyorg.gui.volunteers.form import VolunteerForm

    apply_language("es")
    form = VolunteerForm("es")
    qtbot.addWidget(form)
    assert form.languages.boxes["pt_BR"].text() == "Portugués (Brasil)"
    assert form.languages.boxes["ht"].text() == "Criollo haitiano"


def test_partner_group_languages_by_name(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    partners.create_group(gui_context.db, PartnerGroupInput(name="Igreja Batista", languages=("pt_BR", "en")))
    screen = open_place(main_window, "partners")
    assert isinstance(screen, PartnersScreen)
    screen.refresh()
    rect = screen.table.visualRect(screen.model.index(0, 0))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    form = screen.editor.form
    shown = words_on(form)
    assert not [text for text in shown if "pt_BR" in text], shown
    assert set(form.languages.codes()) == {"pt_BR", "en"}
    tick(qtbot, form.languages.boxes["es"])
    assert screen.editor.dirty
    qtbot.mouseClick(screen.editor.save_button, Qt.MouseButton.LeftButton)
    [group] = partners.list_groups(gui_context.db)
    assert set(group.languages) == {"pt_BR", "en", "es"}


def test_last_backup_counts_the_automatic_one(gui_context: GuiContext, qtbot: QtBot) -> None:
    volunteers.create_volunteer(gui_context.db, VolunteerInput("Ana", "Souza"))
    panel = DataPanel(gui_context)
    qtbot.addWidget(panel)
    assert panel.last_backup.text() == "Never backed up from this computer"

    made = backup.automatic_backup(gui_context.db)
    assert made is not None
    panel.refresh()
    assert "Never" not in panel.last_backup.text()
    assert panel.last_backup.text().endswith(f", automatically, to {made.path}")

    # A backup by hand before it: the automatic one is still the latest.
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    gui_context.settings.setValue("backup/last_at", earlier.isoformat())
    gui_context.settings.setValue("backup/last_path", "/media/usb/friday.sqlite3")
    panel.refresh()
    assert panel.last_backup.text().endswith(f", automatically, to {made.path}")
    # …and one by hand after it is.
    gui_context.settings.setValue(
        "backup/last_at", (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)).isoformat()
    )
    panel.refresh()
    assert panel.last_backup.text().endswith(", to /media/usb/friday.sqlite3")


def test_staffing_said_properly() -> None:
    assert places_text(0, 1) == "1 place, none filled"
    assert places_text(0, 12) == "12 places, none filled"
    assert places_text(1, 1) == "1 place, filled"
    assert places_text(12, 12) == "All 12 places filled"
    assert places_text(7, 12) == "7 of 12 places filled"


def test_staffing_bar_reads_as_a_sentence(qtbot: QtBot) -> None:
    bar = StaffingBar()
    qtbot.addWidget(bar)
    bar.set_numbers(0, 1)
    assert bar.accessibleName() == "1 place, none filled"
    assert bar.text() == "0 / 1"


def test_passing_over_add_another_language_adds_nothing(gui_context: GuiContext, qtbot: QtBot) -> None:
    from rallyorg.gui.widgets.language_picker import LanguagePicker

    picker = LanguagePicker("en")
    qtbot.addWidget(picker)
    picker.show()
    picker.activateWindow()
    picker.more.setFocus()
    qtbot.waitUntil(picker.more.hasFocus)
    qtbot.keyClick(picker.more, Qt.Key.Key_Down)  # opens the list, chooses nothing
    assert picker.more.view().isVisible()
    assert picker.codes() == () and picker.more.currentIndex() == 0
    qtbot.keyClick(picker.more.view(), Qt.Key.Key_Escape)
    assert picker.codes() == ()


def test_the_rally_list_and_shifts_say_places_in_words(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    from rallyorg.gui.rallies.editor import SHIFTS

    from .test_rallies import click_row, click_tab, make_event, open_rallies

    make_event(gui_context, "Vigil for Families", shifts=1)
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    click_tab(qtbot, screen, SHIFTS)
    tab = screen.editor.shifts
    tab.shifts.selectRow(0)
    assert tab.signups_title.text() == "Sign-ups for Marshals 1 — 4 places, none filled"
    assert tab.shifts.item(0, 4).toolTip() == "4 places, none filled"
    tooltips = {
        screen.model.index(0, c).data(Qt.ItemDataRole.ToolTipRole) for c in range(screen.model.columnCount())
    }
    assert "4 places, none filled" in " ".join(str(t) for t in tooltips)


def test_a_volunteers_history_says_when_a_place_came_from_the_waitlist(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    from rallyorg.domain.shifts import ShiftInput
    from rallyorg.services import events, signups

    from .test_rallies import make_event

    db = gui_context.db
    event = events.get_event(db, make_event(gui_context, "Vigil for Families"))
    shift = signups.add_shift(
        db, event.id, ShiftInput(role="Marshal", starts_at=event.starts_at, ends_at=event.ends_at, capacity=1)
    )
    first = volunteers.create_volunteer(db, VolunteerInput(given_name="Ana", family_name="Souza"))
    second = volunteers.create_volunteer(db, VolunteerInput(given_name="Beto", family_name="Lima"))
    held = signups.sign_up(db, first.id, shift.id)
    signups.sign_up(db, second.id, shift.id)  # waitlisted
    signups.cancel_signup(db, held.id)  # Beto moves up
    main_window._welcome_done()
    screen = main_window.show_place("volunteers")
    assert isinstance(screen, VolunteersScreen)
    screen.open_record(second.id)
    history = screen.editor.history.table
    assert history.item(0, 3).text() == "Signed up, moved up from the waitlist"
    assert history.item(0, 3).toolTip().startswith("Moved up from the waitlist on ")
