"""From a CSV record to checked, normalised values for one volunteer, contact or sign-up.

Each function either returns the values (and any warnings) or raises ``RowRejected``
naming the field and the reason; the service then decides what the row does (create,
update, duplicate). The same validation rules as typing a record into the app apply:
``prepare_volunteer`` and the shared ``validation`` helpers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rallyorg.domain import validation as v
from rallyorg.domain.control_chars import clean_text
from rallyorg.domain.enums import PartnerKind
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.text import fold, search_blob
from rallyorg.domain.volunteers import VolunteerInput, prepare_volunteer
from rallyorg.exchange import values as cells
from rallyorg.exchange.columns import ColumnMapping
from rallyorg.exchange.csv_reading import CsvRecord
from rallyorg.exchange.safe_csv import GUARD, restore
from rallyorg.i18n import N_


@dataclass(frozen=True, slots=True)
class Notice:
    """A message about one row or the file: an English sentence with {named} placeholders."""

    field: str
    message: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def text(self, gettext: Callable[[str], str] | None = None) -> str:
        template = gettext(self.message) if gettext else self.message
        return template.format(**self.params)


class RowRejected(Exception):  # a row's outcome, not a failure of the import
    def __init__(self, notice: Notice) -> None:
        super().__init__(notice.message)
        self.notice = notice


def _reject(field_name: str, message: str, **params: Any) -> RowRejected:
    return RowRejected(Notice(field_name, message, params))


@dataclass(frozen=True, slots=True)
class MappedRow:
    """A data record with its cells by field (only the non-empty ones) and its original cells."""

    line: int
    values: dict[str, str]
    cells: tuple[str, ...]
    headers: Mapping[str, str] = dataclasses.field(default_factory=dict)  # field -> the file's column

    def column(self, field_name: str) -> str:
        """The file's name for the column that fills ``field_name`` (for messages)."""
        return shown(self.headers.get(field_name, field_name))


def shown(text: str) -> str:
    """A cell as a message may quote it: no escape sequence or control character reaches a
    terminal or a log (a file can hold anything)."""
    return clean_text(text).strip()


def map_record(record: CsvRecord, mapping: ColumnMapping) -> MappedRow:
    """Cells to fields, with rallyorg's own formula guard removed and whitespace tidied."""
    return _mapper_for(mapping).map(record)


class RecordMapper:
    """``map_record`` for the records of one file, the mapping's columns worked out once."""

    def __init__(self, mapping: ColumnMapping) -> None:
        self.width = len(mapping.headers)
        self.columns = tuple((index, name) for index, name in enumerate(mapping.fields) if name is not None)
        self.headers = _headers_by_field(mapping)

    def map(self, record: CsvRecord) -> MappedRow:
        row = record.cells
        if len(row) > self.width and any(cell.strip() for cell in row[self.width :]):
            raise _reject(
                "row",
                N_("This row has {count} cells but the header row has {expected}: a separator too many?"),
                count=len(row),
                expected=self.width,
            )
        found: dict[str, str] = {}
        count = len(row)
        for index, name in self.columns:
            if index >= count:
                break
            cell = row[index]
            # Without a CR or the guard's quote, clean_cell(restore(cell)) is the cell stripped:
            # 100,000 rows mapped in 0.33 s instead of 0.57 s (the mapping worked out once too).
            text = cells.clean_cell(restore(cell)) if "\r" in cell or cell.startswith(GUARD) else cell.strip()
            if text:
                found[name] = text
        return MappedRow(record.line, found, row, self.headers)


_mapper_for = lru_cache(maxsize=8)(RecordMapper)


@lru_cache(maxsize=8)
def _headers_by_field(mapping: ColumnMapping) -> dict[str, str]:
    """Each field's column header, one dict shared by every row of a file (read only)."""
    return {name: mapping.headers[index] for index, name in enumerate(mapping.fields) if name}


