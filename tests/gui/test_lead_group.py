"""One lead group, chosen in one place (the Partners tab's Lead role) and shown on the Details
tab; a group can take a second role; a new lead makes the old one a co-sponsor."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rallyorg.domain.enums import PartnerRole
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.rallies.editor import DETAILS, PARTNERS
from rallyorg.gui.rallies.partner_picker import PartnerPicker
from rallyorg.services import events, partners
from rallyorg.services.partners import PartnerGroupInput

from .test_rallies import click, click_row, click_tab, make_event, open_rallies


def pick(qtbot: QtBot, tab: object, name: str, role: PartnerRole) -> None:
    click(qtbot, tab.add_button)  # type: ignore[attr-defined]
    picker = tab.dialog  # type: ignore[attr-defined]
    assert isinstance(picker, PartnerPicker)
    qtbot.keyClicks(picker.search, name)
    picker.search.flush()
    click_row(qtbot, picker.results, 0)
    picker.role.setCurrentIndex(picker.role.findData(role.value))
    click(qtbot, picker.add_button)


def rows(tab: object) -> list[tuple[str, str]]:
    table = tab.table  # type: ignore[attr-defined]
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_the_lead_is_chosen_on_the_partners_tab_and_shown_in_details(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    church = partners.create_group(db, PartnerGroupInput(name="Iglesia San José"))
    union = partners.create_group(db, PartnerGroupInput(name="SEIU 32BJ"))
    event_id = make_event(gui_context, "Rally for Driver's Licenses")
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    details, tab = screen.editor.details, screen.editor.partners
    assert details.lead_group.text() == "None yet" and not details.lead_group.isEnabled()

    click(qtbot, details.change_lead)  # "Choose on the Partners tab…"
    assert screen.editor.tabs.currentIndex() == PARTNERS
    pick(qtbot, tab, "Iglesia", PartnerRole.LEAD)
    pick(qtbot, tab, "Iglesia", PartnerRole.MARSHALS)  # the same group, a second role
    assert rows(tab) == [("Iglesia San José", "Lead"), ("Iglesia San José", "Provides marshals")]
    click_tab(qtbot, screen, DETAILS)
    assert details.lead_group.text() == "Iglesia San José"  # before saving: as the form stands

    # A new lead: the union. The church stays, as a co-sponsor (and still brings the marshals).
    click_tab(qtbot, screen, PARTNERS)
    pick(qtbot, tab, "SEIU", PartnerRole.CO_SPONSOR)
    click_row(qtbot, tab.table, 2)
    tab.role.setCurrentIndex(tab.role.findData(PartnerRole.LEAD.value))
    assert rows(tab) == [
        ("Iglesia San José", "Co-sponsor"),
        ("Iglesia San José", "Provides marshals"),
        ("SEIU 32BJ", "Lead"),
    ]
    assert details.lead_group.text() == "SEIU 32BJ"
    # Giving a group a role it already has here is refused, and the row keeps its role.
    click_row(qtbot, tab.table, 0)
    tab.role.setCurrentIndex(tab.role.findData(PartnerRole.MARSHALS.value))
    assert rows(tab)[0] == ("Iglesia San José", "Co-sponsor")
    assert tab.role.currentData() == PartnerRole.CO_SPONSOR.value

    click(qtbot, screen.editor.save_button)
    saved = events.get_event(db, event_id)
    assert saved.lead_group_name == "SEIU 32BJ"
    assert sorted((p.group_id, p.role) for p in saved.partners) == sorted(
        [(church.id, PartnerRole.CO_SPONSOR), (church.id, PartnerRole.MARSHALS), (union.id, PartnerRole.LEAD)]
    )
    assert QApplication.activeModalWidget() is None
