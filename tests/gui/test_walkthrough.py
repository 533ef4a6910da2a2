"""The whole walkthrough, in English, Spanish and Portuguese: an organizer starts from an empty
database and, with clicks and key presses only, plans a rally (titles in two languages, date,
time, a new venue), brings two partner groups on board (one as Lead), adds two shifts, enters
three volunteers, signs them up, checks people in on the day (and a walk-in), saves the flyer
as PDF and exports the volunteers as CSV.

After each step the database (through the services) and the window (in the interface language)
are checked; no window may show an English word the catalog translates, nor a label or button
too narrow for its words."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QToolBar,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from rallyorg.domain.enums import EventStatus, PartnerRole, SignUpStatus
from rallyorg.gui.checkin.screen import CheckInScreen
from rallyorg.gui.context import GuiContext
from rallyorg.gui.exchange.export_dialog import ExportDialog
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.partners.screen import PartnersScreen
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.rallies.assign_dialog import AssignDialog
from rallyorg.gui.rallies.editor import DETAILS, FLYER, PARTNERS, SHIFTS, TEXTS
from rallyorg.gui.rallies.partner_picker import PartnerPicker
from rallyorg.gui.rallies.shift_dialog import ShiftDialog
from rallyorg.gui.rallies.venue_dialog import VenueDialog
from rallyorg.gui.volunteers.screen import VolunteersScreen
from rallyorg.gui.welcome import WelcomePage
from rallyorg.i18n import format_long_date
from rallyorg.paths import translations_dir
from rallyorg.services import attendance, events, overview, partners, signups, volunteers

from .test_exchange_dialogs import choose_file
from .test_flyer_tab import ink_in_page, pdf_text
from .test_partners import list_names
from .test_rallies import (
    click,
    click_row,
    click_tab,
    click_toolbar,
    list_titles,
    open_rallies,
    signup_statuses,
)
from .test_volunteers import button_for, shown_names, tick, type_into

LANGUAGES = ("en", "es", "pt_BR")
CTRL = Qt.KeyboardModifier.ControlModifier
SAVE = QDialogButtonBox.StandardButton.Save

# What the organizer types: the rally's title in the interface language first, then in the
# flyer's second language (English for Spanish and Portuguese, Spanish for English).
TITLES = {
    "en": ("Rally for the TRUST Act", "We gather at City Hall for the TRUST Act."),
    "es": ("Manifestación por la Ley TRUST", "Nos reunimos en la alcaldía por la Ley TRUST."),
    "pt_BR": ("Ato pela Lei TRUST", "Vamos nos reunir na prefeitura pela Lei TRUST."),
}
SECOND = {"en": "es", "es": "en", "pt_BR": "en"}
VENUE, CITY = "Danbury City Hall", "Danbury"
LEAD, PARTNER = "Comité de Padres Latinos", "Igreja Batista Brasileira"
# (given, family, the language box they tick)
PEOPLE = (("José", "Gonçalves", "pt_BR"), ("María", "Pérez", "es"), ("Ana", "Souza", "pt_BR"))
WALK_IN = "Lucía Fernández"
WEB_PAGE = "https://example.org/trust-act"

# The words the window shows, as the catalogs (translations/*/LC_MESSAGES/rallyorg.po) say them.
WORDS = {
    "en": {
        "empty": "Start with an empty database",
        "rallies": "Rallies",
        "new rally": "New rally",
        "complete": "Complete",
        "confirmed": "Confirmed",
        "saved": "Saved “{}”",
        "venue added": "Venue “{}” added",
        "groups shown": "2 partner groups shown",
        "co-sponsor": "Co-sponsor",
        "lead": "Lead",
        "shift added": "Shift “{}” added",
        "marshals": "Marshals",
        "interpreters": "Interpreters",
        "any": "Any",
        "none filled": "2 places, none filled",
        "volunteers": "3 volunteers",
        "sign up 2": "Sign up 2 people",
        "2 signed up": "2 people signed up for {}.",
        "1 signed up": "{} is signed up for {}.",
        "signed up": "Signed up",
        "all filled": "All 2 places filled",
        "counter": "{} checked in of 3 signed up",
        "checked in": "✓ {} checked in",
        "walked in": "✓ {} added and checked in, without a shift",
        "fits": "Every text is there and fits.",
        "flyer saved": "Flyer saved to {}",
        "export title": "Export volunteers",
        "exported": "Exported 4 volunteers to {}.",
    },
    "es": {
        "empty": "Empezar con una base de datos vacía",
        "rallies": "Manifestaciones",
        "new rally": "Nueva manifestación",
        "complete": "Completo",
        "confirmed": "Confirmado",
        "saved": "Se guardó «{}»",
        "venue added": "Se agregó el lugar «{}»",
        "groups shown": "Se muestran 2 grupos aliados",
        "co-sponsor": "Copatrocinador",
        "lead": "Convocante",
        "shift added": "Se agregó el turno «{}»",
        "marshals": "Monitores de seguridad",
        "interpreters": "Intérpretes",
        "any": "Cualquiera",
        "none filled": "2 lugares, ninguno cubierto",
        "volunteers": "3 voluntarios",
        "sign up 2": "Inscribir a 2 personas",
        "2 signed up": "Se inscribieron 2 personas para {}.",
        "1 signed up": "Se inscribió a {} para {}.",
        "signed up": "Inscrito",
        "all filled": "Los 2 lugares cubiertos",
        "counter": "{} llegaron de 3 inscritos",
        "checked in": "✓ {} llegó",
        "walked in": "✓ Se agregó a {} y se registró su llegada, sin turno",
        "fits": "Están todos los textos y todos caben.",
        "flyer saved": "Se guardó el volante en {}",
        "export title": "Exportar voluntarios",
        "exported": "Se exportaron 4 voluntarios a {}.",
    },
    "pt_BR": {
        "empty": "Começar com um banco de dados vazio",
        "rallies": "Atos",
        "new rally": "Novo ato",
        "complete": "Completo",
        "confirmed": "Confirmado",
        "saved": "“{}” salvo",
        "venue added": "Local “{}” adicionado",
        "groups shown": "2 grupos parceiros exibidos",
        "co-sponsor": "Copatrocinador",
        "lead": "Organizador",
        "shift added": "Turno “{}” adicionado",
        "marshals": "Monitores de segurança",
        "interpreters": "Intérpretes",
        "any": "Qualquer um",
        "none filled": "2 vagas, nenhuma preenchida",
        "volunteers": "3 voluntários",
        "sign up 2": "Inscrever 2 pessoas",
        "2 signed up": "2 pessoas inscritas para {}.",
        "1 signed up": "Inscrição de {} feita para {}.",
        "signed up": "Inscrito",
        "all filled": "Todas as 2 vagas preenchidas",
        "counter": "{} com check-in de 3 inscritos",
        "checked in": "✓ Check-in de {} feito",
        "walked in": "✓ Cadastro e check-in de {} feitos, sem turno",
        "fits": "Todos os textos estão presentes e cabem.",
        "flyer saved": "Panfleto salvo em {}",
        "export title": "Exportar voluntários",
        "exported": "4 voluntários exportados para {}.",
    },
}


# --- what the window shows ------------------------------------------------------------------------
@functools.cache
def english_words(language: str) -> frozenset[str]:
    """Every English message the catalog of ``language`` translates into other words."""
    with (translations_dir() / language / "LC_MESSAGES" / "rallyorg.po").open("rb") as file:
        catalog = read_po(file, locale=language)
    words: set[str] = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and all(strings) and set(ids) != set(strings):
            words.update(i for i in ids if i not in strings)
    # Each language's own name is written in that language everywhere (the Texts columns,
    # the language filters): "English" is right in a Spanish window.
    return frozenset(words - {"English"})


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _item_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    root = QModelIndex()
    for row in range(min(model.rowCount(root), 50)):
        for column in range(1 if isinstance(model, QAbstractListModel) else model.columnCount(root)):
            value = model.index(row, column, root).data()
            if isinstance(value, str):
                texts.append(value)
    return texts


def shown_words(root: QWidget) -> list[tuple[QWidget, str]]:
    """The words on every widget of ``root`` (and its dialogs) that is on screen."""
    found: list[tuple[QWidget, str]] = [(root, root.windowTitle())]
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        texts: list[str] = []
        if widget.isWindow():  # a dialog
            texts.append(widget.windowTitle())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QHeaderView):
            model = widget.model()
            if model is not None:
                texts.extend(
                    str(model.headerData(i, widget.orientation()) or "") for i in range(widget.count())
                )
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QAbstractItemView):
            texts.extend(_item_texts(widget))
        found.extend((widget, _plain(text)) for text in texts if text and _plain(text))
    return found


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()!r})"


def _cut(widget: QLabel | QCheckBox | QRadioButton) -> str:
    """Why the widget's words do not all show ("" when they do)."""
    text = _plain(widget.text())
    if widget.sizePolicy().hasHeightForWidth() or (isinstance(widget, QLabel) and widget.wordWrap()):
        need = widget.heightForWidth(widget.width())  # its words wrap: is it tall enough?
        return f"{widget.height()} of {need} px high" if widget.height() < need else ""
    if isinstance(widget, QLabel):
        margins = widget.contentsMargins()
        room = widget.width() - margins.left() - margins.right() - 2 * widget.margin()
    else:
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(widget, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonContents
        )
        room = widget.style().subElementRect(element, option, widget).width()
    need = widget.fontMetrics().horizontalAdvance(text)
    return f"{room} of {need} px wide" if need > room else ""


