"""Header recognition in three languages and from sign-up tools, and the editable mapping."""

from __future__ import annotations

import zoneinfo

import pytest

from rallyorg.domain.errors import ValidationError
from rallyorg.exchange import values
from rallyorg.exchange.columns import (
    ImportKind,
    apply_overrides,
    normalise_header,
    propose_mapping,
    require_usable,
)
from rallyorg.exchange.errors import ImportFileError

V, P, S = ImportKind.VOLUNTEERS, ImportKind.PARTNERS, ImportKind.SIGNUPS


@pytest.mark.parametrize(
    ("headers", "kind", "expected"),
    [
        (
            ("Nombre", "Apellido", "Correo electrónico", "Teléfono", "Idiomas", "Ciudad"),
            V,
            ("given_name", "family_name", "email", "phone", "languages", "city"),
        ),
        (
            ("Nome", "Sobrenome", "E-mail", "Telefone", "Idiomas", "Cidade"),
            V,
            ("given_name", "family_name", "email", "phone", "languages", "city"),
        ),
        (
            ("NOMBRE COMPLETO", "correo_electronico", "TELÉFONO CELULAR", "ciudad"),
            V,
            ("full_name", "email", "phone", "city"),
        ),
        # A single "Nombre" / "Name" is the whole name when there is no last-name column.
        (("Nombre", "Correo", "Celular"), V, ("full_name", "email", "phone")),
        (("Name", "Email", "Phone"), V, ("full_name", "email", "phone")),
        # Google Forms: timestamp, "Email Address", questions as headers.
        (
            (
                "Timestamp",
                "Email Address",
                "Full name",
                "What is your phone number?",
                "What languages do you speak?",
            ),
            V,
            (None, "email", "full_name", "phone", "languages"),
        ),
        # Mobilize.
        (
            ("first_name", "last_name", "email", "phone", "zip", "sms_opt_in"),
            V,
            ("given_name", "family_name", "email", "phone", None, "may_text"),
        ),
        # Action Network style.
        (
            ("first_name", "last_name", "email", "zip_code", "can2_phone", "can2_sms_status"),
            V,
            ("given_name", "family_name", "email", None, "phone", "may_text"),
        ),
        # A bilingual form header.
        (
            ("Nombre / Name", "Apellido / Last name", "Teléfono / Phone"),
            V,
            ("given_name", "family_name", "phone"),
        ),
        (
            ("Organización", "Tipo", "Contacto", "Cargo", "Idioma preferido", "Contacto principal"),
            P,
            ("group", "group_kind", "full_name", "role", "preferred_language", "is_primary"),
        ),
        (
            ("first_name", "email", "role", "timeslot_start"),
            S,
            ("given_name", "email", "shift", "shift_start"),
        ),
    ],
)
def test_proposed_mapping(
    headers: tuple[str, ...], kind: ImportKind, expected: tuple[str | None, ...]
) -> None:
    assert propose_mapping(headers, kind).fields == expected


def test_a_field_fills_one_column_only() -> None:
    mapping = propose_mapping(("Email", "E-mail", "Phone"), V)
    assert mapping.fields == ("email", None, "phone")
    moved = mapping.with_field(1, "email")
    assert moved.fields == (None, "email", "phone")


def test_unrecognised_headers_are_listed_but_known_tool_columns_are_not() -> None:
    mapping = propose_mapping(("Timestamp", "First name", "Favourite colour", "zip"), V)
    assert mapping.unused_headers() == ("Timestamp", "Favourite colour", "zip")
    assert mapping.unrecognised_headers() == ("Favourite colour",)


def test_overrides_map_and_ignore_columns_accent_insensitively() -> None:
    mapping = propose_mapping(("Primer nombre", "Celular", "Móvil del trabajo"), V)
    changed = apply_overrides(mapping, {"phone": "MOVIL DEL TRABAJO", "ignore": "celular"})
    assert changed.fields == ("given_name", None, "phone")
    with pytest.raises(ValidationError, match="no column"):
        apply_overrides(mapping, {"email": "Correo"})
    with pytest.raises(ValidationError):
        mapping.with_field(0, "shoe_size")


def test_a_mapping_without_names_is_refused_with_the_headers() -> None:
    mapping = propose_mapping(("Email", "Phone"), V)
    assert mapping.missing_fields() == ("given_name",)
    with pytest.raises(ImportFileError, match="Email, Phone"):
        require_usable(mapping)
    assert propose_mapping(("Email",), S).missing_fields() == ()
    assert propose_mapping(("Contact",), P).missing_fields() == ("group",)


def test_normalise_header() -> None:
    assert normalise_header(" Correo  Electrónico: ") == "correo electronico"
    assert normalise_header("E-Mail_Address") == "e mail address"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Sí", True), ("sim", True), ("YES", True), ("x", True), ("true", True), ("No", False), ("não", False),
     ("0", False), ("", None), ("  ", None)],
)  # fmt: skip
def test_yes_no_in_three_languages(text: str, expected: bool | None) -> None:
    assert values.parse_bool(text) is expected


def test_yes_no_refuses_what_it_does_not_understand() -> None:
    with pytest.raises(ValueError):
        values.parse_bool("talvez")


def test_languages_from_words_and_codes() -> None:
    assert values.parse_languages("Español, Inglés y Português") == (["es", "en", "pt"], [])
    assert values.parse_languages("pt_BR; es-MX; ht") == (["pt", "es", "ht"], [])
    assert values.parse_languages("Haitian Creole / K'iche' / Quechua") == (["ht", "quc"], ["Quechua"])
    assert values.preferred_language("Português") == "pt_BR"
    assert values.preferred_language("klingon") is None


def test_skills_in_three_languages() -> None:
    skills, unknown = values.parse_skills("Marshal, intérprete, primeros auxilios, cooking")
    assert [s.value for s in skills] == ["marshal", "interpreter", "medic"]
    assert unknown == ["cooking"]


@pytest.mark.parametrize(
    ("name", "given", "family"),
    [
        ("Juan García López", "Juan", "García López"),
        ("João da Silva", "João", "da Silva"),
        ("Núñez, María", "María", "Núñez"),
        ("Ana", "Ana", ""),
        ("  ", "", ""),
    ],
)
def test_full_names_are_split(name: str, given: str, family: str) -> None:
    assert values.split_full_name(name) == (given, family)


def test_garbled_names_are_spotted() -> None:
    assert values.looks_garbled("Jos? Garc?a")
    assert values.looks_garbled("Mar\ufffda")
    assert not values.looks_garbled("José García")
    assert values.looks_garbled("Jos?")  # at the end of a word too
    assert not values.looks_garbled("Ana ?")  # a lone question mark is punctuation, not a lost letter


def test_times_of_day_and_timestamps() -> None:
    zone = zoneinfo.ZoneInfo("America/New_York")
    assert values.parse_moment("3:00 PM", zone) == (None, values.dt.time(15, 0))
    assert values.parse_moment("2025-05-20 14:00:00 EDT", zone) == (
        values.dt.date(2025, 5, 20),
        values.dt.time(14),
    )
    assert values.parse_moment("2025-05-20T18:00:00+00:00", zone) == (
        values.dt.date(2025, 5, 20),
        values.dt.time(14),
    )
    assert values.parse_moment("sometime", zone) is None
