"""Qt's side of translation: our gettext catalogs drive every rallyorg string (through
``rallyorg.i18n._``); Qt's own strings (standard buttons, file dialogs) come from the
``qtbase_xx.qm`` files that PySide6 ships, loaded with a ``QTranslator``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from rallyorg.i18n import FORMAT_LOCALES, set_ui_language

_installed: list[QTranslator] = []


def qt_locale(language: str) -> QLocale:
    return QLocale(FORMAT_LOCALES.get(language, language))


def apply_language(language: str) -> None:
    """Switch gettext and Qt's own translations to ``language`` (en, es, pt_BR)."""
    set_ui_language(language)
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(qt_locale(language))
    if language == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in (f"qtbase_{language}", f"qtbase_{language.split('_')[0]}"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
            break
