"""Who is the same person, and what an update may change.

An import matches a row to a record when they share a normalised phone number *and* the
folded name, or the same folded name *and* the same email. Neither a shared email nor a
shared phone is enough alone: a family often uses one address, or one phone, for everyone,
and matching on it would skip a new person or write them over their mother's record. A row
that shares only the phone is added as a new person with a warning, and the app's review of
possible duplicates (``services.volunteers.find_duplicates``, which does pair same-phone
records) is where a person decides.

One addition for imports: a row with a name but neither phone nor email (a typed-up paper
sheet) is the same person as a record with that name and no phone or email either;
otherwise importing such a sheet twice would add everyone twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from rallyorg.domain.text import fold_cached

Ref = TypeVar("Ref")

PHONE = "phone"
NAME_EMAIL = "name_email"
BARE_NAME = "bare_name"


@dataclass(frozen=True)
class Match(Generic[Ref]):
    ref: Ref
    reason: str  # PHONE, NAME_EMAIL or BARE_NAME


@dataclass
class PersonIndex(Generic[Ref]):
    """People by phone and by (folded name, email); ``ref`` is whatever names a person to the
    caller: a database id, or the line of the file where the person first appeared."""

    by_phone: dict[str, list[tuple[Ref, str]]] = field(default_factory=dict)  # phone -> (ref, name)
    by_name_email: dict[tuple[str, str], Ref] = field(default_factory=dict)
    by_bare_name: dict[str, Ref] = field(default_factory=dict)

    def add(self, ref: Ref, phone: str, name_key: str, email: str) -> None:
        # The first one wins: later records with the same key are that person's duplicates.
        if phone:
            sharing = self.by_phone.setdefault(phone, [])
            if all(name != name_key for _ref, name in sharing):
                sharing.append((ref, name_key))
        if email and name_key:
            self.by_name_email.setdefault((name_key, email.casefold()), ref)
        if not phone and not email and name_key:
            self.by_bare_name.setdefault(name_key, ref)

    def find(self, phone: str, name_key: str, email: str) -> list[Match[Ref]]:
        """Distinct people this one matches, phone matches first."""
        found: list[Match[Ref]] = []
        for ref, name in self.by_phone.get(phone, []) if phone else []:
            if name == name_key:
                found.append(Match(ref, PHONE))
        if email and name_key:
            same = self.by_name_email.get((name_key, email.casefold()))
            if same is not None and all(m.ref != same for m in found):
                found.append(Match(same, NAME_EMAIL))
        if not phone and not email and name_key in self.by_bare_name:
            found.append(Match(self.by_bare_name[name_key], BARE_NAME))
        return found

    def sharing_phone(self, phone: str, name_key: str) -> list[Ref]:
        """Other people with this phone number (a family's landline, say)."""
        return [ref for ref, name in self.by_phone.get(phone, []) if name != name_key] if phone else []

    def only_owner_of(self, phone: str) -> Ref | None:
        """The one person with this phone number, if exactly one has it."""
        owners = self.by_phone.get(phone, [])
        return owners[0][0] if len(owners) == 1 else None


_NON_ASCII_WINS = ("given_name", "family_name", "name", "city")


def _accents(text: str) -> int:
    return sum(1 for ch in text if ord(ch) > 127)


def update_changes(
    current: Mapping[str, object],
    incoming: Mapping[str, object],
    provided: Iterable[str],
) -> dict[str, object]:
    """The columns an import's update really changes, with their new values.

    Only columns the file gave are touched (an empty cell never erases anything); lists
    (languages, skills) are united rather than replaced; "do not contact" can be switched
    on by an import but never off, and it switches the may-contact flags off; a name that
    differs only in accents or case keeps the spelling with more accents, because exports
    from other tools often lose them. Derived columns (search text, name key) are the
    caller's to recompute from the result.
    """
    changes: dict[str, object] = {}
    final_dnc = bool(current.get("do_not_contact")) or bool(
        "do_not_contact" in provided and incoming.get("do_not_contact")
    )
    for column in provided:
        if column not in incoming:
            continue
        old, new = current.get(column), incoming[column]
        if isinstance(old, list) and isinstance(new, list):
            new = old + [code for code in new if code not in old]
        elif column == "do_not_contact":
            new = final_dnc
        elif (
            column in _NON_ASCII_WINS
            and isinstance(old, str)
            and isinstance(new, str)
            and new != old  # the same text needs no choosing (a re-import: nearly every name)
            and _same_letters(old, new)
        ):
            new = old if _accents(old) >= _accents(new) else new
        if column.startswith("may_") and column != "may_share" and final_dnc:
            new = False
        if new != old:
            changes[column] = new
    if final_dnc and not current.get("do_not_contact"):
        for flag in ("may_email", "may_text", "may_call"):
            if current.get(flag):
                changes[flag] = False
    return changes


def _same_letters(first: str, second: str) -> bool:
    return fold_cached(first) == fold_cached(second)  # names and cities: they repeat
