"""Where the data is, in words: Settings ▸ Database (with Connect to a server… and Use the file
on this computer), and the window's title and status bar."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rallyorg.gui.context import GuiContext
from rallyorg.gui.server_dialog import TLS_SHORT
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label
from rallyorg.i18n import _
from rallyorg.services import server_connection
from rallyorg.services.server_connection import DataLocation

DEFAULT_FILE_NAME = "rallyorg.sqlite3"  # the usual file: the title does not name it


@dataclass(frozen=True)
class WhereWords:
    title: str  # added to the window's title ("" for the usual file)
    status: str  # the status bar's permanent note
    detail: str  # Settings ▸ Database, and the note's tooltip


def where_words(where: DataLocation) -> WhereWords:
    server = where.server
    if server is not None:
        # Translators: in place of a server's name when it runs on this computer ("Data on this
        # computer, as rosa").
        host = _("this computer") if server.is_local_socket else server.host
        user = server.user or _("your system login")
        tls = _("not needed") if server.is_local_socket else _(TLS_SHORT.get(server.sslmode, server.sslmode))
        return WhereWords(
            # Translators: the window title's end, "Rallies — coalition on db.example.org (as rosa)".
            title=_("{database} on {host} (as {user})").format(
                database=server.database, host=host, user=user
            ),
            status=_("Data on {host}, as {user}").format(host=host, user=user),
            detail=_("Database {database} on the server {host}, port {port}, as {user} ({tls})").format(
                database=server.database, host=server.host, port=server.port, user=user, tls=tls
            ),
        )
    if where.file is not None:
        return WhereWords(
            title="" if where.file.name == DEFAULT_FILE_NAME else where.file.stem,
            status=_("Data in {file} on this computer").format(file=where.file.name),
            detail=_("The file {path} on this computer").format(path=where.file),
        )
    return WhereWords(title="", status=_("Data in memory only"), detail=_("In memory only: nothing is kept"))


class DatabasePanel(QWidget):
    """Settings ▸ Database."""

    server_requested = Signal()
    file_requested = Signal()

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.where = server_connection.location(context.db)
        words = where_words(self.where)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.form = form = QFormLayout()
        self.location = QLabel(words.detail)
        self.location.setWordWrap(True)
        self.location.setAccessibleName(_("Where the data is"))
        form.addRow(_("Where the data is"), self.location)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.connect_server = QPushButton(icon("ph.hard-drives"), _("Connect to a server…"))
        self.connect_server.clicked.connect(self.server_requested.emit)
        self.use_file = QPushButton(icon("ph.laptop"), _("Use the file on this computer"))
        self.use_file.clicked.connect(self.file_requested.emit)
        self.use_file.setVisible(self.where.server is not None)
        buttons.addWidget(self.connect_server)
        buttons.addWidget(self.use_file)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(
            hint_label(_("A coalition can share one PostgreSQL server, each organizer with their own login."))
        )
