"""File ▸ Export, the newer choices: the contacts' formats (Google Contacts, Outlook, .xlsx, one
vCard per file), the question before people who did not agree to be shared go into a file, and
the sign-in sheet's phones only when asked."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from gui.test_exchange_dialogs import answer, choose_file, start
from rallyorg.gui.context import GuiContext
from rallyorg.gui.exchange.export_dialog import ExportDialog
from rallyorg.gui.main_window import MainWindow
from rallyorg.services import export_contacts as contacts_service
from rallyorg.services import exports as export_service
from rallyorg.services import partners
from rallyorg.services.partners import ContactInput, PartnerGroupInput


def _contacts(gui_context: GuiContext) -> None:
    db = gui_context.db
    group = partners.create_group(db, PartnerGroupInput(name="-Coletivo Zero", city="São Paulo"))
    partners.add_contact(
        db, group.id, ContactInput(name="Ana Souza", phone="+55 11 91234-5678", may_share=True)
    )
    partners.add_contact(db, group.id, ContactInput(name="Bruno Lima", email="bruno@example.org"))


def _choose_format(dialog: ExportDialog, value: str) -> None:
    assert dialog.format_combo is not None
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(value))


def test_no_to_the_sharing_question_writes_nothing(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    start(main_window)
    _contacts(gui_context)
    target = tmp_path / "c.csv"
    choose_file(monkeypatch, target, save=True)
    # Before anything is written: who consent leaves out, and why.
    partners.add_contact(gui_context.db, partners.list_groups(gui_context.db)[0].id,
                         ContactInput(name="Rosa Quispe", do_not_contact=True))  # fmt: skip
    dialog = main_window.export_dialog("contacts-csv")
    assert isinstance(dialog, ExportDialog)
    assert dialog.consent_label is not None and dialog.shared_only is not None
    assert dialog.consent_label.text() == (
        "1 contact is left out: marked “do not contact”.\n1 contact who did not agree to be shared "
        "with other groups is included; “Only people who agreed…” leaves them out."
    )
    dialog.shared_only.setChecked(True)
    assert "1 contact is left out: did not agree to be shared" in dialog.consent_label.text()
    dialog.shared_only.setChecked(False)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["1 contact said they may not be shared with other groups. Export them anyway?"]
    assert not target.exists() and export_service.list_exports(gui_context.db) == []
    assert dialog.isVisible()
    # Shared only: nobody to ask about.
    assert dialog.shared_only is not None
    dialog.shared_only.setChecked(True)
    asked.clear()
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked == [] and target.exists()


def test_google_outlook_and_xlsx_from_the_dialog(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    start(main_window)
    _contacts(gui_context)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    for value, name in (("google", "g.csv"), ("outlook", "o.csv"), ("xlsx", "c.xlsx")):
        target = tmp_path / name
        choose_file(monkeypatch, target, save=True)
        dialog = main_window.export_dialog("contacts-csv")
        assert isinstance(dialog, ExportDialog)
        _choose_format(dialog, value)
        assert dialog.spec.format.value == value
        assert dialog.vcard_version is not None and not dialog.vcard_version.isVisibleTo(dialog)
        assert dialog.suggested_path().suffix == Path(name).suffix
        with qtbot.waitSignal(dialog.exported, timeout=5000):
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    with (tmp_path / "g.csv").open(encoding="utf-8-sig", newline="") as handle:
        google = list(csv.DictReader(handle))
    assert {(r["First Name"], r["Last Name"]) for r in google} == {("Ana", "Souza"), ("Bruno", "Lima")}
    assert {r["Phone 1 - Value"] for r in google} == {"+55 11 91234-5678", ""}
    with (tmp_path / "o.csv").open(encoding="utf-8-sig", newline="") as handle:
        outlook = list(csv.DictReader(handle))
    assert {r["Company"] for r in outlook} == {"-Coletivo Zero"}
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    assert "+55 11 91234-5678" in [c.value for row in sheet.iter_rows() for c in row]
    formats = [record.format.value for record in export_service.list_exports(gui_context.db)]
    assert formats == ["xlsx", "outlook", "google"]


def test_one_vcard_per_file_goes_into_a_new_folder(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    start(main_window)
    _contacts(gui_context)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path)))
    made = []
    for _ in range(2):  # the second time beside the first, never into it
        dialog = main_window.export_dialog("contacts-vcard")
        assert isinstance(dialog, ExportDialog) and dialog.split is not None
        assert dialog.split.isVisibleTo(dialog) and not dialog.split.isChecked()
        dialog.split.setChecked(True)
        assert dialog.suggested_path().suffix == ""
        with qtbot.waitSignal(dialog.exported, timeout=5000) as signal:
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        made.append(signal.args[0].path)
    assert made[0].parent == made[1].parent == tmp_path
    assert made[0].name.startswith("partner-contacts-") and made[1].name == f"{made[0].name} (2)"
    for folder in made:
        assert sorted(p.name for p in folder.iterdir()) == ["Ana Souza.vcf", "Bruno Lima.vcf"]


def test_the_sign_in_sheet_prints_phones_only_when_asked(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from conftest import make_event, make_shift, make_volunteer
    from rallyorg.services import signups

    start(main_window)
    db = gui_context.db
    event = make_event(db, "March for Dignity")
    shift = make_shift(db, event.id, role="Marshals")
    signups.sign_up(db, make_volunteer(db, "José", "Gonçalves", phone="203-555-0101").id, shift.id)
    for checked, name in ((False, "plain.pdf"), (True, "phones.pdf")):
        choose_file(monkeypatch, tmp_path / name, save=True)
        dialog = main_window.export_dialog("roster-pdf", event.id)
        assert isinstance(dialog, ExportDialog) and dialog.include_phones is not None
        assert not dialog.include_phones.isChecked()  # off unless the organiser asks
        dialog.include_phones.setChecked(checked)
        with qtbot.waitSignal(dialog.exported, timeout=5000):
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / name).pages)
        assert "José Gonçalves" in text
        assert ("(203) 555-0101" in text) is checked


def test_contact_consent_is_counted_by_the_service(gui_context: GuiContext) -> None:
    _contacts(gui_context)
    consent = contacts_service.contact_consent(gui_context.db)
    assert (consent.reachable, consent.do_not_contact, consent.not_shared) == (2, 0, 1)