def _bool(row: MappedRow, name: str, warnings: list[Notice] | None = None) -> bool | None:
    """The cell as yes or no (None: empty). An answer that is neither rejects the row, or —
    given ``warnings`` — is left unset with a warning: consent is never guessed."""
    text = row.values.get(name, "")
    try:
        return cells.parse_bool(text)
    except ValueError:
        if warnings is None:
            raise _reject(name, N_("Not understood as yes or no: {value}"), value=shown(text)) from None
        message = N_("“{column}”: not understood as yes or no, so left unset: {value}")
        warnings.append(Notice(name, message, {"column": row.column(name), "value": shown(text)}))
        return None


# A phone rallyorg cannot read is kept, as written, in the person's notes behind this sign.
PHONE_AS_WRITTEN = "☎ "


def _phone(row: MappedRow, regions: tuple[str, ...], warnings: list[Notice]) -> tuple[str, str]:
    """(the phone in E.164, or "" and the cell as written when no region reads it)."""
    text = row.values.get("phone", "")
    for region in regions:
        try:
            return v.normalise_phone("phone", text, region), ""
        except ValidationError:
            continue
    written = shown(text)
    if not written:
        return "", ""
    message = N_("“{column}”: not understood as a phone number, so kept in the notes as written: {value}")
    warnings.append(Notice("phone", message, {"column": row.column("phone"), "value": written}))
    return "", written


def _email(row: MappedRow, warnings: list[Notice]) -> str:
    text = row.values.get("email", "")
    try:
        return v.normalise_email("email", text)
    except ValidationError:
        message = N_("“{column}”: not a valid email address, so left out: {value}")
        warnings.append(Notice("email", message, {"column": row.column("email"), "value": shown(text)}))
        return ""


def phone_regions(row: MappedRow, file_language: str | None, home_region: str) -> tuple[str, ...]:
    """Where a phone written without a country code is from: Brazil first for a row or file
    in Portuguese (a Brazilian mobile is rarely a valid US number, and never the reverse
    for the numbers people write), else the coalition's home region."""
    languages, _unknown = cells.parse_languages(row.values.get("languages", ""))
    portuguese = "pt" in languages or (file_language == "pt" and not languages)
    return ("BR", home_region) if portuguese and home_region != "BR" else (home_region,)


def _check_not_garbled(name: str, text: str) -> None:
    if cells.looks_garbled(text):
        raise _reject(
            name,
            N_(
                'Letters seem to be lost in "{value}" (a ? or � where a letter was): the file was '
                'probably saved without UTF-8. Export it again as "CSV UTF-8" and import that file.'
            ),
            value=text,
        )


