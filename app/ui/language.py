"""The window's language: the chosen (or the system's) translation, for Qt and the core."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QTranslator

from app import i18n

# Texts Qt draws itself (standard buttons) that Qt ships no Vietnamese for: marked here so
# that our translation file carries them; Qt finds them there by their context.
QT_OWN_TEXTS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
)


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
