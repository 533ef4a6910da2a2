"""A volunteer as a form or an import row gives it (VolunteerInput), and the rules that turn it
into clean column values (prepare_volunteer) — shared by the volunteer service and imports."""

from __future__ import annotations

from dataclasses import dataclass

from rallyorg.domain import validation as v
from rallyorg.domain.enums import Skill
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.text import volunteer_keys
from rallyorg.i18n import N_


@dataclass(frozen=True)
class VolunteerInput:
    given_name: str
    family_name: str = ""
    email: str = ""
    phone: str = ""
    languages: tuple[str, ...] = ()
    skills: tuple[Skill, ...] = ()
    city: str = ""
    group_id: int | None = None
    may_email: bool = False
    may_text: bool = False
    may_call: bool = False
    do_not_contact: bool = False
    may_share: bool = False
    source: str = ""
    notes: str = ""


def prepare_volunteer(data: VolunteerInput, *, contacts_normalised: bool = False) -> dict[str, object]:
    """Validated, normalised column values for a volunteer (also used by bulk loads).

    ``contacts_normalised``: the email and phone are already what ``normalise_email`` and
    ``normalise_phone`` returned (an import checks them first, to turn a bad one into a
    warning); checking them twice was a third of a 100,000-row import's time."""
    given = v.required_text("given_name", data.given_name, max_length=100)
    family = v.limited_text("family_name", data.family_name, max_length=100)
    if contacts_normalised:
        email, phone = data.email, data.phone
    else:
        email = v.normalise_email("email", data.email)
        phone = v.normalise_phone("phone", data.phone)
    city = v.limited_text("city", data.city, max_length=100)
    skills = []
    for skill in data.skills:
        try:
            skills.append(Skill(skill).value)
        except ValueError as error:
            raise ValidationError("skills", N_("Unknown skill: {value}"), value=skill) from error
    return {
        "given_name": given,
        "family_name": family,
        "email": email,
        "phone": phone,
        # In the person's order (the first is the one they are written to in), as stored.
        "languages": v.language_codes("languages", list(data.languages)),
        "skills": sorted(set(skills)),
        "city": city,
        "group_id": data.group_id,
        "may_email": data.may_email and not data.do_not_contact,
        "may_text": data.may_text and not data.do_not_contact,
        "may_call": data.may_call and not data.do_not_contact,
        "do_not_contact": data.do_not_contact,
        "may_share": data.may_share,
        "source": v.limited_text("source", data.source, max_length=100),
        "notes": v.limited_text("notes", data.notes, max_length=10_000, multiline=True),
        **volunteer_keys(given, family, email, phone, city),
    }
