"""The gettext catalogs are complete and current: the template matches the code, every
message is translated (no fuzzy entries), placeholders match, and every catalog compiles."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
LANGUAGES = ("es", "pt_BR")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*\}")


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, tuple | list) else (message.id,)


def _strings(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, tuple | list) else (message.string,)


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _code_messages() -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "src"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(tuple(message) if isinstance(message, tuple | list) else (message,))
    return {ids for ids in found if ids[0]}


def test_template_is_current_with_the_code() -> None:
    template = {_ids(m) for m in _read(TRANSLATIONS / "rallyorg.pot") if m.id}
    in_code = _code_messages()
    missing = sorted(in_code - template)
    stale = sorted(template - in_code)
    assert not missing, f"run `make translations-update`; not in the template: {missing[:10]}"
    assert not stale, f"run `make translations-update`; no longer in the code: {stale[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_matches_template_and_is_fully_translated(language: str) -> None:
    template = {_ids(m) for m in _read(TRANSLATIONS / "rallyorg.pot") if m.id}
    catalog = _read(TRANSLATIONS / language / "LC_MESSAGES" / "rallyorg.po", language)
    messages = [m for m in catalog if m.id]
    assert {_ids(m) for m in messages} == template
    fuzzy = [m.id for m in messages if m.fuzzy]
    untranslated = [m.id for m in messages if not all(_strings(m))]
    assert not fuzzy, f"{language}: fuzzy: {fuzzy[:10]}"
    assert not untranslated, f"{language}: untranslated: {untranslated[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_english(language: str) -> None:
    catalog = _read(TRANSLATIONS / language / "LC_MESSAGES" / "rallyorg.po", language)
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        expected = set(PLACEHOLDER.findall(" ".join(_ids(message))))
        forms = [t for t in _strings(message) if t]
        if message.pluralizable:
            # A singular form may say "one row" instead of "{n} rows"; the plural may not.
            ok = all(set(PLACEHOLDER.findall(t)) <= expected for t in forms) and (
                not forms
                or set(PLACEHOLDER.findall(forms[-1])) == set(PLACEHOLDER.findall(_ids(message)[-1]))
            )
        else:
            ok = all(set(PLACEHOLDER.findall(t)) == expected for t in forms)
        if not ok:
            wrong.append((message.id, forms))
    assert not wrong, f"{language}: placeholders differ: {wrong[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_compiles(language: str) -> None:
    catalog = _read(TRANSLATIONS / language / "LC_MESSAGES" / "rallyorg.po", language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    assert buffer.getvalue()
    assert not list(catalog.check()), f"{language}: {list(catalog.check())[:3]}"


def test_no_message_hides_inside_an_f_string() -> None:
    # pybabel cannot see _("…") inside f"{…}", so such a message never reaches the catalogs.
    pattern = re.compile(r"\{\s*(?:_|ngettext|pgettext)\(")
    hidden = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not hidden, hidden
