"""Settings: the interface language (default: the system's) and where the data lives."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from rallyorg.enums import Language
from rallyorg.gui.context import GuiContext
from rallyorg.gui.screen import Screen
from rallyorg.gui.widgets.style import title_label
from rallyorg.i18n import _

SYSTEM = "system"


class SettingsScreen(Screen):
    key = "settings"
    icon_name = "ph.gear-six"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(title_label(_("Settings")))
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        self.language.addItem(_("System language"), SYSTEM)
        for language in Language:
            # Each language in its own name, so anyone can find theirs.
            self.language.addItem(language.native_name, language.value)
        chosen = str(context.settings.value("ui/language", SYSTEM))
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        form.addRow(_("Language of the app"), self.language)
        database = QLabel(context.db.url)
        database.setWordWrap(True)
        database.setTextInteractionFlags(
            database.textInteractionFlags() | database.textInteractionFlags().TextSelectableByMouse
        )
        form.addRow(_("Database"), database)
        layout.addLayout(form)
        layout.addStretch(1)

    def title(self) -> str:
        return _("Settings")

    def _language_chosen(self) -> None:
        choice = str(self.language.currentData())
        self.context.settings.setValue("ui/language", choice)
        window = self.window()
        request = getattr(window, "language_change_requested", None)
        if request is not None:
            request.emit(choice)
