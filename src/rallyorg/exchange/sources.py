"""The export files of the tools organizers already use, recognised by their headers.

Each tool is a small declaration: the headers that identify its export, the columns whose
meaning is known for it (taking precedence over rallyorg's general header synonyms), and the
columns it always adds that rallyorg leaves out on purpose. The general synonyms
(``columns.py``) still map everything else, and the person importing can remap any column.

Why per tool: the same header means different things in different exports. Microsoft Forms
puts the *respondent's* account in "Email" ("anonymous" on an open form) and "Name", before the
form's own "Email address" question; VAN calls its email "PreferredEmail" and has three phone
columns of which "Preferred Phone" is the one to use; SignUpGenius calls the slot "Item";
Eventbrite's "Ticket Type" is the role a volunteer chose. The real header sets, with where
they come from, are in tests/exchange/fixtures/sources/README.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    name: str  # as people know the tool: "Microsoft Forms"
    # Normalised headers (see columns.normalise_header) that, all present, identify an export;
    # any one of the sets will do.
    signatures: tuple[frozenset[str], ...]
    columns: Mapping[str, str] = field(default_factory=dict)  # normalised header -> field
    ignored: frozenset[str] = frozenset()  # normalised headers never imported

    def matches(self, headers: set[str]) -> bool:
        return any(signature <= headers for signature in self.signatures)


def _set(*headers: str) -> frozenset[str]:
    return frozenset(headers)


SOURCES: tuple[Source, ...] = (
    Source(
        "Microsoft Forms",
        (_set("id", "start time", "completion time", "email", "name"),),
        # The respondent's sign-in (or "anonymous"), not the person's answer.
        ignored=_set("id", "start time", "completion time", "email", "name", "last modified time"),
    ),
    Source(
        "Mobilize",
        (
            _set("event id", "timeslot start", "first name", "last name"),
            _set("event id", "start", "first name", "last name"),
        ),
        columns={
            "attendance status": "status",
            "status": "status",
            "sms opt in status": "may_text",
            "mobile number": "phone",
            "timeslot start": "shift_start",
            "start": "shift_start",
        },
        ignored=_set(
            "event id", "event name", "event type", "event organization name", "zip", "timeslot end"
        ),
    ),
    Source(
        "Action Network",
        (_set("can2 phone"), _set("zip code", "can2 sms status")),
        columns={
            "can2 phone": "phone",
            "can2 sms status": "may_text",
            "can2 subscription status": "may_email",
            "email subscription status": "may_email",
            "can2 user city": "city",
        },
        ignored=_set(
            "uuid", "can2 user address", "can2 user state", "zip code", "can2 user tags",
            "can2 state abbreviated",
        ),
    ),
    Source(
        "Eventbrite",
        (_set("order", "attendee status"), _set("order", "ticket type", "attendee")),
        columns={
            "attendee status": "status",
            "ticket type": "shift",
            "cell phone": "phone",
            "mobile phone": "phone",
            "home city": "city",
        },
        ignored=_set(
            "order", "order date", "quantity", "price tier", "attendee", "group", "order type", "currency",
            "total paid", "fees paid", "eventbrite fees", "eventbrite payment processing",
            "home address 1", "home address 2", "home state", "home zip", "home country",
        ),
    ),
    Source(
        "SignUpGenius",
        (_set("sign up", "item", "first name", "last name"), _set("sign up", "item", "sign up timestamp")),
        columns={
            "item": "shift",
            "start date time mm dd yyyy": "shift_start",
            "start date time": "shift_start",
        },
        ignored=_set(
            "sign up", "end date time mm dd yyyy", "end date time", "location", "qty", "phonetype",
            "sign up comment", "sign up timestamp", "sign up coleader",
        ),
    ),
    Source(
        "EveryAction / VAN",
        (_set("vanid"), _set("voter file vanid"), _set("my campaign id"), _set("preferredemail")),
        columns={
            "preferredemail": "email",
            "preferred phone": "phone",
            "pref phone": "phone",
            "cellphone": "phone",  # when there is no preferred phone column
            "suffix": "name_suffix",
        },
        ignored=_set(
            "vanid", "voter file vanid", "my campaign id", "middlename", "address", "state", "zip5", "zip4",
            "homephone", "sex", "party", "age", "maddress", "mcity", "mstate", "mzip5",
        ),
    ),
    Source(
        "Google Forms",
        (_set("timestamp"), _set("marca temporal"), _set("carimbo de data hora"), _set("horodateur")),
        ignored=_set("timestamp", "marca temporal", "carimbo de data hora", "horodateur"),
    ),
)  # fmt: skip


def recognise(normalised_headers: set[str]) -> Source | None:
    """The tool whose export has these headers (the first that matches), or None."""
    return next((source for source in SOURCES if source.matches(normalised_headers)), None)
