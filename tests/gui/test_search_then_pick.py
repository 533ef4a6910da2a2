"""Search-then-pick dialogs from the keyboard (Up/Down and Enter without leaving the search),
"New volunteer…" inside Assign volunteers, and what their lists say when they are empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.domain.shifts import ShiftData, ShiftInput
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.context import GuiContext
from rallyorg.gui.rallies.assign_dialog import AssignDialog
from rallyorg.gui.rallies.partner_picker import PartnerPicker
from rallyorg.gui.volunteers.quick_dialog import QuickVolunteerDialog, names_from_search
from rallyorg.services import events, partners, signups, volunteers
from rallyorg.services.events import local_datetime
from rallyorg.services.partners import PartnerGroupInput

LEFT = Qt.MouseButton.LeftButton


def make_shift(gui_context: GuiContext, *, language: str | None = None) -> ShiftData:
    day = dt.date.today() + dt.timedelta(days=10)
    rally = events.create_event(
        gui_context.db,
        EventInput(
            starts_at=local_datetime(day, dt.time(14, 0), "America/New_York"),
            ends_at=local_datetime(day, dt.time(16, 0), "America/New_York"),
            texts={"en": EventTextInput(title="TRUST Act rally", summary="Come.")},
        ),
    )
    return signups.add_shift(
        gui_context.db,
        rally.id,
        ShiftInput(
            role="Marshals",
            starts_at=local_datetime(day, dt.time(13, 30), "America/New_York"),
            ends_at=local_datetime(day, dt.time(16, 30), "America/New_York"),
            capacity=1,
            required_language=language,
        ),
    )


def add(gui_context: GuiContext, given: str, family: str, **fields: object) -> int:
    data = VolunteerInput(given, family, **fields)  # type: ignore[arg-type]
    return volunteers.create_volunteer(gui_context.db, data).id


def open_assign(gui_context: GuiContext, qtbot: QtBot, shift: ShiftData) -> tuple[AssignDialog, list[list]]:
    dialog = AssignDialog(gui_context, shift)
    picked: list[list] = []
    dialog.chosen.connect(picked.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.search.hasFocus)
    return dialog, picked


def names_shown(dialog: AssignDialog) -> list[str]:
    return [dialog.results.item(r).text().split("\n")[0] for r in range(dialog.results.count())]


def test_arrows_and_enter_from_the_search_sign_up_the_highlighted_person(
    gui_context: GuiContext, qtbot: QtBot
) -> None:
    for given, family in (("Ana", "Souza"), ("Bia", "Braga"), ("Caio", "Costa")):
        add(gui_context, given, family)
    dialog, picked = open_assign(gui_context, qtbot, make_shift(gui_context))
    qtbot.keyClicks(dialog.search, "a")
    qtbot.waitUntil(lambda: dialog._searched == "a")
    shown = names_shown(dialog)
    assert sorted(shown) == ["Ana Souza", "Bia Braga", "Caio Costa"]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.search.hasFocus()  # the typing never left the search
    assert [i.text().split("\n")[0] for i in dialog.results.selectedItems()] == [shown[1]]
    assert dialog.sign_up_button.isEnabled()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert [[name for _id, name in pairs] for pairs in picked] == [[shown[1]]]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_right_after_typing_signs_up_the_top_match(gui_context: GuiContext, qtbot: QtBot) -> None:
    add(gui_context, "Ana", "Souza")
    caio = add(gui_context, "Caio", "Costa")
    dialog, picked = open_assign(gui_context, qtbot, make_shift(gui_context))
    qtbot.keyClicks(dialog.search, "cai")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # before the search has even run
    assert picked == [[(caio, "Caio Costa")]]


def test_enter_on_an_empty_search_signs_up_nobody(gui_context: GuiContext, qtbot: QtBot) -> None:
    add(gui_context, "Ana", "Souza")
    dialog, picked = open_assign(gui_context, qtbot, make_shift(gui_context))
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert picked == [] and dialog.isVisible()


def with_modal(qtbot: QtBot, kind: type, act: Callable[[QDialog], None]) -> None:
    """Run ``act`` on the modal dialog of ``kind`` once it is open."""

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, handle)
            return
        act(dialog)

    QTimer.singleShot(0, handle)


def test_new_volunteer_inside_assign_volunteers_creates_and_signs_up(
    gui_context: GuiContext, qtbot: QtBot
) -> None:
    shift = make_shift(gui_context, language="pt_BR")
    dialog, picked = open_assign(gui_context, qtbot, shift)
    qtbot.keyClicks(dialog.search, "Concei")  # nobody yet
    qtbot.waitUntil(lambda: dialog.results.count() == 0 and dialog._searched == "Concei")
    assert dialog.note.text().startswith("Nobody matches")
    assert dialog.new_button.text() == "New volunteer…"

    def fill(quick: QDialog) -> None:
        assert isinstance(quick, QuickVolunteerDialog)
        assert quick.given_name.text() == "Concei"  # carried over from the search
        assert quick.languages.codes() == ("pt_BR",)  # the language the shift needs
        assert quick.languages.boxes["pt_BR"].text() == "Portuguese (Brazil)"
        quick.given_name.clear()
        qtbot.keyClicks(quick.given_name, "Conceicao")
        qtbot.keyClicks(quick.family_name, "Goncalves")
        qtbot.keyClicks(quick.phone, "475 555 0117")
        qtbot.mouseClick(quick.buttons.buttons()[0], LEFT)  # Save

    with_modal(qtbot, QuickVolunteerDialog, fill)
    qtbot.mouseClick(dialog.new_button, LEFT)
    [stored] = volunteers.list_volunteers(gui_context.db, search="Goncalves")
    assert (stored.name, stored.languages) == ("Conceicao Goncalves", ("pt_BR",))
    assert picked == [[(stored.id, "Conceicao Goncalves")]]
    assert not dialog.isVisible()


def test_new_volunteer_keeps_typing_and_marks_the_field_on_an_error(
    gui_context: GuiContext, qtbot: QtBot
) -> None:
    quick = QuickVolunteerDialog(gui_context, search="203 555")
    qtbot.addWidget(quick)
    quick.show()
    quick.activateWindow()
    qtbot.waitUntil(quick.isActiveWindow)
    assert quick.given_name.text() == ""  # a phone search is not a name
    qtbot.keyClicks(quick.phone, "12")
    qtbot.mouseClick(quick.buttons.buttons()[0], LEFT)
    assert quick.isVisible() and quick.given_name.hasFocus()  # the name is required
    assert quick.phone.text() == "12"
    assert volunteers.list_volunteers(gui_context.db) == []
    assert names_from_search("Ana  de Souza") == ("Ana", "de Souza")


def test_assign_volunteers_says_why_the_list_is_empty(gui_context: GuiContext, qtbot: QtBot) -> None:
    dialog, _picked = open_assign(gui_context, qtbot, make_shift(gui_context))
    assert dialog.results.count() == 0
    assert dialog.note.text() == "No volunteers yet. Add the first with “New volunteer…”."
    qtbot.keyClicks(dialog.search, "zz")
    dialog.search.flush()
    assert dialog.note.text() == "Nobody matches. Try fewer letters or another language or skill."


def test_partner_picker_arrows_and_enter(gui_context: GuiContext, qtbot: QtBot) -> None:
    for name in ("Comité de Padres Latinos", "Igreja Batista Brasileira", "Unidad Latina"):
        partners.create_group(gui_context.db, PartnerGroupInput(name=name))
    picker = PartnerPicker(gui_context, set())
    picked: list[list] = []
    picker.chosen.connect(lambda groups, role: picked.append([name for _id, name in groups]))
    qtbot.addWidget(picker)
    picker.show()
    picker.activateWindow()
    qtbot.waitUntil(picker.search.hasFocus)
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    assert picker.search.hasFocus()
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picked == [["Igreja Batista Brasileira"]]

    picker2 = PartnerPicker(gui_context, set())
    picker2.chosen.connect(lambda groups, role: picked.append([name for _id, name in groups]))
    qtbot.addWidget(picker2)
    picker2.show()
    picker2.activateWindow()
    qtbot.waitUntil(picker2.search.hasFocus)
    qtbot.keyClicks(picker2.search, "unidad")
    qtbot.keyClick(picker2.search, Qt.Key.Key_Return)  # the search runs first, then the top match
    assert picked[-1] == ["Unidad Latina"]


def test_partner_picker_says_why_its_list_is_empty(gui_context: GuiContext, qtbot: QtBot) -> None:
    picker = PartnerPicker(gui_context, set())
    qtbot.addWidget(picker)
    assert picker.empty.text() == "No active partner groups yet. Add them in Partners."
    group = partners.create_group(gui_context.db, PartnerGroupInput(name="Unidad Latina"))
    picker = PartnerPicker(gui_context, {group.id})
    qtbot.addWidget(picker)
    assert picker.empty.text() == "Every active partner group is in this rally already."
    qtbot.keyClicks(picker.search, "zz")
    picker.search.flush()
    assert picker.empty.text() == "No partner group matches “zz”."
