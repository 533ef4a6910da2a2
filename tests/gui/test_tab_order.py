"""Tab walks each form as a keyboard user would: field after field in reading order (down the
form, left to right within a row), and Save / Discard only once the fields are done."""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.partners.contact_dialog import ContactDialog
from rallyorg.gui.partners.screen import PartnersScreen
from rallyorg.gui.rallies.shift_dialog import ShiftDialog
from rallyorg.gui.rallies.venue_dialog import VenueDialog
from rallyorg.gui.volunteers.quick_dialog import QuickVolunteerDialog
from rallyorg.gui.volunteers.screen import VolunteersScreen
from rallyorg.services import events
from rallyorg.services.events import local_datetime
from rallyorg.services.partners import ContactData, ContactInput

LEFT = Qt.MouseButton.LeftButton


def tab_walk(qtbot: QtBot, start: QWidget, stops: int) -> list[QWidget]:
    """Focus ``start``, then press Tab until focus has moved ``stops`` times; the widgets it
    went to, in order. Tab inside a date or time field steps through its day, month and year
    first (Qt's own way): those count as one stop."""
    start.window().activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    seen = [start]
    for _press in range(stops * 4):
        current = QApplication.focusWidget()
        assert current is not None
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is not seen[-1]:
            seen.append(now)
            if len(seen) > stops:
                break
    return seen


def position(widget: QWidget) -> QPoint:
    return widget.mapTo(widget.window(), QPoint(0, 0))


def assert_reading_order(chain: list[QWidget]) -> None:
    """Each stop is below the one before, or on the same line and to its right."""
    for before, after in itertools.pairwise(chain):
        a, b = position(before), position(after)
        same_line = abs(a.y() - b.y()) < before.height() // 2 + 1
        assert (b.y() > a.y() and not same_line) or (same_line and b.x() > a.x()), (
            f"Tab went from {name(before)} at {a.toTuple()} back to {name(after)} at {b.toTuple()}"
        )


def name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__}({widget.accessibleName() or text})"


def fields_then_buttons(chain: list[QWidget], fields: list[QWidget], buttons: list[QWidget]) -> None:
    """Every field in order, then the buttons; no button before the last field."""
    where: dict[int, int] = {}
    for widget in fields + buttons:
        # A field made of parts (a date field's line edit) counts when the focus is inside it.
        stops = [i for i, w in enumerate(chain) if w is widget or widget.isAncestorOf(w)]
        assert stops, f"Tab never reaches {name(widget)}: {[name(w) for w in chain]}"
        where[id(widget)] = stops[0]
    order = [where[id(w)] for w in fields]
    assert order == sorted(order), [name(w) for w in chain]
    last_field = max(order)
    for button in buttons:
        assert where[id(button)] > last_field, f"{name(button)} comes before the fields are done"
    assert_reading_order(chain[: last_field + 1])


def make_rally(gui_context: GuiContext) -> int:
    day = dt.date.today() + dt.timedelta(days=10)
    return events.create_event(
        gui_context.db,
        EventInput(
            starts_at=local_datetime(day, dt.time(14, 0), "America/New_York"),
            ends_at=local_datetime(day, dt.time(16, 0), "America/New_York"),
            texts={"en": EventTextInput(title="TRUST Act rally", summary="Come.")},
        ),
    ).id


def open_place(window: MainWindow, place: str) -> QWidget:
    if window.pages.currentIndex() != 0:
        window._welcome_done()
    return window.show_place(place)


