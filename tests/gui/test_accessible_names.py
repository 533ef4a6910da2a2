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
