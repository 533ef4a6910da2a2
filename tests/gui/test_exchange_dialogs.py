"""The import and export dialogs, walked like a user: File ▸ Import, check the columns, check
the file (nothing written), import, save the rejected rows, undo; File ▸ Export with the
consent rules; the import history and the export log."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from rallyorg.gui.context import GuiContext
from rallyorg.gui.exchange import menus
from rallyorg.gui.exchange.export_dialog import ExportDialog
from rallyorg.gui.exchange.import_dialog import ImportDialog
from rallyorg.gui.main_window import MainWindow
from rallyorg.services import exports as export_service
from rallyorg.services import imports as import_service
from rallyorg.services import partners, volunteers
from rallyorg.services.partners import ContactInput, PartnerGroupInput

SPANISH_CSV = (
    "Nombre,Apellido,Correo electrónico,Teléfono\n"
    "María,Núñez,maria@example.org,(203) 555-0111\n"
    "Luis,Ramírez,luis@example.org,12\n"
    "Ana,Pérez,ana@example.org,203 555 0113\n"
    ",Sin Nombre,sn@example.org,203 555 0114\n"
)


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path | None, *, save: bool = False) -> None:
    name = "getSaveFileName" if save else "getOpenFileName"
    monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: (str(path) if path else "", "")))


def answer(monkeypatch: pytest.MonkeyPatch, *buttons: QMessageBox.StandardButton) -> list[str]:
    """Answer QMessageBox.question with ``buttons`` in turn; returns the questions asked."""
    asked: list[str] = []
    replies = list(buttons)

    def question(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return replies.pop(0) if len(replies) > 1 else replies[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def model_rows(model: object) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in model.rows]  # type: ignore[attr-defined]


def start(main_window: MainWindow) -> None:
    main_window._welcome_done()


def open_volunteer_import(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, path: Path
) -> ImportDialog:
    choose_file(monkeypatch, path)
    dialog = main_window.import_volunteers()
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    return dialog


def test_file_menu_offers_imports_exports_and_their_records(main_window: MainWindow) -> None:
    file_menu = main_window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    submenus = {a.text(): a.menu() for a in file_menu.actions() if a.menu() is not None}
    imports = [a.text() for a in submenus["&Import"].actions()]  # type: ignore[union-attr]
    exports = [a.text() for a in submenus["E&xport"].actions()]  # type: ignore[union-attr]
    assert imports == ["&Volunteers…", "&Partner groups and contacts…", "&Sign-ups for an event…"]
    assert exports == [
        "Partner &contacts (CSV)…",
        "Partner contacts (v&Card)…",
        "&Events (iCalendar)…",
        "Event &roster (PDF)…",
        "&Volunteers (CSV)…",
    ]
    texts = [a.text() for a in file_menu.actions()]
    assert "Import &history…" in texts and "Export &log…" in texts


def test_no_file_chosen_opens_nothing(main_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    choose_file(monkeypatch, None)
    assert main_window.import_signups() is None
    assert main_window.findChild(ImportDialog) is None


def test_import_volunteers_check_import_save_rejected_and_undo(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    db = gui_context.db
    start(main_window)
    source = tmp_path / "voluntarios.csv"
    source.write_text(SPANISH_CSV, encoding="utf-8")
    dialog = open_volunteer_import(main_window, qtbot, monkeypatch, source)

    # Step 1: the Spanish headers are recognised and shown mapped.
    page = dialog.columns
    assert "voluntarios.csv: 4 rows" in page.file_label.text()
    assert "UTF-8" in page.file_label.text() and "commas" in page.file_label.text()
    chosen = [combo.currentText() for combo in page.editor.combos]
    assert chosen == ["First name *", "Last name", "Email", "Phone"]
    assert page.sample.headers[1:] == [
        "Nombre\n→ First name",
        "Apellido\n→ Last name",
        "Correo electrónico\n→ Email",
        "Teléfono\n→ Phone",
    ]
    assert model_rows(page.sample)[1][:3] == ["3", "Luis", "Ramírez"]
    assert dialog.check_button.isVisible() and dialog.check_button.isEnabled()
    assert not dialog.import_button.isVisible()

    # Step 2: the dry run accounts for every row and writes nothing.
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=5000)
    assert dialog.results.summary.text() == "4 rows: 3 new, 0 updated, 0 duplicates skipped, 1 rejected"
    assert "Nothing has been imported yet" in dialog.results.banner.text.text()
    # Rejected first (only a missing name rejects), then the person kept without the phone.
    assert model_rows(dialog.results.model) == [
        ["5", "Rejected", "First name", "No name: this row has no first name."],
        [
            "3",
            "New",
            "Phone",
            "“Teléfono”: not understood as a phone number, so kept in the notes as written: 12",
        ],
    ]
    assert volunteers.count_volunteers(db) == 0
    assert import_service.list_imports(db) == []
    assert dialog.import_button.isVisible() and dialog.back_button.isVisible()

    # Step 3: the import itself.
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.report.dry_run, timeout=5000)
    assert volunteers.count_volunteers(db) == 3
    assert dialog.results.summary.text() == "4 rows: 3 new, 0 updated, 0 duplicates skipped, 1 rejected"
    assert model_rows(dialog.results.model)[0][:3] == ["5", "Rejected", "First name"]
    assert main_window.statusBar().currentMessage() == "3 volunteers imported"
    assert main_window.undo_action.isEnabled()
    assert "import of voluntarios.csv" in main_window.undo_action.text()
    (batch,) = import_service.list_imports(db)
    assert (batch.rows_in_file, batch.created, batch.rejected) == (4, 3, 1)
    # Nothing was written beside the user's file without asking.
    assert not (tmp_path / "voluntarios.rejected.csv").exists()
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()

    # Save rejected rows…: the row as it was, with its line and reason.
    rejected = tmp_path / "to-fix.csv"
    choose_file(monkeypatch, rejected, save=True)
    qtbot.mouseClick(dialog.results.save_button, Qt.MouseButton.LeftButton)
    with rejected.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Line", "Reason", "Nombre", "Apellido", "Correo electrónico", "Teléfono"]
    assert rows[1][0] == "5" and "No name" in rows[1][1]
    assert rows[1][2:] == ["", "Sin Nombre", "sn@example.org", "203 555 0114"]

    # Undo import…: asked first; No keeps the people, Yes removes them.
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.results.undo_button, Qt.MouseButton.LeftButton)
    assert "Undo the import of voluntarios.csv?" in asked[0]
    assert volunteers.count_volunteers(db) == 3
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.results.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: volunteers.count_volunteers(db) == 0, timeout=5000)
    qtbot.waitUntil(lambda: not dialog.results.undo_button.isEnabled(), timeout=2000)
    assert import_service.get_import(db, batch.id).undone_at is not None
    assert "undone" in main_window.statusBar().currentMessage()
    # Edit ▸ Undo still holds the import; undoing it again changes nothing and fails nothing.
    main_window.undo()
    assert volunteers.count_volunteers(db) == 0


def test_changing_the_mapping_and_the_missing_name_column(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    start(main_window)
    source = tmp_path / "people.csv"
    source.write_text("Quién,Correo\nAna Souza,ana@example.org\n", encoding="utf-8")
    dialog = open_volunteer_import(main_window, qtbot, monkeypatch, source)
    name_combo = dialog.columns.editor.combos[0]
    assert name_combo.currentText() == "Not imported"
    assert not dialog.check_button.isEnabled()
    assert "people's names" in dialog.columns.hint.text() and not dialog.problem.text()
    name_combo.setCurrentIndex(name_combo.findData("full_name"))
    assert dialog.check_button.isEnabled()
    assert dialog.columns.sample.headers[1] == "Quién\n→ Full name (split into first and last)"
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=5000)
    assert dialog.results.summary.text() == "1 row: 1 new, 0 updated, 0 duplicates skipped, 0 rejected"
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.check_button.isVisible() and not dialog.import_button.isVisible()


def visible_texts(dialog: ImportDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()]


def open_import(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, kind: str, path: Path
) -> ImportDialog:
    choose_file(monkeypatch, path)
    opener = {
        "volunteers": main_window.import_volunteers,
        "partners": main_window.import_partners,
        "signups": main_window.import_signups,
    }[kind]
    dialog = opener()
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    return dialog


def test_a_missing_column_is_said_once_beside_the_columns(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    start(main_window)
    source = tmp_path / "ciudades.csv"
    source.write_text("Ciudad\nDanbury\n", encoding="utf-8")
    dialog = open_import(main_window, qtbot, monkeypatch, "partners", source)
    said = [text for text in visible_texts(dialog) if "partner group's name" in text]
    assert said == ["Not ready to import: Needed: a column with the partner group's name."]
    assert dialog.columns.hint.isVisible() and not dialog.problem.text()
    assert not dialog.check_button.isEnabled()
    # Once the name has a column, the hint only explains the *, and the file can be checked.
    dialog.columns.editor.combos[0].setCurrentIndex(dialog.columns.editor.combos[0].findData("group"))
    said = [text for text in visible_texts(dialog) if "partner group's name" in text]
    assert said == ["* Needed: a column with the partner group's name."]
    assert dialog.check_button.isEnabled() and not dialog.problem.text()


@pytest.mark.parametrize(
    ("kind", "question", "choices"),
    [
        (
            "volunteers",
            "People already in rallyorg:",
            ["Skip them: keep what rallyorg has", "Update them with the file's details"],
        ),
        (
            "partners",
            "Groups and contacts already in rallyorg:",
            ["Skip them: keep what rallyorg has", "Update them with the file's details"],
        ),
        (
            "signups",
            "Sign-ups already in rallyorg:",
            ["Skip them: keep what rallyorg has", "Sign up again people who had cancelled"],
        ),
    ],
)
def test_the_duplicates_question_speaks_of_what_is_imported(
    main_window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    kind: str,
    question: str,
    choices: list[str],
) -> None:
    start(main_window)
    source = tmp_path / "file.csv"
    source.write_text("Grupo,Nombre\nIglesia San José,María Núñez\n", encoding="utf-8")
    dialog = open_import(main_window, qtbot, monkeypatch, kind, source)
    texts = visible_texts(dialog)
    assert question in texts
    if kind != "volunteers":
        assert not [text for text in texts if text.startswith("People")]
    buttons = dialog.columns.on_duplicate_buttons
    assert [buttons[choice].text() for choice in import_service.OnDuplicate] == choices


def test_an_unreadable_file_says_why_in_the_dialog(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    start(main_window)
    source = tmp_path / "broken.csv"
    source.write_text('First name,Email\nAna,ana@example.org\n"Bruno,bruno@example.org\n', encoding="utf-8")
    choose_file(monkeypatch, source)
    dialog = main_window.import_volunteers()
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(lambda: dialog.columns.error.isVisible(), timeout=5000)
    assert (
        "Line 3" in dialog.columns.error.text.text()
        and "unbalanced quote" in dialog.columns.error.text.text()
    )
    assert dialog.columns.file_label.text() == "broken.csv could not be read."
    assert not dialog.check_button.isEnabled() and dialog.columns.another.isEnabled()
    # Fixed and chosen again: the columns appear.
    source.write_text("First name,Email\nAna,ana@example.org\n", encoding="utf-8")
    qtbot.mouseClick(dialog.columns.another, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert not dialog.columns.error.isVisible() and dialog.check_button.isEnabled()


def test_import_history_undoes_an_import_edited_since_only_when_told(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    db = gui_context.db
    start(main_window)
    source = tmp_path / "voluntarios.csv"
    source.write_text(SPANISH_CSV, encoding="utf-8")
    report = import_service.run_import(db, source, "volunteers", rejected_path=tmp_path / "r.csv")
    maria_id = next(o.record_id for o in report.outcomes if o.line == 2)
    maria = volunteers.get_volunteer(db, maria_id)
    from rallyorg.domain.volunteers import VolunteerInput

    volunteers.update_volunteer(
        db,
        maria.id,
        VolunteerInput(given_name="María", family_name="Núñez", city="Danbury"),
        version=maria.version,
    )
    history = menus.show_import_history(main_window)
    assert model_rows(history.model)[0][1:8] == ["Volunteers", "voluntarios.csv", "4", "3", "0", "0", "1"]
    assert history.undo_button.isEnabled()
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)
    qtbot.mouseClick(history.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=5000)
    assert "edited after it" in asked[1]
    qtbot.waitUntil(lambda: not history.busy, timeout=2000)
    assert volunteers.count_volunteers(db) == 3
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(history.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: volunteers.count_volunteers(db) == 0, timeout=5000)
    qtbot.waitUntil(lambda: model_rows(history.model)[0][8] != "", timeout=2000)
    assert not history.undo_button.isEnabled()


def test_export_contacts_leaves_out_do_not_contact_and_is_logged(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    db = gui_context.db
    start(main_window)
    group = partners.create_group(db, PartnerGroupInput(name="Iglesia San José", city="Danbury"))
    partners.add_contact(db, group.id, ContactInput(name="Lucía Fernández", may_share=True))
    partners.add_contact(db, group.id, ContactInput(name="Padre Miguel", phone="203-555-0171"))
    partners.add_contact(db, group.id, ContactInput(name="Rosa Quispe", do_not_contact=True))

    target = tmp_path / "contactos.csv"
    choose_file(monkeypatch, target, save=True)
    dialog = main_window.export_dialog("contacts-csv")
    assert isinstance(dialog, ExportDialog)
    assert dialog.suggested_path().name.startswith("partner-contacts-")
    assert dialog.suggested_path().suffix == ".csv"
    # Padre Miguel said he may not be shared: asked first (test_export_dialog_formats.py).
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["1 contact said they may not be shared with other groups. Export them anyway?"]

    with target.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))
    expected = {c.name for c in partners.list_contacts(db, reachable_only=True)}
    assert {row[3] for row in written[1:]} == expected == {"Lucía Fernández", "Padre Miguel"}
    again = tmp_path / "again.csv"
    export_service.export_contacts(db, again)
    assert target.read_bytes() == again.read_bytes()
    message = main_window.statusBar().currentMessage()
    assert "Exported 2 contacts to" in message and str(target) in message
    assert "1 marked do not contact" in message
    assert "Included: 1 who said they may not be shared with other groups." in message

    log = menus.show_export_log(main_window)
    first = model_rows(log.model)[-1]  # newest first: the dialog's export is the older one
    assert first[1:4] == ["Partner contacts", "Spreadsheet (CSV)", "2"]
    assert "Lucía" not in " ".join(" ".join(r) for r in model_rows(log.model))


def test_export_options_and_a_failed_write_keeps_the_earlier_file(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    db = gui_context.db
    start(main_window)
    group = partners.create_group(db, PartnerGroupInput(name="SEIU 32BJ", city="Hartford"))
    partners.add_contact(db, group.id, ContactInput(name="Dana Whitfield", may_share=True))
    partners.add_contact(db, group.id, ContactInput(name="Lee Park"))

    # vCard, shared only: one card, for the person who agreed to be shared.
    cards = tmp_path / "cards.vcf"
    choose_file(monkeypatch, cards, save=True)
    dialog = main_window.export_dialog("contacts-vcard")
    assert isinstance(dialog, ExportDialog)
    assert dialog.format_combo is not None and dialog.format_combo.currentData() == "vcard"
    assert dialog.vcard_version is not None and dialog.vcard_version.isVisibleTo(dialog)
    assert dialog.suggested_path().suffix == ".vcf"
    assert dialog.shared_only is not None
    dialog.shared_only.setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    text = cards.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 1 and "Dana Whitfield" in text and "Lee Park" not in text
    assert "who did not agree to be shared" in main_window.statusBar().currentMessage()

    # A target that cannot be replaced: the message says the earlier one is intact.
    blocked = tmp_path / "volunteers.csv"
    blocked.mkdir()
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda _p, _t, text, *a: warnings.append(text) or QMessageBox.StandardButton.Ok,
    )
    choose_file(monkeypatch, blocked, save=True)
    dialog = main_window.export_dialog("volunteers-csv")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert "earlier file there is unchanged" in warnings[0]
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    assert blocked.is_dir()
    assert export_service.list_exports(db)[0].kind.value == "contacts"


def test_export_roster_and_calendar_for_one_event(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    import datetime as dt
    import zoneinfo

    from rallyorg.domain.events import EventInput, EventTextInput
    from rallyorg.services import events

    db = gui_context.db
    start(main_window)
    zone = zoneinfo.ZoneInfo("America/New_York")
    starts = dt.datetime.now(zone).replace(microsecond=0) + dt.timedelta(days=7)
    rally = events.create_event(
        db,
        EventInput(
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            texts={"en": EventTextInput(title="March for Dignity")},
        ),
    )

    roster = tmp_path / "roster.pdf"
    choose_file(monkeypatch, roster, save=True)
    dialog = main_window.export_dialog("roster-pdf")
    assert isinstance(dialog, ExportDialog)
    assert dialog.events is not None and dialog.events.event_id() == rally.id
    assert dialog.suggested_path().name.startswith("roster-march-for-dignity-")
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert roster.read_bytes().startswith(b"%PDF")
    assert "Saved the sign-in sheet (0 people) to" in main_window.statusBar().currentMessage()

    calendar = tmp_path / "march.ics"
    choose_file(monkeypatch, calendar, save=True)
    dialog = main_window.export_dialog("events-ics", rally.id)
    assert isinstance(dialog, ExportDialog)
    assert dialog.one_event.isChecked() and dialog.events is not None and dialog.events.isEnabled()
    # Radio buttons answer clicks on their circle and words, not on the row's empty width.
    qtbot.mouseClick(
        dialog.all_upcoming, Qt.MouseButton.LeftButton, pos=QPoint(6, dialog.all_upcoming.height() // 2)
    )
    assert not dialog.events.isEnabled()
    dialog.one_event.setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    text = calendar.read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 1 and "March for Dignity" in text
    (latest, earlier) = export_service.list_exports(db)
    assert (latest.kind.value, latest.options["event_id"], earlier.kind.value) == (
        "events",
        rally.id,
        "roster",
    )
