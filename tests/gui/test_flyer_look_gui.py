"""Settings ▸ Flyer look: colours chosen with the colour dialog are saved for the coalition, a
colour too light is refused in words under the choices (and the previous one stays), the font
family saves, viewers only look, and the section fits a 1024×700 window in English and Spanish."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QColorDialog, QScrollArea
from pytestqt.qtbot import QtBot

from rallyorg.domain.enums import ServerRole
from rallyorg.domain.look import FlyerLook, grayscale
from rallyorg.gui.application import create_main_window
from rallyorg.gui.context import GuiContext
from rallyorg.gui.flyer_look_panel import FlyerLookPanel
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.settings_screen import SettingsScreen
from rallyorg.services import look as look_service
from rallyorg.services.session_rights import SessionRights

from .test_narrow_window import problems_in, resize, settle

LEFT = Qt.MouseButton.LeftButton


def _panel(main_window: MainWindow) -> FlyerLookPanel:
    if main_window.pages.currentIndex() != 0:
        main_window._welcome_done()  # an empty database starts on the welcome page
    screen = main_window.show_place("settings")
    assert isinstance(screen, SettingsScreen)
    return screen.look


def _colour_dialog_answers(monkeypatch: pytest.MonkeyPatch, colour: str | None) -> list[str]:
    """The colour dialog picks ``colour`` (None: Cancel); returns the colours it started from."""
    asked: list[str] = []

    def get_color(initial: QColor, *args: object, **kwargs: object) -> QColor:
        asked.append(initial.name().upper())
        return QColor(colour) if colour is not None else QColor()

    monkeypatch.setattr(QColorDialog, "getColor", get_color)
    return asked


def test_a_chosen_colour_is_saved_for_the_coalition(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = _panel(main_window)
    assert panel.accent.text() == "#B4233C" and panel.second.text() == "#1F4E79"
    asked = _colour_dialog_answers(monkeypatch, "#0b6e4f")
    with qtbot.waitSignal(panel.saved, timeout=5_000):
        qtbot.mouseClick(panel.accent, LEFT)
    assert asked == ["#B4233C"]  # the dialog opens on the colour in use
    assert panel.accent.text() == "#0B6E4F"
    assert look_service.get_look(gui_context.db) == FlyerLook(accent="#0B6E4F")
    assert main_window.statusBar().currentMessage() == "Flyer look saved"
    assert panel.isVisible() and not panel.problem.isVisible()
    assert "#0B6E4F" in panel.sample.colour.heading.styleSheet()
    assert grayscale("#0B6E4F") == "#606060"
    assert "#606060" in panel.sample.grey.heading.styleSheet()  # as photocopied

    # Cancel changes nothing.
    _colour_dialog_answers(monkeypatch, None)
    qtbot.mouseClick(panel.second, LEFT)
    assert look_service.get_look(gui_context.db) == FlyerLook(accent="#0B6E4F")


def test_a_colour_too_light_is_refused_with_the_reason(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = _panel(main_window)
    _colour_dialog_answers(monkeypatch, "#FFD700")
    with qtbot.assertNotEmitted(panel.saved):
        qtbot.mouseClick(panel.accent, LEFT)
    assert panel.problem.isVisible()
    message = panel.problem.text.text()
    assert message.startswith("The accent colour #FFD700 is too light:")
    assert "1.4:1" in message and "4.5:1" in message and message.endswith("Nothing was changed.")
    assert panel.accent.text() == "#B4233C"  # the previous colour stays
    assert "#B4233C" in panel.sample.colour.heading.styleSheet()
    assert look_service.get_look(gui_context.db) == FlyerLook()

    # The second colour too; then a good choice clears the message.
    _colour_dialog_answers(monkeypatch, "#777777")
    qtbot.mouseClick(panel.second, LEFT)
    assert panel.problem.text.text().startswith("The second colour #777777 is too light:")
    assert "4.48:1" in panel.problem.text.text()
    _colour_dialog_answers(monkeypatch, "#595959")
    with qtbot.waitSignal(panel.saved, timeout=5_000):
        qtbot.mouseClick(panel.second, LEFT)
    assert not panel.problem.isVisible()
    assert look_service.get_look(gui_context.db) == FlyerLook(second="#595959")


def test_the_font_family_saves_and_each_shows_in_its_own_face(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    panel = _panel(main_window)
    combo = panel.font_choice
    names = ["Noto Sans", "Noto Serif", "Noto Sans Display"]
    assert [combo.itemText(i) for i in range(combo.count())] == names
    faces = [combo.itemData(i, Qt.ItemDataRole.FontRole) for i in range(combo.count())]
    assert all(isinstance(face, QFont) for face in faces)
    assert [face.families()[0] for face in faces] == names

    serif = combo.findData("noto-serif")
    with qtbot.waitSignal(panel.saved, timeout=5_000):
        combo.setCurrentIndex(serif)
        combo.activated.emit(serif)
    assert look_service.get_look(gui_context.db).font == "noto-serif"
    assert panel.sample.colour.heading.font().families()[0] == "Noto Serif"

    # Reset: the default look again, stored as "never chosen".
    with qtbot.waitSignal(panel.saved, timeout=5_000):
        qtbot.mouseClick(panel.reset, LEFT)
    assert look_service.get_look(gui_context.db) == FlyerLook()
    assert combo.currentData() == "noto-sans" and panel.accent.text() == "#B4233C"


def test_settings_show_what_another_organizer_chose(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    panel = _panel(main_window)
    look_service.save_look(gui_context.db, FlyerLook(accent="#6A0DAD", font="noto-sans-display"))
    main_window.show_place("dashboard")
    main_window.show_place("settings")
    assert panel.accent.text() == "#6A0DAD" and panel.font_choice.currentData() == "noto-sans-display"


def test_a_viewer_sees_the_look_but_cannot_change_it(qtbot: QtBot, gui_context: GuiContext) -> None:
    look_service.save_look(gui_context.db, FlyerLook(second="#333333"))
    gui_context.rights = SessionRights(
        login="ana", role=ServerRole.VIEWER, read_people=False, write_people=False, write_events=False
    )
    panel = FlyerLookPanel(gui_context)
    qtbot.addWidget(panel)
    assert panel.second.text() == "#333333"
    for control in (panel.accent, panel.second, panel.font_choice, panel.reset):
        assert not control.isEnabled()
    assert panel.hint.text().startswith("Only organizers and admins can change the flyer look")


@pytest.fixture(params=["en", "es"])
def window_in(request: pytest.FixtureRequest, qtbot: QtBot, gui_context: GuiContext) -> Iterator[MainWindow]:
    apply_language(request.param)
    built = create_main_window(gui_context)
    built.show()
    if built.pages.currentIndex() != 0:
        built._welcome_done()
    yield built
    if shiboken6.isValid(built):
        built._replacing = True
        built.close()
        built.deleteLater()


@pytest.mark.parametrize("size", [QSize(1024, 700), QSize(960, 540)], ids=["1024x700", "960x540"])
def test_settings_fit_a_small_window(
    window_in: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, size: QSize
) -> None:
    resize(window_in, qtbot, size)
    screen = window_in.show_place("settings")
    assert isinstance(screen, SettingsScreen)
    settle(qtbot)
    problems = problems_in(screen, f"{size.width()}×{size.height()}")
    # With a refusal showing too (the longest words the section shows).
    _colour_dialog_answers(monkeypatch, "#FFD700")
    screen.look.accent.click()
    settle(qtbot)
    assert screen.look.problem.isVisible()
    problems += problems_in(screen, f"{size.width()}×{size.height()} refusing")
    area = screen.findChild(QScrollArea)
    assert area is not None and not area.horizontalScrollBar().isVisible()
    assert not problems, "\n".join(problems)
