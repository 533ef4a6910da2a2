"""What the Shifts tab says about the waitlist: exactly what will happen before a
cancellation, and exactly what did after any change (who moved up, or why nobody did).

A shift that is over never moves its waitlist up (``domain.shifts.is_over``); saying "the
first person on the waitlist gets the place" there was false."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.shifts import ShiftData, SignUpChange, SignUpData
from rallyorg.i18n import _, ngettext


def cancel_question(signup: SignUpData, shift: ShiftData, now: dt.datetime) -> str:
    """The question before cancelling ``signup``, saying what will happen to its place."""
    name, role = signup.volunteer_name, shift.role
    if signup.status == SignUpStatus.WAITLISTED:
        return _("Take {name} off the waitlist for {role}?").format(name=name, role=role)
    question = _("Cancel the sign-up of {name} for {role}?").format(name=name, role=role)
    if not signup.status.holds_a_place:
        return question
    waiting = shift.waiting()
    if not waiting:
        outcome = _("Nobody is on the waitlist, so the place will stay free.")
    elif shift.is_over(now):
        outcome = _("The shift is over, so nobody will move up from the waitlist.")
    else:
        outcome = _("{name} is first on the waitlist and will get the place.").format(
            name=waiting[0].volunteer_name
        )
    return f"{question} {outcome}"


def cancel_outcome(change: SignUpChange, role: str) -> str:
    """What a cancellation did, in words."""
    said = _("Sign-up of {name} cancelled.").format(name=change.cancelled.volunteer_name)
    if change.promotions:
        return f"{said} {promotion_sentence(change.promotions, role)}"
    if not change.freed_a_place:
        return said
    if change.still_waiting and change.shift_over:
        return f"{said} " + _("Nobody moved up from the waitlist: the shift is over.")
    if not change.still_waiting:
        return f"{said} " + _("Nobody is on the waitlist, so the place is free.")
    return said


def promotion_sentence(promoted: Sequence[SignUpData], role: str) -> str:
    names = ", ".join(s.volunteer_name for s in promoted)
    return ngettext(
        "{names} moved up from the waitlist and has a place on {role}.",
        "{names} moved up from the waitlist and have places on {role}.",
        len(promoted),
    ).format(names=names, role=role)


def promotions_by_shift(promoted: Sequence[SignUpData], roles: Mapping[int, str]) -> str:
    """One sentence per shift whose waitlist moved up ("" when none did)."""
    shift_ids = list(dict.fromkeys(s.shift_id for s in promoted))
    return " ".join(
        promotion_sentence([s for s in promoted if s.shift_id == shift_id], roles.get(shift_id, ""))
        for shift_id in shift_ids
    )
