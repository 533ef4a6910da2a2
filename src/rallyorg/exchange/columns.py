"""Which column holds what: header synonyms in English, Spanish and Portuguese, the column
names of common sign-up tools (Google Forms, Mobilize, Action Network), and the mapping
object the import dialog shows and edits.

Headers are compared folded (case, accents and punctuation ignored): "Correo electrónico",
"CORREO ELECTRONICO" and "correo_electronico" are one header.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from rallyorg.domain.errors import ValidationError
from rallyorg.domain.text import fold
from rallyorg.exchange.errors import ImportFileError
from rallyorg.exchange.sources import Source, recognise
from rallyorg.i18n import N_


class ImportKind(StrEnum):
    VOLUNTEERS = "volunteers"
    PARTNERS = "partners"
    SIGNUPS = "signups"


@dataclass(frozen=True)
class FieldSpec:
    """A field a column can fill: its stable name (used by ``--column``) and its label."""

    name: str
    label: str


_PERSON = (
    FieldSpec("given_name", N_("First name")),
    FieldSpec("family_name", N_("Last name")),
    FieldSpec("full_name", N_("Full name (split into first and last)")),
    FieldSpec("name_suffix", N_("Name suffix (Jr., III), after the last name")),
    FieldSpec("email", N_("Email")),
    FieldSpec("phone", N_("Phone")),
)
_CONSENT = (
    FieldSpec("may_email", N_("May email")),
    FieldSpec("may_text", N_("May text")),
    FieldSpec("may_call", N_("May call")),
    FieldSpec("do_not_contact", N_("Do not contact")),
    FieldSpec("may_share", N_("May share with partner groups")),
)
FIELDS: dict[ImportKind, tuple[FieldSpec, ...]] = {
    ImportKind.VOLUNTEERS: (
        *_PERSON,
        FieldSpec("city", N_("City")),
        FieldSpec("languages", N_("Languages")),
        FieldSpec("skills", N_("Skills")),
        FieldSpec("group", N_("Partner group")),
        FieldSpec("source", N_("Source")),
        FieldSpec("notes", N_("Notes")),
        *_CONSENT,
    ),
    ImportKind.PARTNERS: (
        FieldSpec("group", N_("Partner group")),
        FieldSpec("group_kind", N_("Kind of group")),
        FieldSpec("city", N_("Group's city")),
        FieldSpec("website", N_("Website")),
        FieldSpec("languages", N_("Group's languages")),
        *_PERSON,
        FieldSpec("role", N_("Contact's role")),
        FieldSpec("preferred_language", N_("Preferred language")),
        FieldSpec("is_primary", N_("Primary contact")),
        FieldSpec("do_not_contact", N_("Do not contact")),
        FieldSpec("may_share", N_("May share with partner groups")),
    ),
    ImportKind.SIGNUPS: (
        *_PERSON,
        FieldSpec("city", N_("City")),
        FieldSpec("languages", N_("Languages")),
        FieldSpec("shift", N_("Shift (role)")),
        FieldSpec("shift_start", N_("Shift start time")),
        FieldSpec("status", N_("Registration status")),
        *_CONSENT,
    ),
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


# Folded header -> field, for every kind ("|" separates synonyms). "Name" alone is handled below.
_COMMON: dict[str, tuple[str, ...]] = {
    "given_name": _words(
        "first name|first|firstname|given name|name first|fname|primer nombre|nombre de pila|"
        "primeiro nome|prenom"
    ),
    "family_name": _words(
        "last name|last|lastname|surname|family name|name last|lname|apellido|apellidos|"
        "primer apellido|sobrenome|ultimo nome|apelido"
    ),
    "full_name": _words(
        "full name|your name|nombre completo|nombre y apellido|nombre y apellidos|su nombre|"
        "tu nombre|nome completo|seu nome|volunteer name|attendee name|nombre del voluntario|"
        "nome do voluntario|contact name|contact|contacto|contato|nombre del contacto|"
        "nome do contato|persona de contacto"
    ),
    "email": _words(
        "email|e mail|email address|e mail address|mail|correo|correo electronico|"
        "direccion de correo|direccion de correo electronico|email correo electronico|"
        "endereco de email|endereco de e mail|email do contato|user email"
    ),
    "phone": _words(
        "phone|phone number|telephone|tel|mobile|mobile phone|mobile number|cell|cell phone|"
        "cellphone|can2 phone|phone mobile|telefono|numero de telefono|celular|movil|"
        "telefono celular|numero de celular|telefone|numero de telefone|telefone celular|"
        "whatsapp|phone whatsapp"
    ),
    "city": _words("city|town|city town|ciudad|cidade|municipio|localidad"),
    "languages": _words(
        "languages|languages spoken|spoken languages|idiomas|idiomas que habla|lenguas|linguas|"
        "idiomas falados|languages you speak"
    ),
    "skills": _words("skills|skill|habilidades|habilidade|destrezas"),
    "notes": _words("notes|note|comments|comment|notas|nota|comentarios|observaciones|observacoes|anotacoes"),
    "source": _words("source|fuente|origem|origen"),
    "may_email": _words("may email|ok to email|email opt in|email consent|email subscription"),
    "may_text": _words(
        "may text|ok to text|sms opt in|sms|text opt in|sms consent|can2 sms status|"
        "sms permission|acepta mensajes de texto|aceita mensagens de texto|can we text you|"
        "podemos enviarle mensajes de texto|podemos enviar mensagens de texto"
    ),
    "may_call": _words("may call|ok to call|call opt in|phone opt in|acepta llamadas"),
    "do_not_contact": _words("do not contact|dnc|no contactar|no contactar nunca|nao contatar|nao contactar"),
    "may_share": _words(
        "may share|ok to share|share with partners|may share with partner groups|"
        "consent to share|compartir con socios|se puede compartir|pode compartilhar"
    ),
}
_BY_KIND: dict[ImportKind, dict[str, tuple[str, ...]]] = {
    ImportKind.VOLUNTEERS: {
        "group": _words("partner group|group|grupo|grupo aliado|organizacion aliada"),
    },
    ImportKind.PARTNERS: {
        "group": _words(
            "group|group name|partner group|partner|organization|organisation|organization name|org|"
            "organizacion|nombre de la organizacion|grupo|nombre del grupo|organizacao|"
            "nome do grupo|nome da organizacao|entidad"
        ),
        "group_kind": _words("kind|type|group type|organization type|tipo|tipo de organizacion"),
        "website": _words("website|web|web site|url|sitio web|pagina web|site"),
        "languages": _words("languages|group languages|idiomas|idiomas del grupo|linguas"),
        "role": _words("role|title|position|job title|cargo|rol|puesto|funcao"),
        "preferred_language": _words(
            "preferred language|language|idioma|idioma preferido|idioma preferencial|lingua|lingua preferida"
        ),
        "is_primary": _words(
            "primary|primary contact|main contact|principal|contacto principal|contato principal"
        ),
    },
    ImportKind.SIGNUPS: {
        "shift": _words("shift|shift name|role|volunteer shift|turno|tarea|funcion|timeslot"),
        "shift_start": _words(
            "shift start|start|start time|starts|timeslot start|hora|hora de inicio|horario|"
            "shift time|time|inicio"
        ),
        "status": _words(
            "status|attendee status|registration status|rsvp status|rsvp|attendance status|"
            "participation status|estado|estado de la inscripcion|situacao|status da inscricao"
        ),
    },
}
# Columns sign-up tools always add that rallyorg deliberately leaves out: not worth a warning.
KNOWN_IGNORED = frozenset(
    _words(
        "address|address line 1|address line1|attended|carimbo de data hora|cep|codigo postal|"
        "country|created at|employer|end|end time|estado|event|event id|event name|id|"
        "marca temporal|occupation|pais|postal code|referrer|state|status|street|submitted|"
        "submitted at|timeslot end|timeslot id|timestamp|utm campaign|utm medium|utm source|zip|"
        "zip code|zipcode|timeslot start|"
        # The two columns rallyorg adds to a file of rejected rows, in each UI language.
        "line|reason|linea|motivo|linha|razon"
    )
)
# Words that, inside a long question ("What is your phone number?"), say what the answer is.
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("email", _words("email|e mail|correo")),
    ("phone", _words("phone|telefono|telefone|celular|whatsapp|mobile")),
    ("given_name", _words("first name|primer nombre|primeiro nome")),
    ("family_name", _words("last name|apellido|sobrenome")),
    ("full_name", _words("full name|your name|nombre completo|nome completo|tu nombre|su nombre|seu nome")),
    ("city", _words("city|ciudad|cidade|town")),
    ("languages", _words("language|languages|idioma|idiomas|lingua|linguas")),
    ("shift", _words("shift|turno")),
    # "Can we text you reminders?", "¿Podemos enviarle mensajes de texto?": after phone, so a
    # "Phone (WhatsApp)" column stays the phone.
    ("may_text", _words("text you|text me|sms|mensajes de texto|mensagens de texto|mensaje de texto")),
)
# "Name", "Nombre", "Nome": a first name when a last-name column exists, else the full name.
_NAME_WORDS = frozenset({"name", "nombre", "nome", "nombres", "names"})
IGNORE = "ignore"


def normalise_header(header: str) -> str:
    """Folded header with punctuation as single spaces: "E-mail Address:" -> "e mail address"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(header)).split())


