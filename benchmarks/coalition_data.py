"""The coalition the benchmarks run on: 10k, 100k or 1M volunteers from a fixed seed, cached.

People have Spanish, Portuguese, Haitian and English names with their accents; households share
a family name, a city and now and then one email; phones are 555 numbers stored E.164, as the
app stores them. Every 50th person (2%) is someone listed just before, entered again: accents
dropped or another case, with the same phone or the same name and email. In proportion to the
volunteers: 2,000 partner groups per 100k (5 contacts each), 1,000 events per 100k (English and
Spanish texts, a venue, a lead group and two co-sponsors, 5 shifts each), one sign-up a person.

A database is built through ``rallyorg.db.open_database`` (migrations, PRAGMAs, the search
index's triggers) and filled with Core bulk ``insert(Model)``. The columns the app computes for
a volunteer (``name_key``, ``sort_name``, ``search_text``…) are computed here from cached folds;
the near-duplicates and every 1,000th person are stored as ``prepare_volunteer`` makes them and
compared with the cheap values: on a difference, every later person goes through it too.

Cached under a key that hashes what decides the files (this generator; the app's migrations,
models.py and domain/text.py): a change to any of them builds the files again.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import random
import sqlite3
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coalition_events import event_rows, group_rows
from coalition_words import (
    CITIES,
    CSV_HEADER,
    CULTURE_WEIGHTS,
    CULTURES,
    DOMAINS,
    FAMILY,
    FAMILY_EMAIL,
    GIVEN,
    LANGUAGE_WORDS,
    LANGUAGES,
    SKILL_WORDS,
    SOURCES,
    folded,
    slug,
)
from sqlalchemy import insert

import rallyorg
from rallyorg.db import open_database
from rallyorg.domain.enums import SignUpStatus, Skill
from rallyorg.domain.volunteers import VolunteerInput, prepare_volunteer
from rallyorg.models import SignUp, Volunteer

GENERATOR_VERSION = 2
SEED = 20_250_520
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
DUPLICATE_EVERY = 50  # every 50th person is one of the 49 before, entered again: 2%
CHUNK = 50_000  # people generated, inserted and written per step (a multiple of DUPLICATE_EVERY)
CHECK_EVERY = 1_000  # every 1,000th person is also prepared by the app and compared
SKILLS = [skill.value for skill in Skill]
CT_AREA_CODES = (203, 475, 860, 959)

Rows = list[dict[str, object]]


@dataclass(frozen=True)
class Coalition:
    """One size's cached files: the database, the same people as an import file, and a migrated
    database with no rows (what an import starts from)."""

    label: str
    volunteers: int
    database: Path
    csv: Path
    empty: Path

    @property
    def groups(self) -> int:
        return self.volunteers * 2 // 100

    @property
    def contacts(self) -> int:
        return self.groups * 5

    @property
    def events(self) -> int:
        return self.volunteers // 100

    @property
    def shifts(self) -> int:
        return self.events * 5


@dataclass(slots=True)
class Person:
    given: str
    family: str
    email: str
    phone: str  # E.164
    city: str
    languages: list[str]
    skills: list[str]
    group_id: int | None
    may_email: bool
    may_text: bool
    may_call: bool
    do_not_contact: bool
    may_share: bool
    source: str


# --- the cache --------------------------------------------------------------------------------------


def cache_key() -> str:
    """A hash of what decides the files: this generator and the app's schema and text rules."""
    package = Path(rallyorg.__file__).parent
    digest = hashlib.sha256(str(GENERATOR_VERSION).encode())
    sources = [
        *sorted((package / "migrations" / "versions").glob("*.py")),
        package / "models.py",
        package / "domain" / "text.py",
        *sorted(Path(__file__).parent.glob("coalition_[dew]*.py")),  # data, events, words
    ]
    for path in sources:
        digest.update(path.read_bytes())
    return f"g{GENERATOR_VERSION}-{digest.hexdigest()[:10]}"


def coalition(label: str, cache: Path, progress: Callable[[str], None]) -> Coalition:
    """The cached coalition of ``label`` (10k, 100k, 1m), generated first if it is not there;
    files of an older key are removed (a 1M database is over a gigabyte)."""
    key = cache_key()
    cache.mkdir(parents=True, exist_ok=True)
    stem = f"coalition-{label}-{key}"
    found = Coalition(
        label, SIZES[label], cache / f"{stem}.sqlite3", cache / f"{stem}.csv", cache / f"empty-{key}.sqlite3"
    )
    for stale in (*cache.glob(f"coalition-{label}-*"), *cache.glob("empty-*")):
        if key not in stale.name:
            stale.unlink()
    if not found.empty.exists():
        scratch = found.empty.with_name(found.empty.name + ".part")
        scratch.unlink(missing_ok=True)
        open_database(f"sqlite:///{scratch}").close()
        checkpoint(scratch)
        scratch.rename(found.empty)
    if not (found.database.exists() and found.csv.exists()):
        progress(f"generating the {label} coalition into {cache} (once: cached under key {key})")
        Generator(found, progress).run()
    return found


def checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file, so that the file alone is the whole database."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


# --- a volunteer's values ---------------------------------------------------------------------------


def without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@functools.cache
def area_codes() -> list[int]:
    """Connecticut's, then every other area code where 555 numbers are valid."""
    import phonenumbers

    def valid(area: int) -> bool:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(f"+1{area}5550100", "US")))

    return [*CT_AREA_CODES, *(a for a in range(201, 990) if a not in CT_AREA_CODES and valid(a))]


def phone_number(index: int) -> str:
    """The ``index``-th 555 number, E.164: +12035550000, +12035550001…"""
    return f"+1{area_codes()[index // 10_000]}555{index % 10_000:04d}"


def contact_phone(contact_id: int) -> str:
    return phone_number(3_000_000 + contact_id)  # far from the volunteers' numbers


def stored_columns(person: Person) -> dict[str, object]:
    """What ``prepare_volunteer`` stores for ``person``, from cached folds (checked against it)."""
    given, family, dnc = folded(person.given), folded(person.family), person.do_not_contact
    return {
        "given_name": person.given,
        "family_name": person.family,
        "email": person.email,
        "phone": person.phone,
        "languages": person.languages,
        "skills": person.skills,
        "city": person.city,
        "group_id": person.group_id,
        "may_email": person.may_email and not dnc,
        "may_text": person.may_text and not dnc,
        "may_call": person.may_call and not dnc,
        "do_not_contact": dnc,
        "may_share": person.may_share,
        "source": person.source,
        "notes": "",
        "name_key": " ".join(p for p in (given, family) if p),
        "sort_name": " ".join(p for p in (family, given) if p),
        "search_text": " ".join(
            p for p in (given, family, person.email, person.phone, folded(person.city)) if p
        ),
    }


def prepared_by_app(person: Person) -> dict[str, object]:
    return prepare_volunteer(
        VolunteerInput(
            given_name=person.given,
            family_name=person.family,
            email=person.email,
            phone=person.phone,
            languages=tuple(person.languages),
            skills=tuple(Skill(s) for s in person.skills),
            city=person.city,
            group_id=person.group_id,
            may_email=person.may_email,
            may_text=person.may_text,
            may_call=person.may_call,
            do_not_contact=person.do_not_contact,
            may_share=person.may_share,
            source=person.source,
        )
    )


def csv_row(person: Person) -> list[str]:
    """The person as a sign-up form's export writes them: a national phone, words, Yes/No."""
    phone = person.phone
    national = f"({phone[2:5]}) {phone[5:8]}-{phone[8:]}" if phone else ""
    flags = (person.may_email, person.may_text, person.may_call, person.do_not_contact, person.may_share)
    return [
        person.given, person.family, person.email, national, person.city,
        ", ".join(LANGUAGE_WORDS[c] for c in person.languages),
        ", ".join(SKILL_WORDS[s] for s in person.skills),
        *("Yes" if flag else "No" for flag in flags), person.source,
    ]  # fmt: skip


# --- the generator ----------------------------------------------------------------------------------


