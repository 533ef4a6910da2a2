"""Screen readers name every table and every button that shows only an icon: a walk over the
widget tree of each place (and the editors they open) fails on one without a name."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QHeaderView, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.services import events

from .test_rallies import make_event


def qt_internal(widget: QWidget) -> bool:
    return widget.objectName().startswith(("qt_", "_q_"))


def unnamed(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        # Qt's own parts are named by Qt: a table's header by the table, a line edit's clear button.
        if not widget.isVisibleTo(root) or isinstance(widget, QHeaderView) or qt_internal(widget):
            continue
        if isinstance(widget, QAbstractItemView) and not widget.accessibleName():
            found.append(f"table {type(widget).__name__} in {type(widget.parent()).__name__}")
        nameless = not widget.accessibleName()
        if isinstance(widget, QAbstractButton) and not widget.text().strip() and nameless:
            found.append(
                f"icon-only {type(widget).__name__} ({widget.toolTip()!r})"
                f" in {type(widget.parent()).__name__}"
            )
    return found


def test_every_table_and_icon_button_has_a_name(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    make_event(gui_context, "Vigil for Families", shifts=1)
    main_window._welcome_done()
    problems = []
    for place in ("dashboard", "rallies", "volunteers", "partners", "checkin", "settings"):
        screen = main_window.show_place(place)
        if place == "rallies":
            screen.open_record(events.list_events(gui_context.db)[0].id)
            for tab in range(screen.editor.tabs.count()):
                screen.editor.tabs.setCurrentIndex(tab)
                problems += [f"{place} tab {tab}: {p}" for p in unnamed(main_window)]
        problems += [f"{place}: {p}" for p in unnamed(main_window)]
    assert sorted(set(problems)) == [], "\n".join(sorted(set(problems)))


def test_every_dialog_names_its_tables_and_icon_buttons(gui_context: GuiContext, qtbot: QtBot) -> None:
    """The dialogs a person meets on the way: the same walk over each one's widgets."""
    from pathlib import Path

    from PySide6.QtWidgets import QDialog

    from rallyorg.exchange.columns import ImportKind
    from rallyorg.gui.checkin.door import GuestDialog
    from rallyorg.gui.encryption import NewPassphraseDialog, PassphraseDialog
    from rallyorg.gui.exchange.export_dialog import ExportDialog
    from rallyorg.gui.exchange.export_kinds import ExportChoice
    from rallyorg.gui.exchange.export_log_dialog import ExportLogDialog
    from rallyorg.gui.exchange.history_dialog import ImportHistoryDialog
    from rallyorg.gui.exchange.import_dialog import ImportDialog
    from rallyorg.gui.partners.contact_dialog import ContactDialog
    from rallyorg.gui.rallies.assign_dialog import AssignDialog
    from rallyorg.gui.rallies.duplicate_dialog import DuplicateDialog
    from rallyorg.gui.rallies.partner_picker import PartnerPicker
    from rallyorg.gui.rallies.shift_dialog import ShiftDialog
    from rallyorg.gui.rallies.venue_dialog import VenueDialog
    from rallyorg.gui.volunteers.duplicates import DuplicatesDialog
    from rallyorg.gui.volunteers.quick_dialog import QuickVolunteerDialog

    event_id = make_event(gui_context, "Vigil for Families", shifts=1)
    event = events.get_event(gui_context.db, event_id)
    dialogs: list[QDialog] = [
        PassphraseDialog(Path("/tmp/coalition.sqlite3"), wrong=True),
        NewPassphraseDialog("coalition.sqlite3", changing=False),
        VenueDialog(gui_context),
        ShiftDialog(gui_context, event),
        AssignDialog(gui_context, event.shifts[0]),
        PartnerPicker(gui_context, set()),
        DuplicateDialog(gui_context, event),
        GuestDialog(gui_context, event_id),
        QuickVolunteerDialog(gui_context, search="Ana"),
        ContactDialog("Iglesia San José", lambda _contact: None),
        *(ExportDialog(gui_context, choice, event_id) for choice in ExportChoice),
        *(ImportDialog(gui_context, kind, event_id) for kind in ImportKind),
        ImportHistoryDialog(gui_context),
        ExportLogDialog(gui_context),
        DuplicatesDialog(gui_context),
    ]
    problems = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        problems += [f"{type(dialog).__name__}: {p}" for p in unnamed(dialog)]
        dialog.hide()
    assert sorted(set(problems)) == [], "\n".join(sorted(set(problems)))
