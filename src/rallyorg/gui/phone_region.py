"""Where the coalition's phone numbers are from when people write them without +country code
("(203) 555-0142", "11 91234-5678"): a setting imports read (rows and files in Portuguese
still try Brazil first)."""

from __future__ import annotations

import phonenumbers
from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QWidget

from rallyorg.domain.validation import DEFAULT_PHONE_REGION

SETTING = "imports/phone_region"


def phone_region(settings: QSettings) -> str:
    region = str(settings.value(SETTING, DEFAULT_PHONE_REGION)).upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else DEFAULT_PHONE_REGION


class PhoneRegionChoice(QComboBox):
    """Every country phone numbers know, by its name in the app's language."""

    def __init__(self, settings: QSettings, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        try:
            names = Locale.parse(language).territories
        except (UnknownLocaleError, ValueError):
            names = Locale.parse("en").territories
        regions = sorted(phonenumbers.SUPPORTED_REGIONS, key=lambda code: names.get(code, code).casefold())
        for code in regions:
            self.addItem(f"{names.get(code, code)} (+{phonenumbers.country_code_for_region(code)})", code)
        self.setCurrentIndex(max(0, self.findData(phone_region(settings))))
        self.setMinimumContentsLength(18)
        self.currentIndexChanged.connect(lambda _index: settings.setValue(SETTING, self.currentData()))