class Generator:
    def __init__(self, target: Coalition, progress: Callable[[str], None]) -> None:
        self.target = target
        self.progress = progress
        self.rng = random.Random(SEED)
        self.exact = False  # every person through prepare_volunteer (the cheap values differed)
        self.phones = 0
        self.checked = 0
        # culture, family name, city, shared email, members, members left, given names taken
        self.household: list[Any] = []

    def run(self) -> None:
        target = self.target
        database = target.database.with_name(target.database.name + ".part")
        table = target.csv.with_name(target.csv.name + ".part")
        for leftover in (database, table, *database.parent.glob(database.name + "-*")):
            leftover.unlink(missing_ok=True)
        db = open_database(f"sqlite:///{database}")
        try:
            with db.transaction() as session:
                groups = group_rows(self.rng, target.groups, contact_phone)
                for model, rows in (*groups, *event_rows(self.rng, target.events, target.groups)):
                    session.execute(insert(model), rows)
            with table.open("w", encoding="utf-8-sig", newline="") as stream:
                writer = csv.writer(stream, lineterminator="\r\n")
                writer.writerow(CSV_HEADER)
                for start in range(0, target.volunteers, CHUNK):
                    people = self.people(start, min(start + CHUNK, target.volunteers))
                    with db.transaction() as session:
                        session.execute(insert(Volunteer), self.volunteer_rows(start, people))
                        session.execute(insert(SignUp), self.signups(start, len(people)))
                    writer.writerows(csv_row(p) for p in people)
                    self.progress(f"  {start + len(people):,} of {target.volunteers:,} volunteers")
        finally:
            db.close()
        checkpoint(database)
        self.progress(f"  {self.checked:,} people also prepared by prepare_volunteer")
        database.rename(target.database)
        table.rename(target.csv)

    # --- volunteers ---
    def people(self, start: int, stop: int) -> list[Person]:
        rng, people = self.rng, list[Person]()
        for index in range(start, stop):
            if index % DUPLICATE_EVERY == DUPLICATE_EVERY - 1:
                people.append(self.near_duplicate(people))
                continue
            if not self.household or self.household[5] == 0:
                culture = rng.choices(CULTURES, CULTURE_WEIGHTS)[0]
                size = rng.choices((1, 2, 3, 4), (78, 12, 7, 3))[0]
                family = rng.choice(FAMILY[culture])
                if culture in ("es", "pt") and rng.random() < 0.15:
                    family = f"{family} {rng.choice(FAMILY[culture])}"  # two family names
                shared = ""
                if size > 1 and rng.random() < 0.6:
                    shared = f"{FAMILY_EMAIL[culture]}.{slug(family)}{index}@{rng.choice(DOMAINS)}"
                self.household = [culture, family, rng.choice(CITIES), shared, size, size, set()]
            culture, family, city, shared, size, left, taken = self.household
            self.household[5] -= 1
            given = rng.choice([name for name in GIVEN[culture] if name not in taken])
            taken.add(given)
            if shared and (left < size or rng.random() < 0.5):
                email = shared  # the first one to fill in the form may have used their own
            elif rng.random() < 0.85:
                email = f"{slug(given)}.{slug(family)}{index}@{rng.choice(DOMAINS)}"
            else:
                email = ""
            people.append(self.person(given, family, email, city, culture))
        return people

    def person(self, given: str, family: str, email: str, city: str, culture: str) -> Person:
        rng = self.rng
        phone = ""
        if rng.random() < 0.75:
            phone, self.phones = phone_number(self.phones), self.phones + 1
        return Person(
            given=given,
            family=family,
            email=email,
            phone=phone,
            city=city,
            languages=list(rng.choice(LANGUAGES[culture])),
            skills=sorted(rng.sample(SKILLS, rng.choice((0, 0, 1, 1, 2)))),
            group_id=rng.randint(1, self.target.groups) if rng.random() < 0.25 else None,
            may_email=bool(email) and rng.random() < 0.7,
            may_text=bool(phone) and rng.random() < 0.5,
            may_call=bool(phone) and rng.random() < 0.3,
            do_not_contact=rng.random() < 0.03,
            may_share=rng.random() < 0.4,
            source=rng.choice(SOURCES),
        )

    def near_duplicate(self, earlier: list[Person]) -> Person:
        """One of the last 49 people again, accents dropped or in another case: with the same
        phone (and no email), or the same email (and no phone)."""
        rng = self.rng
        original = earlier[-rng.randint(1, DUPLICATE_EVERY - 1)]
        name = original.given + original.family
        spellings = (str.upper, str.lower) if without_accents(name) == name else (without_accents, str.upper)
        spell: Callable[[str], str] = rng.choice(spellings)
        by_phone = bool(original.phone) and (not original.email or rng.random() < 0.5)
        return Person(
            given=spell(original.given),
            family=spell(original.family),
            email="" if by_phone else original.email,
            phone=original.phone if by_phone else "",
            city=original.city,
            languages=list(original.languages),
            skills=[],
            group_id=None,
            may_email=False,
            may_text=by_phone,
            may_call=False,
            do_not_contact=original.do_not_contact,
            may_share=False,
            source="walk-in",
        )

    def volunteer_rows(self, start: int, people: list[Person]) -> Rows:
        base, rows = dt.datetime(2024, 1, 1, tzinfo=dt.UTC), []
        for index, person in enumerate(people, start=start):
            if self.exact:
                row = prepared_by_app(person)
            elif index % CHECK_EVERY == 0 or index % DUPLICATE_EVERY == DUPLICATE_EVERY - 1:
                row = prepared_by_app(person)
                self.compare(stored_columns(person), row)
            else:
                row = stored_columns(person)
            created = base + dt.timedelta(minutes=index)
            rows.append({"id": index + 1, "created_at": created, "updated_at": created, **row})
        return rows

    def compare(self, cheap: dict[str, object], app: dict[str, object]) -> None:
        self.checked += 1
        if cheap != app:
            differing = sorted(k for k in cheap.keys() | app.keys() if cheap.get(k) != app.get(k))
            print(
                f"warning: the generator's values differ from prepare_volunteer's in {differing}: "
                "every later person goes through prepare_volunteer (slower). Fix stored_columns().",
                file=sys.stderr,
            )
            self.exact = True

    def signups(self, start: int, count: int) -> Rows:
        rng, statuses = self.rng, list(SignUpStatus)
        weights = {"signed_up": 60, "confirmed": 20, "waitlisted": 5, "cancelled": 5, "attended": 8}
        rows: Rows = []
        for number in range(start + 1, start + count + 1):
            status = rng.choices(statuses, [weights.get(s.value, 2) for s in statuses])[0]
            rows.append(
                {
                    "id": number,
                    "volunteer_id": number,
                    "shift_id": rng.randint(1, self.target.shifts),
                    "status": status,
                    "signed_up_at": dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=number),
                    "hours": 2.0 if status == SignUpStatus.ATTENDED else None,
                }
            )
        return rows
