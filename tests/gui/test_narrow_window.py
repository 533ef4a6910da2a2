"""A narrow window shows everything without scrolling sideways: at 2× scaling on a 1920×1080
screen (960×540 to lay out) and at 1024×700, in English and in Spanish (~25% longer), the
rail turns compact, and the Rallies, Volunteers and Partners editors fit beside their lists —
no horizontal scroll bar in a form, no tab cut off behind scroll arrows, no button cut off at
an edge. At 1280×800 everything keeps its words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from rallyorg.domain.enums import EventStatus, PartnerRole
from rallyorg.domain.events import EventInput, EventPartnerInput, EventTextInput
from rallyorg.domain.shifts import ShiftInput
from rallyorg.domain.venues import VenueInput
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.application import create_main_window
from rallyorg.gui.context import GuiContext
from rallyorg.gui.desktop import window_fit
from rallyorg.gui.flyer.editor_links import find_texts_tab
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.rallies.editor import DETAILS, TEXTS
from rallyorg.gui.rallies.list_model import TITLE
from rallyorg.gui.rallies.list_view import TITLE_FLOOR
from rallyorg.gui.rallies.screen import RalliesScreen
from rallyorg.gui.widgets.fitting import FittingScrollArea, FittingTabBar, compact_in_scroll_area
from rallyorg.gui.widgets.icons import icon
from rallyorg.services import events, partners, signups, venues, volunteers
from rallyorg.services.events import local_datetime
from rallyorg.services.partners import ContactInput, PartnerGroupInput

#: 2× scaling on a 1920×1080 screen; 150% on a 1366×768 one; a 1024×700 screen
NARROW = (QSize(960, 540), QSize(910, 512), QSize(1024, 700))
#: the widest the compact rail may be: an icon and its padding
COMPACT_RAIL = 64
LONG_GROUP = "Coalición de Comunidades Inmigrantes del Condado de Fairfield"


class Records:
    def __init__(self, rally: int, volunteer: int, group: int) -> None:
        self.rally, self.volunteer, self.group = rally, volunteer, group


def make_records(context: GuiContext) -> Records:
    """A rally as an organizer fills it in: venue with access notes, a lead group with a long
    name, expected attendance, shifts with sign-ups; today, so its attendance shows."""
    db = context.db
    group = partners.create_group(db, PartnerGroupInput(name=LONG_GROUP, city="Danbury"))
    for name in ("Lucía Fernández", "Padre Miguel Ángel Rodríguez"):
        partners.add_contact(db, group.id, ContactInput(name=name, email="contacto@example.org"))
    venue = venues.create_venue(
        db,
        VenueInput(
            "Biblioteca Pública de Danbury – Sala Comunitaria",
            street="170 Main St",
            city="Danbury",
            postal_code="06810",
            accessibility_notes="Entrada accesible por la rampa de Main St; ascensor al segundo piso.",
        ),
    )
    day = dt.datetime.now(ZoneInfo("America/New_York")).date()
    rally = events.create_event(
        db,
        EventInput(
            starts_at=local_datetime(day, dt.time(0, 0), "America/New_York"),
            ends_at=local_datetime(day, dt.time(2, 0), "America/New_York"),
            status=EventStatus.CONFIRMED,
            venue_id=venue.id,
            expected_attendance=1200,
            public_url="https://example.org/rallies/dia-del-inmigrante-en-el-capitolio",
            texts={
                "en": EventTextInput("Immigrant Day at the Capitol: Cover All Kids", "Come along."),
                "es": EventTextInput("Día del Inmigrante en el Capitolio: salud para todos", "Vengan."),
            },
            partners=(EventPartnerInput(group.id, PartnerRole.LEAD),),
        ),
    )
    person = volunteers.create_volunteer(
        db,
        VolunteerInput(given_name="Gabriela", family_name="Almeida", email="galmeida@example.org"),
    )
    for role in ("Sign-in desk", "Portuguese interpreter"):
        shift = signups.add_shift(
            db,
            rally.id,
            ShiftInput(
                role=role,
                starts_at=rally.starts_at,
                ends_at=rally.ends_at,
                capacity=6,
            ),
        )
        signups.sign_up(db, person.id, shift.id)
    return Records(rally.id, person.id, group.id)


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, gui_context: GuiContext) -> Iterator[str]:
    """Before the window is built (gui_context puts English back afterwards)."""
    apply_language(request.param)
    yield request.param


@pytest.fixture
def window(qtbot: QtBot, gui_context: GuiContext, language: str) -> Iterator[MainWindow]:
    built = create_main_window(gui_context)
    built.show()
    if built.pages.currentIndex() != 0:
        built._welcome_done()  # an empty database starts on the welcome page
    yield built
    if shiboken6.isValid(built):
        built._replacing = True
        built.close()
        built.deleteLater()


def resize(window: MainWindow, qtbot: QtBot, size: QSize) -> None:
    """The window as it opens on a screen of ``size`` (its minimum lowered to fit, as
    window_fit does there)."""
    window.setMinimumSize(window_fit.PREFERRED_MINIMUM.boundedTo(size - window_fit.FRAME_ALLOWANCE))
    window.resize(size)
    settle(qtbot)
    assert window.width() == size.width()


def settle(qtbot: QtBot) -> None:
    for _ in range(6):
        QApplication.processEvents()
    qtbot.wait(20)
    QApplication.processEvents()


def problems_in(editor: QWidget, where: str) -> list[str]:
    """What a person would find cut off or scrolled sideways in ``editor`` as it shows now."""
    found = []
    needed = editor.minimumSizeHint().width()
    if editor.width() < needed:
        found.append(f"{where}: the editor is cut off ({editor.width()} < {needed})")
    for area in editor.findChildren(QScrollArea):
        if not area.isVisible() or area.widget() is None:
            continue
        if area.horizontalScrollBar().isVisible():
            found.append(f"{where}: {type(area).__name__} scrolls sideways")
        if area.widget().width() > area.viewport().width():
            found.append(f"{where}: the content of {type(area).__name__} is cut off at its right")
        for part in area.widget().findChildren(QWidget):  # wrapped words overlapping what is below
            layout = part.layout()
            wraps = part.isVisible() and layout is not None and layout.hasHeightForWidth()
            if wraps and part.height() < part.heightForWidth(part.width()):
                found.append(f"{where}: a {type(part).__name__} is squeezed to {part.height()} px high")
    for bar in editor.findChildren(QTabBar):
        if not bar.isVisible():
            continue
        for index in range(bar.count()):
            if not bar.rect().contains(bar.tabRect(index)):
                found.append(f"{where}: tab {bar.tabText(index)!r} is cut off")
        for arrow in bar.findChildren(QToolButton):
            if arrow.isVisible():
                found.append(f"{where}: the tab bar shows scroll arrows")
    for button in editor.findChildren(QPushButton):
        if not button.isVisible() or not button.parentWidget().isVisible():
            continue
        right = button.mapTo(editor, button.rect().topRight()).x()
        if right > editor.width():
            found.append(f"{where}: {button.accessibleName() or button.text()!r} is cut off at the right")
        icon_alone = not button.text() and not button.icon().isNull()
        if icon_alone and not (button.accessibleName() and button.toolTip()):  # it still says what it does
            found.append(f"{where}: an icon-only button has no name or tooltip")
    return found


def every_tab(editor: QWidget, qtbot: QtBot, where: str) -> list[str]:
    """Each tab of the editor in turn (the one shown first last, as it was)."""
    found: list[str] = []
    tabs = editor.tabs  # type: ignore[attr-defined]
    assert isinstance(tabs, QTabWidget)
    first = tabs.currentIndex()
    for index in [*(i for i in range(tabs.count()) if i != first), first]:
        if not tabs.isTabEnabled(index):
            continue
        tabs.setCurrentIndex(index)
        settle(qtbot)
        found += problems_in(editor, f"{where}, tab {tabs.tabText(index)!r}")
    return found


@pytest.mark.parametrize("size", NARROW, ids=lambda s: f"{s.width()}x{s.height()}")
def test_a_narrow_window_shows_every_editor_without_scrolling_sideways(
    window: MainWindow, gui_context: GuiContext, qtbot: QtBot, language: str, size: QSize
) -> None:
    records = make_records(gui_context)
    resize(window, qtbot, size)
    where = f"{size.width()}×{size.height()} {language}"

    # The rail: icons alone, each still named, and the place's name on hover.
    assert window.rail.width() <= COMPACT_RAIL, window.rail.width()
    for key in window.screens:
        button = window.rail.button(key)
        assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        assert button.accessibleName() == button.toolTip() == window.screens[key].title()

    problems: list[str] = []
    rallies = window.show_place("rallies")
    assert isinstance(rallies, RalliesScreen)
    rallies.refresh()
    rallies.open_record(records.rally)
    settle(qtbot)
    assert rallies.editor_open()
    problems += every_tab(rallies.editor, qtbot, f"{where} rally")

    screen = window.show_place("volunteers")
    screen.refresh()
    screen.open_record(records.volunteer)
    settle(qtbot)
    problems += every_tab(screen.editor, qtbot, f"{where} volunteer")

    screen = window.show_place("partners")
    screen.refresh()
    screen.open_record(records.group)
    settle(qtbot)
    problems += every_tab(screen.editor, qtbot, f"{where} partner group")
    assert not problems, "\n".join(problems)


def test_a_wide_window_keeps_every_word(
    window: MainWindow, gui_context: GuiContext, qtbot: QtBot, language: str
) -> None:
    """1280×800 (and 1366×768, whose window is as wide) looks as it did: words on the rail,
    titles on the tabs and words on every button."""
    records = make_records(gui_context)
    resize(window, qtbot, QSize(1280, 800))
    for key in window.screens:
        button = window.rail.button(key)
        assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
        assert not button.toolTip()
    rallies = window.show_place("rallies")
    assert isinstance(rallies, RalliesScreen)
    rallies.refresh()
    rallies.open_record(records.rally)
    settle(qtbot)
    problems = every_tab(rallies.editor, qtbot, "1280×800 rally")
    for place, record in (("volunteers", records.volunteer), ("partners", records.group)):
        screen = window.show_place(place)
        screen.refresh()
        screen.open_record(record)
        settle(qtbot)
        problems += every_tab(screen.editor, qtbot, f"1280×800 {place}")
        for bar in screen.findChildren(FittingTabBar):
            assert not bar.compact
        words_on_buttons(screen.editor)
    assert not problems, "\n".join(problems)
    for bar in rallies.findChildren(FittingTabBar):
        assert not bar.compact
    words_on_buttons(rallies.editor)


def words_on_buttons(editor: QWidget) -> None:
    for button in editor.findChildren(QAbstractButton):
        if isinstance(button, QPushButton) and not button.icon().isNull():
            assert button.text(), button.accessibleName()


def test_narrower_still_icons_alone_then_words_again(
    window: MainWindow, gui_context: GuiContext, qtbot: QtBot, language: str
) -> None:
    records = make_records(gui_context)
    resize(window, qtbot, QSize(960, 540))
    rallies = window.show_place("rallies")
    assert isinstance(rallies, RalliesScreen)
    rallies.refresh()
    rallies.open_record(records.rally)
    settle(qtbot)
    # The titles keep a readable start in the narrowed list (which scrolls sideways instead).
    header = rallies.table.horizontalHeader()
    assert header.sectionSize(TITLE) >= rallies.table.fontMetrics().averageCharWidth() * TITLE_FLOOR
    bar = rallies.editor.tabs.tabBar()
    assert isinstance(bar, FittingTabBar)
    details = rallies.editor.details

    # The list dragged wide: the editor keeps the room it needs; the tabs show their icons alone,
    # their titles still their texts (the flyer's "Edit texts" finds the Texts tab by it).
    rallies.splitter.setSizes([2000, 1])
    settle(qtbot)
    assert bar.compact
    assert find_texts_tab(rallies.editor.flyer) == (rallies.editor.tabs, TEXTS)
    assert not problems_in(rallies.editor, "list dragged wide")

    # Narrower than any screen it is meant for (a window dragged narrow): the Details tab's
    # buttons show their icons alone, if need be, rather than make it scroll sideways.
    window.setMinimumSize(QSize(400, 400))
    window.resize(640, 540)
    settle(qtbot)
    rallies.editor.show_tab(DETAILS)
    settle(qtbot)
    assert not details.horizontalScrollBar().isVisible()
    assert details.widget().width() <= details.viewport().width()
    for button in (details.new_venue, details.change_lead):
        assert button.text() or (button.toolTip() and button.accessibleName())

    # Wide again: every word back.
    window.resize(1280, 800)
    rallies.splitter.setSizes([560, 600])
    settle(qtbot)
    assert window.rail.button("rallies").toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
    assert not bar.compact
    words_on_buttons(rallies.editor)


def test_buttons_drop_their_words_rather_than_scroll_sideways(qtbot: QtBot, gui_context: GuiContext) -> None:
    area = FittingScrollArea()
    qtbot.addWidget(area)
    page = QWidget()
    row = QHBoxLayout(page)
    buttons = [QPushButton(icon("ph.map-pin"), "Choose on the Partners tab…") for _ in range(3)]
    buttons[0].setToolTip("Add a place that is not in the list yet")
    for button in buttons:
        row.addWidget(button)
    area.setWidget(page)
    fitter = compact_in_scroll_area(area, buttons)
    area.resize(area.minimumSizeHint().width() + 40, 200)
    area.show()
    settle(qtbot)
    assert all(b.text() for b in buttons) and not fitter.compact
    area.resize(200, 200)
    settle(qtbot)
    assert fitter.compact and not area.horizontalScrollBar().isVisible()
    assert [b.text() for b in buttons] == ["", "", ""]
    # Its own tooltip says more; else the words; screen readers read the words.
    assert [b.toolTip() for b in buttons] == [
        "Add a place that is not in the list yet",
        *["Choose on the Partners tab"] * 2,
    ]
    assert {b.accessibleName() for b in buttons} == {"Choose on the Partners tab"}
    area.resize(fitter.needed_width + 40, 200)
    settle(qtbot)
    assert not fitter.compact and all(b.text() == "Choose on the Partners tab…" for b in buttons)
    assert not buttons[1].toolTip()
