"""The sample coalition's partner groups and their contacts (all fictional).

A statewide Connecticut immigrant-rights coalition: churches, unions, hometown associations,
student clubs, legal clinics, health promoters and a community radio, named in English,
Spanish, Portuguese and Haitian Creole the way such groups really name themselves. Any
resemblance to a real organisation is accidental.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from rallyorg.demo.names import Background, EmailBook, PhoneBook, random_name
from rallyorg.domain.enums import PartnerKind
from rallyorg.domain.text import fold
from rallyorg.services.partners import ContactInput, PartnerGroupInput

# One group a line: name | kind | city | languages | tags | member since (year, or - for not yet).
_GROUP_TABLE = """
Nutmeg State Immigrant Coalition | advocacy | Hartford | en es pt_BR | trust-act policy hub | 2012
Iglesia Pentecostal Nueva Vida | faith | Danbury | es en | faith sanctuary trust-act | 2014
Igreja Batista Brasileira de Danbury | faith | Danbury | pt_BR en | faith know-your-rights | 2015
Parroquia Santa María de la Esperanza | faith | New Haven | es en | faith sanctuary | 2013
Igreja Assembleia de Deus Ministério Esperança | faith | Danbury | pt_BR | faith family-unity | 2017
Primera Iglesia Bautista Hispana de Waterbury | faith | Waterbury | es | faith | 2016
Église Baptiste Haïtienne Bon Berger | faith | Stamford | ht fr en | faith family-unity | 2018
Congregation Or Chadash Social Justice Committee | faith | New Haven | en | faith sanctuary | 2013
Hillside Congregational Church Accompaniment Team | faith | Bristol | en | faith accompaniment | 2019
Masjid Al-Nur Community Outreach | faith | New Britain | en ar | faith know-your-rights | 2020
Riverside Unitarian Fellowship | faith | Norwalk | en | faith sanctuary | 2014
Comunidad Católica Guadalupana de Norwich | faith | Norwich | es en | faith youth | 2021
Igreja Presbiteriana Brasileira Vida Nova | faith | Bridgeport | pt_BR en | faith | 2019
Ministerio Cristiano Fuente de Agua Viva | faith | Meriden | es | faith family-unity | -
Service & Care Workers Union Local 3120 | union | Hartford | en es ht pt_BR | labor healthcare | 2012
Construction Laborers Local 817 | union | New Haven | en es pt_BR | labor wage-theft | 2015
Landscape & Nursery Workers United CT | union | Stamford | es en | labor wage-theft | 2018
Hospitality Workers Local 2177 | union | New Haven | en es | labor may-day | 2013
School Bus Drivers & Monitors Local 509 | union | Waterbury | en es | labor youth | 2020
Connecticut Educators for Immigrant Students | union | Hartford | en es | education youth | 2016
Building Service Workers Local 610 | union | Stamford | en es pt_BR | labor may-day | 2014
Nurses & Health Professionals Local 4190 | union | Norwich | en ht | labor healthcare | 2019
Comité de Padres Latinos de Danbury | community | Danbury | es en | education youth trust-act | 2013
Casa Hondureña del Valle | community | Waterbury | es | family-unity | 2017
Associação Comunitária Brasil-Connecticut | community | Danbury | pt_BR en | know-your-rights | 2012
Asociación Cultural Ecuatoriana Chimborazo | community | Danbury | es qu | culture trust-act | 2014
Sant Kominote Ayisyen Lakay | community | Stamford | ht fr en | family-unity tps | 2016
Red Maya Guatemalteca de New Haven | community | New Haven | es quc mam | know-your-rights | 2018
Vecinos Unidos de Fair Haven | community | New Haven | es en | rapid-response | 2015
Mães Brasileiras em Ação | community | Bridgeport | pt_BR | family-unity healthcare | 2021
Asociación Peruana Inca de Norwalk | community | Norwalk | es | culture | 2019
Mujeres Adelante New Britain | community | New Britain | es en | women know-your-rights | 2016
Klub Polonia New Britain | community | New Britain | pl en | culture | 2022
Colombianos Unidos de Meriden | community | Meriden | es | culture family-unity | 2020
Whaling City Neighbors for Immigrant Families | community | New London | en es | rapid-response | 2017
Bristol Welcome Circle | community | Bristol | en | accompaniment | 2023
Norwich Asian American Families Network | community | Norwich | en zh vi | education | 2022
Danbury Rapid Response Network | advocacy | Danbury | en es pt_BR | rapid-response know-your-rights | 2017
Elm City Accompaniment Network | advocacy | New Haven | en es | accompaniment sanctuary | 2014
Bridgeport Immigrant Justice Action | advocacy | Bridgeport | en es pt_BR | trust-act rapid-response | 2016
Families Together Not Apart CT | advocacy | Stamford | en es ht | family-unity | 2018
Cover All Kids CT Campaign | advocacy | Hartford | en es pt_BR | healthcare youth | 2021
Fairfield County Voter Engagement Project | advocacy | Norwalk | en es | voter-engagement | 2020
Waterbury Workers' Rights Center | advocacy | Waterbury | es en pt_BR | wage-theft labor | 2015
Meriden Welcoming City Committee | advocacy | Meriden | en es | trust-act | 2019
Jóvenes Soñadores de Danbury | student | Danbury | es en | youth education | 2018
UndocuScholars of the Valley | student | Waterbury | en es | youth education | 2019
Elm City Student Sanctuary Collective | student | New Haven | en es | youth sanctuary | 2017
Students for Health Justice – Hartford | student | Hartford | en | youth healthcare | 2022
Juventude Brasileira Unida | student | Danbury | pt_BR en | youth | 2020
Stamford Youth for Immigrant Rights | student | Stamford | en es ht | youth know-your-rights | 2021
Thames Valley Student Organizers | student | New London | en | youth | 2023
Clínica Legal Comunitaria del Valle | legal_aid | Waterbury | es en | legal know-your-rights | 2014
Fairfield County Immigrant Defense Clinic | legal_aid | Bridgeport | en es pt_BR | legal rapid-response | 2016
Hartford Community Law Collective | legal_aid | Hartford | en es | legal | 2015
New Haven Pro Bono Immigration Panel | legal_aid | New Haven | en es ht | legal know-your-rights | 2013
Assistência Jurídica ao Imigrante Brasileiro | legal_aid | Danbury | pt_BR en | legal | 2018
Clínica de Salud Comunitaria La Esperanza | health | Danbury | es en pt_BR | healthcare | 2015
Elm City Street Medics | health | New Haven | en es | healthcare medics | 2016
Promotoras de Salud de Bridgeport | health | Bridgeport | es | healthcare | 2017
Sante Pou Tout Norwich | health | Norwich | ht en | healthcare | 2020
Acompañantes de Salud Mental | health | Hartford | es en | mental-health | 2022
Radio Comunitaria La Voz del Valle | other | Waterbury | es | media | 2014
Liga de Fútbol Amistad | other | Danbury | es pt_BR | sports youth | 2019
Despensa Solidaria de Bridgeport | other | Bridgeport | es en | food | 2020
Coletivo Muralistas do Vale | other | Danbury | pt_BR | art | -
Centro de Trabajadores de Norwalk | other | Norwalk | es en | labor wage-theft | 2016
"""

_NOTES = {
    "Iglesia Pentecostal Nueva Vida": "Fellowship hall available for vigils; ask Pastora before Sunday.",
    "Igreja Batista Brasileira de Danbury": "Prefers WhatsApp for urgent calls. The youth band plays "
    "at rallies.",
    "Service & Care Workers Union Local 3120": "Can lend the sound truck with two days' notice.",
    "Elm City Street Medics": "Trained medic teams of two; need the route a week ahead.",
    "Danbury Rapid Response Network": "Runs the 24-hour hotline; never share volunteer lists with them "
    "without consent.",
    "Radio Comunitaria La Voz del Valle": "Live coverage on Saturday mornings; send PSAs in Spanish.",
    "Coletivo Muralistas do Vale": "New contact from the May Day march; membership not confirmed yet.",
}

# Groups that stopped meeting: kept for history, shown as inactive.
_INACTIVE = {"Bristol Welcome Circle", "Klub Polonia New Britain"}

_ROLES = {
    PartnerKind.FAITH: ("Pastor", "Pastora", "Deacon", "Social justice chair", "Youth minister"),
    PartnerKind.UNION: ("Organizer", "Shop steward", "Political director", "Secretary-treasurer"),
    PartnerKind.COMMUNITY: ("President", "Secretary", "Volunteer coordinator", "Treasurer"),
    PartnerKind.ADVOCACY: ("Executive director", "Organizer", "Communications", "Policy lead"),
    PartnerKind.STUDENT: ("Club president", "Faculty advisor", "Outreach chair"),
    PartnerKind.LEGAL_AID: ("Staff attorney", "Paralegal", "Clinic director"),
    PartnerKind.HEALTH: ("Promotora", "Medical director", "Outreach nurse", "Coordinator"),
    PartnerKind.OTHER: ("Director", "Coordinator", "Host"),
}


@dataclass(frozen=True)
class GroupPlan:
    """One partner group to create (or reuse) and the contacts to give it."""

    group: PartnerGroupInput
    contacts: tuple[ContactInput, ...]


_BACKGROUND_OF_LANGUAGE = {
    "es": Background.LATINO,
    "pt_BR": Background.BRAZILIAN,
    "ht": Background.HAITIAN,
    "pl": Background.POLISH,
    "vi": Background.VIETNAMESE,
    "ar": Background.ARAB,
}
# English-speaking groups have members of every background.
_ENGLISH_SPEAKERS = (Background.ANGLO,) * 4 + (Background.LATINO, Background.GHANAIAN, Background.INDIAN)


def _background(languages: tuple[str, ...], rng: random.Random) -> Background:
    """Who a contact probably is, from the group's languages (the first one counts double)."""
    candidates = [_BACKGROUND_OF_LANGUAGE[code] for code in languages if code in _BACKGROUND_OF_LANGUAGE]
    if candidates:
        candidates.append(candidates[0])
    if "en" in languages or not candidates:
        candidates.append(rng.choice(_ENGLISH_SPEAKERS))
    return rng.choice(candidates)


