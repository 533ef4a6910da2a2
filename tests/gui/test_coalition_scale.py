"""The whole window on a coalition's worth of data: 100,000 volunteers, 200 partner groups,
1,000 rallies with 5,000 shifts and 100,000 sign-ups. Every place opens and shows it, the
global search finds a person, the Volunteers list searches. Functional, not timed: the
figures are benchmarks/coalition.py's."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from rallyorg.domain.text import fold, volunteer_keys
from rallyorg.gui.checkin.screen import CheckInScreen
from rallyorg.gui.dashboard import DashboardScreen
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.partners.screen import PartnersScreen
from rallyorg.gui.rallies.screen import RalliesScreen
from rallyorg.gui.volunteers.screen import VolunteersScreen
from rallyorg.models import Event, EventText, PartnerGroup, Shift, SignUp, Volunteer
from rallyorg.services import Database

PEOPLE = 100_000
EVENTS = 1_000
SHIFTS_PER_EVENT = 5
GIVEN = ["José", "María", "Guerline", "Thiago", "Ana", "Wilson", "Lucía", "Fátima"]
FAMILY = ["Gonçalves", "Núñez", "Pierre", "Souza", "Smith", "Pérez", "Araújo", "Lima"]


@pytest.fixture
def coalition(gui_db: Database) -> Database:
    now = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    people = []
    for n in range(1, PEOPLE + 1):
        given, family, city = GIVEN[n % 8], f"{FAMILY[n // 8 % 8]} {n}", "Danbury"
        people.append({"id": n, "given_name": given, "family_name": family, "city": city})
        people[-1].update(volunteer_keys(given, family, "", "", city))
    # Half the rallies behind us, half ahead, one a day.
    starts = [now + dt.timedelta(days=e - EVENTS // 2) for e in range(1, EVENTS + 1)]
    with gui_db.transaction() as session:
        session.execute(insert(Volunteer), people)
        session.execute(
            insert(PartnerGroup),
            [
                {"id": g, "name": f"Group {g}", "name_key": f"group {g}", "search_text": f"group {g}"}
                for g in range(1, 201)
            ],
        )
        session.execute(
            insert(Event),
            [
                {"id": e, "starts_at": s, "ends_at": s + dt.timedelta(hours=2)}
                for e, s in enumerate(starts, 1)
            ],
        )
        session.execute(
            insert(EventText),
            [{"event_id": e, "language": "en", "title": f"Rally {e}"} for e in range(1, EVENTS + 1)],
        )
        session.execute(
            insert(Shift),
            [
                {"id": sid, "event_id": event, "role": "Marshal", "capacity": 25,
                 "starts_at": starts[event - 1], "ends_at": starts[event - 1] + dt.timedelta(hours=2)}
                for sid in range(1, EVENTS * SHIFTS_PER_EVENT + 1)
                for event in [(sid - 1) // SHIFTS_PER_EVENT + 1]
            ],
        )  # fmt: skip
        session.execute(
            insert(SignUp),
            [
                {"shift_id": n % (EVENTS * SHIFTS_PER_EVENT) + 1, "volunteer_id": n}
                for n in range(1, PEOPLE + 1)
            ],
        )
    return gui_db


def test_every_place_opens_on_a_coalition(coalition: Database, main_window: MainWindow, qtbot: QtBot) -> None:
    dashboard = main_window.show_place("dashboard")
    assert isinstance(dashboard, DashboardScreen)
    qtbot.waitUntil(lambda: "100,000 volunteers" in dashboard.totals.text())
    # The soonest 50 of the 501 rallies ahead (one a day, the one on now among them), and so said.
    assert dashboard.upcoming.rowCount() == 50
    assert dashboard.upcoming_label.text() == "Upcoming events: the next 50 of 501 (Rallies lists them all)"
    assert dashboard.short.rowCount() == 50 and "the next 50 of 2,505" in dashboard.short_label.text()

    rallies = main_window.show_place("rallies")
    assert isinstance(rallies, RalliesScreen)
    qtbot.waitUntil(lambda: rallies.model.rowCount() > 0)
    assert rallies.model.rowCount() == EVENTS
    first = [rallies.model.index(0, column).data() for column in range(rallies.model.columnCount())]
    assert "Rally 1" in first and "100 / 125" in first  # 20 sign-ups on each of 5 shifts of 25

    partners = main_window.show_place("partners")
    assert isinstance(partners, PartnersScreen)
    qtbot.waitUntil(lambda: partners.list_view().model().rowCount() == 200)

    checkin = main_window.show_place("checkin")
    assert isinstance(checkin, CheckInScreen)
    qtbot.waitUntil(lambda: checkin.event_combo.count() > 0)

    volunteers = main_window.show_place("volunteers")
    assert isinstance(volunteers, VolunteersScreen)
    qtbot.waitUntil(lambda: volunteers.count_label.text() == "100,000 volunteers")
    volunteers.filters.search.setText("guerline pierre 9")
    volunteers.filters.search.flush()
    qtbot.waitUntil(lambda: volunteers.model.query.search == "guerline pierre 9")
    shown = [volunteers.model.row_at(r) for r in range(min(volunteers.model.rowCount(), 50))]
    assert shown and all(row is not None and "pierre" in fold(row.name) for row in shown)