# --- the editors beside the lists ------------------------------------------------------------
def test_partner_form_tabs_through_the_fields_before_discard_and_save(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    screen = open_place(main_window, "partners")
    assert isinstance(screen, PartnersScreen)
    qtbot.mouseClick(screen.empty.buttons[0], LEFT)  # Add a partner group
    editor = screen.editor
    form = editor.form
    qtbot.keyClicks(form.name, "Unidad Latina")  # now Discard is enabled too
    assert editor.revert_button.isEnabled()
    # Name → Kind → City → Website → 8 languages + "Add another" → Tags → Member since → Status → Notes
    chain = tab_walk(qtbot, form.name, 20)
    assert chain[1] is form.kind, f"Tab from Name went to {name(chain[1])}"
    languages = list(form.languages.boxes.values())
    fields = [form.name, form.kind, form.city, form.website, *languages, form.languages.more, form.tags]
    fields += [form.member_since, form.active, form.notes]
    fields_then_buttons(chain, fields, [editor.revert_button, editor.save_button])


def test_partner_form_does_not_move_on_the_first_keystroke(main_window: MainWindow, qtbot: QtBot) -> None:
    screen = open_place(main_window, "partners")
    assert isinstance(screen, PartnersScreen)
    qtbot.mouseClick(screen.empty.buttons[0], LEFT)
    form = screen.editor.form
    qtbot.waitExposed(form)
    before = {w.objectName() or str(i): position(w) for i, w in enumerate((form.name, form.city, form.notes))}
    qtbot.keyClicks(form.name, "U")
    assert screen.editor.unsaved_label.text() == "Unsaved changes"
    after = {w.objectName() or str(i): position(w) for i, w in enumerate((form.name, form.city, form.notes))}
    assert after == before


def test_volunteer_form_tabs_through_the_fields_before_discard_and_save(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    screen = open_place(main_window, "volunteers")
    assert isinstance(screen, VolunteersScreen)
    screen.start_new() if hasattr(screen, "start_new") else screen.editor.show_new()
    editor = screen.editor
    form = editor.form
    qtbot.keyClicks(form.given_name, "Guerline")
    assert editor.save_button.isEnabled()
    fields = [form.given_name, form.family_name, form.email, form.phone]
    fields += [*form.languages.boxes.values(), form.languages.more, *form.skill_boxes.values()]
    fields += [form.city, form.group, form.may_email, form.may_text, form.may_call, form.do_not_contact]
    fields += [form.may_share, form.source, form.notes]
    chain = tab_walk(qtbot, form.given_name, len(fields) + 3)
    # The skills sit in two columns: their order is checked by the list, not by position.
    skills = list(form.skill_boxes.values())
    where = {id(w): i for i, w in enumerate(chain)}
    assert [where[id(b)] for b in skills] == sorted(where[id(b)] for b in skills)
    fields_then_buttons([w for w in chain if w not in skills], [f for f in fields if f not in skills], [])
    assert chain[len(fields)] in (editor.revert_button, editor.save_button)


# --- dialogs ---------------------------------------------------------------------------------
def test_contact_dialog_tab_order(gui_context: GuiContext, qtbot: QtBot) -> None:
    def submit(data: ContactInput) -> ContactData:
        raise AssertionError("not saved in this test")

    dialog = ContactDialog("Unidad Latina", submit)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = [dialog.name, dialog.role, dialog.email, dialog.phone, dialog.language]
    fields += [dialog.primary, dialog.do_not_contact, dialog.may_share]
    chain = tab_walk(qtbot, dialog.name, len(fields) + 1)
    fields_then_buttons(chain, fields, [dialog.buttons.buttons()[0]])


def test_shift_dialog_tab_order(gui_context: GuiContext, qtbot: QtBot) -> None:
    rally = events.get_event(gui_context.db, make_rally(gui_context))
    dialog = ShiftDialog(gui_context, rally)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = [dialog.role, dialog.day, dialog.starts, dialog.ends, dialog.capacity, dialog.language]
    fields += [dialog.notes]
    chain = tab_walk(qtbot, dialog.role, len(fields) + 1)
    fields_then_buttons(chain, fields, [dialog.buttons.buttons()[0]])


def test_venue_dialog_tab_order(gui_context: GuiContext, qtbot: QtBot) -> None:
    dialog = VenueDialog(gui_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = [dialog.name, dialog.street, dialog.city, dialog.state, dialog.postal_code, dialog.accessibility]
    chain = tab_walk(qtbot, dialog.name, len(fields) + 1)
    fields_then_buttons(chain, fields, [dialog.buttons.buttons()[0]])


def test_new_volunteer_dialog_tab_order(gui_context: GuiContext, qtbot: QtBot) -> None:
    dialog = QuickVolunteerDialog(gui_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = [dialog.given_name, dialog.family_name, dialog.phone, dialog.email]
    fields += [*dialog.languages.boxes.values(), dialog.languages.more]
    chain = tab_walk(qtbot, dialog.given_name, len(fields) + 1)
    save = dialog.buttons.buttons()[0]
    fields_then_buttons(chain, fields, [save])


def focusable_fields(container: QWidget) -> list[QWidget]:
    """What Tab should stop at inside ``container``, in reading order: every visible, enabled
    widget that takes Tab, not counting the parts of one (a spin box's line edit)."""
    found = [
        w
        for w in container.findChildren(QWidget)
        if w.isVisibleTo(container.window())
        and w.isEnabled()
        and w.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
        and not isinstance(w, (QScrollArea, QTabBar))
    ]
    outer = [w for w in found if not any(other is not w and other.isAncestorOf(w) for other in found)]
    return sorted(outer, key=lambda w: (position(w).y(), position(w).x()))


def test_rally_details_tab_order(main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot) -> None:
    make_rally(gui_context)
    screen = open_place(main_window, "rallies")
    screen.refresh()
    table = screen.table
    rect = table.visualRect(table.model().index(0, 0))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())
    details = screen.editor.details
    qtbot.waitExposed(details)
    fields = focusable_fields(details)
    assert len(fields) >= 8, [name(w) for w in fields]
    chain = tab_walk(qtbot, fields[0], len(fields) + 2)
    fields_then_buttons(chain, fields, [])


# --- check-in: a walk-in and a guest at the door ------------------------------------------------
def test_walk_in_form_tab_order(main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot) -> None:
    from .test_checkin import open_checkin, rally_today

    rally_today(gui_context.db)
    form = open_checkin(main_window).walk_in
    assert not form.details.isVisible()  # until a name is typed, the list has the room
    qtbot.keyClicks(form.name, "Rosa Delgado")
    assert form.details.isVisible()
    form.consent.keep.setChecked(True)  # kept: the phone and shift are asked too
    fields = focusable_fields(form)
    fields = [w for w in fields if w is not form.add_button]
    assert form.name in fields and form.phone in fields and form.shift in fields
    chain = tab_walk(qtbot, form.name, len(fields) + 1)
    fields_then_buttons(chain, fields, [form.add_button])


def test_guest_at_the_door_dialog_tab_order(gui_context: GuiContext, qtbot: QtBot) -> None:
    from rallyorg.gui.checkin.door import GuestDialog

    from .test_checkin import rally_today

    event, _ids = rally_today(gui_context.db)
    dialog = GuestDialog(gui_context, event.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok = next(b for b in dialog.findChildren(QAbstractButton) if b.text() == "Count them")
    fields = [
        w
        for w in focusable_fields(dialog)
        if not (isinstance(w, QAbstractButton) and w.text() in ("Count them", "Cancel"))
    ]
    assert dialog.name in fields
    chain = tab_walk(qtbot, dialog.name, len(fields) + 1)
    fields_then_buttons(chain, fields, [ok])
