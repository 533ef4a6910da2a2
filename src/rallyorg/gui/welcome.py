"""First run: an empty database offers the sample coalition or a clean start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from rallyorg.gui.background import Task, run_in_background
from rallyorg.gui.changes import Change
from rallyorg.gui.context import GuiContext
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import scaled_font, title_label
from rallyorg.i18n import _
from rallyorg.services.database_files import database_file


class WelcomePage(QWidget):
    finished = Signal()

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        heading = title_label(_("Welcome to rallyorg"), 1.8)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        intro = QLabel(
            _(
                "Plan rallies, bring partner groups on board, fill volunteer shifts and print "
                "bilingual flyers. Everything stays on this computer."
            )
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setFont(scaled_font(intro, 1.1))
        layout.addWidget(intro)
        layout.addSpacing(24)
        self.sample = QPushButton(icon("ph.compass"), _("Explore the sample coalition"))
        self.sample.setToolTip(_("Loads fictional partner groups, rallies and volunteers to try things out."))
        self.empty = QPushButton(icon("ph.file"), _("Start with an empty database"))
        for button in (self.sample, self.empty):
            button.setMinimumHeight(44)
            button.setFont(scaled_font(button, 1.1))
            row = QVBoxLayout()
            row.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            button.setMinimumWidth(360)
            row.addWidget(button)
            layout.addLayout(row)
        self.protect = QPushButton(icon("ph.lock-key"), _("Protect this database with a passphrase…"))
        self.protect.setFlat(True)
        self.protect.setToolTip(
            _("Encrypts the database file and its backups: a lost laptop gives away no one's details.")
        )
        self.protect.setVisible(database_file(context.db) is not None and not context.db.is_encrypted)
        self.protect.clicked.connect(self._protect)
        protect_row = QVBoxLayout()
        protect_row.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        protect_row.addWidget(self.protect)
        layout.addSpacing(8)
        layout.addLayout(protect_row)
        self.sample.setDefault(True)
        self.sample.clicked.connect(self.load_sample)
        self.empty.clicked.connect(self.finished.emit)
        layout.addStretch(3)

    def _protect(self) -> None:
        request = getattr(self.window(), "encryption_requested", None)
        if request is not None:
            request.emit("encrypt")

    def load_sample(self) -> None:
        from rallyorg.demo import load_demo

        def work(task: Task) -> object:
            task.progress(0, 0, _("Loading the sample coalition…"))
            return load_demo(self.context.db)

        def done(_summary: object) -> None:
            self.context.data_changed(Change.everything())
            self.context.say(_("The sample coalition is loaded."))
            self.finished.emit()

        self.sample.setEnabled(False)
        self.empty.setEnabled(False)
        run_in_background(self, _("Loading the sample coalition…"), work, done, self._failed)

    def _failed(self, error: BaseException) -> None:
        from rallyorg.gui.error_dialog import show_error

        self.sample.setEnabled(True)
        self.empty.setEnabled(True)
        show_error(self, error)
