"""The Partners place: create and edit groups, inline errors, contacts, filters, delete + undo."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.domain.enums import PartnerKind
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.partners.contact_dialog import ContactDialog
from rallyorg.gui.partners.contacts_model import PERSON, PRIMARY
from rallyorg.gui.partners.screen import EDITOR_PAGE, EMPTY_PAGE, LIST_PAGE, PartnersScreen
from rallyorg.services import partners
from rallyorg.services.partners import ContactInput, PartnerGroupInput

CTRL = Qt.KeyboardModifier.ControlModifier


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a user; QTest's keyClicks only knows ASCII, so accented letters are sent as
    key events carrying the character (what a keyboard layout or input method delivers)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def open_partners(window: MainWindow) -> PartnersScreen:
    window._welcome_done() if window.pages.currentIndex() != 0 else None
    screen = window.show_place("partners")
    assert isinstance(screen, PartnersScreen)
    return screen


def visible_error_under(widget: QWidget) -> str:
    """The inline error text shown under a form field (FieldErrors puts it beside the widget)."""
    labels = [
        label for label in widget.parentWidget().findChildren(QLabel) if label.isVisibleTo(widget.window())
    ]
    return " ".join(label.text() for label in labels)


def list_names(screen: PartnersScreen) -> list[str]:
    return [screen.model.group_at(row).name for row in range(screen.model.rowCount())]


def select_group(screen: PartnersScreen, qtbot: QtBot, name: str) -> None:
    row = list_names(screen).index(name)
    rect = screen.table.visualRect(screen.model.index(row, 0))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.editor.group is not None and screen.editor.group.name == name


def with_dialog(qtbot: QtBot, act: Callable[[ContactDialog], None]) -> dict[str, object]:
    """Run ``act`` on the modal contact dialog once it opens; closes it if ``act`` leaves it open."""
    outcome: dict[str, object] = {}

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ContactDialog):
            QTimer.singleShot(20, handle)
            return
        try:
            dialog.activateWindow()  # as the window manager does; focus moves need an active window
            qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
            act(dialog)
        except BaseException as error:  # reported after the dialog is closed
            outcome["error"] = error
        finally:
            if dialog.isVisible():
                outcome["left_open"] = True
                dialog.reject()

    QTimer.singleShot(0, handle)
    return outcome


def test_create_a_group_in_the_editor(main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot) -> None:
    screen = open_partners(main_window)
    assert screen.list_stack.currentIndex() == EMPTY_PAGE
    add_button = screen.empty.buttons[0]
    assert add_button.text() == "Add a partner group"
    qtbot.mouseClick(add_button, Qt.MouseButton.LeftButton)
    assert screen.editor_stack.currentIndex() == EDITOR_PAGE
    form = screen.editor.form
    assert form.name.hasFocus()
    type_text(qtbot, form.name, "Unidad Latina en Acción")
    form.kind.setCurrentIndex(form.kind.findData(PartnerKind.ADVOCACY))
    qtbot.keyClicks(form.city, "New Haven")
    qtbot.keyClicks(form.tags, "trust-act, rapid response")
    assert screen.has_unsaved_changes()

    qtbot.keyClick(form.city, Qt.Key.Key_S, CTRL)

    [group] = partners.list_groups(gui_context.db)
    assert (group.name, group.kind, group.city) == (
        "Unidad Latina en Acción",
        PartnerKind.ADVOCACY,
        "New Haven",
    )
    assert group.tags == ("rapid response", "trust-act")
    assert not screen.has_unsaved_changes()
    assert screen.list_stack.currentIndex() == LIST_PAGE
    assert list_names(screen) == ["Unidad Latina en Acción"]
    assert screen.table.selectionModel().isRowSelected(0)
    assert main_window.statusBar().currentMessage() == "Saved Unidad Latina en Acción"


def test_duplicate_name_shows_error_under_the_name_and_keeps_typing(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    partners.create_group(gui_context.db, PartnerGroupInput(name="Iglesia San José", city="Danbury"))
    screen = open_partners(main_window)
    qtbot.keyClick(screen.table, Qt.Key.Key_N, CTRL)
    form = screen.editor.form
    qtbot.keyClicks(form.name, "iglesia san jose")
    qtbot.keyClicks(form.city, "Stamford")
    qtbot.keyClicks(form.notes, "Meets on Thursdays")

    qtbot.keyClick(form.notes, Qt.Key.Key_S, CTRL)

    assert "A partner group named iglesia san jose already exists." in visible_error_under(form.name)
    assert form.name.accessibleDescription() == "A partner group named iglesia san jose already exists."
    assert form.name.hasFocus()
    assert (form.name.text(), form.city.text(), form.notes.toPlainText()) == (
        "iglesia san jose",
        "Stamford",
        "Meets on Thursdays",
    )
    assert screen.has_unsaved_changes()
    assert [g.name for g in partners.list_groups(gui_context.db)] == ["Iglesia San José"]

    # Fixing the name saves, and the error goes away.
    form.name.selectAll()
    type_text(qtbot, form.name, "Iglesia San José de Stamford")
    qtbot.keyClick(form.name, Qt.Key.Key_S, CTRL)
    assert visible_error_under(form.name) == ""
    assert sorted(g.name for g in partners.list_groups(gui_context.db)) == [
        "Iglesia San José",
        "Iglesia San José de Stamford",
    ]


def test_add_a_contact_with_a_bad_email_then_fix_it(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    group = partners.create_group(gui_context.db, PartnerGroupInput(name="Casa Hondureña del Valle"))
    screen = open_partners(main_window)
    select_group(screen, qtbot, "Casa Hondureña del Valle")
    screen.editor.tabs.setCurrentWidget(screen.editor.contacts)
    seen: dict[str, str] = {}

    def fill(dialog: ContactDialog) -> None:
        type_text(qtbot, dialog.name, "Marisol Ávila")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.role, "Coordinator")
        qtbot.keyClick(dialog.role, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.email, "marisol@@example")
        qtbot.keyClick(dialog.email, Qt.Key.Key_Tab)  # leaving the field checks it
        seen["inline"] = visible_error_under(dialog.email)
        seen["focus_stayed_on_phone"] = str(dialog.phone.hasFocus())
        qtbot.keyClicks(dialog.phone, "203 555 0142")
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        seen["still_open"] = str(dialog.isVisible())
        seen["after_ok"] = visible_error_under(dialog.email)
        seen["typed_name"] = dialog.name.text()
        dialog.email.selectAll()
        qtbot.keyClicks(dialog.email, "marisol@example.org")
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)

    outcome = with_dialog(qtbot, fill)
    qtbot.mouseClick(screen.editor.contacts.add_button, Qt.MouseButton.LeftButton)

    assert "error" not in outcome, outcome.get("error")
    assert "left_open" not in outcome
    assert "Not a valid email address: marisol@@example" in seen["inline"]
    assert seen["focus_stayed_on_phone"] == "True"
    assert seen["still_open"] == "True"
    assert "Not a valid email address" in seen["after_ok"]
    assert seen["typed_name"] == "Marisol Ávila"
    [contact] = partners.get_group(gui_context.db, group.id).contacts
    assert (contact.name, contact.email, contact.phone) == (
        "Marisol Ávila",
        "marisol@example.org",
        "+12035550142",
    )
    model = screen.editor.contacts.model
    assert model.rowCount() == 1
    assert model.index(0, PERSON).data() == "Marisol Ávila\nCoordinator"
    assert screen.editor.tabs.tabText(1) == "Contacts (1)"
    assert screen.model.group_at(0).contact_count == 1


def test_mark_a_contact_as_primary(main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot) -> None:
    db = gui_context.db
    group = partners.create_group(db, PartnerGroupInput(name="Local 610", kind=PartnerKind.UNION))
    first = partners.add_contact(db, group.id, ContactInput(name="Ana Souza", is_primary=True))
    second = partners.add_contact(db, group.id, ContactInput(name="Bruno Lima", may_share=True))
    screen = open_partners(main_window)
    select_group(screen, qtbot, "Local 610")
    panel = screen.editor.contacts
    screen.editor.tabs.setCurrentWidget(panel)
    model = panel.model
    assert [model.index(r, PERSON).data() for r in range(2)] == ["Ana Souza", "Bruno Lima"]
    assert model.index(0, PRIMARY).data() == "Primary"
    assert model.index(1, 4).data() == "May contact\nMay be shared"

    panel.table.selectRow(1)
    assert panel.primary_button.isEnabled()
    qtbot.mouseClick(panel.primary_button, Qt.MouseButton.LeftButton)

    contacts = {c.id: c for c in partners.get_group(db, group.id).contacts}
    assert contacts[second.id].is_primary and not contacts[first.id].is_primary
    # The new primary contact comes first, stays selected and says so in words.
    assert model.index(0, PERSON).data() == "Bruno Lima"
    assert model.index(0, PRIMARY).data() == "Primary" and model.index(1, PRIMARY).data() == ""
    assert panel.selected_contact().id == second.id
    assert not panel.primary_button.isEnabled()


def test_filter_by_kind_and_tag(main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot) -> None:
    db = gui_context.db
    for name, kind, tags in (
        ("Iglesia Nueva Vida", PartnerKind.FAITH, ("faith", "sanctuary")),
        ("Riverside Unitarian Fellowship", PartnerKind.FAITH, ("faith",)),
        ("Hospitality Workers Local 2177", PartnerKind.UNION, ("labor", "sanctuary")),
    ):
        partners.create_group(db, PartnerGroupInput(name=name, kind=kind, tags=tags))
    screen = open_partners(main_window)
    assert len(list_names(screen)) == 3
    bar = screen.filters

    bar.kind.setCurrentIndex(bar.kind.findData(PartnerKind.FAITH))
    assert list_names(screen) == ["Iglesia Nueva Vida", "Riverside Unitarian Fellowship"]
    assert [bar.tag.itemText(i) for i in range(bar.tag.count())] == [
        "All tags",
        "faith",
        "labor",
        "sanctuary",
    ]
    bar.tag.setCurrentIndex(bar.tag.findData("sanctuary"))
    assert list_names(screen) == ["Iglesia Nueva Vida"]
    bar.kind.setCurrentIndex(0)
    assert list_names(screen) == ["Hospitality Workers Local 2177", "Iglesia Nueva Vida"]

    qtbot.keyClicks(bar.search, "hospitality")
    bar.search.flush()
    assert list_names(screen) == ["Hospitality Workers Local 2177"]
    bar.kind.setCurrentIndex(bar.kind.findData(PartnerKind.FAITH))
    assert list_names(screen) == []
    assert screen.list_stack.currentIndex() == 2  # "No partner group matches these filters"
    bar.clear()
    assert len(list_names(screen)) == 3


def test_delete_then_undo_restores_group_and_contacts(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    group = partners.create_group(db, PartnerGroupInput(name="Mães Brasileiras em Ação", city="Bridgeport"))
    partners.add_contact(db, group.id, ContactInput(name="Joana Pereira", is_primary=True))
    partners.add_contact(db, group.id, ContactInput(name="Lúcia Santos"))
    partners.create_group(db, PartnerGroupInput(name="Bristol Welcome Circle"))
    screen = open_partners(main_window)
    select_group(screen, qtbot, "Mães Brasileiras em Ação")
    asked: list[str] = []

    def answer(parent: QWidget, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)

    assert asked and "Delete Mães Brasileiras em Ação?" in asked[0] and "2 contacts" in asked[0]
    assert [g.name for g in partners.list_groups(db)] == ["Bristol Welcome Circle"]
    assert list_names(screen) == ["Bristol Welcome Circle"]
    assert main_window.undo_action.isEnabled()

    qtbot.keyClick(screen.table, Qt.Key.Key_Z, CTRL)

    restored = partners.get_group(db, group.id)
    assert restored.name == "Mães Brasileiras em Ação" and restored.city == "Bridgeport"
    assert sorted(c.name for c in restored.contacts) == ["Joana Pereira", "Lúcia Santos"]
    assert [c.name for c in restored.contacts if c.is_primary] == ["Joana Pereira"]
    assert list_names(screen) == ["Bristol Welcome Circle", "Mães Brasileiras em Ação"]


def test_leaving_unsaved_edits_asks_first(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    partners.create_group(db, PartnerGroupInput(name="Casa Hondureña del Valle"))
    partners.create_group(db, PartnerGroupInput(name="Vecinos Unidos de Fair Haven"))
    screen = open_partners(main_window)
    select_group(screen, qtbot, "Casa Hondureña del Valle")
    assert not screen.editor.save_button.isEnabled()  # nothing to save yet
    qtbot.keyClicks(screen.editor.form.city, "Waterbury")
    assert screen.editor.save_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    row = list_names(screen).index("Vecinos Unidos de Fair Haven")
    screen.table.selectRow(row)
    # Cancel: still on the edited group, typing kept, list selection back on it.
    assert screen.editor.group.name == "Casa Hondureña del Valle"
    assert screen.editor.form.city.text() == "Waterbury"
    assert screen.table.currentIndex().row() == list_names(screen).index("Casa Hondureña del Valle")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    screen.table.selectRow(row)
    assert screen.editor.group.name == "Vecinos Unidos de Fair Haven"
    saved = next(g for g in partners.list_groups(db) if g.name == "Casa Hondureña del Valle")
    assert saved.city == "Waterbury"


def test_events_tab_opens_the_event_in_rallies(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt
    import zoneinfo

    from rallyorg.domain.enums import PartnerRole
    from rallyorg.domain.events import EventInput, EventPartnerInput, EventTextInput
    from rallyorg.services import events

    db = gui_context.db
    group = partners.create_group(db, PartnerGroupInput(name="Construction Laborers Local 817"))
    start = dt.datetime(2025, 5, 1, 16, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    event = events.create_event(
        db,
        EventInput(
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            texts={"en": EventTextInput(title="May Day March")},
            partners=(EventPartnerInput(group.id, PartnerRole.MARSHALS),),
        ),
    )
    screen = open_partners(main_window)
    select_group(screen, qtbot, "Construction Laborers Local 817")
    panel = screen.editor.events
    assert screen.editor.tabs.tabText(2) == "Events (1)"
    cells = [panel.table.item(0, c).text() for c in range(3)]
    assert cells == ["May 1, 2025", "May Day March", "Provides marshals"]
    opened: list[tuple[str, int]] = []
    monkeypatch.setattr(main_window, "open_record", lambda place, record: opened.append((place, record)))
    screen.editor.tabs.setCurrentWidget(panel)
    panel.table.setCurrentCell(0, 0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened == [("rallies", event.id)]


def test_export_on_the_toolbar_opens_the_contacts_export(main_window: MainWindow, qtbot: QtBot) -> None:
    from rallyorg.gui.exchange.export_dialog import ExportDialog

    screen = open_partners(main_window)
    screen.export_action.trigger()
    [dialog] = main_window.findChildren(ExportDialog)
    assert dialog.isVisible() and dialog.choice.value == "contacts-csv"
    dialog.close()
