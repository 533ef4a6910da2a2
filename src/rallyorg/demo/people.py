"""The sample coalition's volunteers: a few hundred fictional people from every community the
coalition organises in, with the untidiness of real sign-up sheets.

Planted on purpose, so the features that deal with real-world data have something to show:
several José/Jose and Gonçalves (accent-insensitive search), two families who share one email
address (two people, *not* duplicates), and three people who signed up twice with the same
phone number written differently (likely duplicates to review and merge).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from rallyorg.demo.groups import GroupPlan
from rallyorg.demo.names import HOME_LANGUAGE, Background, EmailBook, PhoneBook, random_name
from rallyorg.domain.enums import Skill
from rallyorg.domain.volunteers import VolunteerInput

SOURCES = ("paper sign-up", "Google Form", "Mobilize", "walk-in")
_SOURCE_WEIGHTS = (35, 30, 20, 15)

_BACKGROUND_WEIGHTS: dict[Background, int] = {
    Background.LATINO: 45,
    Background.BRAZILIAN: 25,
    Background.HAITIAN: 9,
    Background.ANGLO: 14,
    Background.POLISH: 2,
    Background.VIETNAMESE: 1,
    Background.INDIAN: 1,
    Background.GHANAIAN: 1,
    Background.ARAB: 1,
    Background.UKRAINIAN: 1,
    Background.WEST_AFRICAN: 1,
}

_ALL_TOWNS = (
    "Danbury", "Hartford", "New Haven", "Bridgeport", "Stamford", "Waterbury", "Norwalk",
    "New Britain", "Meriden", "Norwich", "New London", "Bristol",
)  # fmt: skip
_TOWNS: dict[Background, dict[str, int]] = {
    Background.LATINO: {
        "Danbury": 7, "Hartford": 5, "New Haven": 5, "Bridgeport": 5, "Stamford": 3, "Waterbury": 5,
        "Norwalk": 3, "New Britain": 3, "Meriden": 3, "Norwich": 1, "New London": 2, "Bristol": 1,
    },
    Background.BRAZILIAN: {
        "Danbury": 12, "Bridgeport": 3, "Stamford": 2, "Waterbury": 2, "Norwalk": 2, "New Haven": 1,
    },
    Background.HAITIAN: {
        "Stamford": 4, "Norwich": 3, "Hartford": 2, "New Haven": 2, "Bridgeport": 2, "Norwalk": 1,
    },
    Background.POLISH: {"New Britain": 4, "Bristol": 1},
    Background.VIETNAMESE: {"Norwich": 2, "Hartford": 1},
    Background.UKRAINIAN: {"New Britain": 2, "Hartford": 1},
}  # fmt: skip

_SKILL_WEIGHTS: dict[Skill, int] = {
    Skill.MARSHAL: 30,
    Skill.SIGN_IN_DESK: 25,
    Skill.SETUP: 25,
    Skill.DRIVER: 12,
    Skill.SOCIAL_MEDIA: 10,
    Skill.OTHER: 8,
    Skill.MEDIC: 4,
}

_NOTES = (
    "Prefers texts in Spanish.",
    "Can drive up to 6 people; has a minivan.",
    "Available weekends only.",
    "Works nights: mornings are hard.",
    "Certified medical interpreter.",
    "Needs a chair: cannot stand for long.",
    "Prefere WhatsApp.",
    "Puede traer a sus dos hijos adolescentes como voluntarios.",
    "EMT; volunteers with the fire department.",
    "Met at the May Day march; wants to help with the youth group.",
)


@dataclass(frozen=True)
class VolunteerPlan:
    """One volunteer to create; ``group`` names their partner group (looked up when loading)."""

    person: VolunteerInput
    group: str | None = None


def _languages(rng: random.Random, background: Background) -> tuple[str, ...]:
    home = HOME_LANGUAGE[background]
    languages = [home]
    if home != "en" and rng.random() < {"es": 0.65, "pt_BR": 0.5, "ht": 0.7}.get(home, 0.8):
        languages.append("en")
    if background == Background.LATINO and rng.random() < 0.05:
        languages.append(rng.choice(("quc", "mam", "qu")))
    if background == Background.BRAZILIAN and rng.random() < 0.15:
        languages.append("es")
    if background == Background.HAITIAN and rng.random() < 0.4:
        languages.append("fr")
    if background == Background.ANGLO:
        if rng.random() < 0.2:
            languages.append("es")
        elif rng.random() < 0.04:
            languages.append("pt_BR")
    return tuple(languages)


def _skills(rng: random.Random, languages: Sequence[str]) -> tuple[Skill, ...]:
    skills: list[Skill] = []
    for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3))):
        skill = rng.choices(list(_SKILL_WEIGHTS), weights=list(_SKILL_WEIGHTS.values()))[0]
        if skill not in skills:
            skills.append(skill)
    if "en" in languages and len(languages) > 1 and rng.random() < 0.45:
        skills.append(Skill.INTERPRETER)
    return tuple(skills)


def _group_for(
    rng: random.Random, city: str, languages: Sequence[str], groups: Sequence[GroupPlan]
) -> str | None:
    if rng.random() < 0.45:
        return None
    nearby = [
        plan.group.name
        for plan in groups
        if plan.group.city == city and plan.group.active and set(plan.group.languages) & set(languages)
    ]
    return rng.choice(nearby) if nearby else None


def _random_volunteer(
    rng: random.Random, groups: Sequence[GroupPlan], emails: EmailBook, phones: PhoneBook
) -> VolunteerPlan:
    background = rng.choices(list(_BACKGROUND_WEIGHTS), weights=list(_BACKGROUND_WEIGHTS.values()))[0]
    given, family = random_name(rng, background)
    towns = _TOWNS.get(background, dict.fromkeys(_ALL_TOWNS, 1))
    city = rng.choices(list(towns), weights=list(towns.values()))[0]
    languages = _languages(rng, background)
    source = rng.choices(SOURCES, weights=_SOURCE_WEIGHTS)[0]
    has_email = rng.random() < (0.6 if source in ("paper sign-up", "walk-in") else 0.97)
    email = emails.for_person(given, family) if has_email else ""
    phone = phones.take() if rng.random() < 0.75 else ""
    do_not_contact = rng.random() < 0.05
    person = VolunteerInput(
        given_name=given,
        family_name=family,
        email=email,
        phone=phone,
        languages=languages,
        skills=_skills(rng, languages),
        city=city,
        may_email=bool(email) and rng.random() < 0.75,
        may_text=bool(phone) and rng.random() < 0.65,
        may_call=bool(phone) and rng.random() < 0.3,
        do_not_contact=do_not_contact,
        may_share=not do_not_contact and rng.random() < 0.35,
        source=source,
        notes=rng.choice(_NOTES) if rng.random() < 0.1 else "",
    )
    return VolunteerPlan(person, _group_for(rng, city, languages, groups))


def _person(
    given: str,
    family: str,
    city: str,
    languages: tuple[str, ...],
    *,
    email: str = "",
    phone: str = "",
    skills: tuple[Skill, ...] = (),
    source: str = "",
    group: str | None = None,
    notes: str = "",
) -> VolunteerPlan:
    person = VolunteerInput(
        given_name=given,
        family_name=family,
        email=email,
        phone=phone,
        languages=languages,
        skills=skills,
        city=city,
        may_email=bool(email),
        may_text=bool(phone),
        source=source,
        notes=notes,
    )
    return VolunteerPlan(person, group)


def planted_volunteers(emails: EmailBook, phones: PhoneBook) -> list[VolunteerPlan]:
    """The people the demo's search and duplicate-review screens are shown with.

    Call before anything else deals phone numbers or emails, so the planted ones are still free.
    """
    interpreter, marshal, desk = Skill.INTERPRETER, Skill.MARSHAL, Skill.SIGN_IN_DESK
    souza = emails.reserve("familia.souza@example.com")
    pena = emails.reserve("pena.familia@example.org")
    return [
        # The same person twice: a paper sheet and a Google Form, one phone written two ways.
        _person("José", "Núñez", "Danbury", ("es",), phone=phones.reserve("(203) 555-0142"),
                skills=(marshal,), source="paper sign-up", group="Comité de Padres Latinos de Danbury"),
        _person("Jose", "Nunez", "Danbury", ("es", "en"), phone="203.555.0142",
                email=emails.reserve("jose.nunez@example.com"), source="Google Form"),
        _person("Conceição", "Gonçalves", "Danbury", ("pt_BR", "en"), phone=phones.reserve("(475) 555-0117"),
                email=emails.reserve("conceicao.goncalves@example.org"), skills=(interpreter, desk),
                source="Mobilize", group="Igreja Batista Brasileira de Danbury"),
        _person("Conceicao", "Goncalves", "Danbury", ("pt_BR",), phone="+1 475 555 0117",
                source="paper sign-up"),
        _person("Widline", "Pierre", "Stamford", ("ht", "en", "fr"), phone=phones.reserve("860-555-0163"),
                skills=(interpreter,), source="Google Form",
                email=emails.reserve("widline.pierre@example.org")),
        _person("Widline", "Pierre-Louis", "Stamford", ("ht", "en"), phone="(860) 555-0163",
                source="walk-in"),
        # Families sharing one address: different people, never to be merged.
        _person("Ana", "Souza", "Danbury", ("pt_BR", "en"), email=souza, phone=phones.take(),
                skills=(desk,), source="Mobilize"),
        _person("Pedro", "Souza", "Danbury", ("pt_BR",), email=souza, skills=(Skill.SETUP,),
                source="Mobilize"),
        _person("Rosa", "Peña", "Waterbury", ("es",), email=pena, phone=phones.take(), source="paper sign-up",
                group="Casa Hondureña del Valle"),
        _person("Wilmer", "Peña", "Waterbury", ("es", "en"), email=pena, skills=(Skill.DRIVER, marshal),
                source="paper sign-up"),
        _person("Yadira", "Peña Cruz", "Waterbury", ("es", "en"), email=pena, skills=(interpreter,),
                source="Google Form"),
        # More accented names, for search to find however they are typed.
        _person("José", "Gonçalves", "Bridgeport", ("pt_BR", "es", "en"), skills=(interpreter, Skill.DRIVER),
                email=emails.reserve("ze.goncalves@example.com"), source="Mobilize"),
        _person("João", "Gonçalves", "Danbury", ("pt_BR",), phone=phones.take(), source="walk-in"),
        _person("Lúcia", "Gonçalves Pereira", "Norwalk", ("pt_BR", "en"),
                skills=(interpreter, Skill.SOCIAL_MEDIA), email=emails.reserve("lucia.gpereira@example.org"),
                source="Google Form"),
        _person("José Luis", "Peña", "New Haven", ("es", "en"), skills=(Skill.MEDIC,),
                email=emails.reserve("joseluis.pena@example.com"), source="Mobilize"),
        _person("Jose", "Ramírez", "Hartford", ("es",), phone=phones.take(), source="paper sign-up",
                notes="Wrote his name without the accent on the sheet."),
        _person("María José", "Ibáñez", "Meriden", ("es", "en"), skills=(interpreter, desk),
                email=emails.reserve("mariajose.ibanez@example.org"), source="Google Form"),
        _person("Estéfani", "Müller Núñez", "Stamford", ("es", "en"), skills=(marshal,),
                email=emails.reserve("estefani.muller@example.com"), source="Mobilize"),
    ]  # fmt: skip


def plan_volunteers(
    rng: random.Random,
    groups: Sequence[GroupPlan],
    emails: EmailBook,
    phones: PhoneBook,
    *,
    planted: Sequence[VolunteerPlan],
    count: int,
) -> list[VolunteerPlan]:
    """``count`` volunteers: the ``planted`` ones spread among randomly generated ones."""
    people = [_random_volunteer(rng, groups, emails, phones) for _ in range(count - len(planted))]
    for plan in planted:
        people.insert(rng.randrange(len(people) + 1), plan)
    return people
