"""Your data: where the database is, how big, when it was last backed up, and "Back up now…"
(also File ▸ Back up database…). The copy itself is services.backup's; this asks where, runs it
off the UI thread and remembers the last backup on this computer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError, os_reason
from rallyorg.gui.background import Task, run_in_background
from rallyorg.gui.context import GuiContext
from rallyorg.gui.restore import choose_and_restore
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label
from rallyorg.i18n import _, format_datetime, format_file_size
from rallyorg.services import Database, backup, backup_rotation, housekeeping

_LAST_AT = "backup/last_at"  # ISO time of the last backup made from this computer
_LAST_PATH = "backup/last_path"
_FOLDER = "backup/folder"


def _selectable(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def suggested_backup_path(context: GuiContext, today: dt.date | None = None) -> Path:
    folder = str(
        context.settings.value(_FOLDER, "")
        or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    return Path(folder) / f"rallyorg-backup-{(today or dt.date.today()).isoformat()}.sqlite3"


def latest_automatic_backup(db: Database) -> backup.BackupFile | None:
    """The newest automatic backup beside the database (None: none yet, or a server)."""
    folder = backup.automatic_backup_folder(db)
    if folder is None or not folder.is_dir():
        return None
    found = backup.automatic_backups(folder)
    return found[0] if found else None


class DataPanel(QWidget):
    """The "Your data" part of Settings."""

    backed_up = Signal(object)  # backup.BackupResult

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.info = context.call(backup.database_info)
        # Hints sit in the box layout, not in form rows: QFormLayout sizes a word-wrapped label
        # for a narrower width than it gets and leaves a gap around it.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Where the file is, Settings says just above ("Where the data is"): not twice.
        self.form = form = QFormLayout()
        self.file_size = QLabel()
        form.addRow(_("Size"), self.file_size)
        self.last_backup = _selectable(QLabel())
        form.addRow(_("Last backup"), self.last_backup)
        self.automatic = _selectable(QLabel())
        form.addRow(_("Automatic backups"), self.automatic)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.back_up = QPushButton(icon("ph.floppy-disk-back"), _("Back up now…"))
        self.back_up.clicked.connect(self.start_backup)
        self.restore = QPushButton(icon("ph.clock-counter-clockwise"), _("Restore from a backup…"))
        self.restore.clicked.connect(lambda: choose_and_restore(self, self.context))
        self.show_folder = QPushButton(icon("ph.folder-open"), _("Show in folder"))
        self.show_folder.clicked.connect(self._show_folder)
        buttons.addWidget(self.back_up)
        buttons.addWidget(self.restore)
        buttons.addWidget(self.show_folder)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        if self.info.can_back_up:
            advice = _(
                "A backup is a complete copy of everything here; Restore from a backup puts one back "
                "(what is here then is backed up first). Backups hold volunteers' personal details: "
                "keep them somewhere safe, not on a shared drive."
            )
        else:
            advice = _(
                "This database is on a server. Whoever runs the server backs it up there "
                "(for PostgreSQL: pg_dump); rallyorg cannot make a copy of it from here."
            )
        self.advice = hint_label(advice)
        layout.addWidget(self.advice)
        self.back_up.setEnabled(self.info.can_back_up)
        self.restore.setEnabled(self.info.can_back_up)
        self.show_folder.setEnabled(self.info.file is not None)
        self.refresh()

    def refresh(self) -> None:
        self.info = self.context.call(backup.database_info)
        language = self.context.language
        if self.info.size_bytes is None:
            self.file_size.setText(_("Kept on the server"))
        else:
            self.file_size.setText(format_file_size(self.info.size_bytes, language))
        # The latest of the last backup made by hand and the last automatic one.
        last_at = str(self.context.settings.value(_LAST_AT, ""))
        last_path = str(self.context.settings.value(_LAST_PATH, ""))
        manual = dt.datetime.fromisoformat(last_at).astimezone() if last_at and last_path else None
        automatic = self.context.call(latest_automatic_backup)
        automatic_at = automatic.taken_at.astimezone() if automatic else None  # local time
        if automatic is not None and automatic_at is not None and (manual is None or automatic_at > manual):
            self.last_backup.setText(
                _("{when}, automatically, to {path}").format(
                    when=format_datetime(automatic_at, language), path=automatic.path
                )
            )
        elif manual is not None:
            self.last_backup.setText(
                _("{when}, to {path}").format(when=format_datetime(manual, language), path=last_path)
            )
        elif self.info.can_back_up:
            self.last_backup.setText(_("Never backed up from this computer"))
        else:
            self.last_backup.setText(_("Not from rallyorg (see below)"))
        folder = self.context.call(backup.automatic_backup_folder)
        if folder is None:
            self.automatic.setText(_("Made on the server"))
        else:
            self.automatic.setText(
                # Translators: how long automatic backups are kept (services/backup_rotation.py).
                _(
                    "Every day when rallyorg starts, in {folder}. Kept: all from the last {days} days, "
                    "then one a week for {weeks} weeks and one a month for {months} months."
                ).format(
                    folder=folder,
                    days=backup_rotation.KEEP_ALL_DAYS,
                    weeks=backup_rotation.KEEP_WEEKS,
                    months=backup_rotation.KEEP_MONTHS,
                )
            )

    def _show_folder(self) -> None:
        if self.info.file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.info.file.parent)))

    def start_backup(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            _("Back up the database"),
            str(suggested_backup_path(self.context)),
            _("rallyorg backups (*.sqlite3)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".sqlite3":
            path = path.with_name(path.name + ".sqlite3")
        db = self.context.db

        def work(task: Task) -> backup.BackupResult:
            return backup.backup_database(db, path)

        self.back_up.setEnabled(False)
        run_in_background(
            self, _("Backing up the database…"), work, self._done, self._failed, show_progress=True
        )

    def _done(self, result: backup.BackupResult) -> None:
        settings = self.context.settings
        settings.setValue(_LAST_AT, dt.datetime.now(dt.UTC).isoformat())
        settings.setValue(_LAST_PATH, str(result.path))
        settings.setValue(_FOLDER, str(result.path.parent))
        self.back_up.setEnabled(True)
        self.refresh()
        self.context.say(
            _("Backup written to {path} ({size}).").format(
                path=result.path, size=format_file_size(result.size_bytes, self.context.language)
            )
        )
        self.backed_up.emit(result)

    def _failed(self, error: BaseException) -> None:
        from rallyorg.gui.error_dialog import show_error

        self.back_up.setEnabled(True)
        show_error(self, error)


def start_automatic_backup(parent: QWidget, context: GuiContext) -> None:
    """At start-up, quietly: what killed backups and restores left behind is removed, then a
    backup is made if the last automatic one is a day old (services.leftovers, services.backup)."""
    db = context.db

    def work(task: Task) -> backup.BackupResult | None:
        housekeeping.tidy(db)  # hidden copies a killed backup or restore left behind, and more
        return backup.automatic_backup(db)

    def done(result: backup.BackupResult | None) -> None:
        if result is not None:
            context.say(_("Automatic backup saved in {folder}").format(folder=result.path.parent))
            # Settings' "Last backup" line says so at once if it is already built.
            for panel in parent.findChildren(DataPanel):
                panel.refresh()

    def failed(error: BaseException) -> None:
        # Never a dialog at start-up; the status bar says it and Settings offers a backup by hand.
        if isinstance(error, RallyorgError):
            reason = error.translated(_)
        elif isinstance(error, OSError):
            reason = _(os_reason(error, writing=True))
        else:
            reason = type(error).__name__  # the log has the rest; no personal data in the status bar
        context.say(_("The automatic backup failed: {reason}").format(reason=reason))

    run_in_background(parent, _("Backing up the database…"), work, done, failed, show_progress=False)