def clipped(root: QWidget) -> list[str]:
    """Labels and buttons on screen too small for their words (cut off)."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QCheckBox | QRadioButton):
            text = widget.text()
            plain = isinstance(widget, QAbstractButton) or widget.textFormat() != Qt.TextFormat.RichText
            if text and plain and "<" not in text and "\n" not in text:
                why = _cut(widget)
                if why:
                    problems.append(f"{_name(widget)} {text!r}: {why}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            need = widget.minimumSizeHint().width()
            if widget.width() < need:
                problems.append(f"{_name(widget)} {widget.text()!r}: {widget.width()} of {need} px wide")
    return problems


class Window:
    """Checks, after each step, what the window shows in ``language``."""

    def __init__(self, window: MainWindow, language: str, qtbot: QtBot) -> None:
        self.window, self.language, self.qtbot = window, language, qtbot
        self.words = WORDS[language]

    def check(self, step: str) -> None:
        # A widget just shown gets its size once its layout has run: give it the moment.
        with contextlib.suppress(WaitTimeout):
            self.qtbot.waitUntil(lambda: not clipped(self.window), timeout=1000)
        problems = [f"clipped: {p}" for p in clipped(self.window)]
        if self.language != "en":
            english = english_words(self.language)
            problems += [
                f"English left: {_name(w)} {text!r}"
                for w, text in shown_words(self.window)
                if text in english
            ]
        assert not problems, f"after {step} ({self.language}):\n" + "\n".join(problems)

    def dialog_closed(self) -> None:
        """A window manager gives activation back to the main window when a dialog closes; the
        offscreen test platform does not (focus, and so typing, needs an active window)."""
        self.window.activateWindow()
        self.qtbot.waitUntil(self.window.isActiveWindow)

    def status(self) -> str:
        return self.window.statusBar().currentMessage()


# --- the window, built in the language ----------------------------------------------------------
@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest, gui_context: GuiContext) -> Iterator[str]:
    """Requested before ``main_window``: the window is built in this language (gui_context
    puts English back afterwards)."""
    apply_language(request.param)
    yield request.param


def combo_to(qtbot: QtBot, combo: QComboBox, wanted: str) -> None:
    """Choose ``wanted`` with the keyboard: Home, then Down until it shows."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _step in range(combo.count()):
        if combo.currentText() == wanted:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == wanted


