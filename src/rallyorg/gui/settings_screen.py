"""Settings: the interface language (default: the system's), the flyers' look (shared by the
coalition), reminders (the email account, the messages), your data (where it is, backups,
encryption, the retention rule) and the history: who changed what (and, on a laptop's file,
the name it gives this computer's changes), imports and exports."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import Language
from rallyorg.gui.backup import DataPanel
from rallyorg.gui.context import GuiContext
from rallyorg.gui.database_panel import DatabasePanel
from rallyorg.gui.encryption import EncryptionPanel
from rallyorg.gui.flyer_look_panel import FlyerLookPanel
from rallyorg.gui.phone_region import PhoneRegionChoice
from rallyorg.gui.reminders.settings_panel import ReminderSettingsPanel
from rallyorg.gui.retention import RetentionPanel
from rallyorg.gui.screen import Screen
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label, section_label, title_label
from rallyorg.i18n import _
from rallyorg.services import activity

SYSTEM = "system"


def align_labels(*forms: QFormLayout) -> None:
    """Forms stacked in one column, their fields starting at one edge (each form would size
    its label column alone)."""
    labels = [
        item.widget()
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
        and item.widget() is not None
    ]
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


class SettingsScreen(Screen):
    key = "settings"
    icon_name = "ph.gear-six"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # Scrolls: with every section it is taller than a laptop's window at 125–150% scaling,
        # and squeezed rows would overlap instead.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        scroll.setWidget(page)
        QVBoxLayout(self).addWidget(scroll)
        self.layout().setContentsMargins(0, 0, 0, 0)
        outer = QHBoxLayout(page)
        outer.setContentsMargins(24, 16, 24, 16)
        column = QWidget()
        # One readable column (long hint lines are hard to follow across a wide window).
        column.setMaximumWidth(column.fontMetrics().averageCharWidth() * 120)
        outer.addWidget(column, 1)
        outer.addStretch(0)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(title_label(_("Settings")))

        layout.addSpacing(8)
        layout.addWidget(section_label(_("Language")))
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language of the app"))
        self.language.setMinimumContentsLength(18)
        self.language.addItem(_("System language"), SYSTEM)
        for language in Language:
            # Each language in its own name, so anyone can find theirs.
            self.language.addItem(language.native_name, language.value)
        chosen = str(context.settings.value("ui/language", SYSTEM))
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        row = QHBoxLayout()
        row.addWidget(self.language)
        row.addStretch(1)
        form.addRow(_("Language of the app"), row)
        self.phone_region = PhoneRegionChoice(context.settings, context.language)
        self.phone_region.setAccessibleName(_("Phones without a country code are from"))
        row = QHBoxLayout()
        row.addWidget(self.phone_region)
        row.addStretch(1)
        form.addRow(_("Phones without a country code are from"), row)
        layout.addLayout(form)
        layout.addWidget(
            hint_label(
                _(
                    "The app changes language at once and keeps your place. Flyers choose their own "
                    "languages on each rally's Flyer tab. Imports read a phone such as (203) 555-0142 "
                    "as from the country above; rows and files in Portuguese try Brazil first."
                )
            )
        )

        layout.addSpacing(12)
        layout.addWidget(section_label(_("Flyer look")))
        self.look = FlyerLookPanel(context)
        layout.addWidget(self.look)

        layout.addSpacing(12)
        layout.addWidget(section_label(_("Reminders")))
        self.reminders = ReminderSettingsPanel(context)
        layout.addWidget(self.reminders)

        layout.addSpacing(12)
        layout.addWidget(section_label(_("Database")))
        self.database = DatabasePanel(context)
        self.database.server_requested.connect(lambda: self._ask_window("server_requested"))
        self.database.file_requested.connect(lambda: self._ask_window("local_file_requested"))
        layout.addWidget(self.database)

        layout.addSpacing(12)
        layout.addWidget(section_label(_("Your data")))
        self.data = DataPanel(context)
        layout.addWidget(self.data)
        layout.addSpacing(4)
        self.encryption = EncryptionPanel(context)
        self.encryption.requested.connect(self._encryption_requested)
        layout.addWidget(self.encryption)
        layout.addSpacing(4)
        self.retention = RetentionPanel(context)
        layout.addWidget(self.retention)

        layout.addSpacing(12)
        layout.addWidget(section_label(_("History")))
        self.name_form = QFormLayout()
        self.actor_name: QLineEdit | None = None
        if context.db.is_sqlite:  # on a server the login names each change, and cannot be renamed
            self.actor_name = QLineEdit(context.actor_name())
            self.actor_name.setAccessibleName(_("Your name"))
            self.actor_name.setMaxLength(activity.ACTOR_LENGTH)
            self.actor_name.setMinimumWidth(self.actor_name.fontMetrics().averageCharWidth() * 28)
            self.actor_name.setPlaceholderText(activity.default_actor())
            self.actor_name.editingFinished.connect(self._name_edited)
            row = QHBoxLayout()
            row.addWidget(self.actor_name)
            row.addStretch(1)
            self.name_form.addRow(_("Your name"), row)
            layout.addLayout(self.name_form)
            layout.addWidget(
                hint_label(
                    _(
                        "The activity log names this computer's changes with it (View ▸ Activity…). "
                        "Left empty, it uses the computer's user name."
                    )
                )
            )
        align_labels(
            form, self.look.form, self.database.form, self.data.form, self.encryption.form, self.name_form
        )
        buttons = QHBoxLayout()
        self.activity = QPushButton(icon("ph.clock-clockwise"), _("Activity…"))
        self.activity.clicked.connect(lambda: self.ask_window("show_activity"))
        buttons.addWidget(self.activity)
        self.import_history = QPushButton(icon("ph.clock-counter-clockwise"), _("Import history…"))
        self.import_history.clicked.connect(lambda: self.ask_window("show_import_history"))
        self.export_log = QPushButton(icon("ph.list-bullets"), _("Export log…"))
        self.export_log.clicked.connect(lambda: self.ask_window("show_export_log"))
        buttons.addWidget(self.import_history)
        buttons.addWidget(self.export_log)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(
            hint_label(
                _(
                    "Each import can be undone as a whole. Each export is recorded: when, what and how "
                    "many rows, never the people in it."
                )
            )
        )
        layout.addStretch(1)

    def title(self) -> str:
        return _("Settings")

    def refresh(self) -> None:
        self.data.refresh()
        self.look.refresh()  # another organizer may have changed it
        self.reminders.refresh()

    def activate(self) -> None:
        self.refresh()  # the database grows while other screens are used

    def _ask_window(self, signal_name: str) -> None:
        request = getattr(self.window(), signal_name, None)
        if request is not None:
            request.emit()

    def _encryption_requested(self, action: str) -> None:
        request = getattr(self.window(), "encryption_requested", None)
        if request is not None:
            request.emit(action)

    def _name_edited(self) -> None:
        """Your name: kept for the next starts, used from the next save on."""
        if self.actor_name is None or self.actor_name.text().strip() == self.context.actor_name():
            return
        used = self.context.set_actor_name(self.actor_name.text())
        self.context.say(_("Your changes are now logged as {name}").format(name=used))

    def _language_chosen(self) -> None:
        choice = str(self.language.currentData())
        self.context.settings.setValue("ui/language", choice)
        window = self.window()
        request = getattr(window, "language_change_requested", None)
        if request is not None:
            request.emit(choice)