# Header words only one of the two languages uses (folded): enough to tell a Portuguese form
# from a Spanish one ("Nome completo", "Endereço de e-mail" / "Nombre", "Dirección de correo").
_LANGUAGE_WORDS = {
    "pt": frozenset(
        {
            "nome",
            "sobrenome",
            "endereco",
            "telefone",
            "cidade",
            "seu",
            "sua",
            "voce",
            "carimbo",
            "hora",
            "idiomas",
            "falados",
            "linguas",
            "celular",
            "whatsapp",
            "aceita",
            "mensagens",
            "podemos",
            "enviar",
            "grupo",
            "turno",
            "funcao",
            "observacoes",
            "nao",
        }
    ),
    "es": frozenset(
        {
            "nombre",
            "apellido",
            "apellidos",
            "direccion",
            "correo",
            "electronico",
            "telefono",
            "ciudad",
            "su",
            "tu",
            "marca",
            "temporal",
            "acepta",
            "mensajes",
            "podemos",
            "enviarle",
            "turno",
            "tarea",
            "idiomas",
            "habla",
        }
    ),
}


def header_language(headers: tuple[str, ...]) -> str | None:
    """ "pt" or "es" when the headers are mostly in that language (a form's questions), else
    None. Words both languages share count for neither."""
    words = [w for h in headers for w in normalise_header(h).split()]
    only_pt = sum(1 for w in words if w in _LANGUAGE_WORDS["pt"] and w not in _LANGUAGE_WORDS["es"])
    only_es = sum(1 for w in words if w in _LANGUAGE_WORDS["es"] and w not in _LANGUAGE_WORDS["pt"])
    if only_pt > only_es:
        return "pt"
    if only_es > only_pt:
        return "es"
    return None