def _validated(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except ValidationError as error:
        raise RowRejected(Notice(error.field, error.message, dict(error.params))) from None


@dataclass(frozen=True)
class PersonName:
    given: str
    family: str


def person_name(row: MappedRow, *, required: bool = True) -> PersonName:
    """Given and family name from their own columns, else split from a full-name column."""
    given = row.values.get("given_name", "")
    family = row.values.get("family_name", "")
    full = row.values.get("full_name", "")
    for name, text in (("given_name", given), ("family_name", family), ("full_name", full)):
        _check_not_garbled(name, text)
    if not given and full:
        given, split_family = cells.split_full_name(full)
        family = family or split_family
    suffix = row.values.get("name_suffix", "")
    if suffix and family:
        family = f"{family} {suffix}"  # "Washington Jr.": sorted and shown with the family name
    if required and not given:
        raise _reject("given_name", N_("No name: this row has no first name."))
    return PersonName(given, family)


@dataclass(frozen=True)
class VolunteerRowValues:
    """Column values ready for the volunteer table, and which of them the file gave (an
    update changes only those: an empty cell never erases what rallyorg knows)."""

    values: dict[str, object]
    provided: frozenset[str]
    warnings: tuple[Notice, ...]


def volunteer_values(
    row: MappedRow,
    group_ids: Mapping[str, int],
    *,
    default_source: str = "",
    regions: tuple[str, ...] = (v.DEFAULT_PHONE_REGION,),
) -> VolunteerRowValues:
    """Checked volunteer columns for a row; ``group_ids`` maps folded group names to ids.
    Only a missing name rejects the row: a phone, email or yes/no that cannot be read is
    left out with a warning naming the column and the value, and the person is kept."""
    name = person_name(row)
    warnings: list[Notice] = []
    email = _email(row, warnings)
    phone, phone_as_written = _phone(row, regions, warnings)
    languages, unknown_languages = cells.parse_languages(row.values.get("languages", ""))
    if unknown_languages:
        warnings.append(
            Notice(
                "languages",
                N_("Languages not recognised, left out: {values}"),
                {"values": ", ".join(unknown_languages)},
            )
        )
    skills, unknown_skills = cells.parse_skills(row.values.get("skills", ""))
    if unknown_skills:
        warnings.append(
            Notice(
                "skills",
                N_("Skills not recognised, left out: {values}"),
                {"values": ", ".join(unknown_skills)},
            )
        )
    group_id = None
    group_name = row.values.get("group", "")
    if group_name:
        group_id = group_ids.get(fold(group_name))
        if group_id is None:
            warnings.append(
                Notice(
                    "group",
                    N_("No partner group named {name}; imported without a group."),
                    {"name": group_name},
                )
            )
    flags = {
        flag: _bool(row, flag, warnings)
        for flag in ("may_email", "may_text", "may_call", "do_not_contact", "may_share")
    }
    notes = row.values.get("notes", "")
    title = cells.name_title(row.values.get("full_name", "")) if not row.values.get("given_name") else ""
    if title:
        # The name as written, title and all: the title is how the person is addressed.
        notes = "\n".join(part for part in (notes, row.values["full_name"]) if part)
    if phone_as_written:
        notes = "\n".join(part for part in (notes, PHONE_AS_WRITTEN + phone_as_written) if part)
    _check_not_garbled("city", row.values.get("city", ""))
    data = VolunteerInput(
        given_name=name.given,
        family_name=name.family,
        email=email,
        phone=phone,
        languages=tuple(languages),
        skills=tuple(skills),
        city=row.values.get("city", ""),
        group_id=group_id,
        may_email=bool(flags["may_email"]),
        may_text=bool(flags["may_text"]),
        may_call=bool(flags["may_call"]),
        do_not_contact=bool(flags["do_not_contact"]),
        may_share=bool(flags["may_share"]),
        source=row.values.get("source", "") or default_source,
        notes=notes,
    )
    prepared: dict[str, object] = _validated(lambda: prepare_volunteer(data, contacts_normalised=True))
    provided = [
        "given_name",
        "name_key",
        "search_text",
        # Notes only from a notes column: an update never replaces what an organizer wrote
        # with just the phone as written (the warning still names it).
        *(f for f in ("city", "notes", "source") if row.values.get(f)),
        *(f for f, value in flags.items() if value is not None),
    ]
    for column, value in (
        ("family_name", name.family),
        ("email", email),
        ("phone", phone),
        ("languages", languages),
        ("skills", skills),
        ("group_id", group_id is not None),
    ):
        if value:
            provided.append(column)
    return VolunteerRowValues(prepared, frozenset(provided), tuple(warnings))


_KIND_WORDS = {
    PartnerKind.FAITH: (
        "faith",
        "church",
        "iglesia",
        "igreja",
        "parish",
        "parroquia",
        "mosque",
        "temple",
        "congregation",
        "fe",
        "religious",
        "religiosa",
    ),
    PartnerKind.UNION: ("union", "labor", "labour", "sindicato", "union laboral"),
    PartnerKind.COMMUNITY: ("community", "comunidad", "comunidade", "comunitaria", "comunitario"),
    PartnerKind.ADVOCACY: ("advocacy", "defensa", "incidencia", "advocacia"),
    PartnerKind.STUDENT: ("student", "students", "estudiantil", "estudiantes", "estudantil", "estudantes"),
    PartnerKind.LEGAL_AID: ("legal aid", "legal", "ayuda legal", "asistencia legal", "assistencia juridica"),
    PartnerKind.HEALTH: ("health", "salud", "saude", "clinic", "clinica"),
    PartnerKind.OTHER: ("other", "otro", "otra", "outro"),
}
_KIND_BY_WORD = {w: kind for kind, words in _KIND_WORDS.items() for w in (*words, kind.value)}


@dataclass(frozen=True)
class GroupValues:
    name: str
    name_key: str
    kind: PartnerKind
    city: str
    website: str
    languages: list[str]

    def columns(self) -> dict[str, object]:
        return {
            "name": self.name,
            "name_key": self.name_key,
            "kind": self.kind,
            "city": self.city,
            "website": self.website,
            "languages": self.languages,
            "search_text": search_blob(self.name, self.city),
        }


def group_values(row: MappedRow) -> GroupValues:
    name = _validated(lambda: v.required_text("group", row.values.get("group", "")))
    _check_not_garbled("group", name)
    kind_text = row.values.get("group_kind", "")
    kind = PartnerKind.COMMUNITY
    if kind_text:
        found = _KIND_BY_WORD.get(" ".join(fold(kind_text).replace("_", " ").split()))
        if found is None:
            raise _reject("group_kind", N_("Unknown kind of group: {value}"), value=kind_text)
        kind = found
    languages = []
    for item in cells.split_list(row.values.get("languages", "")):
        code = cells.preferred_language(item) or cells.language_code(item)
        if code and code not in languages:
            languages.append(code)
    website_text = cells.web_address(row.values.get("website", ""))
    website = _validated(lambda: v.web_address("website", website_text, max_length=300))
    return GroupValues(
        name=name,
        name_key=fold(name),
        kind=kind,
        city=_validated(lambda: v.limited_text("city", row.values.get("city", ""), max_length=100)),
        website=website,
        languages=_validated(lambda: v.language_codes("languages", languages)),
    )


@dataclass(frozen=True)
class ContactValues:
    values: dict[str, object]
    provided: frozenset[str]


def contact_values(row: MappedRow) -> ContactValues | None:
    """Checked contact columns, or None for a row that only describes a group."""
    name = person_name(row, required=False)
    # A contact has one name field: a full-name cell is kept exactly as written (no reordering
    # of "Family, Given"); separate first/last columns are joined.
    full = row.values.get("full_name", "") or " ".join(p for p in (name.given, name.family) if p)
    if not full and not (row.values.get("email") or row.values.get("phone")):
        return None
    if not full:
        raise _reject("full_name", N_("This contact has an email or phone but no name."))
    language_text = row.values.get("preferred_language", "")
    language = "en"
    if language_text:
        found = cells.preferred_language(language_text)
        if found is None:
            raise _reject(
                "preferred_language",
                N_("Unknown language {value}: use English, Spanish or Portuguese."),
                value=language_text,
            )
        language = found
    flags = {flag: _bool(row, flag) for flag in ("is_primary", "do_not_contact", "may_share")}
    values: dict[str, object] = {
        "name": _validated(lambda: v.required_text("full_name", full)),
        "role": _validated(lambda: v.limited_text("role", row.values.get("role", ""))),
        "email": _validated(lambda: v.normalise_email("email", row.values.get("email", ""))),
        "phone": _validated(lambda: v.normalise_phone("phone", row.values.get("phone", ""))),
        "preferred_language": language,
        **{flag: bool(value) for flag, value in flags.items()},
    }
    values["search_text"] = search_blob(
        str(values["name"]), str(values["email"]), str(values["phone"]), str(values["role"])
    )
    provided = {"name", "search_text"} | {
        f for f in ("role", "email", "phone", "preferred_language") if row.values.get(f)
    }
    provided |= {f for f, value in flags.items() if value is not None}
    return ContactValues(values, frozenset(provided))