def _preferred_language(background: Background, rng: random.Random) -> str:
    native = {Background.LATINO: "es", Background.BRAZILIAN: "pt_BR"}.get(background)
    return native if native and rng.random() < 0.7 else "en"


def _contacts(
    rng: random.Random, kind: PartnerKind, languages: tuple[str, ...], emails: EmailBook, phones: PhoneBook
) -> tuple[ContactInput, ...]:
    contacts = []
    for index in range(rng.choice((1, 1, 2, 2, 2, 3))):
        background = _background(languages, rng)
        given, family = random_name(rng, background)
        do_not_contact = index > 0 and rng.random() < 0.2
        contacts.append(
            ContactInput(
                name=f"{given} {family}",
                role=rng.choice(_ROLES[kind]),
                email=emails.for_person(given, family) if rng.random() < 0.9 else "",
                phone=phones.take() if rng.random() < 0.55 else "",
                preferred_language=_preferred_language(background, rng),
                is_primary=index == 0,
                do_not_contact=do_not_contact,
                may_share=not do_not_contact and rng.random() < 0.45,
            )
        )
    return tuple(contacts)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def plan_groups(rng: random.Random, emails: EmailBook, phones: PhoneBook) -> list[GroupPlan]:
    plans = []
    for line in _GROUP_TABLE.strip().splitlines():
        name, kind_code, city, languages_text, tags_text, since = (cell.strip() for cell in line.split("|"))
        kind = PartnerKind(kind_code)
        languages = tuple(languages_text.split())
        member_since = None if since == "-" else dt.date(int(since), rng.randint(1, 12), rng.randint(1, 28))
        group = PartnerGroupInput(
            name=name,
            kind=kind,
            city=city,
            website=f"https://example.org/{_slug(name)}" if rng.random() < 0.7 else "",
            languages=languages,
            tags=tuple(tags_text.split()),
            notes=_NOTES.get(name, ""),
            member_since=member_since,
            active=name not in _INACTIVE,
        )
        plans.append(GroupPlan(group, _contacts(rng, kind, languages, emails, phones)))
    return plans
