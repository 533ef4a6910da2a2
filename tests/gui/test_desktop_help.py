"""Help ▸ User guide (bundled, in the interface's language), Licence and Credits."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from rallyorg.gui.application import switch_language
from rallyorg.gui.desktop import help_dialogs
from rallyorg.gui.main_window import MainWindow


def help_menu(window: MainWindow) -> QMenu:
    menu = window.menuBar().actions()[-1].menu()
    assert isinstance(menu, QMenu)
    return menu


def trigger(window: MainWindow, text: str) -> None:
    (action,) = [a for a in help_menu(window).actions() if a.text().replace("&", "") == text]
    action.trigger()


def test_help_offers_guide_licence_credits_and_about(main_window: MainWindow) -> None:
    texts = [a.text().replace("&", "") for a in help_menu(main_window).actions() if not a.isSeparator()]
    assert texts == ["User guide", "Licence", "Credits", "About rallyorg"]


def test_the_user_guide_opens_in_english_and_covers_the_work(main_window: MainWindow, qtbot: QtBot) -> None:
    trigger(main_window, "User guide")
    dialog = main_window.findChild(help_dialogs.ReadingDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    for topic in (
        "Plan a rally",
        "Partner groups",
        "Shifts and sign-ups",
        "Check-in",
        "Flyers",
        "Import and export",
        "Backups",
    ):
        assert topic in text, topic
    dialog.reject()


def test_the_user_guide_follows_the_interface_language(main_window: MainWindow, qtbot: QtBot) -> None:
    spanish = switch_language(main_window, "es")
    assert spanish is not None
    qtbot.addWidget(spanish)
    dialog = help_dialogs.user_guide(spanish)
    assert dialog.source_file is not None and dialog.source_file.name == "es.html"
    assert "Planear una manifestación" in dialog.browser.toPlainText()
    dialog.reject()
    portuguese = help_dialogs.user_guide(spanish, "pt_BR")
    assert "Planejar um ato" in portuguese.browser.toPlainText()
    portuguese.reject()
    assert help_dialogs.guide_file("fr").name == "en.html"  # no guide in a language: English


def test_licence_shows_the_gpl_and_credits_name_fonts_and_libraries(main_window: MainWindow) -> None:
    trigger(main_window, "Licence")
    licence = main_window.findChild(help_dialogs.ReadingDialog)
    assert licence is not None
    assert "GNU GENERAL PUBLIC LICENSE" in licence.browser.toPlainText()
    assert "Version 3" in licence.browser.toPlainText()
    licence.reject()
    licence.deleteLater()
    credits = help_dialogs.credits(main_window)
    text = credits.browser.toPlainText()
    for name, licence_name in (
        ("Noto Sans", "SIL Open Font License"),
        ("Qt / PySide6", "LGPL-3.0"),
        ("SQLAlchemy", "MIT"),
        ("ReportLab", "BSD"),
        ("Babel", "BSD-3-Clause"),
        ("Phosphor Icons", "MIT"),
        ("pypdfium2", "Apache-2.0"),
    ):
        assert name in text and licence_name in text, name
    assert "SIL OPEN FONT LICENSE" in text  # the font's licence itself, as the OFL asks
    credits.reject()