def _synonyms(kind: ImportKind) -> dict[str, str]:
    table: dict[str, str] = {}
    for source in (_COMMON, _BY_KIND[kind]):
        for field, words in source.items():
            if any(spec.name == field for spec in FIELDS[kind]):
                for word in words:
                    table[word] = field
    return table


def field_names(kind: ImportKind) -> tuple[str, ...]:
    return tuple(spec.name for spec in FIELDS[kind])


@dataclass(frozen=True)
class ColumnMapping:
    """For each column of the file (in order), the field it fills, or None if not imported.

    Plain data: the import dialog shows ``headers`` beside ``fields`` and builds a new
    mapping with ``with_field`` when the user changes one.
    """

    kind: ImportKind
    headers: tuple[str, ...]
    fields: tuple[str | None, ...]

    def column_of(self, field: str) -> int | None:
        try:
            return self.fields.index(field)
        except ValueError:
            return None

    def with_field(self, index: int, field: str | None) -> ColumnMapping:
        """Column ``index`` now fills ``field`` (None: not imported); a field fills one column,
        so any other column that filled it is released."""
        if field is not None and field not in field_names(self.kind):
            raise ValidationError("column", N_("Unknown field {name}."), name=field)
        fields = [None if f == field else f for f in self.fields]
        fields[index] = field
        return ColumnMapping(self.kind, self.headers, tuple(fields))

    def used(self) -> dict[str, int]:
        """Field -> column index, for the columns that are imported."""
        return {field: i for i, field in enumerate(self.fields) if field is not None}

    def unused_headers(self) -> tuple[str, ...]:
        return tuple(h for h, f in zip(self.headers, self.fields, strict=True) if f is None and h)

    def unrecognised_headers(self) -> tuple[str, ...]:
        """Unused columns that are not among the ones sign-up tools always add."""
        source = source_of(self.headers)
        ignored = KNOWN_IGNORED | (source.ignored if source else frozenset())
        return tuple(h for h in self.unused_headers() if normalise_header(h) not in ignored)

    def missing_fields(self) -> tuple[str, ...]:
        """What the import still needs a column for (empty when the mapping is usable)."""
        used = set(self.used())
        if self.kind == ImportKind.PARTNERS:
            return () if "group" in used else ("group",)
        if self.kind == ImportKind.VOLUNTEERS:
            return () if used & {"given_name", "full_name"} else ("given_name",)
        return () if used & {"email", "phone", "given_name", "full_name"} else ("email",)


