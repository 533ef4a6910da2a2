"""Help ▸ User guide, Licence and Credits: texts shipped in resources/, shown in a plain
reading dialog (no browser, no network)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from rallyorg import paths
from rallyorg.i18n import N_, SOURCE_LANGUAGE, _, ui_language

LICENCE_FILE = ("licenses", "GPL-3.0.txt")
FONT_LICENCE_FILE = ("fonts", "OFL.txt")


@dataclass(frozen=True)
class Credit:
    name: str
    what: str  # N_-marked: what rallyorg uses it for
    licence: str
    url: str


CREDITS = (
    Credit(
        "Noto Sans",
        N_("Typeface of the app and the flyers"),
        "SIL Open Font License 1.1",
        "https://notofonts.github.io/",
    ),
    Credit(
        "Qt / PySide6", N_("Windows, buttons and printing"), "LGPL-3.0", "https://www.qt.io/qt-for-python"
    ),
    Credit("Phosphor Icons (via QtAwesome)", N_("Icons"), "MIT", "https://phosphoricons.com/"),
    Credit("QtAwesome", N_("Icons"), "MIT", "https://github.com/spyder-ide/qtawesome"),
    Credit("SQLAlchemy", N_("The database"), "MIT", "https://www.sqlalchemy.org/"),
    Credit("Alembic", N_("Database upgrades"), "MIT", "https://alembic.sqlalchemy.org/"),
    Credit("SQLite", N_("The database file"), N_("Public domain"), "https://sqlite.org/"),
    Credit("ReportLab", N_("Flyers and rosters as PDF"), "BSD", "https://www.reportlab.com/"),
    Credit(
        "pypdfium2 / PDFium",
        N_("Flyer preview and printing"),
        "Apache-2.0 / BSD-3-Clause",
        "https://github.com/pypdfium2-team/pypdfium2",
    ),
    Credit("Babel", N_("Translations, dates and numbers"), "BSD-3-Clause", "https://babel.pocoo.org/"),
    Credit(
        "platformdirs",
        N_("Where data and settings are kept"),
        "MIT",
        "https://github.com/tox-dev/platformdirs",
    ),
    Credit(
        "phonenumbers",
        N_("Phone numbers"),
        "Apache-2.0",
        "https://github.com/daviddrysdale/python-phonenumbers",
    ),
    Credit(
        "email-validator",
        N_("Email addresses"),
        "Unlicense",
        "https://github.com/JoshData/python-email-validator",
    ),
    Credit("CleverCSV", N_("Reading CSV files"), "MIT", "https://github.com/alan-turing-institute/CleverCSV"),
    Credit("vobject", N_("Contacts as vCard"), "Apache-2.0", "https://github.com/py-vobject/vobject"),
    Credit(
        "icalendar", N_("Events for calendars"), "BSD-2-Clause", "https://github.com/collective/icalendar"
    ),
    Credit("Python", N_("The programming language"), "PSF-2.0", "https://www.python.org/"),
)


def guide_file(language: str) -> Path:
    """The guide in ``language`` (``es``, ``pt_BR``…), or in English where there is none."""
    folder = paths.resources_dir() / "guide"
    for name in (language, language.split("_")[0], SOURCE_LANGUAGE):
        path = folder / f"{name}.html"
        if path.is_file():
            return path
    return folder / f"{SOURCE_LANGUAGE}.html"


class ReadingDialog(QDialog):
    """A text to read, with links that open in the system's browser, and Close."""

    def __init__(self, title: str, parent: QWidget | None = None, intro: str = "") -> None:
        super().__init__(parent)
        self.source_file: Path | None = None
        self.setWindowTitle(title)
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(title)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.browser.setFocus()


def user_guide(parent: QWidget, language: str | None = None) -> ReadingDialog:
    path = guide_file(language or ui_language())
    dialog = ReadingDialog(_("User guide"), parent)
    dialog.browser.setSearchPaths([str(path.parent)])
    dialog.browser.setSource(QUrl.fromLocalFile(str(path)))
    dialog.source_file = path
    return _open(dialog)


def licence(parent: QWidget) -> ReadingDialog:
    dialog = ReadingDialog(
        _("Licence"),
        parent,
        _(
            "rallyorg is free software: you can share and change it under the terms of the GNU "
            "General Public License, version 3 or (at your option) any later version. It comes "
            "with no warranty."
        ),
    )
    dialog.browser.setPlainText(_read(paths.resource(*LICENCE_FILE)))
    return _open(dialog)


def credits_html() -> str:
    def row(cells: tuple[str, ...], tag: str = "td") -> str:
        return "<tr>" + "".join(f"<{tag} align='left'>{cell}</{tag}>" for cell in cells) + "</tr>"

    rows = "".join(
        row(
            (
                f"<a href='{html.escape(credit.url, quote=True)}'>{html.escape(credit.name)}</a>",
                html.escape(_(credit.what)),
                html.escape(_(credit.licence)),
            )
        )
        for credit in CREDITS
    )
    heading = row(tuple(html.escape(t) for t in (_("Component"), _("Used for"), _("Licence"))), "th")
    font_licence = html.escape(_read(paths.resource(*FONT_LICENCE_FILE)))
    thanks = html.escape(_("rallyorg stands on the work of these projects. Thank you."))
    font_heading = html.escape(_("Noto Sans: SIL Open Font License"))
    return (
        f"<p>{thanks}</p>"
        f"<table cellspacing='0' cellpadding='4'>{heading}{rows}</table>"
        f"<h3>{font_heading}</h3><pre style='white-space: pre-wrap'>{font_licence}</pre>"
    )


def credits(parent: QWidget) -> ReadingDialog:
    dialog = ReadingDialog(_("Credits"), parent)
    dialog.browser.setHtml(credits_html())
    return _open(dialog)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return _("The text is missing from this installation: {path}").format(path=path)


def _open(dialog: ReadingDialog) -> ReadingDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
