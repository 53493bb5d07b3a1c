"""The window's language: the chosen (or the system's) translation, for Qt and the core."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app import i18n


def resolve(choice: str) -> str:
    """A language code for a setting (``system``, ``en``, ``vi``): the system's is read
    from the environment, then from the desktop's own list (Windows, macOS)."""
    if choice in i18n.LANGUAGES:
        return choice
    found = i18n.from_environment()
    if found is not None:
        return found
    for name in QLocale.system().uiLanguages():
        code = name.split("-")[0].split("_")[0].lower()
        if code in i18n.LANGUAGES:
            return code
    return i18n.SOURCE_LANGUAGE


def install_language(application: QCoreApplication, choice: str) -> str:
    """Translate the window and the core into ``choice``; returns the language used."""
    language = resolve(choice)
    for old in application.findChildren(QTranslator, "effnetTranslator"):
        application.removeTranslator(old)
        old.deleteLater()
    if not i18n.use(language):
        return i18n.SOURCE_LANGUAGE
    if language != i18n.SOURCE_LANGUAGE:
        translator = QTranslator(application)
        translator.setObjectName("effnetTranslator")
        if translator.load(str(i18n.qm_file(language))):
            application.installTranslator(translator)
    return language
