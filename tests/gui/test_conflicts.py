"""Saving over someone else's change, in each of the five editors: the conflict dialog lists
the fields that differ with both values, a mix of choices saves exactly the merged values,
"Keep editing" keeps the typing, and a record deleted meanwhile can be saved as a new one.

The other person's change is made through the services while the editor is open, as a
second rallyorg on the same database would. Modal dialogs are answered by replacing their
``exec`` (the dialog is shown, answered by clicking its buttons, and returns)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.domain.enums import PartnerKind
from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.domain.shifts import ShiftInput
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.context import GuiContext
from rallyorg.gui.widgets.conflict_dialog import Choice, ConflictDialog, DeletedDialog
from rallyorg.services import events, partners, signups, volunteers
from rallyorg.services.events import local_datetime
from rallyorg.services.partners import ContactInput, PartnerGroupInput

Respond = Callable[[ConflictDialog], None]


# --- answering the dialogs ----------------------------------------------------------------------
def answer_conflicts(monkeypatch: pytest.MonkeyPatch, *responses: Respond) -> list[ConflictDialog]:
    """Each conflict dialog gets the next response (the last one repeats); returns the dialogs."""
    shown: list[ConflictDialog] = []

    def exec_(dialog: ConflictDialog) -> int:
        dialog.show()
        shown.append(dialog)
        responses[min(len(shown), len(responses)) - 1](dialog)
        return dialog.result()

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return shown


def answer_deleted(monkeypatch: pytest.MonkeyPatch, button: str) -> list[DeletedDialog]:
    """``button``: "new_button", "discard_button" or "keep_button"."""
    shown: list[DeletedDialog] = []

    def exec_(dialog: DeletedDialog) -> int:
        dialog.show()
        shown.append(dialog)
        getattr(dialog, button).click()
        return dialog.result()

    monkeypatch.setattr(DeletedDialog, "exec", exec_)
    return shown


def differing(dialog: ConflictDialog) -> dict[str, tuple[str, str]]:
    return {row.label: (row.mine, row.theirs) for row in dialog.rows if row.differs}


def choose(by_label: dict[str, Choice]) -> Respond:
    """Pick Mine or Theirs per field label, then Save with these choices."""

    def respond(dialog: ConflictDialog) -> None:
        labels = [row.label for row in dialog.rows]
        for label, choice in by_label.items():
            mine, theirs = dialog.choice_buttons[labels.index(label)]
            (mine if choice == Choice.MINE else theirs).click()
        dialog.save_button.click()

    return respond


def keep_editing(dialog: ConflictDialog) -> None:
    dialog.keep_button.click()


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


MINE, THEIRS = Choice.MINE, Choice.THEIRS


# --- volunteers ---------------------------------------------------------------------------------
@pytest.fixture
def volunteer_editor(gui_context: GuiContext, qtbot: QtBot):  # type: ignore[no-untyped-def]
    from rallyorg.gui.volunteers.editor import VolunteerEditor

    ana = volunteers.create_volunteer(
        gui_context.db, VolunteerInput("Ana", "Alves", email="ana@example.org", city="Hartford")
    )
    editor = VolunteerEditor(gui_context)
    qtbot.addWidget(editor)
    editor.resize(500, 650)
    editor.show()
    assert editor.load(ana.id)
    return editor, ana


def test_volunteer_conflict_saves_the_merged_values(
    volunteer_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, ana = volunteer_editor
    db = gui_context.db
    retype(qtbot, editor.form.city, "Danbury")
    retype(qtbot, editor.form.family_name, "Alves Silva")
    volunteers.update_volunteer(
        db,
        ana.id,
        VolunteerInput("Ana", "Alves", email="ana@example.org", city="New Haven", notes="Mornings only"),
        version=ana.version,
    )
    shown = answer_conflicts(monkeypatch, choose({"City": THEIRS, "Family name": MINE}))
    saved = editor.save()
    assert len(shown) == 1
    assert differing(shown[0]) == {
        "City": ("Danbury", "New Haven"),
        "Family name": ("Alves Silva", "Alves"),
        "Notes": ("(empty)", "Mornings only"),
    }
    # A field only the other person changed is offered as theirs; the user's own, as mine.
    rows = {row.label: row for row in shown[0].rows}
    assert rows["Notes"].default == THEIRS and rows["City"].default == MINE
    stored = volunteers.get_volunteer(db, ana.id)
    assert saved is not None and saved.version == stored.version
    assert (stored.family_name, stored.city, stored.notes) == ("Alves Silva", "New Haven", "Mornings only")
    assert editor.form.city.text() == "New Haven" and not editor.is_dirty()


def test_volunteer_conflict_keep_editing_keeps_the_typing(
    volunteer_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, ana = volunteer_editor
    retype(qtbot, editor.form.city, "Danbury")
    volunteers.update_volunteer(
        gui_context.db, ana.id, VolunteerInput("Ana", "Alves", city="New Haven"), version=ana.version
    )
    shown = answer_conflicts(monkeypatch, keep_editing)
    assert editor.save() is None and len(shown) == 1
    assert editor.form.city.text() == "Danbury" and editor.is_dirty()
    assert volunteers.get_volunteer(gui_context.db, ana.id).city == "New Haven"


def test_volunteer_second_conflict_asks_again(
    volunteer_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, ana = volunteer_editor
    db = gui_context.db
    retype(qtbot, editor.form.city, "Danbury")
    first = volunteers.update_volunteer(
        db, ana.id, VolunteerInput("Ana", "Alves", city="Stamford"), version=1
    )

    def meanwhile_again(dialog: ConflictDialog) -> None:
        # While the user reads the dialog, someone saves once more.
        volunteers.update_volunteer(
            db, ana.id, VolunteerInput("Ana", "Alves", city="Stamford", source="Web"), version=first.version
        )
        choose({"City": MINE})(dialog)

    shown = answer_conflicts(monkeypatch, meanwhile_again, choose({"City": MINE, "Source": THEIRS}))
    assert editor.save() is not None
    assert len(shown) == 2
    assert differing(shown[1])["Source"] == ("(empty)", "Web")
    stored = volunteers.get_volunteer(db, ana.id)
    assert (stored.city, stored.source) == ("Danbury", "Web")


def test_volunteer_deleted_meanwhile_is_saved_as_a_new_record(
    volunteer_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, ana = volunteer_editor
    db = gui_context.db
    retype(qtbot, editor.form.city, "Danbury")
    volunteers.delete_volunteer(db, ana.id)
    shown = answer_deleted(monkeypatch, "new_button")
    saved = editor.save()
    assert len(shown) == 1 and shown[0].new_button is not None
    assert saved is not None  # (SQLite may give the new row the freed id)
    stored = volunteers.get_volunteer(db, saved.id)
    assert (stored.given_name, stored.family_name, stored.city) == ("Ana", "Alves", "Danbury")
    assert editor.volunteer_id == saved.id and not editor.is_dirty()


def test_volunteer_deleted_meanwhile_discard_or_keep_editing(
    volunteer_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, ana = volunteer_editor
    retype(qtbot, editor.form.city, "Danbury")
    volunteers.delete_volunteer(gui_context.db, ana.id)
    answer_deleted(monkeypatch, "keep_button")
    assert editor.save() is None
    assert editor.form.city.text() == "Danbury" and editor.is_dirty()
    answer_deleted(monkeypatch, "discard_button")
    assert editor.save() is None
    assert editor.volunteer_id is None and not editor.is_dirty()
    assert volunteers.count_volunteers(gui_context.db) == 0


# --- partner groups -----------------------------------------------------------------------------
@pytest.fixture
def group_editor(gui_context: GuiContext, qtbot: QtBot):  # type: ignore[no-untyped-def]
    from rallyorg.gui.partners.editor import GroupEditor

    group = partners.create_group(
        gui_context.db, PartnerGroupInput("Unidad Latina", city="Hartford", website="https://unidad.example")
    )
    editor = GroupEditor(gui_context)
    qtbot.addWidget(editor)
    editor.resize(500, 650)
    editor.show()
    editor.show_group(partners.get_group(gui_context.db, group.id))
    return editor, group


def test_group_conflict_saves_the_merged_values(
    group_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, group = group_editor
    db = gui_context.db
    retype(qtbot, editor.form.city, "New Britain")
    retype(qtbot, editor.form.name, "Unidad Latina en Accion")
    partners.update_group(
        db,
        group.id,
        PartnerGroupInput("Unidad Latina CT", kind=PartnerKind.FAITH, city="Meriden", website=group.website),
        version=group.version,
    )
    shown = answer_conflicts(monkeypatch, choose({"Name": MINE, "City": THEIRS, "Kind": THEIRS}))
    assert editor.save()
    assert differing(shown[0]) == {
        "Name": ("Unidad Latina en Accion", "Unidad Latina CT"),
        "Kind": ("Community", "Faith"),
        "City": ("New Britain", "Meriden"),
    }
    stored = partners.get_group(db, group.id)
    assert (stored.name, stored.kind, stored.city) == (
        "Unidad Latina en Accion",
        PartnerKind.FAITH,
        "Meriden",
    )
    assert not editor.dirty and editor.group is not None and editor.group.version == stored.version


def test_group_conflict_keep_editing_keeps_the_typing(
    group_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, group = group_editor
    retype(qtbot, editor.form.city, "New Britain")
    partners.update_group(gui_context.db, group.id, PartnerGroupInput("Unidad Latina"), version=group.version)
    answer_conflicts(monkeypatch, keep_editing)
    assert not editor.save()
    assert editor.form.city.text() == "New Britain" and editor.dirty
    assert partners.get_group(gui_context.db, group.id).city == ""


def test_group_deleted_meanwhile_is_saved_as_a_new_record(
    group_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, group = group_editor
    retype(qtbot, editor.form.city, "New Britain")
    partners.delete_group(gui_context.db, group.id)
    answer_deleted(monkeypatch, "new_button")
    assert editor.save()
    assert editor.group is not None
    stored = partners.get_group(gui_context.db, editor.group.id)
    assert (stored.name, stored.city) == ("Unidad Latina", "New Britain")


# --- contacts -----------------------------------------------------------------------------------
def run_contact_dialog(qtbot: QtBot, act: Callable[[QWidget], None]) -> None:
    """Answer the (modal, blocking) contact dialog once it opens, as test_partners does."""
    from rallyorg.gui.partners.contact_dialog import ContactDialog

    errors: list[BaseException] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ContactDialog):
            QTimer.singleShot(20, handle)
            return
        try:
            act(dialog)
        except BaseException as error:  # reported once the dialog is closed
            errors.append(error)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, handle)
    return errors  # type: ignore[return-value]


@pytest.fixture
def contact_panel(gui_context: GuiContext, qtbot: QtBot):  # type: ignore[no-untyped-def]
    from rallyorg.gui.partners.editor import GroupEditor

    db = gui_context.db
    group = partners.create_group(db, PartnerGroupInput("Iglesia San José"))
    contact = partners.add_contact(
        db, group.id, ContactInput("Rosa Díaz", role="Pastor", email="rosa@example.org")
    )
    editor = GroupEditor(gui_context)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_group(partners.get_group(db, group.id))
    panel = editor.contacts
    panel.table.selectRow(panel.model.row_of(contact.id))
    assert panel.selected_contact() is not None
    return editor, contact  # the editor owns the panel: kept alive for the test


def test_contact_conflict_saves_the_merged_values(
    contact_panel, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, contact = contact_panel
    panel = editor.contacts
    db = gui_context.db

    def edit(dialog) -> None:  # type: ignore[no-untyped-def]
        retype(qtbot, dialog.role, "Deacon")
        retype(qtbot, dialog.email, "rosa.diaz@example.org")
        partners.update_contact(
            db,
            contact.id,
            ContactInput("Rosa Díaz", role="Pastora", email="rosa@example.org", phone="203-555-0123"),
            version=contact.version,
        )
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert not dialog.isVisible()

    shown = answer_conflicts(monkeypatch, choose({"Role": THEIRS, "Email": MINE}))
    errors = run_contact_dialog(qtbot, edit)
    panel.edit_contact()
    assert errors == []  # type: ignore[comparison-overlap]
    assert len(shown) == 1
    assert differing(shown[0]) == {
        "Role": ("Deacon", "Pastora"),
        "Email": ("rosa.diaz@example.org", "rosa@example.org"),
        "Phone": ("(empty)", "(203) 555-0123"),
    }
    stored = partners.get_contact(db, contact.id)
    assert (stored.role, stored.email, stored.phone) == ("Pastora", "rosa.diaz@example.org", "+12035550123")


def test_contact_conflict_keep_editing_keeps_the_typing(
    contact_panel, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, contact = contact_panel
    panel = editor.contacts
    db = gui_context.db
    kept: list[str] = []

    def edit(dialog) -> None:  # type: ignore[no-untyped-def]
        retype(qtbot, dialog.role, "Deacon")
        partners.update_contact(db, contact.id, ContactInput("Rosa Díaz", role="Pastora"), version=1)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert dialog.isVisible()  # still open, with what was typed
        kept.append(dialog.role.text())

    answer_conflicts(monkeypatch, keep_editing)
    errors = run_contact_dialog(qtbot, edit)
    panel.edit_contact()
    assert errors == []  # type: ignore[comparison-overlap]
    assert kept == ["Deacon"]
    assert partners.get_contact(db, contact.id).role == "Pastora"


# --- rallies and shifts -------------------------------------------------------------------------
DAY = dt.date.today() + dt.timedelta(days=30)


def make_rally(gui_context: GuiContext) -> int:
    zone = "America/New_York"
    rally = events.create_event(
        gui_context.db,
        EventInput(
            starts_at=local_datetime(DAY, dt.time(15), zone),
            ends_at=local_datetime(DAY, dt.time(17), zone),
            timezone=zone,
            public_url="https://example.org/rally",
            texts={"en": EventTextInput("March for families", "Bring water.")},
        ),
    )
    signups.add_shift(
        gui_context.db,
        rally.id,
        ShiftInput(
            "Marshals",
            local_datetime(DAY, dt.time(14), zone),
            local_datetime(DAY, dt.time(17), zone),
            capacity=4,
        ),
    )
    return rally.id


@pytest.fixture
def rally_editor(gui_context: GuiContext, qtbot: QtBot):  # type: ignore[no-untyped-def]
    from rallyorg.gui.rallies.editor import RallyEditor

    rally_id = make_rally(gui_context)
    editor = RallyEditor(gui_context)
    qtbot.addWidget(editor)
    editor.resize(700, 650)
    editor.show()
    editor.load(events.get_event(gui_context.db, rally_id))
    return editor, events.get_event(gui_context.db, rally_id)


def other_rally_change(gui_context: GuiContext, rally, **changes) -> None:  # type: ignore[no-untyped-def]
    texts = {code: EventTextInput(t.title, t.summary) for code, t in rally.texts.items()}
    texts.update(changes.pop("texts", {}))
    data = EventInput(
        starts_at=rally.starts_at,
        ends_at=rally.ends_at,
        timezone=rally.timezone,
        public_url=changes.pop("public_url", rally.public_url),
        expected_attendance=changes.pop("expected_attendance", rally.expected_attendance),
        texts=texts,
    )
    events.update_event(gui_context.db, rally.id, data, version=rally.version)


def test_rally_conflict_saves_the_merged_values(
    rally_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, rally = rally_editor
    english = editor.texts.columns["en"]
    retype(qtbot, english.title, "March for all families")
    retype(qtbot, editor.details.public_url, "https://example.org/march")
    other_rally_change(
        gui_context,
        rally,
        texts={"en": EventTextInput("Families march", "Bring water and a hat.")},
        public_url="https://example.org/families",
        expected_attendance=300,
    )
    shown = answer_conflicts(monkeypatch, choose({"Title (English)": MINE, "Public web page": THEIRS}))
    assert editor.save() is not None
    found = differing(shown[0])
    assert found["Title (English)"] == ("March for all families", "Families march")
    assert found["Summary (English)"] == ("Bring water.", "Bring water and a hat.")
    assert found["Public web page"] == ("https://example.org/march", "https://example.org/families")
    assert found["Expected attendance"] == ("Not estimated", "300")
    assert len(found) == 4
    stored = events.get_event(gui_context.db, rally.id)
    assert stored.texts["en"].title == "March for all families"
    assert stored.texts["en"].summary == "Bring water and a hat."
    assert (stored.public_url, stored.expected_attendance) == ("https://example.org/families", 300)
    assert len(stored.shifts) == 1 and not editor.is_dirty()


def test_rally_conflict_keep_editing_keeps_the_typing(
    rally_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, rally = rally_editor
    english = editor.texts.columns["en"]
    retype(qtbot, english.title, "March for all families")
    other_rally_change(gui_context, rally, texts={"en": EventTextInput("Families march", "Bring water.")})
    answer_conflicts(monkeypatch, keep_editing)
    assert editor.save() is None
    assert english.title.text() == "March for all families" and editor.is_dirty()
    assert events.get_event(gui_context.db, rally.id).texts["en"].title == "Families march"


def test_rally_deleted_meanwhile_is_saved_as_a_new_record(
    rally_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, rally = rally_editor
    retype(qtbot, editor.texts.columns["en"].title, "March for all families")
    events.delete_event(gui_context.db, rally.id)
    answer_deleted(monkeypatch, "new_button")
    saved = editor.save()
    assert saved is not None
    stored = events.get_event(gui_context.db, saved.id)
    assert stored.texts["en"].title == "March for all families"
    assert stored.public_url == "https://example.org/rally"
    assert editor.rally is not None and editor.rally.id == saved.id and not editor.is_dirty()


def shift_dialog(gui_context: GuiContext, qtbot: QtBot, rally_id: int):  # type: ignore[no-untyped-def]
    from rallyorg.gui.rallies.shift_dialog import ShiftDialog

    rally = events.get_event(gui_context.db, rally_id)
    shift = rally.shifts[0]
    dialog = ShiftDialog(gui_context, rally, shift)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, shift


def test_shift_conflict_saves_the_merged_values(
    gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    dialog, shift = shift_dialog(gui_context, qtbot, make_rally(gui_context))
    retype(qtbot, dialog.role, "Marshals and medics")
    dialog.capacity.setValue(6)
    saved: list[object] = []
    dialog.saved.connect(saved.append)
    signups.update_shift(
        db,
        shift.id,
        ShiftInput("Marshal team", shift.starts_at, shift.ends_at, capacity=8, notes="Vests at the van"),
        version=shift.version,
    )
    shown = answer_conflicts(monkeypatch, choose({"Role": MINE, "People needed": THEIRS}))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert differing(shown[0]) == {
        "Role": ("Marshals and medics", "Marshal team"),
        "People needed": ("6", "8"),
        "Notes": ("(empty)", "Vests at the van"),
    }
    stored = signups.get_shift(db, shift.id)
    assert (stored.role, stored.capacity, stored.notes) == ("Marshals and medics", 8, "Vests at the van")
    assert saved and not dialog.isVisible()


def test_shift_conflict_keep_editing_keeps_the_typing(
    gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    dialog, shift = shift_dialog(gui_context, qtbot, make_rally(gui_context))
    retype(qtbot, dialog.role, "Marshals and medics")
    signups.update_shift(
        db, shift.id, ShiftInput("Marshal team", shift.starts_at, shift.ends_at, 4), version=shift.version
    )
    answer_conflicts(monkeypatch, keep_editing)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.role.text() == "Marshals and medics"
    assert signups.get_shift(db, shift.id).role == "Marshal team"


def test_shift_deleted_meanwhile_is_saved_as_a_new_shift(
    gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    rally_id = make_rally(gui_context)
    dialog, shift = shift_dialog(gui_context, qtbot, rally_id)
    retype(qtbot, dialog.role, "Medics")
    signups.remove_shift(db, shift.id)
    answer_deleted(monkeypatch, "new_button")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert [s.role for s in events.get_event(db, rally_id).shifts] == ["Medics"]


# --- the dialog itself ----------------------------------------------------------------------------
def test_conflict_dialog_fits_and_is_keyboard_usable(qtbot: QtBot, gui_context: GuiContext) -> None:
    from rallyorg.gui.widgets.conflict_dialog import ConflictRow

    rows = [ConflictRow(f"Field {n}", "mine " * 20, "theirs " * 20, n % 2 == 0) for n in range(16)]
    dialog = ConflictDialog(rows)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # as the window manager does; arrow keys move focus in the active window
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    assert dialog.width() <= 1024 and dialog.height() <= 700
    assert dialog.focusWidget() is dialog.choice_buttons[0][0]  # the first choice, ready for arrows
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Right)  # Mine -> Theirs on the same row
    assert dialog.choices()[0] == THEIRS
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == 0 and dialog.outcome.value == "keep"

    again = ConflictDialog(rows)
    qtbot.addWidget(again)
    again.show()
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow, timeout=2000)
    qtbot.keyClick(again.focusWidget(), Qt.Key.Key_Return)  # Enter: Save with these choices
    assert again.outcome.value == "save" and again.choices()[0] == MINE


def test_volunteer_take_theirs_for_everything_shows_the_saved_version(
    volunteer_editor, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, ana = volunteer_editor
    db = gui_context.db
    retype(qtbot, editor.form.city, "Danbury")
    other = volunteers.update_volunteer(
        db, ana.id, VolunteerInput("Ana", "Alves", city="New Haven"), version=ana.version
    )
    answer_conflicts(monkeypatch, lambda dialog: dialog.theirs_button.click())
    assert editor.save() is None  # nothing of the user's to save
    assert volunteers.get_volunteer(db, ana.id).version == other.version  # not written again
    assert editor.form.city.text() == "New Haven" and not editor.is_dirty()
    assert editor.form.email.text() == ""