def retype(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Click into the field, select what it holds and type over it."""
    click(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    type_into(qtbot, field, text)


def toolbar_button(screen: QWidget, action: QAction) -> QWidget:
    """The button a place's toolbar shows for ``action``."""
    for bar in screen.findChildren(QToolBar):
        button = bar.widgetForAction(action)
        if button is not None:
            return button
    raise AssertionError(f"no toolbar button for {action.text()!r}")


def typed_date(day: dt.date, language: str) -> str:
    """A day as people write it: month first in English, day first in Spanish and Portuguese."""
    if language == "en":
        return f"{day.month}/{day.day}/{day.year}"
    return f"{day.day}/{day.month}/{day.year}"


def test_walkthrough(
    language: str,
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    db = gui_context.db
    shows = Window(main_window, language, qtbot)
    words = shows.words
    title, summary = TITLES[language]
    second = SECOND[language]
    second_title, second_summary = TITLES[second]

    # --- the welcome page: start with an empty database ---------------------------------------
    welcome = main_window.pages.currentWidget()
    assert isinstance(welcome, WelcomePage)
    assert welcome.empty.text() == words["empty"]
    shows.check("the welcome page")
    screen = open_rallies(main_window, qtbot)  # "Start with an empty database", then Rallies
    assert gui_context.call(overview.totals).is_empty
    assert main_window.windowTitle().startswith(words["rallies"])
    shows.check("opening Rallies")

    # --- Rallies ▸ New: titles and summaries in two languages ---------------------------------
    click_toolbar(qtbot, screen, "new_action")
    editor = screen.editor
    assert editor.tabs.currentIndex() == TEXTS
    assert editor.heading.text() == words["new rally"]
    # The title field of the organizer's own language has the cursor: they just type.
    assert editor.texts.columns[language].title.hasFocus()
    for code, typed_title, typed_summary in (
        (language, title, summary),
        (second, second_title, second_summary),
    ):
        column = editor.texts.columns[code]
        if not column.title.hasFocus():
            click(qtbot, column.title)
        type_into(qtbot, column.title, typed_title)
        qtbot.keyClick(column.title, Qt.Key.Key_Tab)
        assert column.summary.hasFocus()
        type_into(qtbot, column.summary, typed_summary)
        assert column.mark.text.text() == words["complete"]
    assert editor.heading.text() == title
    shows.check("typing the texts")

    # Details: the day typed in the language's order, the start an hour earlier, confirmed.
    day = dt.date.today() + dt.timedelta(days=10)
    click_tab(qtbot, screen, DETAILS)
    details = editor.details
    retype(qtbot, details.start_day.edit, typed_date(day, language))
    qtbot.keyClick(details.start_day.edit, Qt.Key.Key_Tab)
    assert details.weekday.text() == format_long_date(day, language)
    click(qtbot, details.start_time)
    qtbot.keyClick(details.start_time, Qt.Key.Key_Home)  # the hour
    qtbot.keyClick(details.start_time, Qt.Key.Key_Down)  # 3 pm → 2 pm
    combo_to(qtbot, details.status, words["confirmed"])
    click(qtbot, details.public_url)
    type_into(qtbot, details.public_url, WEB_PAGE)
    assert editor.chip.text() == words["confirmed"]

    # A new venue, made without leaving the rally.
    click(qtbot, details.new_venue)
    venue_dialog = details.dialog
    assert isinstance(venue_dialog, VenueDialog) and venue_dialog.isVisible()
    for field, typed in ((venue_dialog.name, VENUE), (venue_dialog.city, CITY)):
        click(qtbot, field)
        type_into(qtbot, field, typed)
    shows.check("the venue dialog")
    click(qtbot, venue_dialog.buttons.button(SAVE))
    assert not venue_dialog.isVisible()
    shows.dialog_closed()
    assert details.venue.currentText() == VENUE
    assert shows.status() == words["venue added"].format(VENUE)
    shows.check("choosing the venue")

    click(qtbot, editor.save_button)
    assert not screen.has_unsaved_changes()
    (rally,) = events.list_events(db)
    assert (rally.title(language), rally.title(second)) == (title, second_title)
    assert rally.texts[second].summary == second_summary
    assert rally.starts_at.date() == day and (rally.starts_at.hour, rally.ends_at.hour) == (14, 17)
    assert (rally.status, rally.public_url) == (EventStatus.CONFIRMED, WEB_PAGE)
    assert rally.venue is not None and (rally.venue.name, rally.venue.city) == (VENUE, CITY)
    assert list_titles(screen) == [title]
    assert screen.model.index(0, 4).data() == words["confirmed"]
    assert screen.list.selected_id() == rally.id
    assert shows.status() == words["saved"].format(title)
    shows.check("saving the rally")

    # --- Partners: the groups exist first (the rally's picker offers existing groups) ---------
    qtbot.mouseClick(main_window.rail.button("partners"), Qt.MouseButton.LeftButton)
    partners_screen = main_window.current_screen
    assert isinstance(partners_screen, PartnersScreen)
    shows.check("opening Partners")
    click(qtbot, partners_screen.empty.buttons[0])  # "Add a partner group"
    for number, name in enumerate((LEAD, PARTNER)):
        if number:
            click(qtbot, toolbar_button(partners_screen, partners_screen.new_action))
        form = partners_screen.editor.form
        assert form.name.hasFocus()
        type_into(qtbot, form.name, name)
        click(qtbot, form.city)
        type_into(qtbot, form.city, CITY)
        click(qtbot, partners_screen.editor.save_button)
        assert not partners_screen.has_unsaved_changes()
    assert sorted(g.name for g in partners.list_groups(db)) == sorted((LEAD, PARTNER))
    assert sorted(list_names(partners_screen)) == sorted((LEAD, PARTNER))
    assert partners_screen.count_label.text() == words["groups shown"]
    shows.check("adding partner groups")

    # Back on the rally: add both groups, make the first the Lead on the Partners tab, save.
    qtbot.mouseClick(main_window.rail.button("rallies"), Qt.MouseButton.LeftButton)
    assert main_window.current_screen is screen and editor.rally is not None and editor.rally.id == rally.id
    click_tab(qtbot, screen, PARTNERS)
    tab = editor.partners
    click(qtbot, tab.add_button)
    picker = tab.dialog
    assert isinstance(picker, PartnerPicker) and picker.results.count() == 2
    shows.check("the partner picker")
    click_row(qtbot, picker.results, 0)
    click_row(qtbot, picker.results, 1, CTRL)
    click(qtbot, picker.add_button)
    assert not picker.isVisible()
    shows.dialog_closed()
    names = [tab.table.item(row, 0).text() for row in range(tab.table.rowCount())]
    assert sorted(names) == sorted((LEAD, PARTNER))
    assert {tab.table.item(row, 1).text() for row in range(2)} == {words["co-sponsor"]}
    click_row(qtbot, tab.table, names.index(LEAD))
    combo_to(qtbot, tab.role, words["lead"])
    assert tab.table.item(names.index(LEAD), 1).text() == words["lead"]
    shows.check("giving the Lead role")
    click(qtbot, editor.save_button)
    assert not screen.has_unsaved_changes()
    saved = events.get_event(db, rally.id)
    assert {p.group_name: p.role for p in saved.partners} == {
        LEAD: PartnerRole.LEAD,
        PARTNER: PartnerRole.CO_SPONSOR,
    }
    assert saved.lead_group_name == LEAD
    shows.check("saving the partners")

    # --- Shifts: marshals for two, interpreters (Spanish) for one --------------------------------
    click_tab(qtbot, screen, SHIFTS)
    shifts = editor.shifts
    for role, capacity, needs in ((words["marshals"], 2, None), (words["interpreters"], 1, "Español")):
        click(qtbot, shifts.add_button)
        dialog = shifts.dialog
        assert isinstance(dialog, ShiftDialog) and dialog.isVisible()
        type_into(qtbot, dialog.role, role)
        retype(qtbot, dialog.capacity, str(capacity))
        if needs:
            combo_to(qtbot, dialog.language, needs)
        shows.check(f"the shift dialog for {role}")
        click(qtbot, dialog.buttons.button(SAVE))
        assert not dialog.isVisible()
        shows.dialog_closed()
        assert shows.status() == words["shift added"].format(role)
    stored = {s.role: s for s in events.get_event(db, rally.id).shifts}
    assert {r: (s.capacity, s.required_language) for r, s in stored.items()} == {
        words["marshals"]: (2, None),
        words["interpreters"]: (1, "es"),
    }
    assert all(s.starts_at == rally.starts_at and s.ends_at == rally.ends_at for s in stored.values())
    rows = {shifts.shifts.item(row, 0).text(): row for row in range(shifts.shifts.rowCount())}
    assert set(rows) == set(stored)
    marshals_row = rows[words["marshals"]]
    assert shifts.shifts.item(marshals_row, 3).text() == words["any"]
    assert shifts.shifts.item(rows[words["interpreters"]], 3).text() == "Español"
    assert shifts.shifts.item(marshals_row, 4).text() == "0 / 2"
    click_row(qtbot, shifts.shifts, marshals_row)
    assert words["none filled"] in shifts.signups_title.text()
    shows.check("adding shifts")

    # --- Volunteers: three people through the editor ----------------------------------------------
    qtbot.mouseClick(main_window.rail.button("volunteers"), Qt.MouseButton.LeftButton)
    people_screen = main_window.current_screen
    assert isinstance(people_screen, VolunteersScreen)
    shows.check("opening Volunteers")
    click(qtbot, people_screen.empty.buttons[0])  # "Add a volunteer"
    for number, (given, family, speaks) in enumerate(PEOPLE):
        if number:
            click(qtbot, button_for(people_screen, people_screen.new_action))
        form = people_screen.editor.form
        assert form.given_name.hasFocus()
        type_into(qtbot, form.given_name, given)
        click(qtbot, form.family_name)
        type_into(qtbot, form.family_name, family)
        tick(qtbot, form.languages.boxes[speaks])
        click(qtbot, people_screen.editor.save_button)
        assert not people_screen.has_unsaved_changes()
    full_names = [f"{given} {family}" for given, family, _speaks in PEOPLE]
    stored_people = {v.name: v for v in volunteers.list_volunteers(db)}
    assert sorted(stored_people) == sorted(full_names)
    assert [stored_people[name].languages for name in full_names] == [(s,) for _g, _f, s in PEOPLE]
    assert sorted(shown_names(people_screen)) == sorted(f"{family}, {given}" for given, family, _s in PEOPLE)
    assert people_screen.count_label.text() == words["volunteers"]
    shows.check("adding volunteers")

    # --- Sign-ups: José and Ana as marshals, María (Spanish) as interpreter ---------------------
    qtbot.mouseClick(main_window.rail.button("rallies"), Qt.MouseButton.LeftButton)
    assert editor.tabs.currentIndex() == SHIFTS
    click_row(qtbot, shifts.shifts, marshals_row)
    click(qtbot, shifts.assign_button)
    assign = shifts.dialog
    assert isinstance(assign, AssignDialog) and assign.results.count() == 3
    shows.check("the assign dialog")
    listed = [assign.results.item(row).text().splitlines()[0] for row in range(3)]
    click_row(qtbot, assign.results, listed.index("José Gonçalves"))
    click_row(qtbot, assign.results, listed.index("Ana Souza"), CTRL)
    assert assign.sign_up_button.text() == words["sign up 2"]
    click(qtbot, assign.sign_up_button)
    shows.dialog_closed()
    assert shows.status() == words["2 signed up"].format(words["marshals"])
    assert signup_statuses(screen) == {"José Gonçalves": words["signed up"], "Ana Souza": words["signed up"]}
    assert shifts.shifts.item(marshals_row, 4).text() == "2 / 2"
    assert words["all filled"] in shifts.signups_title.text()

    click_row(qtbot, shifts.shifts, rows[words["interpreters"]])
    click(qtbot, shifts.assign_button)
    assign = shifts.dialog
    assert isinstance(assign, AssignDialog)
    assert assign.language.currentText() == "Español"  # the language the shift needs
    assert [assign.results.item(r).text().splitlines()[0] for r in range(assign.results.count())] == [
        "María Pérez"
    ]
    click_row(qtbot, assign.results, 0)
    click(qtbot, assign.sign_up_button)
    shows.dialog_closed()
    assert shows.status() == words["1 signed up"].format("María Pérez", words["interpreters"])
    assert signup_statuses(screen) == {"María Pérez": words["signed up"]}
    by_role = {s.role: s for s in events.get_event(db, rally.id).shifts}
    assert {
        role: sorted((s.volunteer_name, s.status) for s in shift.signups) for role, shift in by_role.items()
    } == {
        words["marshals"]: [
            ("Ana Souza", SignUpStatus.SIGNED_UP),
            ("José Gonçalves", SignUpStatus.SIGNED_UP),
        ],
        words["interpreters"]: [("María Pérez", SignUpStatus.SIGNED_UP)],
    }
    shows.check("signing people up")

    # --- Check-in: two people typed in part, one walk-in without a shift ------------------------
    qtbot.mouseClick(main_window.rail.button("checkin"), Qt.MouseButton.LeftButton)
    checkin = main_window.current_screen
    assert isinstance(checkin, CheckInScreen)
    assert checkin.chosen_event is not None and checkin.chosen_event.id == rally.id
    assert checkin.counter.text() == words["counter"].format(0)
    shows.check("opening Check-in")
    for typed, name in (("jose", "José Gonçalves"), ("maria", "María Pérez")):
        qtbot.waitUntil(checkin.search.hasFocus)
        qtbot.keyClicks(checkin.search, typed)  # over the last name, selected after a check-in
        qtbot.keyClick(checkin.search, Qt.Key.Key_Return)
        assert checkin.banner.text() == words["checked in"].format(name)
    assert checkin.counter.text() == words["counter"].format(2)
    walk_in = checkin.walk_in
    click(qtbot, walk_in.name)
    type_into(qtbot, walk_in.name, WALK_IN)
    tick(qtbot, walk_in.consent.keep)  # they agree to be kept as a volunteer
    combo_to(qtbot, walk_in.shift, walk_in.shift.itemText(0))  # "No shift: helping where needed"
    click(qtbot, walk_in.add_button)
    assert checkin.banner.text() == words["walked in"].format(WALK_IN)
    assert checkin.counter.text() == words["counter"].format(2)
    statuses = {
        s.volunteer_name: s.status for shift in events.get_event(db, rally.id).shifts for s in shift.signups
    }
    assert statuses == {
        "José Gonçalves": SignUpStatus.ATTENDED,
        "María Pérez": SignUpStatus.ATTENDED,
        "Ana Souza": SignUpStatus.SIGNED_UP,
    }
    tally = attendance.attendance(db, rally.id)
    assert (tally.on_shifts, tally.walk_ins, tally.public) == (2, 1, 0)
    (walked,) = volunteers.list_volunteers(db, search="fernandez")
    assert walked.name == WALK_IN
    assert signups.check_in_counts(db, rally.id).checked_in == 2
    shows.check("checking people in")

    # --- Flyer: the preview shows a page; Save PDF writes both titles ---------------------------
    qtbot.mouseClick(main_window.rail.button("rallies"), Qt.MouseButton.LeftButton)
    click_tab(qtbot, screen, FLYER)
    flyer = editor.flyer
    assert flyer.controls.languages() == (language, second)
    qtbot.waitUntil(flyer.preview.is_showing_page, timeout=5000)
    assert 0.005 < ink_in_page(flyer.preview) < 0.5  # a page drawn, not a blank sheet
    assert words["fits"] in [
        label.text() for label in flyer.warnings.findChildren(QLabel) if label.isVisible()
    ]
    pdf_path = tmp_path / "flyer.pdf"
    choose_file(monkeypatch, pdf_path, save=True)
    click(qtbot, flyer.save_button)
    assert pdf_path.is_file()
    printed = pdf_text(pdf_path.read_bytes())
    assert title in printed and second_title in printed
    assert LEAD in printed and PARTNER in printed  # the organizer (the Lead) and a co-sponsor
    assert shows.status() == words["flyer saved"].format(pdf_path)
    shows.check("the flyer")

    # --- Export: every volunteer in the CSV ---------------------------------------------------------
    qtbot.mouseClick(main_window.rail.button("volunteers"), Qt.MouseButton.LeftButton)
    click(qtbot, button_for(people_screen, people_screen.export_action))
    export = main_window.findChild(ExportDialog)
    assert isinstance(export, ExportDialog) and export.isVisible()
    assert export.windowTitle() == words["export title"]
    shows.check("the export dialog")
    csv_path = tmp_path / "volunteers.csv"
    choose_file(monkeypatch, csv_path, save=True)
    with qtbot.waitSignal(export.exported, timeout=10_000):
        click(qtbot, export.export_button)
    with csv_path.open(encoding="utf-8-sig", newline="") as file:
        exported = {" ".join(row[:2]) for row in list(csv.reader(file))[1:]}
    assert exported == {*full_names, WALK_IN}
    assert shows.status() == words["exported"].format(csv_path)
    shows.check("exporting volunteers")
