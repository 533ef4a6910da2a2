"""One record an export could not write as it is, and why: an export never fails whole
because of one record.

Each record is turned into its part of the file on its own (``guarded``): a record that
cannot be written is left out and reported — which record, which field, why — and the
others are written. A record written with something missing (a roster name the fonts cannot
print) is reported the same way, as a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, TypeVar

from rallyorg.domain.errors import ValidationError
from rallyorg.i18n import N_

T = TypeVar("T")

RECORD_NAMES: Mapping[str, str] = {
    # Translators: names a record in an export's report, e.g. "event 4 (Vigil for families)".
    "event": N_("event {id}"),
    # Translators: names a record in an export's report, e.g. "volunteer 12 (Ana Souza)".
    "volunteer": N_("volunteer {id}"),
    # Translators: names a record in an export's report, e.g. "contact 3 (Padre Miguel)".
    "contact": N_("contact {id}"),
}
# Translators: a record an export could not write; {field} is a field name such as "public_url".
PROBLEM_LINE = N_("{record} ({label}), {field}: {reason}")
# Translators: the same, for a record without a name or title.
PROBLEM_LINE_UNNAMED = N_("{record}, {field}: {reason}")
# Translators: why an export left a record out when a library refused one of its values.
NOT_WRITABLE = N_("it could not be written: {reason}")
# Translators: why an export left a record out: {characters} are not text (broken characters).
NOT_TEXT = N_("it holds characters that are not text and cannot be written: {characters}")


@dataclass(frozen=True)
class RecordProblem:
    """A record left out of an export (or, as a warning, written with something missing)."""

    kind: str  # "event", "volunteer", "contact"
    record_id: int
    label: str  # what the organiser knows it by: a title or a name
    field: str  # the record's field to blame, e.g. "public_url"
    message: str  # an English sentence marked N_, with {named} placeholders
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)

    def reason(self, gettext: Callable[[str], str] | None = None) -> str:
        translate: Callable[[str], str] = gettext or str
        return translate(self.message).format(**self.params)

    def translated(self, gettext: Callable[[str], str] | None = None) -> str:
        """One line, e.g. "event 2 (Rally), public_url: A web address cannot contain …"."""
        translate: Callable[[str], str] = gettext or str
        record = translate(RECORD_NAMES.get(self.kind, self.kind)).format(id=self.record_id)
        line = PROBLEM_LINE if self.label else PROBLEM_LINE_UNNAMED
        return translate(line).format(
            record=record, label=self.label, field=self.field, reason=self.reason(gettext)
        )

    def __str__(self) -> str:
        return self.translated()


def writable(field_name: str, text: str) -> str:
    """``text`` if it can be written to a file (UTF-8); else ``ValidationError`` naming the field
    (a lone surrogate, which no database rallyorg writes should hold)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        broken = " ".join(f"U+{ord(char):04X}" for char in text if 0xD800 <= ord(char) <= 0xDFFF)
        raise ValidationError(field_name, NOT_TEXT, characters=broken) from None
    return text


@dataclass
class RecordGuard:
    """Collects the problems of the records turned into an export one by one."""

    kind: str
    problems: list[RecordProblem] = dataclass_field(default_factory=list)

    def make(self, record_id: int, label: str, build: Callable[[], T]) -> T | None:
        """``build()`` for one record, or None (and a problem noted) when it cannot be written.

        Only the errors a value can cause are caught (a refused value, a broken character);
        anything else is a fault of rallyorg's and stops the export as before.
        """
        try:
            return build()
        except ValidationError as error:
            self.problems.append(
                RecordProblem(self.kind, record_id, label, error.field, error.message, dict(error.params))
            )
        except (ValueError, TypeError, LookupError) as error:  # a library refused a value
            self.problems.append(
                RecordProblem(self.kind, record_id, label, "record", NOT_WRITABLE, {"reason": str(error)})
            )
        return None

    def warn(self, record_id: int, label: str, field_name: str, message: str, **params: Any) -> None:
        self.problems.append(RecordProblem(self.kind, record_id, label, field_name, message, params))
