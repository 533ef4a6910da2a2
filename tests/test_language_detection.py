"""One way to choose the UI language from the system, for the command line and the app alike;
catalogs compiled once and kept."""

from __future__ import annotations

import io
import locale
from pathlib import Path

import pytest
from babel.support import Translations

from rallyorg import paths
from rallyorg.i18n import catalog_translations, compiled_catalog, system_language

VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *args: (None, None))
    return monkeypatch


@pytest.mark.parametrize(
    ("environment", "platform", "expected"),
    [
        ({"LANG": "es_MX.UTF-8"}, (), "es"),
        ({"LANG": "pt_PT.UTF-8"}, (), "pt_BR"),  # the Portuguese we have
        ({"LANGUAGE": "fr:pt_BR", "LANG": "fr_FR.UTF-8"}, (), "pt_BR"),  # gettext's list, in order
        ({"LC_ALL": "en_US.UTF-8", "LANG": "es_US.UTF-8"}, (), "en"),  # LC_ALL wins
        ({"LANG": "C.UTF-8"}, ("es-US", "es"), "es"),  # no language in the environment: the platform's
        ({}, ("de-DE", "pt-BR"), "pt_BR"),  # Windows / macOS settings, via Qt
        ({}, ("de-DE",), "en"),
        ({}, (), "en"),
        ({"LANG": "es_ES@euro"}, (), "es"),
        ({"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, ("es",), "en"),  # English on purpose, as gettext
        ({"LC_MESSAGES": "POSIX", "LANG": "pt_BR.UTF-8"}, (), "en"),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "es_ES.UTF-8"}, ("es",), "en"),  # LC_ALL wins: no German
        ({"LANG": "C.UTF-8", "LANGUAGE": "es"}, ("pt-BR",), "pt_BR"),  # no locale: LANGUAGE unused
    ],
)
def test_system_language(
    no_locale: pytest.MonkeyPatch, environment: dict[str, str], platform: tuple[str, ...], expected: str
) -> None:
    for variable, value in environment.items():
        no_locale.setenv(variable, value)
    assert system_language(platform) == expected


def test_python_locale_is_the_last_resort(no_locale: pytest.MonkeyPatch) -> None:
    no_locale.setattr(locale, "getlocale", lambda *args: ("es_ES", "UTF-8"))
    assert system_language() == "es"


def test_catalogs_are_compiled_once_and_kept_by_content(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path)
    po = (paths.translations_dir() / "es" / "LC_MESSAGES" / "rallyorg.po").read_bytes()
    first = compiled_catalog("es", po)
    [kept] = (tmp_path / "catalogs").iterdir()
    assert kept.read_bytes() == first
    assert Translations(io.BytesIO(first)).gettext("Zoom in") == "Acercar"
    # Read back rather than compiled: the file kept is what is used.
    reads: list[Path] = []
    original_read = Path.read_bytes
    with pytest.MonkeyPatch.context() as spy:
        spy.setattr(Path, "read_bytes", lambda path: reads.append(path) or original_read(path))
        assert compiled_catalog("es", po) == first
    assert reads == [kept]
    # A byte changed on disk does not match the file's own hash: compiled again, not served.
    kept.write_bytes(first.replace(b"Acercar", b"Xcercar"))
    assert Translations(io.BytesIO(compiled_catalog("es", po))).gettext("Zoom in") == "Acercar"
    # A changed catalog gets a file of its own, and the old one is removed.
    changed = po.replace(b'msgstr "Acercar"', b'msgstr "Ampliar"')
    assert Translations(io.BytesIO(compiled_catalog("es", changed))).gettext("Zoom in") == "Ampliar"
    assert [path.suffix for path in (tmp_path / "catalogs").iterdir()] == [".mo"]  # no .part left


def test_a_read_only_cache_still_translates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setattr(paths, "cache_dir", lambda: blocked)
    po = (paths.translations_dir() / "pt_BR" / "LC_MESSAGES" / "rallyorg.po").read_bytes()
    compiled = compiled_catalog("pt_BR", po)
    assert Translations(io.BytesIO(compiled)).gettext("Page width") == "Largura da página"


def test_a_damaged_cached_catalog_is_compiled_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path)
    po = (paths.translations_dir() / "es" / "LC_MESSAGES" / "rallyorg.po").read_bytes()
    compiled_catalog("es", po)
    [kept] = (tmp_path / "catalogs").iterdir()
    kept.write_bytes(b"not a catalog")
    assert catalog_translations("es", po).gettext("Zoom in") == "Acercar"
    assert kept.read_bytes() != b"not a catalog"  # replaced by a good one