def propose_mapping(headers: tuple[str, ...], kind: ImportKind) -> ColumnMapping:
    """The mapping rallyorg guesses from the headers: exact synonyms first, then the words of
    long form questions, each field to at most one column (the first that claims it)."""
    synonyms = _synonyms(kind)
    allowed = set(field_names(kind))
    fields: list[str | None] = [None] * len(headers)
    taken: set[str] = set()
    ambiguous_name: list[int] = []
    normalised = [normalise_header(h) for h in headers]
    source = recognise(set(normalised))
    ignored = set(source.ignored) if source else set()

    def claim(index: int, field: str) -> None:
        if field in allowed and field not in taken and fields[index] is None:
            fields[index] = field
            taken.add(field)

    # The recognised tool's own columns first, in the order its declaration prefers them.
    for header, field in source.columns.items() if source else ():
        if header in normalised:
            claim(normalised.index(header), field)
    for index, header in enumerate(normalised):
        if header in ignored:
            continue
        # "Nombre / Name" (a bilingual form): each part is tried as well as the whole.
        parts = [header, *(normalise_header(p) for p in re.split(r"[/|()]", headers[index]))]
        for part in parts:
            if part in _NAME_WORDS:
                ambiguous_name.append(index)
                break
            if part in synonyms:
                claim(index, synonyms[part])
                break
    for index, header in enumerate(normalised):
        if fields[index] is not None or index in ambiguous_name or header in KNOWN_IGNORED | ignored:
            continue
        padded = f" {header} "
        for field, words in _KEYWORDS:
            if field not in taken and any(f" {word} " in padded for word in words):
                claim(index, field)
                break
    for index in ambiguous_name:
        claim(index, "given_name" if "family_name" in taken else "full_name")
    return ColumnMapping(kind, tuple(headers), tuple(fields))


def source_of(headers: tuple[str, ...]) -> Source | None:
    """The tool the file was exported from, when its headers say so."""
    return recognise({normalise_header(h) for h in headers})


def apply_overrides(mapping: ColumnMapping, overrides: Mapping[str, str]) -> ColumnMapping:
    """Apply ``--column FIELD=HEADER`` choices; ``ignore=HEADER`` leaves a column out.
    Headers are matched like everywhere else (case, accents and punctuation ignored)."""
    by_header = {normalise_header(h): i for i, h in reversed(list(enumerate(mapping.headers)))}
    for field, header in overrides.items():
        index = by_header.get(normalise_header(header))
        if index is None:
            raise ValidationError(
                "column",
                N_("The file has no column {header}. Its columns are: {headers}."),
                header=header,
                headers=", ".join(mapping.headers),
            )
        mapping = mapping.with_field(index, None if field == IGNORE else field)
    return mapping


def require_usable(mapping: ColumnMapping) -> None:
    """Raise ``ImportFileError`` when a needed column is missing, saying how to map it."""
    missing = mapping.missing_fields()
    if not missing:
        return
    messages = {
        "group": N_(
            'No column names the partner group (e.g. "Organization" or "Grupo"). The columns are: '
            "{headers}. Choose one in the import dialog or with --column {field}=HEADER."
        ),
        "given_name": N_(
            'No column holds people\'s names (e.g. "First name", "Nombre", "Nome"). The columns are: '
            "{headers}. Choose one in the import dialog or with --column {field}=HEADER."
        ),
        "email": N_(
            "No column identifies the people (email, phone or name). The columns are: "
            "{headers}. Choose one in the import dialog or with --column {field}=HEADER."
        ),
    }
    raise ImportFileError(messages[missing[0]], headers=", ".join(mapping.headers), field=missing[0])
