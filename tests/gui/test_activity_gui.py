"""View ▸ Activity…, a record's History… and Settings ▸ Your name: who changed what and when,
read from the activity log (names of fields, never their values)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from conftest import make_volunteer
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.activity_dialog import ActivityDialog
from rallyorg.gui.context import ACTOR_NAME_KEY, GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.rallies.editor import RallyEditor
from rallyorg.gui.settings_screen import SettingsScreen
from rallyorg.gui.volunteers.editor import VolunteerEditor
from rallyorg.i18n import format_datetime
from rallyorg.services import Database, activity, open_database, partners, volunteers

from .test_rallies import make_event


def _change(db: Database, volunteer_id: int, **changes: object) -> None:
    read = volunteers.get_volunteer(db, volunteer_id)
    data = VolunteerInput(**{f.name: getattr(read, f.name) for f in dataclasses.fields(VolunteerInput)})
    changed = dataclasses.replace(data, **changes)  # type: ignore[arg-type]
    volunteers.update_volunteer(db, volunteer_id, changed, version=read.version)


def _days_ago(db: Database, entry_id: int, days: int) -> None:
    """An entry made ``days`` ago (the log writes the time of the save)."""
    with db.transaction() as session:
        at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
        session.execute(text("UPDATE activity SET at = :at WHERE id = :id"), {"at": at, "id": entry_id})


def _open_from_menu(window: MainWindow) -> ActivityDialog:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert isinstance(view, QMenu)
    action = next(a for a in view.actions() if a.text() == "&Activity…")
    action.trigger()
    dialogs = [d for d in window.findChildren(ActivityDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _wait_rows(qtbot: QtBot, dialog: ActivityDialog, expected: Sequence[tuple[str, ...]]) -> None:
    qtbot.waitUntil(lambda: [row[1:] for row in dialog.shown_rows()] == expected, timeout=5000)


def test_the_coalitions_activity_by_person_and_days(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    db.actor = "rosa"
    ana = make_volunteer(db, "Ana", "Souza").id
    db.actor = "olga"
    _change(db, ana, phone="(203) 555-0199", city="Danbury")
    group = partners.create_group(db, partners.PartnerGroupInput(name="Unidad Latina")).id
    rosas = activity.list_activity(db, actor="rosa")
    _days_ago(db, rosas[0].id, 10)  # Rosa added Ana ten days ago

    dialog = _open_from_menu(main_window)
    everything = [
        ("olga", f"created partner group {group}", ""),
        ("olga", f"changed volunteer {ana}", "City, Phone"),
        ("rosa", f"created volunteer {ana}", ""),
    ]
    _wait_rows(qtbot, dialog, everything)  # the last 30 days, newest first
    logged = activity.list_activity(db)
    assert [row[0] for row in dialog.shown_rows()] == [
        format_datetime(e.at.astimezone(), "en") for e in logged
    ]
    assert dialog.count.text() == "3 changes"
    # Values never reach the log, so never the dialog either.
    assert not any(
        "555-" in cell or "Danbury" in cell or "Ana" in cell for r in dialog.shown_rows() for cell in r
    )
    people = [dialog.person.itemText(i) for i in range(dialog.person.count())]
    assert people == ["Everyone", "olga", "rosa"]

    # One person.
    dialog.person.setCurrentIndex(dialog.person.findData("rosa"))
    _wait_rows(qtbot, dialog, [("rosa", f"created volunteer {ana}", "")])
    assert dialog.count.text() == "1 change"

    # Days: from five days ago, Rosa made nothing.
    today = QDate.currentDate()
    dialog.since.setDate(today.addDays(-5))
    _wait_rows(qtbot, dialog, [])
    assert dialog.count.text().startswith("No changes in these days")
    dialog.person.setCurrentIndex(0)  # Everyone
    _wait_rows(qtbot, dialog, everything[:2])
    # Up to a week ago (that day included): only Rosa's, whoever is asked for.
    dialog.since.setDate(today.addDays(-30))
    dialog.until.setDate(today.addDays(-7))
    _wait_rows(qtbot, dialog, everything[2:])
    dialog.until.setDate(today.addDays(-10))  # "to" includes its day
    _wait_rows(qtbot, dialog, everything[2:])
    dialog.until.setDate(today.addDays(-11))
    _wait_rows(qtbot, dialog, [])


def test_a_volunteers_history_holds_only_theirs(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    db.actor = "rosa"
    ana = make_volunteer(db, "Ana", "Souza").id
    bia = make_volunteer(db, "Bia", "Lima").id
    db.actor = "olga"
    _change(db, ana, email="ana@example.org")
    _change(db, bia, city="Bethel")

    main_window.open_record("volunteers", ana)
    editor = main_window.findChild(VolunteerEditor)
    assert editor is not None
    qtbot.waitUntil(lambda: editor.volunteer_id == ana)
    assert editor.history_button.isEnabled()
    editor.history_button.click()
    dialog = next(d for d in editor.findChildren(ActivityDialog) if d.isVisible())
    assert dialog.windowTitle() == "History of Ana Souza"
    assert not dialog.filters.isVisible()  # one record: every change to it, whenever
    _wait_rows(
        qtbot,
        dialog,
        [("olga", f"changed volunteer {ana}", "Email"), ("rosa", f"created volunteer {ana}", "")],
    )
    assert dialog.count.text() == "2 changes"
    dialog.close()

    editor.show_new()  # nothing saved yet: nothing to show
    assert not editor.history_button.isEnabled()


def test_a_rallys_history_includes_its_shifts(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    gui_context.db.actor = "rosa"
    rally = make_event(gui_context, "Vigil for Families", shifts=1)
    make_event(gui_context, "Another rally")
    main_window.open_record("rallies", rally)
    editor = main_window.findChild(RallyEditor)
    assert editor is not None
    qtbot.waitUntil(lambda: editor.rally is not None and editor.rally.id == rally)
    assert editor.history_button.isEnabled()
    dialog = editor.show_changes()
    assert dialog is not None
    shift = editor.rally.shifts[0].id if editor.rally else 0
    _wait_rows(
        qtbot, dialog, [("rosa", f"created shift {shift}", ""), ("rosa", f"created event {rally}", "")]
    )
    dialog.close()


def test_your_name_names_the_next_save(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    before = db.actor
    screen = main_window.show_place("settings")
    assert isinstance(screen, SettingsScreen)
    field = screen.actor_name
    assert field is not None and field.text() == "" and field.placeholderText() == activity.default_actor()

    field.setText("Rosa Martínez")
    field.editingFinished.emit()
    assert gui_context.settings.value(ACTOR_NAME_KEY) == "Rosa Martínez"
    ana = make_volunteer(db, "Ana", "Souza")
    assert [e.actor for e in activity.list_activity(db, record_id=ana.id)] == ["Rosa Martínez"]
    assert main_window.statusBar().currentMessage() == "Your changes are now logged as Rosa Martínez"

    # At the next start (a context made on the file again), the name is used from the first save.
    again = open_database(str(db.engine.url))
    try:
        assert again.actor == before
        started = GuiContext(db=again, settings=gui_context.settings)
        assert again.actor == "Rosa Martínez"
        started.access.shutdown()
    finally:
        again.close()

    # Empty: the default again.
    field.setText("")
    field.editingFinished.emit()
    assert gui_context.settings.value(ACTOR_NAME_KEY) is None
    _change(db, ana.id, city="Danbury")
    assert activity.list_activity(db, limit=1)[0].actor == activity.default_actor()
